// The normalised rows every query reads (rules.ts names their columns): each field read as the shape says, plus the row checks.
import type { Channel, GroupBy } from '../../core/types.js';
import { DATE_FIELDS, type AsCode, type Clean, type DateField, type SqlField, type TableShape } from './describe.js';
import type { Dialect, StoredDay } from './dialect.js';
import { compose, frag, inList, joinFrags, type Frag } from './frag.js';
import { MAX_TIME_LIMIT } from '../../readers/codes.js';
import { badExpr, type RejectReason } from './rules.js';

/** The normalised row's column telling a date column's value is no calendar day (its text: `…_raw`). */
export const DATE_FLAG: Record<DateField, string> = { received_at: 'xr', due_at: 'xd', resolved_at: 'xs', returned_at: 'xret', apology_at: 'xapo' };
/** The reject reason (REJECT_REASONS) of each date column's impossible value. */
export const DATE_REASON: Record<DateField, RejectReason> = { received_at: 8, due_at: 9, resolved_at: 10, returned_at: 11, apology_at: 12 };

/**
 * The normalised rows of a table (see rules.ts for the column names), grouped by `groupBy` in `grp`,
 * with `bad` telling usable rows from rejected ones. Rule 8 of the README: no resolved date but
 * status 9/10 → the returned date.
 */
export function normalisedRows(dialect: Dialect, shape: TableShape, groupBy: GroupBy, withTimeLimit = false): Frag {
  const read = new FieldReader(dialect, shape);
  const st = read.status();
  const resolved = read.day('resolved_at');
  const s = shape.returnedServesResolved ? compose('COALESCE({}, CASE WHEN {} IN (9, 10) THEN {} END)', resolved, st, read.day('returned_at')) : resolved;
  const r = read.day('received_at');
  const ch = read.channel();
  const groupExpr: Record<GroupBy, Frag> = {
    agency: read.rawText('agency'),
    field: read.rawText('field'),
    procedure: read.rawText('procedure'),
    level: read.rawText('level'),
    channel: ch,
    month: dialect.month(r),
  };
  const checks = shape.checkRows ? read.rowChecks() : UNCHECKED;
  const stored = storedReceived(dialect, shape);
  const inner = compose(
    `SELECT {} AS code, {} AS agency, {} AS fld, {} AS prc, {} AS lvl, {} AS grp,
        {} AS r, {} AS d, {} AS s, {} AS ret, {} AS apo, {} AS st, {} AS ch, {} AS sat, {} AS st_raw, {} AS ch_raw,
        {} AS nocode, {} AS noagency{}{}{} FROM {}`,
    read.text('code'),
    read.text('agency'),
    read.text('field'),
    read.text('procedure'),
    read.text('level'),
    groupExpr[groupBy],
    r,
    read.day('due_at'),
    s,
    read.day('returned_at'),
    read.day('apology_at'),
    st,
    ch,
    read.sat(),
    dialect.text(read.column('status') ?? frag('NULL')),
    dialect.text(read.column('channel') ?? frag('NULL')),
    checks.nocode,
    checks.noagency,
    stored ? compose(', {} AS rr', read.column('received_at')!) : frag(''),
    // Only listings read the time limit: the counts keep to the store's covering index.
    withTimeLimit ? compose(', {} AS tl', read.timeLimit()) : frag(''),
    checks.dates,
    frag('??', shape.table),
  );
  return compose('SELECT n.*, {} AS bad FROM ({}) n', checks.bad, inner);
}

/** The conditions on the received column as stored (`rr`) that the scope uses instead of those on `r`, if any. */
export function storedReceived(dialect: Dialect, shape: TableShape): StoredDay | null {
  const f = shape.fields.received_at;
  return f?.as === 'day' ? dialect.storedDay(f.kind) : null;
}

/** The check columns of a table whose rows may be unusable, or nothing to check (the store). */
interface RowChecks {
  nocode: Frag;
  noagency: Frag;
  /** Per date column: whether its value is no calendar day (x…) and its text for the rejects (…_raw). */
  dates: Frag;
  /** The `bad` column, over the normalised row. */
  bad: Frag;
}

/** Rows checked before they were stored: no check, and the query reads only the columns of the store's covering index. */
const UNCHECKED: RowChecks = { nocode: frag('0'), noagency: frag('0'), dates: frag(''), bad: frag('0') };

/** How each field of a shape is read into the normalised row. */
class FieldReader {
  constructor(
    private readonly dialect: Dialect,
    private readonly shape: TableShape,
  ) {}

  column(field: SqlField): Frag | null {
    const f = this.shape.fields[field];
    return f ? frag('??', f.column) : null;
  }

  /** Trimmed text or NULL for empty: the readers' cleanText, minus what buildTable merges anyway. */
  text(field: 'code' | 'agency' | 'field' | 'procedure' | 'level'): Frag {
    const f = this.shape.fields[field];
    if (!f) return this.dialect.text(frag('NULL')); // typed: PostgreSQL compares untyped NULLs as text
    const c = frag('??', f.column);
    return f.as === 'clean' ? c : compose("NULLIF(TRIM({}), '')", this.dialect.text(c));
  }

