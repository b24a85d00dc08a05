// The progress figures of Decision 766/QĐ-TTg (national service index, group "tiến độ giải quyết",
// 20 points), derived from the same Counts as the report: no second counting pass. Pure.
// Definition: /work/shared/reference/qd766.md; README "Decision 766 progress figures".
import { percent } from './counts.js';
import { formatCount } from './format-vi.js';
import { labelParts } from './periods.js';
import type { Counts, Period, PeriodTable } from './types.js';

/** Points of the progress group (2.1) of the index. */
export const PROGRESS_POINTS = 20;
/** The portal rounds its ratios and scores to two decimals. */
export const DECIMALS_766 = 2;

/** The 766 figures of one agency (or of the total). Percentages and scores are null when their base is zero. */
export interface Indicators766 {
  /** All dossiers received or processed in the period: new + carried over (= resolved + pending). */
  received: number;
  /** Resolved early or on time. */
  resolvedInTime: number;
  resolved: number;
  /** Pending and not yet due at the end of the period. */
  pendingInTime: number;
  pending: number;
  /** (resolvedInTime + pendingInTime) / received, percent, two decimals. */
  progressPct: number | null;
  /** 20 × the ratio, out of 20, two decimals (computed from the counts, not from the rounded ratio). */
  score: number | null;
  /** resolvedInTime / resolved. */
  resolvedInTimePct: number | null;
  /** pendingInTime / pending. */
  pendingInTimePct: number | null;
  /** Newly received in the period, and of them online (channel 2); no channel counts as direct. */
  newReceived: number;
  online: number;
  onlinePct: number | null;
  /** Ratings of dossiers resolved in the period; the rate only where ratings exist. */
  rated: number;
  satisfied: number;
  satisfiedPct: number | null;
}

/** The ratio and the score of the progress group from its two aggregates (checked on the portal's published figures). */
export function progressScore(received: number, inTime: number): { progressPct: number | null; score: number | null } {
  return {
    progressPct: percent(inTime, received, DECIMALS_766),
    // 20 × inTime / received = 100 × inTime / (5 × received): the same half-up integer rounding as every percentage.
    score: percent(inTime, (received * 100) / PROGRESS_POINTS, DECIMALS_766),
  };
}

export function indicators766(c: Counts): Indicators766 {
  const resolvedInTime = c.resolved.early + c.resolved.onTime;
  const pendingInTime = c.pending.notDue;
  return {
    received: c.received.total,
    resolvedInTime,
    resolved: c.resolved.total,
    pendingInTime,
    pending: c.pending.total,
    ...progressScore(c.received.total, resolvedInTime + pendingInTime),
    resolvedInTimePct: percent(resolvedInTime, c.resolved.total, DECIMALS_766),
    pendingInTimePct: percent(pendingInTime, c.pending.total, DECIMALS_766),
    newReceived: c.received.new,
    online: c.received.online,
    onlinePct: percent(c.received.online, c.received.new, DECIMALS_766),
    rated: c.satisfaction.rated,
    satisfied: c.satisfaction.satisfied,
    satisfiedPct: percent(c.satisfaction.satisfied, c.satisfaction.rated, DECIMALS_766),
  };
}

/** The figures of every row and of the total, with the notes that say where they are estimates. */
export interface IndicatorsTable766 {
  period: Period;
  rows: { stt: number; key: string; listed: boolean; figures: Indicators766 }[];
  total: Indicators766;
  notes: string[];
}

/** What the notes need to know besides the table: the rules and the config's cut-off. */
export interface Options766 {
  /** `--withdrawn on-time`: withdrawn dossiers resolved in the period are counted on time. */
  withdrawnOnTime: boolean;
  /** A named period that the config would cut off the Decree 09 way, counted by the calendar instead. */
  calendarInsteadOfDecree09?: boolean;
}

export function indicatorsTable766(table: PeriodTable, options: Options766): IndicatorsTable766 {
  return {
    period: table.period,
    rows: table.rows.map((r) => ({ stt: r.stt, key: r.key, listed: r.listed, figures: indicators766(r.counts) })),
    total: indicators766(table.total),
    notes: notes766(table, options),
  };
}

/** Whether a period is one the portal publishes: a calendar month, quarter or year. */
export function isPortalPeriod(period: Period): boolean {
  const parts = period.label ? labelParts(period.label) : null;
  return parts !== null && (parts.part === undefined || /^(Q[1-4]|\d{2})$/.test(parts.part));
}

/**
 * The lines that say the figures are estimates and why: what the portal uses that an export lacks
 * (supplementation rounds and their dates, the procedure's maximum time), and which dossiers of this
 * table that touches. The first line is always there; the others only when they concern dossiers here.
 */
export function notes766(table: PeriodTable, options: Options766): string[] {
  const count = (code: string) => table.warnings.find((w) => w.code === code)?.count ?? 0;
  const notes = [
    'Ước tính: Cổng DVC quốc gia tính theo ngày kết thúc xử lý so với ngày hẹn trả, trừ thời gian chờ bổ sung hồ sơ ' +
      'và dùng thời hạn tối đa của thủ tục khi thiếu ngày hẹn trả; tệp dữ liệu không có các lần yêu cầu bổ sung, ' +
      'ngày bổ sung và thời hạn của thủ tục, nên số liệu là ước tính theo ngày hẹn trả ghi trong dữ liệu.',
  ];
  if (options.calendarInsteadOfDecree09) {
    notes.push('Kỳ tính theo lịch (từ ngày 1 đến cuối tháng) như Cổng DVC quốc gia, không theo mốc chốt Nghị định 09 của tệp cấu hình.');
  }
  if (!isPortalPeriod(table.period)) {
    notes.push('Kỳ này không phải tháng, quý hoặc năm: Cổng DVC chỉ công bố chỉ số theo tháng, quý, năm dương lịch.');
  }
  const waiting = table.waitingForApplicant ?? 0;
  if (waiting > 0) {
    notes.push(
      `${formatCount(waiting)} hồ sơ đang chờ bổ sung được tính là trong hạn; Cổng lấy thời điểm yêu cầu bổ sung làm thời điểm kết thúc ` +
        'và tính quá hạn nếu yêu cầu bổ sung quá một lần.',
    );
  }
  const withoutDue = count('resolved-without-due') + count('pending-without-due');
  if (withoutDue > 0) {
    notes.push(
      `${formatCount(withoutDue)} hồ sơ không có ngày hẹn trả được tính là đúng hạn/trong hạn; Cổng so thời gian xử lý với thời hạn tối đa của thủ tục.`,
    );
  }
  const { stopped, withdrawn } = table.excluded;
  if (stopped > 0) {
    notes.push(`${formatCount(stopped)} hồ sơ dừng xử lý không được tính; Cổng tính chúng là hồ sơ đã kết thúc xử lý.`);
  }
  if (withdrawn > 0) {
    notes.push(
      `${formatCount(withdrawn)} hồ sơ rút theo yêu cầu không được tính` +
        (options.withdrawnOnTime ? '.' : ' (dùng --withdrawn on-time để tính là đúng hạn); Cổng tính chúng là hồ sơ đã kết thúc xử lý.'),
    );
  }
  return notes;
}
