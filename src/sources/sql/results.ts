// What the statements of source.ts send back, read into hcc's own values: a period's tallies (and
// months) per group, a rejected row with the readers' own words, the labels of the groups.
import { parseDateText } from '../../core/dates.js';
import { CHANNEL_LABELS, UNKNOWN_GROUP } from '../../core/grouping.js';
import { emptyTally } from '../../core/rules.js';
import type { Channel, GroupBy, MonthCount, Reject, Tally } from '../../core/types.js';
import { TALLY_KEYS } from '../../core/types.js';
import { DATE_FIELDS, type SqlField, type TableShape } from './describe.js';
import type { Row } from './driver.js';
import { DATE_FLAG, DATE_REASON } from './normalise.js';
import { REJECT_REASON_KINDS, REJECT_REASONS, type RejectReason } from './rules.js';

export interface PeriodResult {
  groups: Map<string, Tally>;
  /** The unusable rows the statement counted (the first period's only). */
  rejected: number;
  /** The months, when the statement counted them (periodStatements with `monthsOf`). */
  months: MonthCount[];
}

/** The tallies per group of one period's statement, the unusable rows it counted, and its months. */
export function periodResult(rows: Row[], groupBy: GroupBy): PeriodResult {
  const groups = new Map<string, Tally>();
  const months = new Map<string, MonthCount>();
  const month = (key: unknown) => {
    const m = String(key);
    let count = months.get(m);
    if (!count) months.set(m, (count = { month: m, new: 0, resolved: 0 }));
    return count;
  };
  let rejected = 0;
  for (const row of rows) {
    rejected += Number(row.rejected ?? 0);
    // A group comes back once per (month received, month resolved) when the months are counted.
    if (row.rmonth !== null && row.rmonth !== undefined) month(row.rmonth).new += Number(row.mnew ?? 0);
    if (row.smonth !== null && row.smonth !== undefined) month(row.smonth).resolved += Number(row.mres ?? 0);
    const key = groupLabel(row.grp, groupBy);
    let tally = groups.get(key);
    if (!tally) groups.set(key, (tally = emptyTally()));
    for (const k of TALLY_KEYS) tally[k] += Number(row[k] ?? 0);
  }
  // classify returns nothing for a dossier outside the period: drop all-zero groups the same way.
  for (const [key, tally] of groups) if (TALLY_KEYS.every((k) => tally[k] === 0)) groups.delete(key);
  return { groups, rejected, months: [...months.values()] };
}

/** A row that cannot be used (`bad` > 0), with its reason in the words the file readers use. */
export function rejectOfRow(row: Row, shape: TableShape, file: string): Reject {
  const reason = Number(row.bad) as RejectReason;
  const column = (f: SqlField) => `cột "${shape.fields[f]?.column}"`;
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
    file,
    line: 0,
    kind: REJECT_REASON_KINDS[reason] ?? 'bad-date',
    reason: detail[reason] ?? REJECT_REASONS[reason] ?? `lý do ${reason}`,
  };
  if (row.code !== null && row.code !== undefined) r.code = String(row.code);
  return r;
}

/** A nullable value read back as text. */
export function textOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** The label of a group as the tables show it: spaces tidied, blank as the unknown group, a channel by its name. */
function groupLabel(value: unknown, groupBy: GroupBy): string {
  if (value === null || value === undefined) return UNKNOWN_GROUP;
  const text = String(value).normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text === '') return UNKNOWN_GROUP;
  if (groupBy === 'channel') return CHANNEL_LABELS[text as Channel] ?? UNKNOWN_GROUP;
  return text;
}
