// Every named figure a template may quote ({received.total}, {resolved.earlyPct}, …), derived from
// one PeriodTable and sharesOf, formatted the Vietnamese way. Pure: the prose, the PDF annex and the
// workbook all read the same table, so their numbers cannot disagree.
import { COUNT_FIGURES, countsFromTally, sharesOf } from '../core/counts.js';
import { formatDayMonthYear, formatLongDate } from '../core/dates.js';
import { formatCount, formatPercent } from '../core/format-vi.js';
import { periodMonths } from '../core/periods.js';
import { emptyTally } from '../core/rules.js';
import type { Counts, Period, PeriodTable, TableRow } from '../core/types.js';
import type { ReportConfig } from './config.js';

/** A run of text with its style (the unit both renderers draw). */
export interface Segment {
  text: string;
  bold?: boolean;
  italics?: boolean;
  /** A document symbol or citation ("61/2018/NĐ-CP"): never split across lines nor spread by justification. */
  nowrap?: boolean;
}

export interface Figure {
  /** Plain text of the figure. */
  text: string;
  /** Styled form when parts of the figure are emphasised (agency lists: counts in italics). */
  rich?: Segment[];
  /** For `when` conditions: a non-zero count, a non-empty list or text. */
  present: boolean;
  /** The raw number behind a count or share (tests compare these with the table). */
  value?: number | null;
}

export type Figures = Record<string, Figure>;

/** How a blank config text is printed: a dotted gap to fill by hand. */
const BLANK_TEXT = '……………';
/** A blank document number leaves room for the number stamped at registration. */
const BLANK_NUMBER = '\u2002\u2002\u2002\u2002\u2002\u2002';

export interface FigureOptions {
  /** How many agencies the "most" and "fewest" lists name (the Hà Nam report No. 1204/BC-VPUB names 7). */
  rankCount: number;
}

function count(n: number): Figure {
  return { text: formatCount(n), present: n !== 0, value: n };
}

function pct(p: number | null): Figure {
  return { text: formatPercent(p), present: p !== null && p !== 0, value: p };
}

function text(s: string, blank = BLANK_TEXT): Figure {
  return { text: s === '' ? blank : s, present: s !== '' };
}

/** The figures of one Counts block: every count figure of core by its key (received.total, …), the shares, the ratings. */
function countFigures(c: Counts): Figures {
  const s = sharesOf(c);
  return {
    ...Object.fromEntries(COUNT_FIGURES.map((f) => [f.key, count(f.value(c))])),
    'received.onlinePct': pct(s.onlinePct),
    'received.directPct': pct(s.directPct),
    'received.postalPct': pct(s.postalPct),
    'resolved.pct': pct(s.resolvedPct),
    'resolved.earlyPct': pct(s.earlyPct),
    'resolved.onTimePct': pct(s.onTimePct),
    'resolved.latePct': pct(s.latePct),
    'pending.pct': pct(s.pendingPct),
    'pending.notDuePct': pct(s.notDuePct),
    'pending.overduePct': pct(s.overduePct),
    // Ratings of dossiers resolved in the period; zero (absent) when the source has no rating column.
    'satisfaction.rated': count(c.satisfaction.rated),
    'satisfaction.satisfied': count(c.satisfaction.satisfied),
    'satisfaction.pct': pct(s.satisfiedPct),
  };
}

/** "Sở A (12.906 hồ sơ); Sở B (7.832 hồ sơ)", counts in italics in the rich form. */
function agencyList(rows: TableRow[], withCounts: boolean): Figure {
  const rich: Segment[] = [];
  rows.forEach((r, i) => {
    if (i > 0) rich.push({ text: '; ' });
    rich.push({ text: r.key });
    if (withCounts) {
      rich.push({ text: ' (' });
      rich.push({ text: `${formatCount(r.counts.received.total)} hồ sơ`, italics: true });
      rich.push({ text: ')' });
    }
  });
  return { text: rich.map((s) => s.text).join(''), rich, present: rows.length > 0, value: rows.length };
}

/**
 * The agencies quoted in the prose, all ranked by total received (the "Tổng số" column of the annex,
 * carried-over dossiers included): most first; fewest, smallest first, among the others; none in
 * official order.
 */
