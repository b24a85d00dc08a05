// Describing a table: the column and the reading of each canonical field (store and table shapes), code vocabularies, missing-column warnings.
import type { Knex } from 'knex';
import type { Channel } from '../../core/types.js';
import type { Warning } from '../../core/warnings.js';
import { UserError } from '../../errors.js';
import { parseChannel, parseRating, parseStatus, parseTimeLimit } from '../../readers/codes.js';
import { unreadTimeLimitWarning } from '../../core/warnings.js';
import { missingColumnWarnings, type ConfigLines } from '../../readers/header-warnings.js';
import { HeaderMatcher, nearestField } from '../../readers/headers.js';
import { CANONICAL_FIELDS, type CanonicalField } from '../../readers/types.js';
import type { SourceSettings } from '../source.js';
import { STORE_COLUMNS, STORE_TABLE } from '../store.js';
import { checkIdentifier } from './connect.js';
import type { DateKind, Dialect } from './dialect.js';
import { rowsOf } from './driver.js';
import { compose, frag, inList, joinFrags } from './frag.js';

/** Canonical fields a database column can serve: the same as a file's columns. */
const SQL_FIELDS = CANONICAL_FIELDS;
export type SqlField = CanonicalField;
export const DATE_FIELDS = ['received_at', 'due_at', 'resolved_at', 'returned_at', 'apology_at'] as const;
export type DateField = (typeof DATE_FIELDS)[number];
const REQUIRED: SqlField[] = ['code', 'agency', 'received_at'];

/** Values already as the rules read them: trimmed text, `yyyy-mm-dd` days, national codes, channel words, ratings as 0/1. */
export interface Clean {
  column: string;
  as: 'clean';
}
/** Any type, read as text; trimmed, blank as missing. */
export interface AsText {
  column: string;
  as: 'text';
}
/** A date column of this kind: its Vietnam calendar day, checked value by value. */
export interface AsDay {
  column: string;
  as: 'day';
  kind: DateKind;
}
/**
 * A code column, its raw values mapped in SQL. An `integer` column is compared as integers, not cast
 * to text on every row; its map holds every number hcc understands, not values read from the table,
 * so any other value is not understood (status -1, channel 'bad', rating NULL).
 */
export interface AsCode<T> {
  column: string;
  as: 'code';
  values: Map<string, T>;
  integer: boolean;
}

/** How a table serves the canonical fields, found once when the source opens. */
export interface TableShape {
  table: string;
  /** The fields the table has: each one's column and how its values are read. */
  fields: {
    code?: Clean | AsText;
    agency?: Clean | AsText;
    field?: Clean | AsText;
    procedure?: Clean | AsText;
    level?: Clean | AsText;
    received_at?: Clean | AsDay;
    due_at?: Clean | AsDay;
    resolved_at?: Clean | AsDay;
    returned_at?: Clean | AsDay;
    apology_at?: Clean | AsDay;
    /** Raw status → national code (-1: not understood, 0: none). */
    status?: Clean | AsCode<number>;
    /** Raw channel → channel ('bad': not understood, '': none). */
    channel?: Clean | AsCode<Channel | 'bad'>;
    /** Raw rating → satisfied (parseRating); unknown values are NULL, like the readers. */
    rating?: Clean | AsCode<boolean | null>;
    /**
     * Raw time limit → working days (parseTimeLimit), NULL when unknown or unreadable. An integer
     * column is read as it is (its map empty), within 0…MAX_TIME_LIMIT.
     */
    time_limit?: Clean | AsCode<number | null>;
  };
  /** Rows may be unusable: each is checked (`bad`), and the unusable ones counted and listed. */
  checkRows: boolean;
  /** Rule 8 of the README (no resolved date but status 9/10: the returned date) is applied in SQL. */
  returnedServesResolved: boolean;
  /** What the table lacks that changes the figures (missing-column warnings). */
  warnings: Warning[];
}

/**
 * The store: every field in its own column, rows checked by `hcc import` (rule 8 applied there too),
 * ratings kept parsed in `satisfied`. Its queries then read only the columns of its covering index.
 */
export function storeShape(): TableShape {
  const fields: TableShape['fields'] = {};
  for (const column of STORE_COLUMNS) fields[column === 'satisfied' ? 'rating' : column] = { column, as: 'clean' };
  return { table: STORE_TABLE, fields, checkRows: false, returnedServesResolved: false, warnings: [] };
}

export interface SourceSection {
  table?: string;
  columns: Partial<Record<SqlField, string>>;
  status: Record<string, number>;
  channel: Record<string, Channel>;
}

/**
 * The config's "source" section (checked when the config was read), with its column names checked as
 * SQL identifiers: the one place of src/sources/sql/ that reads it.
 */
export function sourceSection(config: SourceSettings): SourceSection {
  const s = config.source;
  const where = config.path ?? 'hcc.config.json';
  const columns: Partial<Record<SqlField, string>> = {};
  for (const [field, column] of Object.entries(s.columns)) {
    columns[field as SqlField] = checkIdentifier(column!, `"source.columns.${field}" trong ${where}`);
  }
  return { table: s.table, columns, status: s.status, channel: s.channel };
}

