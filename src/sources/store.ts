// The embedded store (./hcc.sqlite): one SQLite file, schema kept by migrations written in code as
// plain SQL (so they run from dist/ and from an npm install), dossiers upserted by code. Everything
// here runs on better-sqlite3 alone: loading knex would cost `hcc import` about 7 MB of its budget.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { LoadedConfig } from '../config.js';
import type { Dossier } from '../core/types.js';
import { UserError } from '../errors.js';

export const STORE_TABLE = 'dossiers';
export const DEFAULT_STORE = 'hcc.sqlite';

/** Columns of the store, named as the canonical fields; dates are `yyyy-mm-dd` text. */
export const STORE_COLUMNS = [
  'code',
  'agency',
  'field',
  'procedure',
  'level',
  'channel',
  'received_at',
  'due_at',
  'resolved_at',
  'returned_at',
  'status',
  'apology_at',
  'satisfied',
] as const;

const PERIOD_INDEX = 'dossiers_by_agency';
/** The period index as migration 001 created it (kept verbatim: migrations never change). */
const PERIOD_INDEX_SQL_001 = `CREATE INDEX ${PERIOD_INDEX} ON ${STORE_TABLE} (agency, received_at, resolved_at, due_at, status, channel)`;
/** The period index now (migration 002 added `satisfied`); imports rebuild this one. */
const PERIOD_INDEX_SQL = `CREATE INDEX ${PERIOD_INDEX} ON ${STORE_TABLE} (agency, received_at, resolved_at, due_at, status, channel, satisfied)`;

/** A schema step: SQL statements run in order, once per store. Released steps never change. */
interface Migration {
  name: string;
  up: string[];
}

const MIGRATIONS: Migration[] = [
  {
    name: '001_dossiers',
    up: [
      // The text knex's schema builder generated when hcc ran its migrations through knex, so every
      // store holds the same definition. Dates are text, not date: yyyy-mm-dd compares like the calendar.
      'CREATE TABLE `dossiers` (`code` text, `agency` text not null, `field` text, `procedure` text, `level` text, ' +
        '`channel` text, `received_at` text, `due_at` text, `resolved_at` text, `returned_at` text, `status` integer, ' +
        '`apology_at` text, `satisfied` integer, primary key (`code`))',
      // The period query reads agency, the four dates, status and channel of every row that can be
      // in scope: an index holding exactly these, agency first, lets SQLite scan the index alone,
      // already in GROUP BY order (no table lookups, no sort).
      PERIOD_INDEX_SQL_001,
    ],
  },
  {
    name: '002_period_index_satisfied',
    // The period query also counts ratings (rated/satisfied): with `satisfied` in the index it
    // still reads the index alone, without a table lookup per row.
    up: [`DROP INDEX IF EXISTS ${PERIOD_INDEX}`, PERIOD_INDEX_SQL],
  },
];

// Which migrations ran is recorded in the tables knex's migrator keeps (hcc used it before), with
// the same definitions and rows, so stores made by earlier and later versions of hcc stay readable
// by both.
const MIGRATIONS_TABLE = 'hcc_migrations';
const LOCK_TABLE = 'hcc_migrations_lock';
const CREATE_MIGRATIONS_TABLE =
  `CREATE TABLE IF NOT EXISTS \`${MIGRATIONS_TABLE}\` (\`id\` integer not null primary key autoincrement, ` +
  '`name` varchar(255), `batch` integer, `migration_time` datetime)';
const CREATE_LOCK_TABLE = `CREATE TABLE IF NOT EXISTS \`${LOCK_TABLE}\` (\`index\` integer not null primary key autoincrement, \`is_locked\` integer)`;

/** The store file: --store, else config "store" (a path, or { "path": … }, relative to the config file), else ./hcc.sqlite. */
export function resolveStorePath(flag: string | undefined, config: LoadedConfig): string {
  if (flag) return resolve(flag);
  const value = config.data.store;
  const base = config.path ? dirname(config.path) : process.cwd();
  if (value === undefined) return resolve(DEFAULT_STORE);
  const path = typeof value === 'string' ? value : (value as { path?: unknown } | null)?.path;
  if (typeof path !== 'string' || path.trim() === '') {
    throw new UserError(`${config.path}: "store" phải là đường dẫn tệp kho dữ liệu, ví dụ "store": "du-lieu/hcc.sqlite"`);
  }
  return resolve(base, path);
}

/**
 * Creates or upgrades the store's schema, all missing migrations in one transaction (a concurrent hcc
 * waits for it, then finds nothing to do). Reading an up-to-date store writes nothing.
 */
