// The embedded store and external databases (PostgreSQL, MySQL/MariaDB, SQLite) as dossier sources.
// Counting happens inside the database: per period ONE aggregate query (GROUP BY the group, one
// conditional sum per tally key, rules in sql-rules.ts), so only one row per group leaves it.
import { existsSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import type { SourceSettings } from './source.js';
import type { AgencyList } from '../core/agencies.js';
import { looseKey } from '../core/agencies.js';
import { agencyMatcher, CHANNEL_LABELS, UNKNOWN_GROUP } from '../core/grouping.js';
import { parseDateText } from '../core/dates.js';
import { emptyTally } from '../core/rules.js';
import type { GroupTallies } from '../core/table.js';
import type { Channel, Dossier, GroupBy, Period, Reject, RuleOptions, StatusCode, Tally } from '../core/types.js';
import { TALLY_KEYS } from '../core/types.js';
import type { Warning } from '../core/warnings.js';
import { maskUrl, UserError } from '../errors.js';
import { parseChannel, parseRating, parseStatus } from '../readers/codes.js';
import { HeaderMatcher, missingColumnWarnings, nearestField, type ConfigLines } from '../readers/headers.js';
import { CANONICAL_FIELDS } from '../readers/types.js';
import { compose, DIALECTS, frag, inList, joinFrags, type DateKind, type Dialect, type Frag } from './sql-dialect.js';
import { translateDbError } from './sql-errors.js';
import {
  badExpr,
  CATEGORY_COLUMNS,
  categoryColumns,
  REJECT_REASON_KINDS,
  REJECT_REASONS,
  scopeCondition,
  tallyFromCategories,
  type RejectReason,
} from './sql-rules.js';
import type { CountQuery, CountResult, DossierScope, DossierSource, Filters } from './source.js';
import { DEFAULT_STORE, migrateStore, resolveStorePath, STORE_TABLE } from './store.js';

/** `grp` and the category columns, by position (1, 2, …): the inner grouping of countPeriod. */
const CATEGORY_GROUP_BY = Array.from({ length: 1 + CATEGORY_COLUMNS.length }, (_, i) => i + 1).join(', ');

export type SqlTarget = { kind: 'store'; path?: string } | { kind: 'database'; url: string; table?: string };

/** Canonical fields a database column can serve: the same as a file's columns. */
const SQL_FIELDS = CANONICAL_FIELDS;
type SqlField = (typeof SQL_FIELDS)[number];
const DATE_FIELDS = ['received_at', 'due_at', 'resolved_at', 'returned_at', 'apology_at'] as const;
type DateField = (typeof DATE_FIELDS)[number];
const REQUIRED: SqlField[] = ['code', 'agency', 'received_at'];
/** The normalised row's column telling a date column's value is no calendar day (its text: `…_raw`). */
const DATE_FLAG: Record<DateField, string> = { received_at: 'xr', due_at: 'xd', resolved_at: 'xs', returned_at: 'xret', apology_at: 'xapo' };
/** The reject reason (REJECT_REASONS) of each date column's impossible value. */
const DATE_REASON: Record<DateField, RejectReason> = { received_at: 8, due_at: 9, resolved_at: 10, returned_at: 11, apology_at: 12 };

/** How the table's columns serve the canonical fields, found once when the source opens. */
interface TableShape {
  table: string;
  columns: Partial<Record<SqlField, string>>;
  /** What the table lacks that changes the figures (missing-column warnings). */
  warnings?: Warning[];
  dateKinds: Partial<Record<DateField, DateKind>>;
  /** Raw status text → national code (-1: not understood). Absent for the store (already codes). */
  statusMap?: Map<string, number>;
  channelMap?: Map<string, Channel | 'bad'>;
  /** Raw rating text → satisfied (parseRating); unknown values are NULL, like the readers. */
  ratingMap?: Map<string, boolean | null>;
  /** The store: values are already clean, dates ISO text, status codes and channel words. */
  trusted: boolean;
  /**
   * Code columns of an integer type: compared as integers, not cast to text on every row. Their maps
   * hold every number hcc understands, not values read from the table, so any other value is not
   * understood (status -1, channel 'bad', rating NULL).
   */
  integer?: Partial<Record<SqlField, boolean>>;
}

export async function openSqlSource(target: SqlTarget, config: SourceSettings): Promise<DossierSource> {
  return target.kind === 'store' ? openStore(target.path, config) : openDatabase(target.url, target.table, config);
}

async function openStore(flag: string | undefined, config: SourceSettings): Promise<DossierSource> {
  const path = resolveStorePath(flag, config);
  if (!existsSync(path)) {
    const shown = flag ?? (config.store === undefined ? `./${DEFAULT_STORE}` : path);
    throw new UserError(`chưa có dữ liệu trong ${shown}: nhập bằng hcc import TỆP, hoặc dùng --input TỆP / --db URL`);
  }
  migrateStore(path);
  const knex = storeKnex(path);
  // The store keeps ratings already parsed, in its integer `satisfied` column (see satExpr).
  const columns = Object.fromEntries(SQL_FIELDS.filter((f) => f !== 'rating').map((f) => [f, f])) as Partial<Record<SqlField, string>>;
  const dateKinds = Object.fromEntries(DATE_FIELDS.map((f) => [f, 'text'])) as Record<DateField, DateKind>;
  const shape: TableShape = { table: STORE_TABLE, columns, dateKinds, trusted: true };
  return new SqlSource(knex, DIALECTS.sqlite, shape, config.agencies, path, path);
}

/**
 * knex logs pool and connection errors itself, with their stack ("Acquire connection error: … at …")
 * and the driver's raw words, before hcc can say what went wrong. hcc reports every error itself
 * (translateDbError), so knex stays silent, for every knex hcc creates.
 */
const SILENT_LOG: Knex.Config['log'] = { warn() {}, error() {}, deprecate() {}, debug() {} };

function quietKnex(config: Knex.Config): Knex {
  return knexFactory({ ...config, log: SILENT_LOG });
}

/** The store read through knex, read-only, like the databases (the store itself needs no knex: store.ts). */
function storeKnex(path: string): Knex {
  return quietKnex({
    client: 'better-sqlite3',
    connection: { filename: path, options: { readonly: true } },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
}

interface SourceSection {
  table?: string;
  columns: Partial<Record<SqlField, string>>;
  status: Record<string, number>;
  channel: Record<string, Channel>;
}

/** The config's "source" section (checked when the config was read), with its column names checked as SQL identifiers. */
function sourceSection(config: SourceSettings): SourceSection {
  const s = config.source;
  const where = config.path ?? 'hcc.config.json';
  const columns: Partial<Record<SqlField, string>> = {};
  for (const [field, column] of Object.entries(s.columns)) {
    columns[field as SqlField] = checkIdentifier(column!, `"source.columns.${field}" trong ${where}`);
  }
  return { table: s.table, columns, status: s.status, channel: s.channel };
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

function knexConfig(url: string): { config: Knex.Config; dialect: Dialect; where: string } {
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
        connection: { connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'hcc' } as Knex.PgConnectionConfig,
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
    return {
      dialect: DIALECTS.sqlite,
      where,
      config: { client: 'better-sqlite3', connection: { filename: path, options: { readonly: true } }, useNullAsDefault: true, pool: { min: 1, max: 1 } },
    };
  }
  throw new UserError(`địa chỉ CSDL "${where}" không được hỗ trợ: dùng postgres://…, mysql://…, mariadb://… hoặc sqlite:đường-dẫn`);
}

async function openDatabase(url: string, tableFlag: string | undefined, config: SourceSettings): Promise<DossierSource> {
  const section = sourceSection(config);
  const { config: kc, dialect, where } = knexConfig(url);
  const tableName = tableFlag ?? section.table;
  if (!tableName) {
    throw new UserError(`chưa chọn bảng hồ sơ trong CSDL ${where}: dùng --source-table TÊN hoặc "source": { "table": "TÊN" } trong hcc.config.json`);
  }
  const table = checkIdentifier(tableName, tableFlag ? '--source-table' : '"source.table" trong tệp cấu hình', true);
  const knex = quietKnex(kc);
  let connected = false;
  try {
    await knex.raw('SELECT 1');
    connected = true;
    const shape = await describeTable(knex, dialect, table, section, where);
    return new SqlSource(knex, dialect, shape, config.agencies, `${where} (bảng ${table})`, table, where);
  } catch (e) {
    await knex.destroy().catch(() => {});
    throw translateDbError(e, { where, table, connected });
  }
}

/** Finds the columns (canonical names, config mapping, or the names real exports use), date kinds and code vocabularies. */
/** A database's config lines: `"source": { "columns": { "field": "column" } }`. */
const SOURCE_COLUMNS: ConfigLines = {
  text: (field, names) => `"source": { "columns": { "${field}": "${names[0]}" } }`,
};

async function describeTable(knex: Knex, dialect: Dialect, table: string, section: SourceSection, where: string): Promise<TableShape> {
  const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table];
  const builder = schema ? knex(name).withSchema(schema) : knex(name);
  const info = (await builder.columnInfo()) as unknown as Record<string, { type: string }>;
  const actual = Object.keys(info);
  if (actual.length === 0) {
    throw new UserError(`không có bảng hoặc view "${table}" trong CSDL ${where} (hoặc người dùng không có quyền đọc nó)`);
  }
  const find = (wanted: string): string | undefined =>
    actual.find((c) => c === wanted) ?? actual.find((c) => c.toLowerCase() === wanted.toLowerCase());
  const columns: Partial<Record<SqlField, string>> = {};
  const guessed = new HeaderMatcher().match(actual).index;
  for (const field of SQL_FIELDS) {
    const configured = section.columns[field];
    if (configured) {
      const column = find(configured);
      if (!column) {
        throw new UserError(
          `bảng "${table}" trong CSDL ${where} không có cột "${configured}" (khai báo ở "source.columns.${field}" của tệp cấu hình); các cột có: ${actual.join(', ')}`,
        );
      }
      columns[field] = column;
    } else {
      const column = find(field) ?? (guessed[field] !== undefined ? actual[guessed[field]!] : undefined);
      if (column && !Object.values(columns).includes(column)) columns[field] = column;
    }
  }
  const missing = REQUIRED.filter((f) => !columns[f]);
  if (missing.length) {
    throw new UserError(
      `bảng "${table}" trong CSDL ${where} thiếu cột ${missing.map((f) => `"${f}"`).join(', ')}: khai báo tên cột trong "source": { "columns": { "${missing[0]}": "TênCột" } } của tệp cấu hình; các cột có: ${actual.join(', ')}`,
    );
  }

  const dateKinds: Partial<Record<DateField, DateKind>> = {};
  for (const field of DATE_FIELDS) {
    const column = columns[field];
    if (!column) continue;
    dateKinds[field] = dateKind(dialect, info[column].type);
  }

  const integer: Partial<Record<SqlField, boolean>> = {};
  for (const field of ['status', 'channel', 'rating'] as const) {
    const column = columns[field];
    if (column && /^(tiny|small|medium|big)?int(eger)?\b|^int[248]\b/i.test(info[column].type)) integer[field] = true;
  }
  // The values a code column holds: for an integer column, every number hcc understands (no scan,
  // other numbers are not understood); for a text column, the distinct values, all columns in one scan.
  const scanned = (['status', 'channel', 'rating'] as const).filter((f) => columns[f] && !integer[f]);
  const found = await distinctTexts(knex, dialect, table, scanned.map((f) => columns[f]));
  const values = (field: 'status' | 'channel' | 'rating', numbers: number, configured: Record<string, unknown>): string[] => {
    const i = scanned.indexOf(field);
    if (i >= 0) return found[i];
    const fromConfig = Object.keys(configured).map((k) => k.trim()).filter((k) => /^-?\d+$/.test(k)).map((k) => String(Number(k)));
    return [...new Set([...Array.from({ length: numbers + 1 }, (_, n) => String(n)), ...fromConfig])];
  };
  // Said first, like a file's missing column: the rules would otherwise assume for every dossier.
  const used = new Set(Object.values(columns));
  const unused = actual.filter((c) => !used.has(c)).map((name) => ({ name, nearest: nearestField(name) }));
  const warnings = missingColumnWarnings((f) => columns[f] !== undefined, unused, `bảng "${table}" trong CSDL ${where}`, SOURCE_COLUMNS);
  const shape: TableShape = { table, columns, dateKinds, trusted: false, integer, warnings };
  if (columns.status) {
    shape.statusMap = new Map(
      values('status', 10, section.status).map((v) => {
        const mapped = section.status[v] ?? section.status[v.trim()];
        const code = mapped ?? parseStatus(v);
        return [v, code === undefined ? -1 : (code ?? 0)];
      }),
    );
  }
  if (columns.channel) {
    shape.channelMap = new Map(
      values('channel', 3, section.channel).map((v) => {
        const ch = section.channel[v] ?? section.channel[v.trim()] ?? parseChannel(v);
        return [v, ch === undefined ? 'bad' : (ch ?? ('' as Channel))];
      }),
    );
  }
  if (columns.rating) shape.ratingMap = new Map(values('rating', 5, {}).map((v) => [v, parseRating(v)]));
  return shape;
}

/**
 * The kind of a date column from its declared type. Text (and any other type, read as text) is read
 * value by value in either layout; a value in neither is a rejected row, as in a file.
 */
function dateKind(dialect: Dialect, type: string): DateKind {
  const t = type.toLowerCase();
  if (dialect.name !== 'sqlite') {
    if (t === 'date') return 'date';
    if (t === 'timestamp with time zone' || t === 'timestamptz') return 'timestamptz';
    if (t.startsWith('timestamp') || t.startsWith('datetime')) return 'timestamp';
  }
  return 'text';
}

/** The distinct values of each named column (undefined: no such column, empty list), in one query. */
async function distinctTexts(knex: Knex, dialect: Dialect, table: string, columns: (string | undefined)[]): Promise<string[][]> {
  const present = columns.map((c, i) => ({ c, i })).filter((x): x is { c: string; i: number } => x.c !== undefined);
  const out: Set<string>[] = columns.map(() => new Set<string>());
  if (present.length > 0) {
    const selects = joinFrags(
      present.map(({ c, i }) => compose(`{} AS v${i}`, dialect.text(frag('??', c)))),
      ', ',
    );
    const q = compose('SELECT DISTINCT {} FROM {}', selects, frag('??', table));
    for (const row of rowsOf(await knex.raw(q.sql, q.bindings as Knex.RawBinding[]))) {
      for (const { i } of present) {
        const v = row[`v${i}`];
        if (v !== null && v !== undefined) out[i].add(String(v));
      }
    }
  }
  return out.map((set) => [...set]);
}

/** Rows of a knex.raw result, whatever the driver. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return Array.isArray(result[0]) ? (result[0] as Record<string, unknown>[]) : (result as Record<string, unknown>[]);
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

class SqlSource implements DossierSource {
  readonly warnings: Warning[];

  constructor(
    private readonly knex: Knex,
    private readonly dialect: Dialect,
    private readonly shape: TableShape,
    private readonly agencies: AgencyList,
    readonly description: string,
    /** Name used as the "file" of rejects. */
    private readonly rejectFile: string,
    private readonly where: string = description,
  ) {
    this.warnings = shape.warnings ?? [];
  }

  private col(field: SqlField): Frag | null {
    const c = this.shape.columns[field];
    return c ? frag('??', c) : null;
  }

  /** Trimmed text or NULL for empty: the readers' cleanText, minus what buildTable merges anyway. */
  private textCol(field: SqlField): Frag {
    const c = this.col(field);
    if (!c) return this.dialect.text(frag('NULL')); // typed: PostgreSQL compares untyped NULLs as text
    if (this.shape.trusted) return c;
    return compose("NULLIF(TRIM({}), '')", this.dialect.text(c));
  }

  /**
   * A text column as stored, for grouping: trimming happens in JS on the few grouped values
   * (groupLabel), not on every row.
   */
  private rawText(field: SqlField): Frag {
    const c = this.col(field);
    if (!c) return this.dialect.text(frag('NULL'));
    return this.shape.trusted ? c : this.dialect.text(c);
  }

  /**
   * 1 when a column is missing, empty or only spaces, else 0: the same as `NULLIF(TRIM(x), '') IS NULL`,
   * but TRIM (which copies the text) only runs on values that start with a space.
   */
  private blank(field: SqlField): Frag {
    const c = this.col(field);
    if (!c) return frag('1');
    const t = this.dialect.text(c);
    return compose("CASE WHEN {} IS NULL OR {} = '' OR ({} LIKE ' %' AND TRIM({}) = '') THEN 1 ELSE 0 END", t, t, t, t);
  }

  private dayCol(field: DateField): Frag {
    const c = this.col(field);
    // Typed NULL: PostgreSQL cannot TO_CHAR an untyped NULL.
    if (!c) return frag(this.dialect.name === 'sqlite' ? 'NULL' : 'CAST(NULL AS DATE)');
    if (this.shape.trusted) return c; // the store holds yyyy-mm-dd text
    return this.dialect.checkedDay(c, this.shape.dateKinds[field]!).day;
  }

  /** A condition: the column holds a value that is no plausible calendar day (a zero date, 2024-02-30, …). */
  private dayInvalid(field: DateField): Frag {
    const c = this.col(field);
    if (!c || this.shape.trusted) return frag('1 = 0'); // the store holds checked days only
    return this.dialect.checkedDay(c, this.shape.dateKinds[field]!).invalid;
  }

  /** A code column as mapCase compares it: integers as they are, anything else as text. */
  private codeValue(field: SqlField, c: Frag): Frag {
    return this.shape.integer?.[field] ? c : this.dialect.text(c);
  }

  /**
   * The national codes themselves in an integer column (no other numbers mapped in the config): the
   * column serves as `st` as it is. A mapping CASE costs more than the rest of the count, since
   * PostgreSQL evaluates it again at every mention of `st`; unknown numbers are still rejected
   * (statusUnknown) and rejected rows are never counted, whatever their `st`.
   */
  private statusIsCode(): boolean {
    const map = this.shape.statusMap;
    if (!map || !this.shape.integer?.status) return false;
    return [...map].every(([raw, code]) => code === -1 || code === Number(raw));
  }

  /** Condition on the normalised row: a status value is present but not understood. */
  private statusUnknown(): Frag {
    if (!this.statusIsCode()) return frag('st = -1');
    const codes = [...this.shape.statusMap!.values()].filter((code) => code !== -1);
    return frag(`st IS NOT NULL AND st NOT IN (${codes.join(', ')})`);
  }

  /** A typed integer NULL: PostgreSQL and MySQL need the type to mix it with mapped codes. */
  private nullInteger(): Frag {
    return frag(this.dialect.name === 'mysql' ? 'CAST(NULL AS SIGNED)' : 'CAST(NULL AS INTEGER)');
  }

  private statusExpr(): Frag {
    const c = this.col('status');
    const none = this.nullInteger();
    if (!c) return none;
    if (this.shape.trusted || !this.shape.statusMap || this.statusIsCode()) return c;
    const unknown = this.shape.integer?.status ? frag('-1') : undefined;
    return mapCase(this.codeValue('status', c), this.shape.statusMap, (code) => (code === 0 ? null : code), none, this.shape.integer?.status, unknown);
  }

  private channelExpr(): Frag {
    const c = this.col('channel');
    const none = this.dialect.text(frag('NULL'));
    if (!c) return none;
    if (this.shape.trusted || !this.shape.channelMap) return c;
    const unknown = this.shape.integer?.channel ? frag("'bad'") : undefined;
    return mapCase(this.codeValue('channel', c), this.shape.channelMap, (ch) => (ch === ('' as Channel) ? null : ch), none, this.shape.integer?.channel, unknown);
  }

  /** 1 satisfied, 0 not, NULL unknown: the store's `satisfied` column, or the rating values mapped once in JS. */
  private satExpr(): Frag {
    const none = this.nullInteger();
    if (this.shape.trusted) return frag('??', 'satisfied');
    const c = this.col('rating');
    if (!c || !this.shape.ratingMap) return none;
    return mapCase(this.codeValue('rating', c), this.shape.ratingMap, (v) => (v === null ? null : v ? 1 : 0), none, this.shape.integer?.rating);
  }

  /**
   * The normalised rows (see sql-rules.ts for the column names), with `bad` telling usable rows
   * from rejected ones. Rule 8 of the README: no resolved date but status 9/10 → the returned date.
   */
  private normalised(groupBy: GroupBy): Frag {
    const st = this.statusExpr();
    const resolved = this.dayCol('resolved_at');
    const s =
      this.shape.columns.returned_at && this.shape.columns.status && !this.shape.trusted
        ? compose('COALESCE({}, CASE WHEN {} IN (9, 10) THEN {} END)', resolved, st, this.dayCol('returned_at'))
        : resolved;
    const r = this.dayCol('received_at');
    const ch = this.channelExpr();
    const groupExpr: Record<GroupBy, Frag> = {
      agency: this.rawText('agency'),
      field: this.rawText('field'),
      procedure: this.rawText('procedure'),
      level: this.rawText('level'),
      channel: ch,
      month: this.dialect.month(r),
    };
    const statusRaw = this.dialect.text(this.col('status') ?? frag('NULL'));
    const channelRaw = this.dialect.text(this.col('channel') ?? frag('NULL'));
    // Per date column: whether its value is no calendar day (x…) and its text for the rejects (…_raw).
    // The store holds checked days only, and its query must read nothing outside its covering index.
    const dateChecks = this.shape.trusted
      ? frag('')
      : joinFrags(
          DATE_FIELDS.map((f) => compose(`, {} AS ${DATE_FLAG[f]}, {} AS ${DATE_FLAG[f]}_raw`, this.dayInvalid(f), this.dialect.text(this.col(f) ?? frag('NULL')))),
          '',
        );
    const inner = compose(
      `SELECT {} AS code, {} AS agency, {} AS fld, {} AS prc, {} AS lvl, {} AS grp,
        {} AS r, {} AS d, {} AS s, {} AS ret, {} AS apo, {} AS st, {} AS ch, {} AS sat, {} AS st_raw, {} AS ch_raw,
        {} AS nocode, {} AS noagency{} FROM {}`,
      this.textCol('code'),
      this.textCol('agency'),
      this.textCol('field'),
      this.textCol('procedure'),
      this.textCol('level'),
      groupExpr[groupBy],
      r,
      this.dayCol('due_at'),
      s,
      this.dayCol('returned_at'),
      this.dayCol('apology_at'),
      st,
      ch,
      this.satExpr(),
      statusRaw,
      channelRaw,
      this.shape.trusted ? frag('0') : this.blank('code'),
      this.shape.trusted ? frag('0') : this.blank('agency'),
      dateChecks,
      frag('??', this.shape.table),
    );
    // The store holds usable rows only (import rejects the others): no check, and the query reads
    // only columns of its covering index.
    const flags = (f: DateField) => (this.col(f) ? frag(DATE_FLAG[f]) : null);
    const bad = this.shape.trusted
      ? frag('0')
      : badExpr(this.statusUnknown(), frag("ch = 'bad'"), {
          received: flags('received_at'),
          due: flags('due_at'),
          resolved: flags('resolved_at'),
          returned: flags('returned_at'),
          apology: flags('apology_at'),
        });
    return compose('SELECT n.*, {} AS bad FROM ({}) n', bad, inner);
  }

  private errorPlace() {
    const textDates = DATE_FIELDS.filter((f) => this.shape.dateKinds[f] === 'text').map((f) => this.shape.columns[f]!);
    return { where: this.where, table: this.shape.table, dateColumns: textDates, connected: true };
  }

  private async query(q: Frag): Promise<Record<string, unknown>[]> {
    try {
      return rowsOf(await this.knex.raw(q.sql, q.bindings as Knex.RawBinding[]));
    } catch (e) {
      throw translateDbError(e, this.errorPlace());
    }
  }

  /** Filters as a condition on the normalised rows; names are matched in JS against the distinct values. */
  private async filterCondition(filters: Filters | undefined, groupBy: GroupBy): Promise<Frag> {
    if (!filters) return frag('1 = 1');
    const parts: Frag[] = [];
    const base = this.normalised(groupBy);
    const distinct = async (column: string): Promise<string[]> =>
      (await this.query(compose(`SELECT DISTINCT ${column} AS v FROM ({}) x WHERE ${column} IS NOT NULL`, base)))
        .map((r) => String(r.v));
    if (filters.agency?.length) {
      const match = agencyMatcher(filters.agency, this.agencies);
      parts.push(inList(frag('agency'), (await distinct('agency')).filter(match)));
    }
    for (const [key, column] of [['field', 'fld'], ['procedure', 'prc'], ['level', 'lvl']] as const) {
      const wanted = filters[key];
      if (!wanted?.length) continue;
      const keys = new Set(wanted.map(looseKey));
      parts.push(inList(frag(column), (await distinct(column)).filter((v) => keys.has(looseKey(v)))));
    }
    if (filters.channel?.length) parts.push(inList(frag('ch'), filters.channel));
    return parts.length ? joinFrags(parts, ' AND ') : frag('1 = 1');
  }

  async count(query: CountQuery): Promise<CountResult> {
    const base = this.normalised(query.groupBy);
    const filter = await this.filterCondition(query.filters, query.groupBy);
    // The first period's query also counts the unusable rows of the whole table, in the same scan
    // (a second scan of its own cost as much again); the others count usable rows only.
    const counted = await Promise.all(
      query.periods.map((period, i) => this.countPeriod(base, filter, period, query.rules, query.groupBy, i === 0 && !this.shape.trusted)),
    );
    const rejectedCount = query.periods.length === 0 ? await this.countRejected(base) : (counted[0]?.rejected ?? 0);
    // Only when there are some: every one of them, streamed to the caller (the rejects file).
    if (rejectedCount > 0 && query.onReject) await this.streamRejects(base, query.onReject);
    return { perPeriod: counted.map((c) => ({ groups: c.groups, rejected: rejectedCount })), rejectedCount, skippedCount: 0 };
  }

  private async countPeriod(
    base: Frag,
    filter: Frag,
    period: Period,
    rules: RuleOptions,
    groupBy: GroupBy,
    withRejected: boolean,
  ): Promise<{ groups: Map<string, Tally>; rejected: number }> {
    // Classify each row once, group by (grp, category), then fold into one row per group (sql-rules.ts).
    // Scope first: PostgreSQL evaluates OR from the left, and `bad` is computed again for the grouping.
    const rows = compose(withRejected ? '({} AND {}) OR bad > 0' : 'bad = 0 AND {} AND {}', scopeCondition(period), filter);
    const q = compose(
      `SELECT grp, {} FROM (SELECT grp, {}, COUNT(*) AS n FROM ({}) v WHERE {} GROUP BY ${CATEGORY_GROUP_BY}) c GROUP BY grp`,
      tallyFromCategories(),
      categoryColumns(period, rules),
      base,
      rows,
    );
    const groups = new Map<string, Tally>();
    let rejected = 0;
    for (const row of await this.aggregate(q)) {
      rejected += Number(row.rejected ?? 0);
      const key = groupLabel(row.grp, groupBy);
      let tally = groups.get(key);
      if (!tally) groups.set(key, (tally = emptyTally()));
      for (const k of TALLY_KEYS) tally[k] += Number(row[k] ?? 0);
    }
    // classify returns nothing for a dossier outside the period: drop all-zero groups the same way.
    for (const [key, tally] of groups) if (TALLY_KEYS.every((k) => tally[k] === 0)) groups.delete(key);
    return { groups, rejected };
  }

  /**
   * An aggregate query. PostgreSQL estimates the number of (group, category) pairs from the distinct
   * values of the date columns inside the category expressions, about one per row, where a few
   * hundred exist; with that estimate it sorts every row in scope (on disk, with the default
   * work_mem) instead of hashing them. Turning sorting off for this one read-only transaction lets
   * it hash: 1M rows, 1.1 s → 0.55 s (README "Performance").
   */
  private async aggregate(q: Frag): Promise<Record<string, unknown>[]> {
    if (this.dialect.name !== 'pg') return this.query(q);
    // When the query fails because the connection died, knex's ROLLBACK fails too and replaces the
    // error: report the query's own.
    let failed: unknown;
    try {
      return await this.knex.transaction(
        async (trx) => {
          try {
            await trx.raw('SET LOCAL enable_sort = off');
            return rowsOf(await trx.raw(q.sql, q.bindings as Knex.RawBinding[]));
          } catch (e) {
            failed = e;
            throw e;
          }
        },
        { readOnly: true },
      );
    } catch (e) {
      throw translateDbError(failed ?? e, this.errorPlace());
    }
  }

  /** How many rows cannot be used, when no period query counted them. The store holds none (import rejects them). */
  private async countRejected(base: Frag): Promise<number> {
    if (this.shape.trusted) return 0;
    const [{ n }] = await this.query(compose('SELECT COUNT(*) AS n FROM ({}) v WHERE bad > 0', base));
    return Number(n);
  }

  /** Every row that cannot be used, one at a time. */
  private async streamRejects(base: Frag, onReject: (reject: Reject) => void): Promise<void> {
    const dateTexts = DATE_FIELDS.map((f) => `${DATE_FLAG[f]}_raw`).join(', ');
    const q = compose(`SELECT code, bad, st_raw, ch_raw, ${dateTexts} FROM ({}) v WHERE bad > 0`, base);
    for await (const row of this.stream(q)) onReject(this.reject(row));
  }

  private reject(row: Record<string, unknown>): Reject {
    const reason = Number(row.bad) as RejectReason;
    const column = (f: SqlField) => `cột "${this.shape.columns[f]}"`;
    const detail: Partial<Record<RejectReason, string>> = {
      2: `${REJECT_REASONS[2]} (${column('agency')})`,
      3: `${column('status')}: ${REJECT_REASONS[3]} "${String(row.st_raw ?? '').trim()}"`,
      4: `${column('channel')}: ${REJECT_REASONS[4]} "${String(row.ch_raw ?? '').trim()}"`,
      5: `${REJECT_REASONS[5]} (${column('received_at')})`,
    };
    for (const f of DATE_FIELDS) {
      if (DATE_REASON[f] !== reason) continue;
      // The readers' own words for the value ("tháng 2/2024 chỉ có 29 ngày", "không có tháng 0", …).
      const raw = String(row[`${DATE_FLAG[f]}_raw`] ?? '').trim();
      const parsed = parseDateText(raw);
      detail[reason] = `${column(f)}: ${parsed.ok ? `ngày không hợp lệ "${raw}"` : parsed.error}`;
    }
    const r: Reject = {
      file: this.rejectFile,
      line: 0,
      kind: REJECT_REASON_KINDS[reason] ?? 'bad-date',
      reason: detail[reason] ?? REJECT_REASONS[reason] ?? `lý do ${reason}`,
    };
    if (row.code !== null && row.code !== undefined) r.code = String(row.code);
    return r;
  }

  async *dossiers(filters?: Filters, onReject?: (reject: Reject) => void, scope?: DossierScope): AsyncIterable<Dossier> {
    const base = this.normalised('agency');
    if (onReject && !this.shape.trusted) await this.streamRejects(base, onReject);
    const filter = await this.filterCondition(filters, 'agency');
    const t = (c: string) => this.dialect.dayText(frag(c));
    const q = compose(
      'SELECT code, agency, fld, prc, lvl, ch, st, sat, {} AS r, {} AS d, {} AS s, {} AS ret, {} AS apo FROM ({}) v WHERE bad = 0 AND {} AND {}',
      t('r'),
      t('d'),
      t('s'),
      t('ret'),
      t('apo'),
      base,
      filter,
      listingCondition(scope),
    );
    for await (const row of this.stream(q)) {
      yield {
        code: String(row.code),
        agency: String(row.agency),
        field: textOrNull(row.fld),
        procedure: textOrNull(row.prc),
        level: textOrNull(row.lvl),
        channel: (textOrNull(row.ch) as Channel | null) ?? null,
        receivedOn: textOrNull(row.r),
        dueOn: textOrNull(row.d),
        resolvedOn: textOrNull(row.s),
        returnedOn: textOrNull(row.ret),
        status: row.st === null || row.st === undefined ? null : (Number(row.st) as StatusCode),
        apologyOn: textOrNull(row.apo),
        satisfied: row.sat === null || row.sat === undefined ? null : Number(row.sat) === 1,
      };
    }
  }

  /** Rows one at a time: better-sqlite3 iterate(), a PostgreSQL cursor, a mysql2 stream. */
  private async *stream(q: Frag): AsyncIterable<Record<string, unknown>> {
    const native = this.knex.raw(q.sql, q.bindings as Knex.RawBinding[]).toSQL().toNative();
    try {
      if (this.dialect.name === 'sqlite') {
        const conn = (await this.knex.client.acquireConnection()) as import('better-sqlite3').Database;
        try {
          yield* conn.prepare(native.sql).iterate(...(native.bindings as unknown[])) as Iterable<Record<string, unknown>>;
        } finally {
          await this.knex.client.releaseConnection(conn);
        }
      } else if (this.dialect.name === 'pg') {
        // A cursor inside a read-only transaction: no writes, no temporary tables.
        const trx = await this.knex.transaction(undefined, { readOnly: true });
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
      } else {
        const conn = (await this.knex.client.acquireConnection()) as MysqlConnection;
        try {
          yield* mysqlRows(conn, native.sql, native.bindings as unknown[]);
        } finally {
          await this.knex.client.releaseConnection(conn);
        }
      }
    } catch (e) {
      throw translateDbError(e, this.errorPlace());
    }
  }

  /**
   * Never fails and never waits long: after a failed query another one may still run on the pool's
   * second connection (the next period, a killed neighbour), and knex's destroy() waits for it to end.
   * After a short grace its socket is closed, so hcc ends with its message instead of waiting.
   */
  async close(): Promise<void> {
    const destroyed = this.knex.destroy().catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 2000)));
    if ((await Promise.race([destroyed, grace])) === 'late') {
      const used = (this.knex.client as { pool?: { used?: { resource: unknown }[] } }).pool?.used ?? [];
      for (const { resource } of used) closeSocket(resource);
      await destroyed;
    }
    clearTimeout(timer);
  }
}

