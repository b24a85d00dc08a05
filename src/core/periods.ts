// Reporting periods: calendar periods, the Decree 09/2019 cut-off, and free ranges.
import { addDays, endOfMonth, FIRST_YEAR, formatDayMonthYear, isoDate, LAST_YEAR, parseDateText, splitIso } from './dates.js';
import type { IsoDate, Period } from './types.js';

export type Cutoff = 'calendar' | 'decree09';

export class PeriodError extends Error {}

/**
 * A period, a range or a day given on the command line falls in the years of the dates hcc reads
 * (FIRST_YEAR–LAST_YEAR): 0000-H1 or 20199-01-01 is a typing error, said as one, not a table of an
 * empty period labelled "0-H1".
 */
function checkYear(year: number, what: string): void {
  if (year < FIRST_YEAR || year > LAST_YEAR) throw new PeriodError(`${what}: năm ${year} ngoài khoảng ${FIRST_YEAR}–${LAST_YEAR}`);
}

/** The named parts after the year: a half, a quarter, the first nine months (a month is written in digits). */
const NAMED_PARTS = 'H[12]|Q[1-4]|9M';
/** A period as typed: `2019`, `2019-h1`, `2019-6` (any case, a month of one or two digits). */
const PERIOD_RE = new RegExp(`^(\\d{4})(?:-(${NAMED_PARTS}|\\d{1,2}))?$`, 'i');
/** A period's label as parsePeriod writes it: `2019`, `2019-H1`, `2019-06`. */
const LABEL_RE = new RegExp(`^(\\d{4})(?:-(${NAMED_PARTS}|\\d{2}))?$`);

/** The year and the part of a period's label ("2019-H1" → 2019 and "H1"; "2019" → 2019 and no part); null for other text. */
export function labelParts(label: string): { year: number; part: string | undefined } | null {
  const m = LABEL_RE.exec(label);
  return m ? { year: Number(m[1]), part: m[2] } : null;
}

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
  checkYear(year, `kỳ báo cáo "${spec}"`);
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

/** One day given with `flag` (--from, --as-of, --date …): yyyy-mm-dd or dd/mm/yyyy, in the years above. */
export function parseDay(text: string, flag: string): IsoDate {
  const parsed = parseDateText(text);
  if (!parsed.ok) throw new PeriodError(`${flag}: ${parsed.error}`);
  if (parsed.date === null) throw new PeriodError(`${flag}: thiếu ngày`);
  return parsed.date; // parseDateText already refuses years outside FIRST_YEAR–LAST_YEAR
}

/** A period's name in file names (report, export) and titles: the label, or "2017-07-03_2019-06-30" for a range. */
export function periodSlug(period: Period): string {
  return period.label ?? `${period.from}_${period.to}`;
}

/** The calendar months of a period, each cut to the period (the first and last may be partial); at most `limit`. */
export function calendarMonths(period: Period, limit = Infinity): Period[] {
  const out: Period[] = [];
  let from = period.from;
  while (from <= period.to && out.length < limit) {
    const [y, m] = splitIso(from);
    const end = endOfMonth(y, m);
    out.push({ from, to: end < period.to ? end : period.to, label: from.slice(0, 7) });
    from = addDays(end, 1);
  }
  return out;
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

/** The unit of `hcc export --every`. */
export type Every = 'month' | 'quarter' | 'half' | 'year';

const EVERY_MONTHS: Record<Every, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** The named period of unit `every` that contains month `month` (1–12) of `year`: "2024-03", "2024-Q1", "2024-H1", "2024". */
function periodLabelOf(every: Every, year: number, month: number): string {
  switch (every) {
    case 'month':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'half':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'year':
      return `${year}`;
  }
}

/** A bound written as a day: 2024-05-17, 17/05/2024, 20240517. */
const DAY_LIKE = /^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{8})/;

/**
 * The first and last calendar month a bound of `--from`/`--to` names: a period spec (2024, 2024-H1,
 * 2024-Q3, 2024-05, 2024-9M) or a day (2024-05-17, 17/05/2024: its month).
 */
function monthsOfSpec(spec: string, flag: string): { first: [number, number]; last: [number, number] } {
  let from: IsoDate;
  let to: IsoDate;
  if (PERIOD_RE.test(spec.trim())) {
    try {
      ({ from, to } = parsePeriod(spec, 'calendar'));
    } catch (e) {
      throw new PeriodError(`${flag}: ${(e as Error).message}`);
    }
  } else {
    // A day, said as such when it is wrong (31/06/2024, a year out of range); anything else gets the forms.
    if (!DAY_LIKE.test(spec.trim())) {
      throw new PeriodError(`${flag} "${spec}" không hợp lệ: dùng một kỳ (2024, 2024-H1, 2024-Q1, 2024-01) hoặc một ngày (2024-01-01)`);
    }
    from = to = parseDay(spec, flag);
  }
  return {
    first: [Number(from.slice(0, 4)), Number(from.slice(5, 7))],
    last: [Number(to.slice(0, 4)), Number(to.slice(5, 7))],
  };
}

