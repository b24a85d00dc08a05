// Reading rows below knex, per driver: knex.raw results, PostgreSQL's cursor and hashing transaction, mysql2 and better-sqlite3 streams.
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { Knex } from 'knex';
import type { Frag } from './frag.js';

export type Row = Record<string, unknown>;

/** Rows of a knex.raw result, whatever the driver. */
export function rowsOf(result: unknown): Row[] {
  if (Array.isArray(result)) return Array.isArray(result[0]) ? (result[0] as Row[]) : (result as Row[]);
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}

/** A query's rows, all at once. */
export async function plainQuery(knex: Knex, q: Frag): Promise<Row[]> {
  return rowsOf(await knex.raw(q.sql, q.bindings as Knex.RawBinding[]));
}

/** A fragment in the driver's own placeholders ($1 or ?), for calls below knex. */
function native(knex: Knex, q: Frag): { sql: string; bindings: unknown[] } {
  const n = knex.raw(q.sql, q.bindings as Knex.RawBinding[]).toSQL().toNative();
  return { sql: n.sql, bindings: n.bindings as unknown[] };
}

/**
 * A PostgreSQL aggregate. PostgreSQL estimates the number of (group, category) pairs from the
 * distinct values of the date columns inside the category expressions, about one per row, where a
 * few hundred exist; with that estimate it sorts every row in scope (on disk, with the default
 * work_mem) instead of hashing them. Turning sorting off for this one read-only transaction lets it
 * hash: 1M rows, 1.1 s → 0.55 s (README "Performance"). JIT is turned off too: the same estimate
 * (hundreds of thousands of groups where there are a few thousand) makes the statement with the
 * monthly chart's months look costly enough to compile, 2,4 s of compiling for a 1 s statement on
 * 1M rows. `current_setting(…, true)`: NULL where the server has no such setting, nothing set then.
 */
export async function pgHashAggregate(knex: Knex, q: Frag): Promise<Row[]> {
  // When the query fails because the connection died, knex's ROLLBACK fails too and replaces the
  // error: the query's own is thrown.
  let failed: unknown;
  try {
    return await knex.transaction(
      async (trx) => {
        try {
          await trx.raw("SELECT set_config('enable_sort', 'off', true), CASE WHEN current_setting('jit', true) IS NOT NULL THEN set_config('jit', 'off', true) END");
          return rowsOf(await trx.raw(q.sql, q.bindings as Knex.RawBinding[]));
        } catch (e) {
          failed = e;
          throw e;
        }
      },
      { readOnly: true },
    );
  } catch (e) {
    throw failed ?? e;
  }
}

/** PostgreSQL rows one at a time: a cursor inside a read-only transaction (no writes, no temporary tables). */
export async function* pgCursorRows(knex: Knex, q: Frag): AsyncIterable<Row> {
  const trx = await knex.transaction(undefined, { readOnly: true });
  try {
    await trx.raw(`DECLARE hcc_rows NO SCROLL CURSOR FOR ${q.sql}`, q.bindings as Knex.RawBinding[]);
    for (;;) {
      const rows = rowsOf(await trx.raw('FETCH 5000 FROM hcc_rows'));
      if (rows.length === 0) break;
      yield* rows;
    }
  } finally {
    await trx.rollback().catch(() => {});
  }
}

/** SQLite rows one at a time: better-sqlite3's iterate() on the pool's one connection. */
export async function* sqliteRows(knex: Knex, q: Frag): AsyncIterable<Row> {
  const n = native(knex, q);
  const conn = (await knex.client.acquireConnection()) as import('better-sqlite3').Database;
  try {
    yield* conn.prepare(n.sql).iterate(...n.bindings) as Iterable<Row>;
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

/** MySQL/MariaDB rows one at a time: a mysql2 stream on a connection of the pool. */
export async function* mysqlStreamRows(knex: Knex, q: Frag): AsyncIterable<Row> {
  const n = native(knex, q);
  const conn = (await knex.client.acquireConnection()) as MysqlConnection;
  try {
    yield* mysqlRows(conn, n.sql, n.bindings);
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

/** The few members of a mysql2 (callback API) connection the row stream uses. */
interface MysqlConnection {
  query(sql: string, values: unknown[]): { stream(options?: { highWaterMark?: number }): Readable };
  on(event: 'error' | 'end', listener: (err?: Error) => void): unknown;
  off(event: 'error' | 'end', listener: (err?: Error) => void): unknown;
  destroy(): void;
}

/**
 * A mysql2 query's rows one at a time. mysql2 reports a connection lost during a streamed query (a
 * KILL, a server restart) on the connection only, never on the row stream, which then waits forever:
 * the connection's 'error' and 'end' end the rows with an error here.
 */
async function* mysqlRows(conn: MysqlConnection, sql: string, values: unknown[]): AsyncIterable<Row> {
  const rows = conn.query(sql, values).stream({ highWaterMark: 1000 });
  const lost = (err?: Error) =>
    rows.destroy(err ?? Object.assign(new Error('Connection lost: the server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' }));
  conn.on('error', lost);
  conn.on('end', lost);
  let finished = false;
  try {
    for await (const row of rows) yield row as Row;
    finished = true;
  } finally {
    conn.off('error', lost);
    conn.off('end', lost);
    // Rows left unread (an error, a reader that stopped) would stay on the wire: the connection is
    // not reusable, and knex's pool drops a destroyed one.
    if (!finished) conn.destroy();
  }
}

/** Closes the socket of a pg or mysql2 connection at once (a running query then fails and frees it). */
export function closeSocket(conn: unknown): void {
  const c = conn as { destroy?: () => void; connection?: { stream?: { destroy(): void } } };
  try {
    if (c.connection?.stream) c.connection.stream.destroy();
    else c.destroy?.();
  } catch {
    // already closed
  }
}

/**
 * The worker of sqliteAggregateInWorker (CommonJS, evaluated): one read-only statement on a connection
 * of its own, its rows or the driver's error (message and code, for errors.ts) posted back, then it ends.
 */
const SQLITE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  parentPort.postMessage({ rows: db.prepare(workerData.sql).all(...workerData.bindings) });
} catch (e) {
  parentPort.postMessage({ error: { message: String(e && e.message), code: e && e.code } });
} finally {
  if (db) db.close();
}`;

/**
 * A SQLite aggregate on a second connection in a worker thread, so that it runs while the pool's one
 * connection runs another on the main thread (better-sqlite3 blocks the thread it runs on): the
 * monthly chart's statement, 0,3 s at 1M rows, hidden behind the periods' 0,55 s. The worker starts
 * here, synchronously: a worker started after an `await` would wait for the main thread's statement.
 */
export function sqliteAggregateInWorker(knex: Knex, q: Frag): Promise<Row[]> {
  const n = native(knex, q);
  const file = (knex.client.config.connection as { filename: string }).filename;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(SQLITE_WORKER, { eval: true, workerData: { driver, file, sql: n.sql, bindings: n.bindings } });
  return new Promise<Row[]>((resolve, reject) => {
    worker.once('message', (m: { rows?: Row[]; error?: { message: string; code?: string } }) => {
      if (m.rows) resolve(m.rows);
      else reject(Object.assign(new Error(m.error?.message ?? 'SQLite worker failed'), { code: m.error?.code }));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`SQLite worker exited (${code})`)));
  });
}
