// Reporting periods: calendar periods, the Decree 09/2019 cut-off, and free ranges.
import { addDays, endOfMonth, isoDate, parseDateText } from './dates.js';
import type { IsoDate, Period } from './types.js';

export type Cutoff = 'calendar' | 'decree09';

export class PeriodError extends Error {}

const PERIOD_RE = /^(\d{4})(?:-(H[12]|Q[1-4]|9M|\d{1,2}))?$/i;

/**
 * Parses `2019`, `2019-H1`, `2019-H2`, `2019-Q1`…`Q4`, `2019-06`, `2019-9M`.
 * With the Decree 09/2019 cut-off (Art. 12) a period runs from the 15th of the month before its first
 * month to the 14th of its last month: 2019-H1 = 2018-12-15 … 2019-06-14.
 */
export function parsePeriod(spec: string, cutoff: Cutoff = 'calendar'): Period {
  const m = PERIOD_RE.exec(spec.trim());
  if (!m) {
    throw new PeriodError(
      `kỳ báo cáo "${spec}" không hợp lệ: dùng 2019, 2019-H1, 2019-H2, 2019-Q1…Q4, 2019-06 hoặc 2019-9M`,
    );
  }
  const year = Number(m[1]);
  const part = (m[2] ?? '').toUpperCase();
  let firstMonth: number;
  let lastMonth: number;
  let label: string;
  if (part === '') {
    [firstMonth, lastMonth, label] = [1, 12, `${year}`];
  } else if (part === 'H1' || part === 'H2') {
    firstMonth = part === 'H1' ? 1 : 7;
    [lastMonth, label] = [firstMonth + 5, `${year}-${part}`];
  } else if (part.startsWith('Q')) {
    firstMonth = (Number(part[1]) - 1) * 3 + 1;
    [lastMonth, label] = [firstMonth + 2, `${year}-${part}`];
  } else if (part === '9M') {
    [firstMonth, lastMonth, label] = [1, 9, `${year}-9M`];
  } else {
    const month = Number(part);
    if (month < 1 || month > 12) throw new PeriodError(`kỳ báo cáo "${spec}" không hợp lệ: không có tháng ${month}`);
    [firstMonth, lastMonth, label] = [month, month, `${year}-${String(month).padStart(2, '0')}`];
  }
  if (cutoff === 'decree09') {
    const from = addDays(isoDate(year, firstMonth, 1), -17); // 1st of first month minus 17 days = 15th of previous month
    return { from: fixFifteenth(from), to: isoDate(year, lastMonth, 14), label };
  }
  return { from: isoDate(year, firstMonth, 1), to: endOfMonth(year, lastMonth), label };
}

/** The 15th of the month before `date`'s month (date is a few days before the 1st). */
function fixFifteenth(date: IsoDate): IsoDate {
  return `${date.slice(0, 8)}15`;
}

/** A free inclusive range from `--from`/`--to` (ISO or dd/mm/yyyy). */
export function parseRange(fromText: string, toText: string): Period {
  const from = parseDay(fromText, '--from');
  const to = parseDay(toText, '--to');
  if (from > to) throw new PeriodError(`khoảng thời gian ngược: --from ${from} sau --to ${to}`);
  return { from, to };
}

function parseDay(text: string, flag: string): IsoDate {
  const parsed = parseDateText(text);
  if (!parsed.ok) throw new PeriodError(`${flag}: ${parsed.error}`);
  if (parsed.date === null) throw new PeriodError(`${flag}: thiếu ngày`);
  return parsed.date;
}

/** A short name for file names and titles: the label, or "2017-07-03_2019-06-30". */
export function periodSlug(period: Period): string {
  return period.label ?? `${period.from}_${period.to}`;
}

/** Number of calendar months the period touches, counting partial months as fractions (for monthly averages). */
export function periodMonths(period: Period): number {
  const [fy, fm, fd] = period.from.split('-').map(Number);
  const [ty, tm, td] = period.to.split('-').map(Number);
  const whole = (ty - fy) * 12 + (tm - fm);
  const startFraction = (fd - 1) / Number(endOfMonth(fy, fm).slice(8));
  const endFraction = td / Number(endOfMonth(ty, tm).slice(8));
  return whole - startFraction + endFraction;
}
