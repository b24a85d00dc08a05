// Turning flat tallies into the nested figures of the tables, the list of those figures, and the
// shares every document quotes.
import { CHANNEL_LABELS } from './grouping.js';
import type { Channel, Counts, Excluded, Tally } from './types.js';

export function countsFromTally(t: Tally): Counts {
  return {
    received: {
      total: t.new + t.carriedOver,
      new: t.new,
      carriedOver: t.carriedOver,
      online: t.online,
      direct: t.direct,
      postal: t.postal,
    },
    resolved: { total: t.early + t.onTime + t.late, early: t.early, onTime: t.onTime, late: t.late },
    pending: { total: t.notDue + t.overdue, notDue: t.notDue, overdue: t.overdue },
    satisfaction: { rated: t.rated, satisfied: t.satisfied },
  };
}

export function excludedFromTally(t: Tally): Excluded {
  return { withdrawn: t.withdrawn, stopped: t.stopped, notReceived: t.notReceived };
}

export type FigureGroup = 'received' | 'resolved' | 'pending';

/** One count of a Counts block, named once for every document that shows or compares it. */
export interface CountFigure<G extends FigureGroup = FigureGroup, F extends string = string> {
  /** Its place in Counts, as templates and column trees name it: "received.carriedOver". */
  key: `${G}.${F}`;
  /** Machine name of CSV headers and of the JSON `changes`: "received_carried_over". */
  id: string;
  group: G;
  /** Header of its column, as the annex prints it. */
  label: string;
  /** One of the ten columns of the period table (the channel counts are compared, not shown). */
  column: boolean;
  value: (c: Counts) => number;
}

function figure<G extends FigureGroup, F extends keyof Counts[G] & string>(group: G, field: F, label: string, column = true): CountFigure<G, F> {
  return {
    key: `${group}.${field}`,
    id: `${group}_${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`,
    group,
    label,
    column,
    value: (c) => c[group][field] as number,
  };
}

const channel = (field: Channel) => figure('received', field, CHANNEL_LABELS[field], false);

/**
 * Every count figure, in the order all documents list them: the table's columns (terminal, CSV,
 * workbook), the compared figures of `--compare` (JSON key order), the count values a template may
 * put in a column or quote in its text.
 */
export const COUNT_FIGURES = [
  figure('received', 'total', 'Tổng số'),
  figure('received', 'new', 'Số mới'),
  figure('received', 'carriedOver', 'Kỳ trước chuyển'),
  channel('online'),
  channel('direct'),
  channel('postal'),
  figure('resolved', 'total', 'Tổng số'),
  figure('resolved', 'early', 'Trước hạn'),
  figure('resolved', 'onTime', 'Đúng hạn'),
  figure('resolved', 'late', 'Quá hạn'),
  figure('pending', 'total', 'Tổng số'),
  figure('pending', 'notDue', 'Chưa đến hạn'),
  figure('pending', 'overdue', 'Quá hạn'),
] as const;
export type CountKey = (typeof COUNT_FIGURES)[number]['key'];

/** The figure columns of the period table, left to right. */
export const TABLE_COLUMNS: readonly CountFigure[] = COUNT_FIGURES.filter((f) => f.column);

/** Number of decimals of every percentage hcc prints (table, prose, workbook alike). */
const PERCENT_DECIMALS = 1;

/**
 * part / whole as a percentage rounded half up to PERCENT_DECIMALS decimals, in integer arithmetic
 * so that 0.05 boundaries never drift. Null when the base is zero (nothing to divide).
 */
export function percent(part: number, whole: number, decimals = PERCENT_DECIMALS): number | null {
  if (whole <= 0) return null;
  const scale = 100 * 10 ** decimals;
  const scaled = Math.floor((2 * part * scale + whole) / (2 * whole));
  return scaled / 10 ** decimals;
}

/**
 * The shares reports quote, each with its base stated once here:
 * - resolvedPct, pendingPct: of all dossiers received (received.total);
 * - earlyPct, onTimePct, latePct: of dossiers resolved (resolved.total);
 * - notDuePct, overduePct: of dossiers pending (pending.total);
 * - onlinePct, directPct, postalPct: of newly received dossiers (received.new);
 * - satisfiedPct: of rated dossiers resolved in the period (satisfaction.rated).
 */
export interface Shares {
  resolvedPct: number | null;
  pendingPct: number | null;
  earlyPct: number | null;
  onTimePct: number | null;
  latePct: number | null;
  notDuePct: number | null;
  overduePct: number | null;
  onlinePct: number | null;
  directPct: number | null;
  postalPct: number | null;
  satisfiedPct: number | null;
}

export function sharesOf(c: Counts): Shares {
  return {
    resolvedPct: percent(c.resolved.total, c.received.total),
    pendingPct: percent(c.pending.total, c.received.total),
    earlyPct: percent(c.resolved.early, c.resolved.total),
    onTimePct: percent(c.resolved.onTime, c.resolved.total),
    latePct: percent(c.resolved.late, c.resolved.total),
    notDuePct: percent(c.pending.notDue, c.pending.total),
    overduePct: percent(c.pending.overdue, c.pending.total),
    onlinePct: percent(c.received.online, c.received.new),
    directPct: percent(c.received.direct, c.received.new),
    postalPct: percent(c.received.postal, c.received.new),
    satisfiedPct: percent(c.satisfaction.satisfied, c.satisfaction.rated),
  };
}
