// Test databases: URLs from the environment (set by .ci/run), tables created and dropped per test file.
import Database from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe } from 'vitest';
import { AgencyList } from '../../src/core/agencies.js';
import { configFrom, type LoadedConfig } from '../../src/config.js';
import type { Dossier } from '../../src/core/types.js';
import { addDays, type GenRow } from './generator.js';

export const PG_URL = process.env.HCC_TEST_PG_URL;
export const MYSQL_URL = process.env.HCC_TEST_MYSQL_URL;

export function skipReason(name: string, url: string | undefined, variable: string): string | null {
  if (url) return null;
  const reason = `${name} tests skipped: ${variable} is not set (.ci/run sets it)`;
  console.warn(reason);
  return reason;
}

export function adminKnex(url: string): Knex {
  if (url.startsWith('postgres')) return knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
  return knexFactory({
    client: 'mysql2',
    connection: { uri: url.replace(/^mariadb:/, 'mysql:'), dateStrings: true, charset: 'utf8mb4' },
    pool: { min: 0, max: 2, afterCreate: (c: any, done: any) => c.query("SET time_zone = '+07:00'", (e: unknown) => done(e, c)) },
  });
}

export function testConfig(agencies: (string | { name: string; aliases?: string[] })[], data: Record<string, unknown> = {}): LoadedConfig {
  return configFrom({ ...data, agencies });
}