export function rankAgencies(rows: TableRow[], rankCount: number): { most: TableRow[]; fewest: TableRow[]; none: TableRow[] } {
  const active = rows.filter((r) => r.counts.received.total > 0);
  const byMost = [...active].sort((a, b) => b.counts.received.total - a.counts.received.total || a.stt - b.stt);
  const most = byMost.slice(0, rankCount);
  // Ties keep the official order (STT), both in choosing and in printing.
  const fewest = byMost
    .slice(most.length)
    .sort((a, b) => a.counts.received.total - b.counts.received.total || a.stt - b.stt)
    .slice(0, rankCount);
  const none = rows.filter((r) => r.counts.received.total === 0);
  return { most, fewest, none };
}

function months(period: Period): number {
  return periodMonths(period);
}

/** Figures derived from the period table (grouped by agency). */
export function tableFigures(table: PeriodTable, options: FigureOptions): Figures {
  const { period, total } = table;
  const m = months(period);
  const roundedMonths = Math.round(m * 10) / 10;
  const monthsText = Math.abs(roundedMonths - Math.round(roundedMonths)) < 1e-9 ? formatCount(Math.round(roundedMonths)) : roundedMonths.toFixed(1).replace('.', ',');
  const average = m > 0 ? Math.round(total.received.new / m) : 0;
  const ranked = rankAgencies(table.rows, options.rankCount);
  const from = formatDayMonthYear(period.from);
  const to = formatDayMonthYear(period.to);
  return {
    'period.from': text(from),
    'period.to': text(to),
    'period.fromLong': text(formatLongDate(period.from)),
    'period.toLong': text(formatLongDate(period.to)),
    'period.range': text(`từ ${from} đến ${to}`),
    'period.label': text(period.label ?? `${from} – ${to}`),
    'period.months': { text: monthsText, present: m > 0, value: roundedMonths },
    'period.year': text(period.to.slice(0, 4)),
    ...countFigures(total),
    'excluded.withdrawn': count(table.excluded.withdrawn),
    'excluded.stopped': count(table.excluded.stopped),
    'excluded.notReceived': count(table.excluded.notReceived),
    'agencies.count': count(table.rows.length),
    'agencies.active': count(table.rows.length - ranked.none.length),
    'agencies.most': agencyList(ranked.most, true),
    'agencies.fewest': agencyList(ranked.fewest, true),
    'agencies.none': agencyList(ranked.none, false),
    'agencies.noneCount': count(ranked.none.length),
    'monthly.average': { text: formatCount(average), present: average > 0, value: average },
  };
}

/** Effective document identity (config, overridden by --number/--date). */
export function reportFigures(report: ReportConfig): Figures {
  const date = report.date;
  return {
    'report.number': text(report.number, BLANK_NUMBER),
    'report.symbol': text(report.symbol),
    'report.date': text(date ? formatDayMonthYear(date) : ''),
    'report.dateLong': text(date ? formatLongDate(date) : '', 'ngày\u2002\u2002\u2002\u2002 tháng\u2002\u2002\u2002\u2002 năm\u2002\u2002\u2002\u2002'),
    'report.place': text(report.place),
    'report.province': text(report.province),
    'report.parentAgency': text(report.parentAgency),
    'report.issuingAgency': text(report.issuingAgency),
    'report.issuer': text(report.issuer),
    'report.center': text(report.center),
    'report.formReceiver': text(report.formReceiver),
    // Filled in after the title itself is expanded (it may quote figures).
    'report.title': text(report.title),
  };
}

/** Every placeholder name a template may use (the keys do not depend on the data). */
export const FIGURE_NAMES: readonly string[] = (() => {
  const empty: PeriodTable = {
    period: { from: '2019-01-01', to: '2019-12-31' },
    groupBy: 'agency',
    rows: [],
    total: countsFromTally(emptyTally()),
    excluded: { withdrawn: 0, stopped: 0, notReceived: 0 },
    rejected: 0,
    skipped: 0,
    rejectedByKind: {},
    warnings: [],
  };
  const blankReport = {
    number: '',
    symbol: '',
    date: null,
    place: '',
    province: '',
    parentAgency: '',
    issuingAgency: '',
    issuer: '',
    center: '',
    formReceiver: '',
    title: '',
  } as unknown as ReportConfig;
  return Object.freeze([...Object.keys(tableFigures(empty, { rankCount: 1 })), ...Object.keys(reportFigures(blankReport))].sort());
})();