/** A database's config lines: `"source": { "columns": { "field": "column" } }`. */
const SOURCE_COLUMNS: ConfigLines = {
  text: (field, names) => `"source": { "columns": { "${field}": "${names[0]}" } }`,
};

const CODE_FIELDS = ['status', 'channel', 'rating', 'time_limit'] as const;
const INTEGER_TYPE = /^(tiny|small|medium|big)?int(eger)?\b|^int[248]\b/i;

/** Finds the columns (canonical names, config mapping, or the names real exports use), date kinds and code vocabularies. */
export async function describeTable(knex: Knex, dialect: Dialect, table: string, section: SourceSection, where: string): Promise<TableShape> {
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

  const fields: TableShape['fields'] = {};
  for (const field of ['code', 'agency', 'field', 'procedure', 'level'] as const) {
    const column = columns[field];
    if (column) fields[field] = { column, as: 'text' };
  }
  for (const field of DATE_FIELDS) {
    const column = columns[field];
    if (column) fields[field] = { column, as: 'day', kind: dialect.dateKind(info[column].type) };
  }

  const integer = (f: (typeof CODE_FIELDS)[number]) => columns[f] !== undefined && INTEGER_TYPE.test(info[columns[f]].type);
  // The values a code column holds: for an integer column, every number hcc understands (no scan,
  // other numbers are not understood); for a text column, the distinct values, all columns in one scan.
  const scanned = CODE_FIELDS.filter((f) => columns[f] && !integer(f));
  const found = await distinctTexts(knex, dialect, table, scanned.map((f) => columns[f]));
  const values = (field: (typeof CODE_FIELDS)[number], numbers: number, configured: Record<string, unknown>): string[] => {
    const i = scanned.indexOf(field);
    if (i >= 0) return found[i];
    const fromConfig = Object.keys(configured).map((k) => k.trim()).filter((k) => /^-?\d+$/.test(k)).map((k) => String(Number(k)));
    return [...new Set([...Array.from({ length: numbers + 1 }, (_, n) => String(n)), ...fromConfig])];
  };
  if (columns.status) {
    const map = new Map(
      values('status', 10, section.status).map((v) => {
        const mapped = section.status[v] ?? section.status[v.trim()];
        const code = mapped ?? parseStatus(v);
        return [v, code === undefined ? -1 : (code ?? 0)];
      }),
    );
    fields.status = { column: columns.status, as: 'code', values: map, integer: integer('status') };
  }
  if (columns.channel) {
    const map = new Map<string, Channel | 'bad'>(
      values('channel', 3, section.channel).map((v) => {
        const ch = section.channel[v] ?? section.channel[v.trim()] ?? parseChannel(v);
        return [v, ch === undefined ? 'bad' : (ch ?? ('' as Channel))];
      }),
    );
    fields.channel = { column: columns.channel, as: 'code', values: map, integer: integer('channel') };
  }
  if (columns.rating) {
    const map = new Map(values('rating', 5, {}).map((v) => [v, parseRating(v)]));
    fields.rating = { column: columns.rating, as: 'code', values: map, integer: integer('rating') };
  }

  const unread: string[] = [];
  if (columns.time_limit) {
    const map = new Map<string, number | null>();
    if (!integer('time_limit')) {
      for (const v of values('time_limit', 0, {})) {
        const n = parseTimeLimit(v);
        if (n === undefined) unread.push(v);
        map.set(v, n ?? null);
      }
    }
    fields.time_limit = { column: columns.time_limit, as: 'code', values: map, integer: integer('time_limit') };
  }

  // Said first, like a file's missing column: the rules would otherwise assume for every dossier.
  const used = new Set(Object.values(columns));
  const unused = actual.filter((c) => !used.has(c)).map((name) => ({ name, nearest: nearestField(name) }));
  const warnings = missingColumnWarnings((f) => columns[f] !== undefined, unused, `bảng "${table}" trong CSDL ${where}`, SOURCE_COLUMNS);
  if (unread.length > 0) {
    const rows = await countValues(knex, dialect, table, columns.time_limit!, unread);
    warnings.push(unreadTimeLimitWarning(rows, `bảng "${table}" trong CSDL ${where}, cột "${columns.time_limit}"`, unread.slice(0, 3).map((v) => v.trim())));
  }
  return { table, fields, checkRows: true, returnedServesResolved: fields.returned_at !== undefined && fields.status !== undefined, warnings };
}

/** How many rows hold one of `values` in `column` (the time limits hcc cannot read, for their warning). */
async function countValues(knex: Knex, dialect: Dialect, table: string, column: string, values: string[]): Promise<number> {
  const q = compose('SELECT COUNT(*) AS n FROM {} WHERE {}', frag('??', table), inList(dialect.text(frag('??', column)), values));
  const [row] = rowsOf(await knex.raw(q.sql, q.bindings as Knex.RawBinding[]));
  return Number(row?.n ?? 0);
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