/** The few members of a mysql2 (callback API) connection the row stream uses. */
interface MysqlConnection {
  query(sql: string, values: unknown[]): { stream(options?: { highWaterMark?: number }): import('node:stream').Readable };
  on(event: 'error' | 'end', listener: (err?: Error) => void): unknown;
  off(event: 'error' | 'end', listener: (err?: Error) => void): unknown;
  destroy(): void;
}

/**
 * A mysql2 query's rows one at a time. mysql2 reports a connection lost during a streamed query (a
 * KILL, a server restart) on the connection only, never on the row stream, which then waits forever:
 * the connection's 'error' and 'end' end the rows with an error here.
 */
async function* mysqlRows(conn: MysqlConnection, sql: string, values: unknown[]): AsyncIterable<Record<string, unknown>> {
  const rows = conn.query(sql, values).stream({ highWaterMark: 1000 });
  const lost = (err?: Error) =>
    rows.destroy(err ?? Object.assign(new Error('Connection lost: the server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' }));
  conn.on('error', lost);
  conn.on('end', lost);
  let finished = false;
  try {
    for await (const row of rows) yield row as Record<string, unknown>;
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
function closeSocket(conn: unknown): void {
  const c = conn as { destroy?: () => void; connection?: { stream?: { destroy(): void } } };
  try {
    if (c.connection?.stream) c.connection.stream.destroy();
    else c.destroy?.();
  } catch {
    // already closed
  }
}

/**
 * A DossierScope as a condition on the normalised rows (see sql-rules.ts for the columns), mirroring
 * src/core/overdue.ts, which stays the oracle: the command filters the rows again in JS.
 */
function listingCondition(scope: DossierScope | undefined): Frag {
  if (!scope) return frag('1 = 1');
  const parts: Frag[] = [];
  // countedApart: never received (1, 3), withdrawn (7), stopped (8).
  const st = 'COALESCE(st, 0)';
  if (scope.overdueAt !== undefined) {
    // isOverdueAt: received by D, not resolved by D, not waiting for the applicant (5), due before D.
    const day = scope.overdueAt;
    parts.push(frag(`(r IS NOT NULL AND r <= ? AND (s IS NULL OR s > ?) AND ${st} NOT IN (1, 3, 5, 7, 8) AND d IS NOT NULL AND d < ?)`, day, day, day));
  }
  if (scope.lateIn !== undefined) {
    // isLateIn: resolved within the period, after the due date.
    const { from, to } = scope.lateIn;
    parts.push(frag(`(r IS NOT NULL AND d IS NOT NULL AND s IS NOT NULL AND ${st} NOT IN (1, 3, 7, 8) AND s >= ? AND s <= ? AND s > d)`, from, to));
  }
  if (scope.withApology) parts.push(frag('apo IS NOT NULL'));
  return parts.length ? compose('({})', joinFrags(parts, ' OR ')) : frag('1 = 1');
}

/**
 * CASE over the raw values of a code column: value → mapped value; a value not in the map → NULL,
 * or `unknown` (when given) for a non-null value, as for a closed vocabulary.
 */
function mapCase<T>(expr: Frag, map: Map<string, T>, out: (v: T) => string | number | null, none: Frag, integer = false, unknown?: Frag): Frag {
  const byValue = new Map<string | number | null, string[]>();
  for (const [raw, v] of map) {
    const o = out(v);
    if (!byValue.has(o)) byValue.set(o, []);
    byValue.get(o)!.push(raw);
  }
  const whens: Frag[] = [];
  if (unknown) whens.push(compose('WHEN {} IS NULL THEN {}', expr, none));
  for (const [o, raws] of byValue) {
    if (o === null && !unknown) continue;
    const values = integer ? raws.map(Number) : raws;
    const mapped = o === null ? none : typeof o === 'number' ? frag(String(Math.trunc(o))) : frag('?', o);
    whens.push(compose('WHEN {} THEN {}', inList(expr, values), mapped));
  }
  if (!unknown && whens.length === 0) return none;
  return unknown ? compose('(CASE {} ELSE {} END)', joinFrags(whens, ' '), unknown) : compose('(CASE {} END)', joinFrags(whens, ' '));
}

function textOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function groupLabel(value: unknown, groupBy: GroupBy): string {
  if (value === null || value === undefined) return UNKNOWN_GROUP;
  const text = String(value).normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text === '') return UNKNOWN_GROUP;
  if (groupBy === 'channel') return CHANNEL_LABELS[text as Channel] ?? UNKNOWN_GROUP;
  return text;
}
