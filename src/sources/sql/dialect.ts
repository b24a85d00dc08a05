// How PostgreSQL, MySQL/MariaDB and SQLite differ: SQL spelling, date column kinds, and which driver reading each uses.
import type { Knex } from 'knex';
import { FIRST_YEAR, LAST_YEAR } from '../../core/dates.js';
import { mysqlStreamRows, pgCursorRows, pgHashAggregate, plainQuery, sqliteAggregateInWorker, sqliteRows, type Row } from './driver.js';
import { compose, frag, type Frag } from './frag.js';

export type DialectName = 'pg' | 'mysql' | 'sqlite';

/**
 * How a date column is stored, found once from the column's type. Text (and anything else, read as
 * text) may hold `yyyy-mm-dd…` or `yyyyMMdd[HHmm[ss]]`, value by value, as in files.
 */
export type DateKind = 'date' | 'timestamp' | 'timestamptz' | 'text';

const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';

/** The calendar days a date may fall on: the years the file readers accept (src/core/dates.ts). */
export const PLAUSIBLE_DAYS = { first: `${FIRST_YEAR}-01-01`, last: `${LAST_YEAR}-12-31` } as const;

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

/**
 * Conditions on `rr`, a received column as stored, that the database can match against the bounds of
 * its partitions (and index ranges): equal to `r IS NULL` and `r <= day` on every usable row.
 */
export interface StoredDay {
  missing: Frag;
  onOrBefore(day: string): Frag;
}

export interface Dialect {
  /** Any column as text (codes or statuses stored as numbers). */
  text(col: Frag): Frag;
  /** `yyyy-mm` of a day expression. */
  month(day: Frag): Frag;
  /**
   * The month of a day of a period whose months start on `starts` (yyyy-mm-dd: the period's first
   * day, then each 1st), as a group key cheap to compute on every row, and that key as `yyyy-mm` text
   * once grouped (rules.ts monthColumns).
   */
  monthKey(day: Frag, starts: string[]): Frag;
  monthKeyText(key: Frag, starts: string[]): Frag;
  /**
   * Whether the monthly chart's months are best counted inside the period statement's own scan
   * (source.ts periodStatements, `monthsOf`) rather than by a statement of their own beside it
   * (aggregateAside). 1M rows: PostgreSQL runs each statement on every core (parallel workers), so a
   * second one beside it only shares them (0,77 s added, against 0,07 s in the same scan); in MariaDB
   * the month statement alone takes 5 s, longer than the period's 2,7 s (0,2–0,3 s in the same scan).
   * SQLite: 0,37 s added in the same scan, nothing in a worker beside it.
   */
  monthsInPeriodScan: boolean;
  /** The day `days` (an integer expression, ≥ 0) calendar days after a day expression. */
  addDays(day: Frag, days: Frag): Frag;
  /** `yyyy-mm-dd` text of a day expression (for rows read into JS). */
  dayText(day: Frag): Frag;
  /** The day of a missing date column: a NULL typed as the days are. */
  nullDay: Frag;
  /** A NULL typed as an integer, to mix with mapped codes. */
  nullInteger: Frag;
  /** How a date column of this declared type is read. */
  dateKind(type: string): DateKind;
  /**
   * The Vietnam calendar day of a date column (a DATE in PostgreSQL/MySQL, `yyyy-mm-dd` text in
   * SQLite), safe on any value, with its validity: conditions evaluated in the same scan.
   */
  checkedDay(col: Frag, kind: DateKind): CheckedDay;
  /**
   * For a received column of this kind, conditions on the column as stored, when its day is an
   * expression (a cast) the planner cannot compare with partition bounds; null when the conditions
   * on `r` already read the column as it is, or when nothing better exists.
   */
  storedDay(kind: DateKind): StoredDay | null;
  /** Runs an aggregate query; throws the driver's own error. */
  aggregate(knex: Knex, q: Frag): Promise<Row[]>;
  /**
   * Runs an aggregate while `aggregate` runs others (the monthly chart's, beside the periods'): on the
   * pool's second connection, or for SQLite, whose driver blocks the thread it runs on, in a worker.
   */
  aggregateAside(knex: Knex, q: Frag): Promise<Row[]>;
  /** A query's rows one at a time; throws the driver's own error. */
  rows(knex: Knex, q: Frag): AsyncIterable<Row>;
}

/** PostgreSQL: true for a day outside PLAUSIBLE_DAYS (NULL for NULL). */
function pgOutsideRange(day: Frag): Frag {
  return compose('({} < {} OR {} > {})', day, frag('?', PLAUSIBLE_DAYS.first), day, frag('?', PLAUSIBLE_DAYS.last));
}