export const tableName = (prefix: string): string => `${prefix}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;

const CHANNEL_CODE = { direct: 1, online: 2, postal: 3, unknown: 7 } as const;

/** How the received date is stored in a PostgreSQL test table (loadPg: TIMESTAMPTZ). */
export type PgReceived = 'timestamptz' | 'timestamp' | 'date';

/** The columns of loadPg, with the received date of the given type. */
function pgColumns(received: PgReceived): string {
  const type = received === 'timestamptz' ? 'timestamptz' : received;
  return `code text, agency text, field text, procedure text, level text, channel smallint, received_at ${type}, due_at date,
    resolved_at text, status integer, rating text, apology_at date`;
}

/** Received at 00:30 Vietnam time: the previous day in UTC. */
function pgReceived(day: string | null, received: PgReceived): string | null {
  if (!day) return null;
  return received === 'timestamptz' ? `${day} 00:30:00+07` : received === 'timestamp' ? `${day} 00:30:00` : day;
}

function pgData(rows: GenRow[], received: PgReceived = 'timestamptz') {
  return rows.map((r) => ({
    code: r.code,
    agency: r.agency,
    field: r.field,
    procedure: r.procedure,
    level: r.level,
    channel: r.channel ? CHANNEL_CODE[r.channel] : null,
    received_at: pgReceived(r.received, received),
    due_at: r.due,
    resolved_at: r.resolved ? `${r.resolved}T16:45:00` : null,
    status: r.status,
    rating: r.rating,
    apology_at: r.apology,
  }));
}

/** PostgreSQL, canonical names; received as TIMESTAMPTZ at 00:30 Vietnam time (the previous day in UTC), due DATE, resolved ISO text, rating labels, apology DATE. */
export async function loadPg(knex: Knex, table: string, rows: GenRow[]): Promise<void> {
  await knex.schema.dropTableIfExists(table);
  await knex.schema.createTable(table, (t) => {
    t.text('code');
    t.text('agency');
    t.text('field');
    t.text('procedure');
    t.text('level');
    t.smallint('channel');
    t.timestamp('received_at', { useTz: true });
    t.date('due_at');
    t.text('resolved_at');
    t.integer('status');
    t.text('rating');
    t.date('apology_at');
  });
  await knex.batchInsert(table, pgData(rows), 1000);
}

/** The years a partitioned test table has a partition for: those of the received dates, and the next (empty). */
export function receivedYears(rows: GenRow[]): number[] {
  const years = rows.filter((r) => r.received).map((r) => Number(r.received!.slice(0, 4)));
  const first = Math.min(...years);
  const last = Math.max(...years) + 1;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The partition of a year (Vietnam calendar), and the default one (no received date, other years). */
export const partitionName = (table: string, year: number | 'default'): string => `${table}_${year === 'default' ? 'rest' : `y${year}`}`;

/**
 * loadPg's columns and values in a table partitioned by received year (declarative RANGE on the
 * received date, years of the Vietnam calendar), one partition per year plus a default.
 */
export async function loadPgPartitioned(knex: Knex, table: string, rows: GenRow[], received: PgReceived = 'timestamptz', years = receivedYears(rows)): Promise<void> {
  await dropPg(knex, table);
  await knex.raw(`CREATE TABLE ?? (${pgColumns(received)}) PARTITION BY RANGE (received_at)`, [table]);
  const bound = (year: number) => (received === 'date' ? `${year}-01-01` : `${year}-01-01 00:00:00${received === 'timestamptz' ? '+07' : ''}`);
  for (const year of years) {
    await knex.raw(`CREATE TABLE ?? PARTITION OF ?? FOR VALUES FROM ('${bound(year)}') TO ('${bound(year + 1)}')`, [partitionName(table, year), table]);
  }
  await knex.raw('CREATE TABLE ?? PARTITION OF ?? DEFAULT', [partitionName(table, 'default'), table]);
  await knex.batchInsert(table, pgData(rows, received), 1000);
  await knex.raw('ANALYZE ??', [table]);
}

/** loadPg's table under another name, read through a view named `table`. */
export async function loadPgView(knex: Knex, table: string, rows: GenRow[]): Promise<void> {
  await dropPg(knex, table);
  await loadPg(knex, `${table}_base`, rows);
  await knex.raw('CREATE VIEW ?? AS SELECT * FROM ??', [table, `${table}_base`]);
}

/** Drops what loadPg, loadPgPartitioned or loadPgView made (a partitioned table takes its partitions along). */
export async function dropPg(knex: Knex, table: string): Promise<void> {
  await knex.raw('DROP VIEW IF EXISTS ??', [table]).catch(() => {}); // a table of that name: dropped below
  await knex.raw('DROP TABLE IF EXISTS ??', [table]);
  await knex.raw('DROP TABLE IF EXISTS ??', [`${table}_base`]);
}

/**
 * MariaDB shaped like the national sync: mapped names, TIMESTAMP/DATETIME/compact text dates, own status and channel codes;
 * the rating column mapped in the config, the apology column found by its sync name (NgayXinLoi).
 */
export const MYSQL_SOURCE_CONFIG = {
  columns: {
    code: 'MaHoSo',
    agency: 'DonViXuLy',
    field: 'TenLinhVuc',
    procedure: 'TenTTHC',
    level: 'CapThucHien',
    channel: 'KenhThucHien',
    received_at: 'NgayTiepNhan',
    due_at: 'NgayHenTra',
    resolved_at: 'NgayKetThucXuLy',
    status: 'TrangThaiHoSo',
    rating: 'DanhGiaHaiLong',
  },
  status: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`TT${i + 1}`, i + 1])),
  channel: { TQ: 'direct', DVC: 'online', BD: 'postal' },
};
const MYSQL_CHANNEL = { direct: 'TQ', online: 'DVC', postal: 'BD', unknown: 'X7' } as const;

export async function loadMysql(knex: Knex, table: string, rows: GenRow[]): Promise<void> {
  await knex.schema.dropTableIfExists(table);
  await knex.raw(
    `CREATE TABLE ?? (MaHoSo VARCHAR(40), DonViXuLy VARCHAR(200), TenLinhVuc VARCHAR(200), TenTTHC VARCHAR(200), CapThucHien VARCHAR(20),
      KenhThucHien VARCHAR(10), NgayTiepNhan TIMESTAMP NULL, NgayHenTra DATETIME NULL, NgayKetThucXuLy VARCHAR(14), TrangThaiHoSo VARCHAR(10),
      DanhGiaHaiLong VARCHAR(40), NgayXinLoi DATETIME NULL)
      DEFAULT CHARSET = utf8mb4`,
    [table],
  );
  const data = rows.map((r) => ({
    MaHoSo: r.code,
    DonViXuLy: r.agency,
    TenLinhVuc: r.field,
    TenTTHC: r.procedure,
    CapThucHien: r.level,
    KenhThucHien: r.channel ? MYSQL_CHANNEL[r.channel] : null,
    NgayTiepNhan: r.received ? `${r.received} 00:30:00` : null, // session at +07:00: stored as the previous day in UTC
    NgayHenTra: r.due ? `${r.due} 23:59:00` : null,
    NgayKetThucXuLy: r.resolved ? `${r.resolved.replace(/-/g, '')}173000` : null,
    TrangThaiHoSo: r.status === null ? null : `TT${r.status}`,
    DanhGiaHaiLong: r.rating,
    NgayXinLoi: r.apology ? `${r.apology} 10:00:00` : null,
  }));
  await knex.batchInsert(table, data, 1000);
}

/** SQLite file, canonical names, text dates with a time of day; ratings under an export header found by name (MucDoHaiLong). */
export function loadSqlite(path: string, table: string, rows: GenRow[]): void {
  const db = new Database(path);
  db.exec(`DROP TABLE IF EXISTS "${table}"`);
  db.exec(
    `CREATE TABLE "${table}" (code TEXT, agency TEXT, field TEXT, procedure TEXT, level TEXT, channel TEXT, received_at DATETIME, due_at DATE, resolved_at TEXT, status INTEGER, MucDoHaiLong TEXT, apology_at TEXT)`,
  );
  const insert = db.prepare(`INSERT INTO "${table}" VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`);
  db.transaction(() => {
    for (const r of rows) {
      insert.run(r.code, r.agency, r.field, r.procedure, r.level, r.channel, r.received ? `${r.received} 08:15:00` : null, r.due, r.resolved, r.status, r.rating, r.apology);
    }
  })();
  db.close();
}

/** Dossiers read from a file, as generator rows (for loading a fixture into the databases). */
export function fromDossier(d: Dossier): GenRow {
  return {
    code: d.code,
    agency: d.agency,
    field: d.field ?? null,
    procedure: d.procedure ?? null,
    level: d.level ?? null,
    channel: d.channel ?? null,
    received: d.receivedOn,
    due: d.dueOn ?? null,
    resolved: d.resolvedOn ?? null,
    status: d.status ?? null,
    rating: d.satisfied === undefined || d.satisfied === null ? null : d.satisfied ? 'Hài lòng' : 'Không hài lòng',
    apology: d.apologyOn ?? null,
  };
}

/** The database servers (and table layouts) the differential tests run against, when their URL is set. */
export interface Server {
  name: string;
  url: string | undefined;
  variable: string;
  load: (knex: Knex, table: string, rows: GenRow[]) => Promise<void>;
  /** Removes what `load` made. */
  drop: (knex: Knex, table: string) => Promise<void>;
  source: Record<string, unknown>;
}

const dropTable = async (knex: Knex, table: string): Promise<void> => knex.schema.dropTableIfExists(table);

export const SERVERS: Server[] = [
  { name: 'PostgreSQL', url: PG_URL, variable: 'HCC_TEST_PG_URL', load: loadPg, drop: dropTable, source: {} },
  { name: 'PostgreSQL partitioned by received year', url: PG_URL, variable: 'HCC_TEST_PG_URL', load: (k, t, r) => loadPgPartitioned(k, t, r), drop: dropPg, source: {} },
  { name: 'PostgreSQL view over a table', url: PG_URL, variable: 'HCC_TEST_PG_URL', load: loadPgView, drop: dropPg, source: {} },
  { name: 'MariaDB', url: MYSQL_URL, variable: 'HCC_TEST_MYSQL_URL', load: loadMysql, drop: dropTable, source: MYSQL_SOURCE_CONFIG },
];

export { addDays };

/**
 * One describe block per server: skipped with its reason when the server's URL is not set, else with
 * `rows` loaded into a table of its own (a fresh name, `prefix_…`) before its tests and dropped after.
 * `admin()` is the connection that loaded it, for tests that load or read more themselves.
 */
export function describeEachServer(
  servers: Server[],
  prefix: string,
  rows: GenRow[],
  tests: (server: Server, table: string, admin: () => Knex) => void,
): void {
  for (const server of servers) {
    const skip = skipReason(server.name, server.url, server.variable);
    describe.skipIf(skip !== null)(`${server.name}${skip ? ` (${skip})` : ''}`, () => {
      let admin: Knex | undefined;
      const table = tableName(prefix);
      beforeAll(async () => {
        admin = adminKnex(server.url!);
        await server.load(admin, table, rows);
      }, 60_000);
      afterAll(async () => {
        if (admin) await server.drop(admin, table);
        await admin?.destroy();
      });
      tests(server, table, () => admin!);
    });
  }
}
