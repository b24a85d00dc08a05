// Picks the source a read command uses: --input FILE, --db URL / HCC_DB_URL, or the embedded store.
import type { SourceSettings } from './source.js';
import { UsageError } from '../errors.js';
import { FileSource } from './file-source.js';
import type { DossierSource } from './source.js';

export interface SourceChoice {
  input?: string;
  db?: string;
  sourceTable?: string;
  store?: string;
}

export async function openSource(choice: SourceChoice, config: SourceSettings): Promise<DossierSource> {
  const dbUrl = choice.db ?? process.env.HCC_DB_URL;
  if (choice.input && choice.db) throw new UsageError('dùng --input hoặc --db, không dùng cả hai');
  if (choice.input) return new FileSource(choice.input, config.agencies, { columns: config.columns });
  // knex and the database drivers load only when a database is the source (they slow every start).
  const { openSqlSource } = await import('./sql/source.js');
  if (dbUrl) return openSqlSource({ kind: 'database', url: dbUrl, table: choice.sourceTable }, config);
  return openSqlSource({ kind: 'store', path: choice.store }, config);
}
