// Connecting: address → knex config and dialect, the store read-only, checked identifiers, silent knex, addresses without passwords.
import { existsSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import { maskUrl, UserError } from '../../errors.js';
import { DIALECTS, type Dialect } from './dialect.js';

/**
 * knex logs pool and connection errors itself, with their stack ("Acquire connection error: … at …")
 * and the driver's raw words, before hcc can say what went wrong. hcc reports every error itself
 * (translateDbError), so knex stays silent, for every knex hcc creates.
 */
const SILENT_LOG: Knex.Config['log'] = { warn() {}, error() {}, deprecate() {}, debug() {} };

export function quietKnex(config: Knex.Config): Knex {
  return knexFactory({ ...config, log: SILENT_LOG });
}

/** A SQLite file read through knex, read-only, like the databases. */
function sqliteConfig(path: string): Knex.Config {
  return { client: 'better-sqlite3', connection: { filename: path, options: { readonly: true } }, useNullAsDefault: true, pool: { min: 1, max: 1 } };
}

/** The store read through knex (the store itself needs no knex: store.ts). */
export function storeKnex(path: string): Knex {
  return quietKnex(sqliteConfig(path));
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_$]{0,62}$/u;

/** A table or column name from a flag or the config: letters, digits, `_`, `$` (and `schema.table`). */
export function checkIdentifier(name: string, where: string, allowSchema = false): string {
  const parts = allowSchema ? name.split('.') : [name];
  if (parts.length > 2 || !parts.every((p) => IDENTIFIER.test(p))) {
    throw new UserError(`tên "${name}" (${where}) không hợp lệ: chỉ dùng chữ, số và dấu gạch dưới, không bắt đầu bằng số`);
  }
  return name;
}

/** What the source is called in messages: the address with its password hidden, and the table. */
export function describeSource(where: string, table: string): string {
  return `${where} (bảng ${table})`;
}

export interface Connection {
  config: Knex.Config;
  dialect: Dialect;
  /** The address for messages, password hidden. */
  where: string;
}

/** The knex client config and dialect of a database address. */
export function connectionFor(url: string): Connection {
  const where = maskUrl(url);
  const lower = url.toLowerCase();
  if (/^(postgres|postgresql|mysql|mariadb):\/\//.test(lower) && !URL.canParse(url)) {
    // The drivers parse the address as a URL and fail with "Invalid URL" alone.
    throw new UserError(
      `địa chỉ CSDL "${where}" không đúng dạng …://người-dùng:mật-khẩu@máy-chủ:cổng/tên-CSDL: ký tự / ? # @ : % trong tên hoặc mật khẩu phải viết mã hoá (%2F %3F %23 %40 %3A %25)`,
    );
  }
  if (lower.startsWith('postgres://') || lower.startsWith('postgresql://')) {
    return {
      dialect: DIALECTS.pg,
      where,
      config: {
        client: 'pg',
        // "hcc" in pg_stat_activity, or the name PGAPPNAME gives (libpq's variable: a DBA or a test
        // can tell one run from another).
        connection: { connectionString: url, connectionTimeoutMillis: 10_000, application_name: process.env.PGAPPNAME || 'hcc' } as Knex.PgConnectionConfig,
        pool: { min: 0, max: 2 },
        acquireConnectionTimeout: 15_000,
      },
    };
  }
  if (lower.startsWith('mysql://') || lower.startsWith('mariadb://')) {
    return {
      dialect: DIALECTS.mysql,
      where,
      config: {
        client: 'mysql2',
        connection: { uri: url.replace(/^mariadb:/i, 'mysql:'), connectTimeout: 10_000, dateStrings: true, charset: 'utf8mb4' } as Knex.MySql2ConnectionConfig,
        pool: {
          min: 0,
          max: 2,
          // TIMESTAMP columns are read in the session time zone: make it Vietnam time. An offset, not a
          // zone name: MySQL servers often lack the time zone tables.
          afterCreate: (conn: { query: (sql: string, cb: (err: unknown) => void) => void }, done: (err: unknown, conn: unknown) => void) =>
            conn.query("SET time_zone = '+07:00'", (err) => done(err, conn)),
        },
        acquireConnectionTimeout: 15_000,
      },
    };
  }
  if (lower.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=[^/]|\/)/, '');
    if (!path) throw new UserError(`địa chỉ "${where}" thiếu đường dẫn tệp: dùng sqlite:duong-dan/tep.sqlite`);
    if (!existsSync(path)) throw new UserError(`không có tệp SQLite "${path}" (địa chỉ ${where})`);
    return { dialect: DIALECTS.sqlite, where, config: sqliteConfig(path) };
  }
  throw new UserError(`địa chỉ CSDL "${where}" không được hỗ trợ: dùng postgres://…, mysql://…, mariadb://… hoặc sqlite:đường-dẫn`);
}