/** Upper bound on one export run, so a typo such as --to 9999 fails fast instead of writing thousands of files. */
const MAX_ENUMERATED_PERIODS = 1200;

/**
 * Every named period of unit `every` from the one containing the first month of `fromSpec` to the
 * one containing the last month of `toSpec`, in order, each with the given cut-off:
 * (month, "2024-01", "2024-03") → 2024-01, 2024-02, 2024-03; (quarter, "2024-02", "2024") → Q1…Q4.
 */
export function enumeratePeriods(every: Every, fromSpec: string, toSpec: string, cutoff: Cutoff = 'calendar'): Period[] {
  const [fy, fm] = monthsOfSpec(fromSpec, '--from').first;
  const [ty, tm] = monthsOfSpec(toSpec, '--to').last;
  const step = EVERY_MONTHS[every];
  // Align the start on the first month of its unit (Q1 starts in January, H2 in July, …).
  let index = fy * 12 + (fm - 1);
  index -= index % step;
  const end = ty * 12 + (tm - 1);
  if (index > end) throw new PeriodError(`khoảng kỳ ngược: --from ${fromSpec} sau --to ${toSpec}`);
  const periods: Period[] = [];
  for (; index <= end; index += step) {
    if (periods.length >= MAX_ENUMERATED_PERIODS) {
      throw new PeriodError(`quá nhiều kỳ (hơn ${MAX_ENUMERATED_PERIODS}) từ ${fromSpec} đến ${toSpec}: kiểm tra lại --from và --to`);
    }
    periods.push(parsePeriod(periodLabelOf(every, Math.floor(index / 12), (index % 12) + 1), cutoff));
  }
  return periods;
}

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'];

/**
 * The period as a report names it: "6 tháng đầu năm 2024", "6 tháng cuối năm 2024", "quý II năm 2024",
 * "tháng 6 năm 2024", "9 tháng đầu năm 2024", "năm 2024"; a free range "từ ngày 03/7/2017 đến ngày
 * 30/6/2019". A named period keeps its name under the Decree 09 cut-off (its dates are in the annex).
 */
export function periodName(period: Period): string {
  const parts = period.label ? labelParts(period.label) : null;
  if (!parts) return `từ ngày ${formatDayMonthYear(period.from)} đến ngày ${formatDayMonthYear(period.to)}`;
  const { year, part } = parts;
  if (!part) return `năm ${year}`;
  if (part === 'H1') return `6 tháng đầu năm ${year}`;
  if (part === 'H2') return `6 tháng cuối năm ${year}`;
  if (part === '9M') return `9 tháng đầu năm ${year}`;
  if (part[0] === 'Q') return `quý ${ROMAN_QUARTERS[Number(part[1]) - 1]} năm ${year}`;
  return `tháng ${Number(part)} năm ${year}`;
}

/**
 * The period after this one, of the same kind, for "phương hướng, nhiệm vụ …": H1 → "6 tháng cuối năm
 * 2024", H2 → "6 tháng đầu năm 2025", Q4 → "quý I năm 2025", 9 months → "quý IV năm 2024" (what is left
 * of the year), a year → the next year. A free range ending with June or December is followed by the
 * next half-year (the demo's 03/7/2017–30/6/2019 → "6 tháng cuối năm 2019"); any other range says
 * "thời gian tới".
 */
export function nextPeriodName(period: Period): string {
  const parts = period.label ? labelParts(period.label) : null;
  const [y, m] = period.to.split('-').map(Number);
  if (!parts) {
    if (period.to === endOfMonth(y, m) && (m === 6 || m === 12)) return m === 6 ? `6 tháng cuối năm ${y}` : `6 tháng đầu năm ${y + 1}`;
    return 'thời gian tới';
  }
  const { year, part } = parts;
  if (!part) return `năm ${year + 1}`;
  if (part === 'H1') return `6 tháng cuối năm ${year}`;
  if (part === 'H2') return `6 tháng đầu năm ${year + 1}`;
  if (part === '9M') return `quý IV năm ${year}`;
  if (part[0] === 'Q') return part === 'Q4' ? `quý I năm ${year + 1}` : `quý ${ROMAN_QUARTERS[Number(part[1])]} năm ${year}`;
  const month = Number(part);
  return month === 12 ? `tháng 1 năm ${year + 1}` : `tháng ${month + 1} năm ${year}`;
}