  /** A text column as stored, for grouping: trimming happens in JS on the few grouped values, not on every row. */
  rawText(field: 'agency' | 'field' | 'procedure' | 'level'): Frag {
    const f = this.shape.fields[field];
    if (!f) return this.dialect.text(frag('NULL'));
    const c = frag('??', f.column);
    return f.as === 'clean' ? c : this.dialect.text(c);
  }

  /**
   * 1 when a column is missing, empty or only spaces, else 0: the same as `NULLIF(TRIM(x), '') IS NULL`,
   * but TRIM (which copies the text) only runs on values that start with a space.
   */
  private blank(field: SqlField): Frag {
    const c = this.column(field);
    if (!c) return frag('1');
    const t = this.dialect.text(c);
    return compose("CASE WHEN {} IS NULL OR {} = '' OR ({} LIKE ' %' AND TRIM({}) = '') THEN 1 ELSE 0 END", t, t, t, t);
  }

  day(field: DateField): Frag {
    const f = this.shape.fields[field];
    if (!f) return this.dialect.nullDay;
    const c = frag('??', f.column);
    return f.as === 'clean' ? c : this.dialect.checkedDay(c, f.kind).day;
  }

  /** A condition: the column holds a value that is no plausible calendar day (a zero date, 2024-02-30, …). */
  private dayInvalid(field: DateField): Frag {
    const f = this.shape.fields[field];
    if (!f || f.as === 'clean') return frag('1 = 0');
    return this.dialect.checkedDay(frag('??', f.column), f.kind).invalid;
  }

  /**
   * The national codes themselves in an integer column (no other numbers mapped in the config): the
   * column serves as `st` as it is. A mapping CASE costs more than the rest of the count, since
   * PostgreSQL evaluates it again at every mention of `st`; unknown numbers are still rejected
   * (statusUnknown) and rejected rows are never counted, whatever their `st`.
   */
  private statusIsCode(f: AsCode<number>): boolean {
    return f.integer && [...f.values].every(([raw, code]) => code === -1 || code === Number(raw));
  }

  /** Condition on the normalised row: a status value is present but not understood. */
  private statusUnknown(): Frag {
    const f = this.shape.fields.status;
    if (f?.as !== 'code' || !this.statusIsCode(f)) return frag('st = -1');
    const codes = [...f.values.values()].filter((code) => code !== -1);
    return frag(`st IS NOT NULL AND st NOT IN (${codes.join(', ')})`);
  }

  status(): Frag {
    const f = this.shape.fields.status;
    const none = this.dialect.nullInteger;
    if (!f) return none;
    const c = frag('??', f.column);
    if (f.as === 'clean' || this.statusIsCode(f)) return c;
    return mapCase(this.codeValue(f, c), f.values, (code) => (code === 0 ? null : code), none, f.integer, f.integer ? frag('-1') : undefined);
  }

  channel(): Frag {
    const f = this.shape.fields.channel;
    const none = this.dialect.text(frag('NULL'));
    if (!f) return none;
    const c = frag('??', f.column);
    if (f.as === 'clean') return c;
    return mapCase(this.codeValue(f, c), f.values, (ch) => (ch === ('' as Channel) ? null : ch), none, f.integer, f.integer ? frag("'bad'") : undefined);
  }

  /** 1 satisfied, 0 not, NULL unknown: the store's `satisfied` column, or the rating values mapped once in JS. */
  sat(): Frag {
    const f = this.shape.fields.rating;
    const none = this.dialect.nullInteger;
    if (!f) return none;
    const c = frag('??', f.column);
    if (f.as === 'clean') return c;
    return mapCase(this.codeValue(f, c), f.values, (v) => (v === null ? null : v ? 1 : 0), none, f.integer);
  }

  /** Working days, NULL when unknown: the store's `time_limit`, an integer column within range, or text values mapped once in JS. */
  timeLimit(): Frag {
    const f = this.shape.fields.time_limit;
    const none = this.dialect.nullInteger;
    if (!f) return none;
    const c = frag('??', f.column);
    if (f.as === 'clean') return c;
    if (f.integer) return compose(`(CASE WHEN {} BETWEEN 0 AND ${MAX_TIME_LIMIT} THEN {} END)`, c, c);
    return mapCase(this.dialect.text(c), f.values, (v) => v, none);
  }

  /** A code column as mapCase compares it: integers as they are, anything else as text. */
  private codeValue(f: Clean | AsCode<unknown>, c: Frag): Frag {
    return f.as === 'code' && f.integer ? c : this.dialect.text(c);
  }

  rowChecks(): RowChecks {
    const flag = (f: DateField) => (this.shape.fields[f] ? frag(DATE_FLAG[f]) : null);
    return {
      nocode: this.blank('code'),
      noagency: this.blank('agency'),
      dates: joinFrags(
        DATE_FIELDS.map((f) =>
          compose(`, {} AS ${DATE_FLAG[f]}, {} AS ${DATE_FLAG[f]}_raw`, this.dayInvalid(f), this.dialect.text(this.column(f) ?? frag('NULL'))),
        ),
        '',
      ),
      bad: badExpr(this.statusUnknown(), frag("ch = 'bad'"), {
        received: flag('received_at'),
        due: flag('due_at'),
        resolved: flag('resolved_at'),
        returned: flag('returned_at'),
        apology: flag('apology_at'),
      }),
    };
  }
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
