// SQL fragments with knex placeholders (`?` values, `??` identifiers) and the few spots where
// PostgreSQL, MySQL/MariaDB and SQLite spell the same thing differently.

/** A piece of SQL and its bindings, in order. Values are always bound, never spliced. */
export interface Frag {
  sql: string;
  bindings: unknown[];
}

export function frag(sql: string, ...bindings: unknown[]): Frag {
  return { sql, bindings };
}

/** Fills `{}` holes of a template with fragments, in order: sql`a {} b`(x). */
export function compose(template: string, ...parts: Frag[]): Frag {
  const pieces = template.split('{}');
  if (pieces.length !== parts.length + 1) throw new Error(`compose: ${pieces.length - 1} holes, ${parts.length} parts`);
  let sql = pieces[0];
  const bindings: unknown[] = [];
  parts.forEach((p, i) => {
    sql += p.sql + pieces[i + 1];
    bindings.push(...p.bindings);
  });
  return { sql, bindings };
}

export function joinFrags(parts: Frag[], separator: string): Frag {
  return { sql: parts.map((p) => p.sql).join(separator), bindings: parts.flatMap((p) => p.bindings) };
}

/** `expr IN (?, ?, …)`, or a false condition for an empty list. */
export function inList(expr: Frag, values: readonly unknown[]): Frag {
  if (values.length === 0) return frag('1 = 0');
  return compose('{} IN {}', expr, frag(`(${values.map(() => '?').join(', ')})`, ...values));
}

export type DialectName = 'pg' | 'mysql' | 'sqlite';

/** How a date column is stored, found once by looking at the column's type (and values for text). */
export type DateKind = 'date' | 'timestamp' | 'timestamptz' | 'iso-text' | 'compact-text';

export const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';

export interface Dialect {
  name: DialectName;
  /** Any column as text (codes or statuses stored as numbers). */
  text(col: Frag): Frag;
  /** The Vietnam calendar day of a date column: a DATE in PostgreSQL/MySQL, `yyyy-mm-dd` text in SQLite. */
  day(col: Frag, kind: DateKind): Frag;
  /** `yyyy-mm` of a day expression. */
  month(day: Frag): Frag;
  /** `yyyy-mm-dd` text of a day expression (for rows read into JS). */
  dayText(day: Frag): Frag;
  /** Condition: the text value does not look like the given text date layout. */
  notLike(textExpr: Frag, kind: 'iso-text' | 'compact-text'): Frag;
}

const ISO_RE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}';
const COMPACT_RE = '^([0-9]{8}|[0-9]{14})$';

export const DIALECTS: Record<DialectName, Dialect> = {
  pg: {
    name: 'pg',
    text: (c) => compose('CAST({} AS TEXT)', c),
    day(c, kind) {
      switch (kind) {
        case 'date':
          return c;
        case 'timestamp':
          return compose('CAST({} AS DATE)', c); // no zone: the wall clock is Vietnam time
        case 'timestamptz':
          return compose('CAST(({} AT TIME ZONE {}) AS DATE)', c, frag('?', VIETNAM_TZ));
        case 'iso-text':
          return compose("CAST(NULLIF(SUBSTR(TRIM({}), 1, 10), '') AS DATE)", this.text(c));
        case 'compact-text':
          return compose("TO_DATE(NULLIF(SUBSTR(TRIM({}), 1, 8), ''), 'YYYYMMDD')", this.text(c));
      }
    },
    month: (d) => compose("TO_CHAR({}, 'YYYY-MM')", d),
    dayText: (d) => compose("TO_CHAR({}, 'YYYY-MM-DD')", d),
    notLike: (t, kind) => compose('NOT (TRIM({}) ~ {})', t, frag('?', kind === 'iso-text' ? ISO_RE : COMPACT_RE)),
  },
  mysql: {
    name: 'mysql',
    text: (c) => compose('CAST({} AS CHAR)', c),
    day(c, kind) {
      switch (kind) {
        case 'date':
          return c;
        case 'timestamp':
        case 'timestamptz':
          // The session runs at +07:00 (set on connect), so TIMESTAMP values read as Vietnam time.
          return compose('DATE({})', c);
        case 'iso-text':
          return compose("CAST(NULLIF(SUBSTR(TRIM({}), 1, 10), '') AS DATE)", this.text(c));
        case 'compact-text':
          return compose("STR_TO_DATE(NULLIF(SUBSTR(TRIM({}), 1, 8), ''), '%Y%m%d')", this.text(c));
      }
    },
    month: (d) => compose("DATE_FORMAT({}, '%Y-%m')", d),
    dayText: (d) => compose("DATE_FORMAT({}, '%Y-%m-%d')", d),
    notLike: (t, kind) => compose('NOT (TRIM({}) REGEXP {})', t, frag('?', kind === 'iso-text' ? ISO_RE : COMPACT_RE)),
  },
  sqlite: {
    name: 'sqlite',
    text: (c) => compose('CAST({} AS TEXT)', c),
    day(c, kind) {
      switch (kind) {
        case 'compact-text': {
          const t = compose("NULLIF(TRIM({}), '')", this.text(c));
          return compose("(SUBSTR({}, 1, 4) || '-' || SUBSTR({}, 5, 2) || '-' || SUBSTR({}, 7, 2))", t, t, t);
        }
        default:
          // SQLite has no date type: days are `yyyy-mm-dd` text (a time part is cut off).
          return compose("NULLIF(SUBSTR(TRIM({}), 1, 10), '')", this.text(c));
      }
    },
    month: (d) => compose('SUBSTR({}, 1, 7)', d),
    dayText: (d) => d,
    notLike: (t, kind) =>
      kind === 'iso-text'
        ? compose('NOT (TRIM({}) GLOB {})', t, frag('?', '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'))
        : compose("NOT (LENGTH(TRIM({})) IN (8, 14) AND TRIM({}) NOT GLOB '*[^0-9]*')", t, t),
  },
};
