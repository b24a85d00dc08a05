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

/**
 * The calendar days a date may fall on: the file readers reject years before 1900 and after 2200 as
 * implausible (src/core/dates.ts `checked`; test/sources/differential.test.ts checks the two agree).
 */
export const PLAUSIBLE_DAYS = { first: '1900-01-01', last: '2200-12-31' } as const;

/** A date column's day, and whether its value is no plausible calendar day. */
export interface CheckedDay {
  /** The Vietnam calendar day; never an error, whatever the value (NULL or anything for an invalid one). */
  day: Frag;
  /**
   * A condition, true when the column holds a value that is not a plausible calendar day (a zero
   * date, 2024-02-30, text that is no date, a year out of PLAUSIBLE_DAYS); false or NULL for a day,
   * NULL and blank. A boolean in PostgreSQL (a flag compared to 1 would cost a CASE per row), 0/1 elsewhere.
   */
  invalid: Frag;
}

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
  /** `day`, safe on any value, with its validity (one CASE per row, evaluated in the same scan). */
  checkedDay(col: Frag, kind: DateKind): CheckedDay;
}

/** PostgreSQL: true for a day outside PLAUSIBLE_DAYS (NULL for NULL). */
function pgOutsideRange(day: Frag): Frag {
  return compose('({} < {} OR {} > {})', day, frag('?', PLAUSIBLE_DAYS.first), day, frag('?', PLAUSIBLE_DAYS.last));
}

/**
 * PostgreSQL: a condition true when the text `t` (already the date's first 10 or 8 characters) is a
 * real calendar day in the plausible years, laid out as `yyyy-mm-dd` or `yyyymmdd`. CASE keeps the
 * order (PostgreSQL may evaluate AND in any order): the digits are cast only once they are digits.
 */
function pgRealDay(t: Frag, kind: 'iso-text' | 'compact-text'): Frag {
  const [shape, m, d] = kind === 'iso-text' ? ['^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 6, 9] : ['^[0-9]{8}$', 5, 7];
  const y = compose('CAST(SUBSTR({}, 1, 4) AS INTEGER)', t);
  const mm = compose(`CAST(SUBSTR({}, ${m}, 2) AS INTEGER)`, t);
  const dd = compose(`CAST(SUBSTR({}, ${d}, 2) AS INTEGER)`, t);
  const first = Number(PLAUSIBLE_DAYS.first.slice(0, 4));
  const last = Number(PLAUSIBLE_DAYS.last.slice(0, 4));
  return compose(
    `CASE WHEN {} ~ {} THEN {} BETWEEN ${first} AND ${last} AND {} BETWEEN 1 AND 12 AND {} BETWEEN 1 AND
      CASE WHEN {} IN (4, 6, 9, 11) THEN 30
        WHEN {} <> 2 THEN 31
        WHEN {} % 4 = 0 AND ({} % 100 <> 0 OR {} % 400 = 0) THEN 29 ELSE 28 END
      ELSE FALSE END`,
    t,
    frag('?', shape),
    y,
    mm,
    dd,
    mm,
    mm,
    y,
    y,
    y,
  );
}

/**
 * MySQL/MariaDB: 1 when a day (a DATE value) is no real calendar day. DATE and DATETIME columns hold
 * zero dates and zero parts (0000-00-00, 2024-00-00, 2024-02-00) unless the server forbids them, and
 * with ALLOW_INVALID_DATES days past the month's end (2024-02-30); STR_TO_DATE returns the latter too.
 * The common case (day 1–28, a month, a plausible year) decides after three cheap tests.
 */
function mysqlNotRealDay(day: Frag): Frag {
  return compose(
    `CASE WHEN {} IS NULL THEN 0
      WHEN {} < {} OR {} > {} THEN 1
      WHEN DAYOFMONTH({}) BETWEEN 1 AND 28 AND MONTH({}) BETWEEN 1 AND 12 THEN 0
      WHEN MONTH({}) = 0 OR DAYOFMONTH({}) = 0 OR DAYOFMONTH({}) > DAYOFMONTH(LAST_DAY({})) THEN 1
      ELSE 0 END`,
    day,
    day,
    frag('?', PLAUSIBLE_DAYS.first),
    day,
    frag('?', PLAUSIBLE_DAYS.last),
    day,
    day,
    day,
    day,
    day,
    day,
  );
}

/** 1 when a text column holds something (not NULL, not blank) but `bad` says it is no day. */
function textInvalid(text: Frag, bad: Frag): Frag {
  return compose("CASE WHEN {} IS NULL OR TRIM({}) = '' THEN 0 ELSE {} END", text, text, bad);
}

/** The day after an ISO day. */
function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
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
    checkedDay(c, kind) {
      switch (kind) {
        case 'date':
          return { day: c, invalid: pgOutsideRange(c) };
        case 'timestamp':
          // The column itself against the bounds: no cast per row for the check.
          return { day: this.day(c, kind), invalid: compose('({} < {} OR {} >= {})', c, frag('?', PLAUSIBLE_DAYS.first), c, frag('?', nextDay(PLAUSIBLE_DAYS.last))) };
        case 'timestamptz': {
          const day = this.day(c, kind);
          return { day, invalid: pgOutsideRange(day) };
        }
        case 'iso-text':
        case 'compact-text': {
          // CAST('2024-02-30' AS DATE) fails the whole query in PostgreSQL: cast only real days.
          const text = this.text(c);
          const t = compose(`SUBSTR(TRIM({}), 1, ${kind === 'iso-text' ? 10 : 8})`, text);
          const real = pgRealDay(t, kind);
          const cast = kind === 'iso-text' ? compose('CAST({} AS DATE)', t) : compose("TO_DATE({}, 'YYYYMMDD')", t);
          return { day: compose('CASE WHEN {} THEN {} END', real, cast), invalid: compose("(TRIM({}) <> '' AND NOT ({}))", text, real) };
        }
      }
    },
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
    checkedDay(c, kind) {
      const day = this.day(c, kind);
      if (kind === 'date' || kind === 'timestamp' || kind === 'timestamptz') return { day, invalid: mysqlNotRealDay(day) };
      // CAST and STR_TO_DATE give NULL (with a warning) for text that is no date.
      const text = this.text(c);
      return { day, invalid: textInvalid(text, compose('CASE WHEN {} IS NULL THEN 1 ELSE {} END', day, mysqlNotRealDay(day))) };
    },
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
    checkedDay(c, kind) {
      // Days are text: date() gives NULL for no date and rolls 2024-02-30 over to 2024-03-01, so a
      // real day is one date() gives back unchanged.
      const day = this.day(c, kind);
      return {
        day,
        invalid: textInvalid(
          this.text(c),
          compose('CASE WHEN date({}) = {} AND {} BETWEEN {} AND {} THEN 0 ELSE 1 END', day, day, day, frag('?', PLAUSIBLE_DAYS.first), frag('?', PLAUSIBLE_DAYS.last)),
        ),
      };
    },
  },
};
