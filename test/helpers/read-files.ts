// Shared by the reader tests: real files in a temporary folder, read back through readDossierFile.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dossier, Reject } from '../../src/core/types.js';
import { readDossierFile } from '../../src/readers/index.js';
import type { ReadOptions } from '../../src/readers/types.js';
import { tempDir } from './run-hcc.js';

/** A temporary folder to write test files into, removed by cleanup(). */
export function tempFiles(): { dir: string; file(name: string, content: string | Buffer): string; cleanup(): void } {
  const dir = tempDir('hcc-readers-');
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Collected {
  dossiers: (Dossier & { line: number })[];
  rejects: Reject[];
}

export async function collect(path: string, options?: ReadOptions): Promise<Collected> {
  const out: Collected = { dossiers: [], rejects: [] };
  for await (const item of readDossierFile(path, options)) {
    if ('dossier' in item) out.dossiers.push({ ...item.dossier, line: item.line });
    else out.rejects.push(item.reject);
  }
  return out;
}

/** The error a read throws (fails the test when it does not throw). */
export async function readError(path: string, options?: ReadOptions): Promise<Error> {
  try {
    await collect(path, options);
  } catch (err) {
    return err as Error;
  }
  throw new Error(`reading ${path} did not fail`);
}

export const HEADER = 'Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';

export function csv(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
