// Comparing a period with the one before it or with the same period a year earlier (`--compare`). Pure.
import { COUNT_FIGURES, countsFromTally, percent } from './counts.js';
import { addDays, daysBetween, daysInMonth, endOfMonth, isoDate, splitIso } from './dates.js';
import { formatCount, formatPercent } from './format-vi.js';
import { nameKey } from './agencies.js';
import { emptyTally } from './rules.js';
import { labelParts, parsePeriod, periodName, type Cutoff } from './periods.js';
import type { Counts, Excluded, IsoDate, Period, PeriodTable, TableRow } from './types.js';

export type CompareMode = 'previous' | 'last-year';

/**
 * Change percentages are of the comparison period's figure, rounded half up (on the magnitude) to
 * two decimals, as provincial reports write them ("tăng 20,45%"); null when that figure is zero.
 */
export const CHANGE_PERCENT_DECIMALS = 2;

/** The cut-off a named period was built with (a period carries its label, not its cut-off). */
function cutoffOf(period: Period): Cutoff | null {
  if (!period.label) return null;
  for (const cutoff of ['calendar', 'decree09'] as const) {
    try {
      const p = parsePeriod(period.label, cutoff);
      if (p.from === period.from && p.to === period.to) return cutoff;
    } catch {
      return null;
    }
  }
  return null;
}