/**
 * PostgreSQL: a condition true when the text `t`, the first 10 or 8 characters of a trimmed value, is
 * a real calendar day in the plausible years, laid out as `yyyy-mm-dd` or `yyyymmdd`. CASE keeps the
 * order (PostgreSQL may evaluate AND in any order): the digits are cast only once they are digits.
 */
function pgRealDay(t: Frag, layout: 'iso' | 'compact'): Frag {
  const [shape, m, d] = layout === 'iso' ? ['^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 6, 9] : ['^[0-9]{8}$', 5, 7];
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

/** `yyyyMMdd`, `yyyyMMddHHmm`, `yyyyMMddHHmmss` (src/core/dates.ts COMPACT_RE); anything else is read as `yyyy-mm-dd…`. */
const COMPACT_RE = '^[0-9]{8}([0-9]{4}([0-9]{2})?)?$';

/** DATE, TIMESTAMP/DATETIME and TIMESTAMP WITH TIME ZONE by their declared type; anything else is read as text. */
function serverDateKind(type: string): DateKind {
  const t = type.toLowerCase();
  if (t === 'date') return 'date';
  if (t === 'timestamp with time zone' || t === 'timestamptz') return 'timestamptz';
  if (t.startsWith('timestamp') || t.startsWith('datetime')) return 'timestamp';
  return 'text';
}

const pg: Dialect = {

  text: (c) => compose('CAST({} AS TEXT)', c),
  month: (d) => compose("TO_CHAR({}, 'YYYY-MM')", d),
  // The month's number within the period, by binary search of its first days: 1M rows, 0,07 s
  // where DATE_TRUNC took 0,13 s and TO_CHAR 3 s. Its text is looked up in the months' own list.
  monthKey: (d, starts) => compose('WIDTH_BUCKET({}, CAST({} AS DATE[]))', d, frag('?', `{${starts.join(',')}}`)),
  monthKeyText: (k, starts) => compose('(CAST({} AS TEXT[]))[{}]', frag('?', `{${starts.map((s) => s.slice(0, 7)).join(',')}}`), k),
  monthsInPeriodScan: true,
  addDays: (d, n) => compose('({} + {})', d, n),
  dayText: (d) => compose("TO_CHAR({}, 'YYYY-MM-DD')", d),
  nullDay: frag('CAST(NULL AS DATE)'), // TO_CHAR cannot take an untyped NULL
  nullInteger: frag('CAST(NULL AS INTEGER)'),
  dateKind: serverDateKind,
  checkedDay(c, kind) {
    switch (kind) {
      case 'date':
        return { day: c, invalid: pgOutsideRange(c) };
      case 'timestamp':
        // No zone: the wall clock is Vietnam time. The bounds are checked on the column itself,
        // without a cast per row.
        return {
          day: compose('CAST({} AS DATE)', c),
          invalid: compose('({} < {} OR {} >= {})', c, frag('?', PLAUSIBLE_DAYS.first), c, frag('?', nextDay(PLAUSIBLE_DAYS.last))),
        };
      case 'timestamptz': {
        const day = compose('CAST(({} AT TIME ZONE {}) AS DATE)', c, frag('?', VIETNAM_TZ));
        return { day, invalid: pgOutsideRange(day) };
      }
      case 'text': {
        // CAST('2024-02-30' AS DATE) fails the whole query in PostgreSQL: cast only real days.
        const t = compose('TRIM({})', this.text(c));
        const iso = compose('SUBSTR({}, 1, 10)', t);
        const compact = compose('SUBSTR({}, 1, 8)', t);
        const isoDay = pgRealDay(iso, 'iso');
        const compactDay = compose('CASE WHEN {} ~ {} THEN {} ELSE FALSE END', t, frag('?', COMPACT_RE), pgRealDay(compact, 'compact'));
        return {
          day: compose("CASE WHEN {} THEN CAST({} AS DATE) WHEN {} THEN TO_DATE({}, 'YYYYMMDD') END", isoDay, iso, compactDay, compact),
          invalid: compose("({} <> '' AND NOT ({} OR {}))", t, isoDay, compactDay),
        };
      }
    }
  },
  storedDay(kind) {
    // A DATE column is `r` itself; text has no order a partition bound could follow.
    if (kind === 'timestamp') {
      // CAST(c AS DATE) <= D exactly when c is before the next midnight.
      return { missing: frag('rr IS NULL'), onOrBefore: (day) => frag('rr < ?', nextDay(day)) };
    }
    if (kind === 'timestamptz') {
      // The next Vietnam midnight as an instant, folded to a constant when the query is planned
      // (timezone() is immutable). Vietnam has kept UTC+7 without summer time since 1975, so the
      // day is monotonic in the instant over the plausible years; other rows are rejected anyway.
      return { missing: frag('rr IS NULL'), onOrBefore: (day) => frag('rr < (CAST(? AS TIMESTAMP) AT TIME ZONE ?)', nextDay(day), VIETNAM_TZ) };
    }
    return null;
  },
  aggregate: pgHashAggregate,
  aggregateAside: pgHashAggregate,
  rows: pgCursorRows,
};

const mysql: Dialect = {

  text: (c) => compose('CAST({} AS CHAR)', c),
  month: (d) => compose("DATE_FORMAT({}, '%Y-%m')", d),
  // 202401: an integer, cheaper to group than DATE_FORMAT's text.
  monthKey: (d) => compose('EXTRACT(YEAR_MONTH FROM {})', d),
  monthKeyText: (k) => compose("CONCAT(LEFT({}, 4), '-', RIGHT({}, 2))", k, k),
  monthsInPeriodScan: true,
  addDays: (d, n) => compose('DATE_ADD({}, INTERVAL {} DAY)', d, n),
  dayText: (d) => compose("DATE_FORMAT({}, '%Y-%m-%d')", d),
  nullDay: frag('CAST(NULL AS DATE)'),
  nullInteger: frag('CAST(NULL AS SIGNED)'),
  dateKind: serverDateKind,
  checkedDay(c, kind) {
    // The session runs at +07:00 (set on connect), so TIMESTAMP values read as Vietnam time.
    if (kind === 'date') return { day: c, invalid: mysqlNotRealDay(c) };
    if (kind !== 'text') {
      const day = compose('DATE({})', c);
      return { day, invalid: mysqlNotRealDay(day) };
    }
    // CAST and STR_TO_DATE give NULL (with a warning) for text that is no date, and keep zero
    // parts and days past the month's end: both are checked.
    const text = this.text(c);
    const t = compose('TRIM({})', text);
    const day = compose(
      "CASE WHEN {} REGEXP {} THEN STR_TO_DATE(SUBSTR({}, 1, 8), '%Y%m%d') ELSE CAST(NULLIF(SUBSTR({}, 1, 10), '') AS DATE) END",
      t,
      frag('?', COMPACT_RE),
      t,
      t,
    );
    return { day, invalid: textInvalid(text, compose('CASE WHEN {} IS NULL THEN 1 ELSE {} END', day, mysqlNotRealDay(day))) };
  },
  storedDay: () => null,
  aggregate: plainQuery,
  aggregateAside: plainQuery,
  rows: mysqlStreamRows,
};

const sqlite: Dialect = {

  text: (c) => compose('CAST({} AS TEXT)', c),
  month: (d) => compose('SUBSTR({}, 1, 7)', d),
  monthKey: (d) => compose('SUBSTR({}, 1, 7)', d),
  monthKeyText: (k) => k,
  monthsInPeriodScan: false,
  addDays: (d, n) => compose("date({}, '+' || {} || ' days')", d, n),
  dayText: (d) => d,
  nullDay: frag('NULL'),
  nullInteger: frag('CAST(NULL AS INTEGER)'),
  // SQLite has no date type: whatever a column is declared as, its values are read as text.
  dateKind: () => 'text',
  checkedDay(c) {
    // Days are `yyyy-mm-dd` text (a time part is cut off). date() gives NULL for no date and rolls
    // 2024-02-30 over to 2024-03-01, so a real day is one date() gives back unchanged.
    const text = this.text(c);
    const t = compose('TRIM({})', text);
    const day = compose(
      "CASE WHEN LENGTH({}) IN (8, 12, 14) AND {} NOT GLOB '*[^0-9]*' THEN SUBSTR({}, 1, 4) || '-' || SUBSTR({}, 5, 2) || '-' || SUBSTR({}, 7, 2) ELSE NULLIF(SUBSTR({}, 1, 10), '') END",
      t,
      t,
      t,
      t,
      t,
      t,
    );
    return {
      day,
      invalid: textInvalid(
        text,
        compose('CASE WHEN date({}) = {} AND {} BETWEEN {} AND {} THEN 0 ELSE 1 END', day, day, day, frag('?', PLAUSIBLE_DAYS.first), frag('?', PLAUSIBLE_DAYS.last)),
      ),
    };
  },
  storedDay: () => null,
  aggregate: plainQuery,
  aggregateAside: sqliteAggregateInWorker,
  rows: sqliteRows,
};

export const DIALECTS: Record<DialectName, Dialect> = { pg, mysql, sqlite };