export function migrateStore(path: string): void {
  if (existsSync(path) && isUpToDate(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    db.exec('BEGIN IMMEDIATE');
    db.exec(CREATE_MIGRATIONS_TABLE);
    db.exec(CREATE_LOCK_TABLE);
    if (db.prepare(`SELECT 1 FROM ${LOCK_TABLE}`).get() === undefined) db.exec(`INSERT INTO ${LOCK_TABLE} (is_locked) VALUES (0)`);
    const done = new Set(db.prepare(`SELECT name FROM ${MIGRATIONS_TABLE}`).pluck().all() as string[]);
    const batch = ((db.prepare(`SELECT max(batch) FROM ${MIGRATIONS_TABLE}`).pluck().get() as number | null) ?? 0) + 1;
    const record = db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (name, batch, migration_time) VALUES (?, ?, ?)`);
    for (const m of MIGRATIONS) {
      if (done.has(m.name)) continue;
      for (const sql of m.up) db.exec(sql);
      record.run(m.name, batch, Date.now()); // knex recorded the time as epoch milliseconds too
    }
    db.exec('COMMIT');
  } catch (e) {
    throw new UserError(`không tạo hoặc nâng cấp được kho dữ liệu ${path}: ${(e as Error).message}`);
  } finally {
    if (db?.inTransaction) db.exec('ROLLBACK');
    db?.close();
  }
}

function isUpToDate(path: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const done = new Set((db.prepare(`SELECT name FROM ${MIGRATIONS_TABLE}`).all() as { name: string }[]).map((r) => r.name));
    return MIGRATIONS.every((m) => done.has(m.name));
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

const UPDATABLE = STORE_COLUMNS.filter((c) => c !== 'code');

/**
 * Writes dossiers into the store, one file per transaction: `begin`, `add` each dossier, then
 * `commit` (or `rollback`, or just exit: SQLite then discards the unfinished file on next open).
 */
export class StoreWriter {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly countRows: Database.Statement;
  private changes = 0;
  private rowsBefore = 0;
  private added = 0;
  private indexDropped = false;

  constructor(readonly path: string) {
    this.db = new Database(path, { fileMustExist: true });
    // A rollback journal, not WAL: a big import into a new store then writes each page once
    // (WAL writes it twice, log then checkpoint); the transaction still rolls back whole.
    this.db.pragma('journal_mode = TRUNCATE');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -8192'); // 8 MB: keeps a 1M-row import within the 200 MB budget (16 MB: 218 MB, no faster)
    // Insert, or update only when some value differs (IS NOT compares NULLs too): `changes` is then
    // 1 for inserted or updated rows and 0 for unchanged ones.
    this.upsert = this.db.prepare(
      `INSERT INTO ${STORE_TABLE} (${STORE_COLUMNS.join(', ')}) VALUES (${STORE_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT(code) DO UPDATE SET ${UPDATABLE.map((c) => `${c} = excluded.${c}`).join(', ')}
       WHERE ${UPDATABLE.map((c) => `${STORE_TABLE}.${c} IS NOT excluded.${c}`).join(' OR ')}`,
    );
    this.countRows = this.db.prepare(`SELECT count(*) AS n FROM ${STORE_TABLE}`).pluck();
  }

  /**
   * Starts a file. A big file into a small store loads faster without the period index, rebuilt
   * before commit (inserting into it row by row costs more than building it once); DDL is part of
   * the transaction, so an interrupted import still leaves the store as it was.
   */
  begin(expectedRows = 0): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.rowsBefore = this.countRows.get() as number;
    this.changes = 0;
    this.added = 0;
    this.indexDropped = expectedRows >= 100_000 && this.rowsBefore <= expectedRows / 2;
    if (this.indexDropped) this.db.exec(`DROP INDEX IF EXISTS ${PERIOD_INDEX}`);
  }

  add(d: Dossier): void {
    this.added++;
    this.changes += this.upsert.run(
      d.code,
      d.agency,
      d.field ?? null,
      d.procedure ?? null,
      d.level ?? null,
      d.channel ?? null,
      d.receivedOn,
      d.dueOn ?? null,
      d.resolvedOn ?? null,
      d.returnedOn ?? null,
      d.status ?? null,
      d.apologyOn ?? null,
      d.satisfied === undefined || d.satisfied === null ? null : d.satisfied ? 1 : 0,
    ).changes;
  }

  /** Commits the file and tells what it changed. */
  commit(): Omit<ImportCounts, 'rejected'> {
    const inserted = (this.countRows.get() as number) - this.rowsBefore;
    if (this.indexDropped) this.db.exec(PERIOD_INDEX_SQL);
    this.db.exec('COMMIT');
    return { inserted, updated: this.changes - inserted, unchanged: this.added - this.changes };
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  close(): void {
    this.rollback();
    this.db.close();
  }
}
