// The figures the charts show, taken from the report's own computed table (the annex rows and total)
// and from the month tables counted in the same read: never a second count. Pure.
import { calendarMonths } from '../core/periods.js';
import { formatCount, formatPercent } from '../core/format-vi.js';
import { percent } from '../core/counts.js';
import { periodPhrase } from '../core/compare.js';
import type { MonthCount, Period } from '../core/types.js';
import type { TableModel } from '../report/document.js';

/** More months than this and the monthly chart is left out (bars would be too thin to read). */
export const MAX_MONTHS = 36;

/** More agencies than this and the chart shows the ones with most dossiers (the annex has them all). */
export const MAX_AGENCIES = 30;

export interface AgencyBar {
  name: string;
  received: number;
  resolved: number;
}

export interface OutcomePart {
  /** Stable id (early, onTime, late, notDue, overdue) for colours and tests. */
  id: 'early' | 'onTime' | 'late' | 'notDue' | 'overdue';
  /** The bar it belongs to: "Đã giải quyết" or "Đang giải quyết". */
  group: string;
  label: string;
  count: number;
  /** Share of its bar, one decimal (98,3%); null when the bar is empty. */
  share: number | null;
}

export interface MonthPoint {
  /** "2019-01". */
  month: string;
  /** "01/2019", as the axis prints it. */
  label: string;
  new: number;
  resolved: number;
}

export interface ChartData {
  agencies: AgencyBar[];
  /** How many agencies the table has, when the chart shows only the MAX_AGENCIES largest. */
  agenciesOf?: number;
  outcome: OutcomePart[];
  /** Empty when the period has a single month or more than MAX_MONTHS. */
  months: MonthPoint[];
  /** The comparison period's months, in the same positions (optional). */
  compareMonths?: MonthPoint[];
  /** How the report names the comparison period ("năm 2022", "kỳ từ ngày … đến ngày …"), with compareMonths. */
  compareName?: string;
}

export type AgencyOrder = 'official' | 'volume';

/** The calendar months of a period, each cut to the period (the first and last may be partial). */
export function monthPeriods(period: Period): Period[] {
  const out = calendarMonths(period, MAX_MONTHS + 1);
  return out.length > MAX_MONTHS || out.length < 2 ? [] : out;
}

export const OUTCOME_LABELS: Record<OutcomePart['id'], string> = {
  early: 'Trước hạn',
  onTime: 'Đúng hạn',
  late: 'Quá hạn',
  notDue: 'Trong hạn',
  overdue: 'Quá hạn',
};
export const RESOLVED_GROUP = 'Đã giải quyết';
export const PENDING_GROUP = 'Đang giải quyết';

/** "12.345 (98,3%)": what a part's label and the table behind the chart print. */
export function partText(p: OutcomePart): string {
  return `${formatCount(p.count)} (${formatPercent(p.share)})`;
}

export function monthLabel(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/**
 * The chart figures of an annex table; `months` are the figures of monthPeriods() (countTables), and
 * `compare` the comparison period's (--compare) with the period itself, for its name.
 */
export function chartData(annex: TableModel, months: MonthCount[] = [], order: AgencyOrder = 'official', compare?: { months: MonthCount[]; period: Period }): ChartData {
  let agencies = annex.rows.map((r) => ({ name: r.name, received: r.counts?.received.total ?? 0, resolved: r.counts?.resolved.total ?? 0 }));
  const all = agencies.length;
  if (order === 'volume' || all > MAX_AGENCIES) {
    // Stable: equal volumes keep the official order.
    const index = new Map(agencies.map((a, i) => [a, i]));
    agencies.sort((a, b) => b.received - a.received || index.get(a)! - index.get(b)!);
    agencies = agencies.slice(0, MAX_AGENCIES);
  }
  const { resolved, pending } = annex.total;
  const part = (id: OutcomePart['id'], group: string, count: number, whole: number): OutcomePart => ({
    id,
    group,
    label: OUTCOME_LABELS[id],
    count,
    share: percent(count, whole, 1),
  });
  const outcome = [
    part('early', RESOLVED_GROUP, resolved.early, resolved.total),
    part('onTime', RESOLVED_GROUP, resolved.onTime, resolved.total),
    part('late', RESOLVED_GROUP, resolved.late, resolved.total),
    part('notDue', PENDING_GROUP, pending.notDue, pending.total),
    part('overdue', PENDING_GROUP, pending.overdue, pending.total),
  ];
  const points = (counts: MonthCount[]): MonthPoint[] => counts.map((c) => ({ month: c.month, label: monthLabel(c.month), new: c.new, resolved: c.resolved }));
  const data: ChartData = { agencies, outcome, months: points(months) };
  if (all > agencies.length) data.agenciesOf = all;
  if (compare?.months.length) {
    data.compareMonths = points(compare.months);
    data.compareName = periodPhrase(compare.period);
  }
  return data;
}
