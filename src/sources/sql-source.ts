// Placeholder until the store/database source lands (issue 4).
import type { LoadedConfig } from '../config.js';
import { UserError } from '../errors.js';
import type { DossierSource } from './source.js';

export type SqlTarget = { kind: 'store'; path?: string } | { kind: 'database'; url: string; table?: string };

export async function openSqlSource(_target: SqlTarget, _config: LoadedConfig): Promise<DossierSource> {
  throw new UserError('chưa có nguồn dữ liệu: dùng --input TỆP');
}