/** The label `steps` units earlier: "2023-H1" → "2022-H2" (previous), "2023-Q2" → "2022-Q2" (a year). */
function shiftLabel(label: string, mode: CompareMode): string | null {
  const parts = labelParts(label);
  if (!parts) return null;
  const { year, part } = parts;
  if (mode === 'last-year' || part === undefined || part === '9M') return part ? `${year - 1}-${part}` : `${year - 1}`;
  if (part[0] === 'H') return part === 'H1' ? `${year - 1}-H2` : `${year}-H1`;
  if (part[0] === 'Q') return part === 'Q1' ? `${year - 1}-Q4` : `${year}-Q${Number(part[1]) - 1}`;
  const month = Number(part);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** Whole calendar months from the 1st of one month to the last day of another. */
function wholeMonths(p: Period): number | null {
  const [fy, fm, fd] = splitIso(p.from);
  const [ty, tm] = splitIso(p.to);
  if (fd !== 1 || p.to !== endOfMonth(ty, tm)) return null;
  return (ty - fy) * 12 + (tm - fm) + 1;
}

function shiftMonths(date: IsoDate, months: number, keepEndOfMonth: boolean): IsoDate {
  const [y, m, d] = splitIso(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  if (keepEndOfMonth) return endOfMonth(ny, nm);
  return isoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/**
 * The comparison period. Named periods keep their kind and cut-off (2023 → 2022, 2023-Q1 → 2022-Q4
 * or 2022-Q1, a 9-month period → the same 9 months a year earlier). A free range of whole months
 * moves by its number of months (previous) or twelve; any other range moves by its length in days
 * (previous) or to the same days a year earlier (29 Feb becomes 28 Feb).
 */
export function comparisonPeriod(period: Period, mode: CompareMode): Period {
  const cutoff = cutoffOf(period);
  if (cutoff && period.label) {
    const label = shiftLabel(period.label, mode);
    if (label) return parsePeriod(label, cutoff);
  }
  const months = wholeMonths(period);
  if (mode === 'last-year') {
    return { from: shiftMonths(period.from, -12, false), to: shiftMonths(period.to, -12, months !== null || isMonthEnd(period.to)) };
  }
  if (months !== null) return { from: shiftMonths(period.from, -months, false), to: shiftMonths(period.to, -months, true) };
  const length = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

function isMonthEnd(date: IsoDate): boolean {
  const [y, m] = splitIso(date);
  return date === endOfMonth(y, m);
}

/** How reports name a period after "so với": "năm 2022", "6 tháng đầu năm 2022", "quý I năm 2022", "kỳ từ ngày … đến ngày …". */
export function periodPhrase(period: Period): string {
  const name = periodName(period);
  return name.startsWith('từ ngày') ? `kỳ ${name}` : name;
}

/** One figure then and now. */
export interface Change {
  current: number;
  base: number;
  /** current − base. */
  change: number;
  /** change / base in percent (CHANGE_PERCENT_DECIMALS, half up on the magnitude, sign kept); null when base is 0. */
  changePct: number | null;
}

export function changeOf(current: number, base: number): Change {
  const change = current - base;
  const magnitude = percent(Math.abs(change), base, CHANGE_PERCENT_DECIMALS);
  return { current, base, change, changePct: magnitude === null ? null : change < 0 ? -magnitude : magnitude };
}

/** The change of every count figure (the table's columns and the channels), by machine name. */
function changesOf(current: Counts, base: Counts): Record<string, Change> {
  const out: Record<string, Change> = {};
  for (const f of COUNT_FIGURES) out[f.id] = changeOf(f.value(current), f.value(base));
  return out;
}

/** "tăng 14.690 hồ sơ (tăng 20,45%)"; "giảm 3 hồ sơ (giảm 1,50%)"; "tăng 5 hồ sơ" (from zero); "không đổi". */
export function changeText(c: Change): string {
  if (c.change === 0) return 'không đổi';
  const word = c.change > 0 ? 'tăng' : 'giảm';
  const pct = c.changePct === null ? '' : ` (${word} ${formatPercent(Math.abs(c.changePct), CHANGE_PERCENT_DECIMALS)})`;
  return `${word} ${formatCount(Math.abs(c.change))} hồ sơ${pct}`;
}

/** "tăng 14.690 hồ sơ (tăng 20,45%) so với năm 2022"; "giảm 3 hồ sơ (giảm 1,50%) …"; "không đổi so với …". */
export function describeChange(c: Change, base: Period): string {
  return `${changeText(c)} so với ${periodPhrase(base)}`;
}

/** The comparison of a table: the comparison period's figures for every row (matched by name) and the total. */
export interface TableComparison {
  mode: CompareMode;
  period: Period;
  /** Same order and length as the (possibly extended) table rows. */
  rows: { counts: Counts; changes: Record<string, Change> }[];
  total: { counts: Counts; changes: Record<string, Change> };
}

const ZERO_COUNTS = (): Counts => countsFromTally(emptyTally());
const ZERO_EXCLUDED = (): Excluded => ({ withdrawn: 0, stopped: 0, notReceived: 0 });

/** Month rows match by their position in the period (2023-03 ↔ 2022-03 a year earlier). */
function rowMatchKey(table: PeriodTable, key: string, monthShift: number): string {
  if (table.groupBy === 'month' && /^\d{4}-\d{2}$/.test(key)) return shiftMonths(`${key}-01`, monthShift, false).slice(0, 7);
  return nameKey(key);
}

/**
 * Pairs the rows of a table with those of its comparison table. A group found only in the comparison
 * period gets a row of zeros in the current table (appended, numbered on), so that the rows of both
 * periods still add up to their totals.
 */
export function compareTables(current: PeriodTable, base: PeriodTable, mode: CompareMode): { table: PeriodTable; comparison: TableComparison } {
  const [cy, cm] = splitIso(current.period.from);
  const [by, bm] = splitIso(base.period.from);
  const shift = (cy - by) * 12 + (cm - bm);
  const baseByKey = new Map<string, TableRow>();
  for (const row of base.rows) baseByKey.set(rowMatchKey(base, row.key, shift), row);
  const used = new Set<string>();
  const rows: TableRow[] = [...current.rows];
  const compared: TableComparison['rows'] = current.rows.map((row) => {
    const key = rowMatchKey(current, row.key, 0);
    const b = baseByKey.get(key);
    if (b) used.add(key);
    const counts = b ? b.counts : ZERO_COUNTS();
    return { counts, changes: changesOf(row.counts, counts) };
  });
  for (const [key, b] of baseByKey) {
    if (used.has(key)) continue;
    const counts = ZERO_COUNTS();
    const name = current.groupBy === 'month' && /^\d{4}-\d{2}$/.test(b.key) ? key : b.key;
    rows.push({ stt: rows.length + 1, key: name, listed: b.listed, counts, excluded: ZERO_EXCLUDED() });
    compared.push({ counts: b.counts, changes: changesOf(counts, b.counts) });
  }
  if (current.groupBy === 'month' && rows.length > current.rows.length) {
    // Months stay in calendar order; the pairs move together and are numbered again.
    const order = rows.map((_, i) => i).sort((a, b) => (rows[a].key < rows[b].key ? -1 : rows[a].key > rows[b].key ? 1 : 0));
    const sortedRows = order.map((i, n) => ({ ...rows[i], stt: n + 1 }));
    const sortedCompared = order.map((i) => compared[i]);
    rows.splice(0, rows.length, ...sortedRows);
    compared.splice(0, compared.length, ...sortedCompared);
  }
  return {
    table: { ...current, rows },
    comparison: { mode, period: base.period, rows: compared, total: { counts: base.total, changes: changesOf(current.total, base.total) } },
  };
}

function periodJson(p: Period) {
  return { from: p.from, to: p.to, ...(p.label ? { label: p.label } : {}) };
}

function sideJson(side: { counts: Counts; changes: Record<string, Change> }) {
  return { received: side.counts.received, resolved: side.counts.resolved, pending: side.counts.pending, changes: side.changes };
}

/** The JSON `compare` blocks: one at the top (mode, period, total) and one per row, in row order. */
export function comparisonJson(c: TableComparison): { top: object; rows: object[] } {
  return {
    top: { mode: c.mode, period: periodJson(c.period), percentDecimals: CHANGE_PERCENT_DECIMALS, total: sideJson(c.total) },
    rows: c.rows.map(sideJson),
  };
}
