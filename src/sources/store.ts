// The embedded store (./hcc.sqlite): one SQLite file, schema kept by migrations written in code as
// plain SQL (so they run from dist/ and from an npm install), dossiers upserted by code. Everything
// here runs on better-sqlite3 alone: loading knex would cost `hcc import` about 7 MB of its budget.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { SourceSettings } from './source.js';
import type { Dossier } from '../core/types.js';
import { UserError } from '../errors.js';
import { CANONICAL_FIELDS } from '../readers/types.js';
import { ensureDir } from '../io/temporary.js';
import { FileError, ioReason } from '../io/io-errors.js';
import { version } from '../version.js';

export const STORE_TABLE = 'dossiers';
export const DEFAULT_STORE = 'hcc.sqlite';

/**
 * Columns of the store: the canonical fields, in their order, with the rating kept as it was
 * understood (`satisfied`: 1, 0 or NULL); dates are `yyyy-mm-dd` text; `time_limit` in working days.
 */
export const STORE_COLUMNS = CANONICAL_FIELDS.map((f) => (f === 'rating' ? 'satisfied' : f));

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
  {
    name: '003_time_limit',
    // The procedure's time limit in working days ("Thời hạn giải quyết"), NULL when unknown; added
    // last so the columns keep the canonical order. Only `hcc due-dates` reads it: not in the index.
    up: ['ALTER TABLE `dossiers` ADD COLUMN `time_limit` integer'],
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
export function resolveStorePath(flag: string | undefined, config: Pick<SourceSettings, 'store'>): string {
  if (flag) return resolve(flag);
  return config.store ?? resolve(DEFAULT_STORE); // the config's path is already resolved against its file
}

/**
 * How long a write waits for another hcc writing the same store (an import, a schema upgrade) before
 * saying so: a short overlap simply waits, a long import is named as the reason.
 */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * The store file's errors in one line: what happened to which file and what to do. SQLite reports
 * extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DIRECTORY…): their first part decides.
 */
export function storeError(path: string, e: unknown): UserError {
  if (e instanceof UserError) return e;
  const err = e as { code?: string; message?: string } | null;
  const code = String(err?.code ?? '');
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;
  const store = `kho dữ liệu ${path}`;
  const line = (message: string) => new UserError(message, undefined, { cause: e });
  switch (primary) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return line(`${store} đang được một lệnh hcc import khác ghi vào: chờ lệnh đó xong rồi chạy lại`);
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return line(
        `không ghi được vào ${store}: tệp hoặc thư mục chỉ cho đọc, hoặc không có quyền ghi (${code}): cho phép ghi vào tệp và thư mục của nó, hoặc dùng --store TỆP ở nơi ghi được`,
      );
    case 'SQLITE_FULL':
    case 'ENOSPC':
    case 'EDQUOT':
      return line(`ổ đĩa chứa ${store} đã đầy (${code}): giải phóng chỗ trống rồi chạy lại; kho vẫn như trước lệnh này`);
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return line(
        `tệp ${path} không phải kho dữ liệu hcc đọc được (không phải tệp SQLite, hoặc tệp đã hỏng: ${code}): lấy lại tệp từ bản sao lưu, hoặc dùng --store TỆP-KHÁC để tạo kho mới`,
      );
    case 'SQLITE_CANTOPEN':
      return line(
        `không mở hoặc tạo được ${store} (${code}): thư mục không có, chỉ cho đọc, hoặc đó là một thư mục: kiểm tra đường dẫn, hoặc dùng --store TỆP ở nơi ghi được`,
      );
    case 'SQLITE_IOERR':
      return line(`lỗi đọc/ghi ổ đĩa với ${store} (${code}): kiểm tra ổ đĩa rồi chạy lại; kho vẫn như trước lệnh này`);
  }
  if (code && !code.startsWith('SQLITE_')) return line(`${store}: ${ioReason(e)}`);
  return line(`${store}: ${String(err?.message ?? e).split('\n')[0]}${code ? ` (${code})` : ''}`);
}

/**
 * Creates or upgrades the store's schema, all missing migrations in one transaction (a concurrent hcc
 * waits for it, then finds nothing to do). Reading an up-to-date store writes nothing. A store made
 * by a newer hcc, or a SQLite file that is not a store, is refused before anything is written.
 */
export function migrateStore(path: string): void {
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) {
      throw new UserError(`${path} là một thư mục, không phải tệp kho dữ liệu: dùng --store THƯ-MỤC/hcc.sqlite`);
    }
    if (migrationsToRun(path) === 0) return;
  }
  try {
    // Not mkdir's recursive mode: under /proc it never returns.
    ensureDir(dirname(path));
  } catch (e) {
    if (e instanceof FileError) throw new UserError(`không tạo được kho dữ liệu ${path}: ${e.reason}`);
    throw e;
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
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
    quietly(() => db?.inTransaction && db.exec('ROLLBACK'));
    throw storeError(path, e);
  } finally {
    quietly(() => db?.close());
  }
}

