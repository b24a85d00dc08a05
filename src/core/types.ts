// Shared data shapes of hcc. Everything here is plain data: no I/O, no classes.
import type { RejectKind } from './rejects.js';
import type { Warning } from './warnings.js';

/** A calendar day in Vietnam time, written `yyyy-mm-dd` (sorts and compares as text, in JS and SQL alike). */
export type IsoDate = string;

export type Channel = 'direct' | 'online' | 'postal';

/** National dossier status codes (TrangThaiHoSo), 1–10. */
export type StatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** One dossier after reading and normalising (all text NFC, all dates Vietnam calendar days). */
export interface Dossier {
  code: string;
  agency: string;
  field?: string | null;
  procedure?: string | null;
  level?: string | null;
  channel?: Channel | null;
  /** Null only for never-received dossiers (status 1 or 3). */
  receivedOn: IsoDate | null;
  dueOn?: IsoDate | null;
  resolvedOn?: IsoDate | null;
  returnedOn?: IsoDate | null;
  status?: StatusCode | null;
  apologyOn?: IsoDate | null;
  /** Satisfaction: true satisfied, false not satisfied, null unknown. */
  satisfied?: boolean | null;
  /** The procedure's time limit in working days, from the source's own column (null: unknown); only `hcc due-dates` reads it. */
  timeLimit?: number | null;
}

/** An inclusive range of days. `label` names it when it came from `--period` (e.g. "2019-H1"). */
export interface Period {
  from: IsoDate;
  to: IsoDate;
  label?: string;
}

/** New and resolved dossiers of one calendar month of a period (the monthly chart), by the rules. */
export interface MonthCount {
  /** "2019-06". */
  month: string;
  new: number;
  resolved: number;
}

export type WithdrawnPolicy = 'exclude' | 'on-time';

export interface RuleOptions {
  /** `exclude` (default): withdrawn dossiers are counted apart. `on-time`: counted as resolved on time (Biểu II.06a footnote). */
  withdrawn: WithdrawnPolicy;
}

/**
 * The flat counters that one group accumulates. Every source (file streaming through the pure
 * core, or one SQL aggregate) produces exactly these names; totals are derived, never counted.
 */
export const TALLY_KEYS = [
  'new',
  'carriedOver',
  'online',
  'direct',
  'postal',
  'early',
  'onTime',
  'late',
  'notDue',
  'overdue',
  'withdrawn',
  'stopped',
  'notReceived',
  'resolvedWithoutDue',
  'pendingWithoutDue',
  /** Pending and waiting for the applicant to supplement (status 5): in time by rule, an estimate for the 766 figures. */
  'waitingForApplicant',
  'rated',
  'satisfied',
] as const;
export type TallyKey = (typeof TALLY_KEYS)[number];
export type Tally = Record<TallyKey, number>;

export interface ReceivedCounts {
  total: number;
  new: number;
  carriedOver: number;
  online: number;
  direct: number;
  postal: number;
}
export interface ResolvedCounts {
  total: number;
  early: number;
  onTime: number;
  late: number;
}
export interface PendingCounts {
  total: number;
  notDue: number;
  overdue: number;
}
/** Ratings of the dossiers resolved in the period (rated = with a known answer). */
export interface SatisfactionCounts {
  rated: number;
  satisfied: number;
}
export interface Counts {
  received: ReceivedCounts;
  resolved: ResolvedCounts;
  pending: PendingCounts;
  satisfaction: SatisfactionCounts;
}
export interface Excluded {
  withdrawn: number;
  stopped: number;
  notReceived: number;
}

/** What the rows of a table can be (`--by`, a form's "groupBy"), in the order messages list them. */
export const GROUP_BY = ['agency', 'field', 'procedure', 'channel', 'level', 'month'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface TableRow {
  /** Official order number (STT): 1, 2, … for every row in display order. */
  stt: number;
  /** Display name of the group (agency name, field name, …). */
  key: string;
  /** For agency rows: whether the agency is in the configured list. */
  listed: boolean;
  counts: Counts;
  excluded: Excluded;
}

/** One rejected (or skipped, see rejects.ts) input row: never dropped silently. */
export interface Reject {
  file: string;
  /** 1-based line (CSV) or row (XLSX) number in the file; 0 when not applicable. */
  line: number;
  code?: string;
  /** The kind of reason, a stable code (rejects.ts). */
  kind: RejectKind;
  /** The reason in words, with the column and the value where they help. */
  reason: string;
}

/** The computed table of one period: every figure of every document comes from one of these. */
export interface PeriodTable {
  period: Period;
  groupBy: GroupBy;
  rows: TableRow[];
  total: Counts;
  excluded: Excluded;
  /** Rows of the source that could not be used (the same for every period of one read). */
  rejected: number;
  /** Rows that held no dossier (group or subtotal rows, repeated headers). */
  skipped: number;
  /** Rows not counted, rejected or skipped, by kind. */
  rejectedByKind: Partial<Record<RejectKind, number>>;
  /** What the figures rest on besides the data: the source's first (missing columns), then the table's. */
  warnings: Warning[];
  /** Pending dossiers waiting for the applicant (status 5), counted not yet due (the 766 notes say so). */
  waitingForApplicant?: number;
}