/** Runs each step, ignoring its error (cleaning up after an error that is already being reported). */
function quietly(...steps: (() => unknown)[]): void {
  for (const step of steps) {
    try {
      step();
    } catch {
      // the error being reported matters, not this one
    }
  }
}

/**
 * How many migrations an existing store lacks, read without writing. An empty file is a new store.
 * Refuses a store whose hcc_migrations names a migration this hcc does not know (made by a newer
 * hcc: its schema may mean something else), and a SQLite file holding other tables (another program's
 * database, which an import would write into).
 */
function migrationsToRun(path: string): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (tables.length === 0) return MIGRATIONS.length;
    if (!tables.includes(MIGRATIONS_TABLE)) {
      throw new UserError(
        `tệp ${path} là một CSDL SQLite khác (bảng ${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ', …' : ''}), không phải kho dữ liệu của hcc: dùng --store TỆP-KHÁC cho kho, hoặc --db sqlite:${path} --source-table TÊN để đọc nó`,
      );
    }
    const done = new Set(db.prepare(`SELECT name FROM ${MIGRATIONS_TABLE}`).pluck().all() as string[]);
    const known = new Set(MIGRATIONS.map((m) => m.name));
    const unknown = [...done].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new UserError(
        `kho dữ liệu ${path} do một phiên bản hcc mới hơn tạo ra (có bước nâng cấp ${unknown.join(', ')} mà hcc ${version} không biết): cập nhật hcc lên phiên bản mới rồi chạy lại; kho không bị thay đổi`,
      );
    }
    return MIGRATIONS.filter((m) => !done.has(m.name)).length;
  } catch (e) {
    throw storeError(path, e);
  } finally {
    quietly(() => db?.close());
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
  private db!: Database.Database;
  private upsert!: Database.Statement;
  private countRows!: Database.Statement;
  private changes = 0;
  private rowsBefore = 0;
  private added = 0;
  private indexDropped = false;

  constructor(readonly path: string) {
    try {
      this.db = new Database(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
      this.prepareWriter();
    } catch (e) {
      quietly(() => this.db?.close());
      throw storeError(path, e);
    }
  }

  private prepareWriter(): void {
    const db = this.db;
    // A rollback journal, not WAL: a big import into a new store then writes each page once
    // (WAL writes it twice, log then checkpoint); the transaction still rolls back whole.
    db.pragma('journal_mode = TRUNCATE');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -8192'); // 8 MB: keeps a 1M-row import within the 200 MB budget (16 MB: 218 MB, no faster)
    // Insert, or update only when some value differs (IS NOT compares NULLs too): `changes` is then
    // 1 for inserted or updated rows and 0 for unchanged ones.
    this.upsert = db.prepare(
      `INSERT INTO ${STORE_TABLE} (${STORE_COLUMNS.join(', ')}) VALUES (${STORE_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT(code) DO UPDATE SET ${UPDATABLE.map((c) => `${c} = excluded.${c}`).join(', ')}
       WHERE ${UPDATABLE.map((c) => `${STORE_TABLE}.${c} IS NOT excluded.${c}`).join(' OR ')}`,
    );
    this.countRows = db.prepare(`SELECT count(*) AS n FROM ${STORE_TABLE}`).pluck();
  }

  /** Runs a step of the transaction; a SQLite error (disk full, locked, read-only) becomes one line naming the store. */
  private write<T>(step: () => T): T {
    try {
      return step();
    } catch (e) {
      throw storeError(this.path, e);
    }
  }

  /**
   * Starts a file. A big file into a small store loads faster without the period index, rebuilt
   * before commit (inserting into it row by row costs more than building it once); DDL is part of
   * the transaction, so an interrupted import still leaves the store as it was.
   */
  begin(expectedRows = 0): void {
    this.write(() => {
      this.db.exec('BEGIN IMMEDIATE');
      this.rowsBefore = this.countRows.get() as number;
      this.changes = 0;
      this.added = 0;
      this.indexDropped = expectedRows >= 100_000 && this.rowsBefore <= expectedRows / 2;
      if (this.indexDropped) this.db.exec(`DROP INDEX IF EXISTS ${PERIOD_INDEX}`);
    });
  }

  add(d: Dossier): void {
    this.added++;
    try {
      this.upsertRow(d);
    } catch (e) {
      throw storeError(this.path, e);
    }
  }

  private upsertRow(d: Dossier): void {
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
      d.timeLimit ?? null,
    ).changes;
  }

  /** Commits the file and tells what it changed. */
  commit(): Omit<ImportCounts, 'rejected'> {
    return this.write(() => {
      const inserted = (this.countRows.get() as number) - this.rowsBefore;
      if (this.indexDropped) this.db.exec(PERIOD_INDEX_SQL);
      this.db.exec('COMMIT');
      return { inserted, updated: this.changes - inserted, unchanged: this.added - this.changes };
    });
  }

  /** Drops the unfinished file; never fails (it runs while another error is being reported). */
  rollback(): void {
    quietly(() => this.db.inTransaction && this.db.exec('ROLLBACK'));
  }

  close(): void {
    this.rollback();
    quietly(() => this.db.close());
  }
}
