// The working-day calendar: weekends, the announced days off (holidays, nghỉ bù, swapped days) and the
// Saturdays worked in exchange. Built from data (the shipped vn-days-off.json plus the config's
// additions); a year the data does not cover is estimated from the fixed-date holidays of the Labour
// Code and says so. Pure: no I/O.
import { addDays, daysBetween, isoDate, splitIso } from './dates.js';
import type { IsoDate } from './types.js';

export type DayOffKind = 'holiday' | 'compensatory';

export interface CalendarEntry {
  date: IsoDate;
  name: string;
  kind?: DayOffKind;
  source?: string;
  /** 'data': the shipped calendar; 'config': the config's "calendar"; 'estimate': a year beyond the data. */
  origin: 'data' | 'config' | 'estimate';
}

export interface CalendarInput {
  daysOff: CalendarEntry[];
  workdays: CalendarEntry[];
}

/** Weekday of a day, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  const [y, m, d] = splitIso(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const WEEKDAY_NAMES = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[weekdayOf(date)];
}

function isWeekend(date: IsoDate): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/**
 * The days off of a year nobody has announced yet, from the Labour Code 2019 alone: 1/1, 30/4, 1/5,
 * 2/9 and, from 2021, its adjacent day (Art. 112); a holiday on a weekend is made up on the next
 * working day (Art. 111(3)). The adjacent day is chosen each year by the Prime Minister: 1/9, or 3/9
 * when 1/9 is a weekend day or 2/9 a Thursday (the choice of every year 2021–2026). Tết Nguyên đán
 * and Giỗ Tổ Hùng Vương follow the lunar calendar and are missing, as are swaps.
 */
export function estimatedDaysOff(year: number): CalendarEntry[] {
  const fixed: CalendarEntry[] = [
    { date: isoDate(year, 1, 1), name: 'Tết Dương lịch', kind: 'holiday', origin: 'estimate' },
    { date: isoDate(year, 4, 30), name: 'Ngày Chiến thắng 30/4', kind: 'holiday', origin: 'estimate' },
    { date: isoDate(year, 5, 1), name: 'Ngày Quốc tế Lao động 1/5', kind: 'holiday', origin: 'estimate' },
    { date: isoDate(year, 9, 2), name: 'Quốc khánh 2/9', kind: 'holiday', origin: 'estimate' },
  ];
  if (year >= 2021) {
    const sep2 = isoDate(year, 9, 2);
    const third = isWeekend(isoDate(year, 9, 1)) || weekdayOf(sep2) === 4;
    fixed.push({ date: isoDate(year, 9, third ? 3 : 1), name: `Quốc khánh (ngày liền kề ${third ? 'sau' : 'trước'} 2/9)`, kind: 'holiday', origin: 'estimate' });
  }
  fixed.sort((a, b) => (a.date < b.date ? -1 : 1));
  const off = new Set(fixed.map((e) => e.date));
  const out = [...fixed];
  for (const h of fixed) {
    if (!isWeekend(h.date)) continue;
    let day = addDays(h.date, 1);
    while (isWeekend(day) || off.has(day)) day = addDays(day, 1);
    off.add(day);
    out.push({ date: day, name: `Nghỉ bù ${h.name} (trùng ${weekdayName(h.date).toLowerCase().replace('bảy', 'Bảy').replace('chủ nhật', 'Chủ nhật')})`, kind: 'compensatory', origin: 'estimate' });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}

export interface CalendarYear {
  year: number;
  daysOff: CalendarEntry[];
  workdays: CalendarEntry[];
  /** Working days of the year (Monday–Friday less days off, plus Saturdays worked). */
  workingDays: number;
  /** True when no data covers the year and it was estimated (estimatedDaysOff). */
  estimated: boolean;
}

export class WorkCalendar {
  private readonly off = new Map<IsoDate, CalendarEntry>();
  private readonly worked = new Map<IsoDate, CalendarEntry>();
  /** Years with at least one announced day (shipped or configured): counted as announced. */
  private readonly covered = new Set<number>();
  private readonly estimatedYears = new Set<number>();
  /** Estimated years a computation has used (the warning names them). */
  readonly usedEstimates = new Set<number>();
  /** Per year, the working days up to each day of it (cached). */
  private readonly rankCache = new Map<number, Int32Array>();

  constructor(input: CalendarInput) {
    // The config's entries come last and win over the shipped data on the same day.
    for (const e of input.daysOff) {
      this.off.set(e.date, e);
      this.worked.delete(e.date);
      this.covered.add(Number(e.date.slice(0, 4)));
    }
    for (const e of input.workdays) {
      this.worked.set(e.date, e);
      if (e.origin === 'config') this.off.delete(e.date);
      this.covered.add(Number(e.date.slice(0, 4)));
    }
  }

  /** Whether a year's days off come from announcements (shipped or configured) rather than the estimate. */
  isCovered(year: number): boolean {
    return this.covered.has(year);
  }

  private ensureYear(year: number): void {
    if (this.covered.has(year) || this.estimatedYears.has(year)) return;
    this.estimatedYears.add(year);
    for (const e of estimatedDaysOff(year)) if (!this.off.has(e.date)) this.off.set(e.date, e);
  }

  isWorkday(date: IsoDate): boolean {
    const year = Number(date.slice(0, 4));
    this.ensureYear(year);
    if (!this.covered.has(year)) this.usedEstimates.add(year);
    if (this.worked.has(date)) return true;
    if (this.off.has(date)) return false;
    return !isWeekend(date);
  }

  /** Per year: working days up to and including each day of the year (index = day of year, 0-based). */
  private yearRanks(year: number): Int32Array {
    let ranks = this.rankCache.get(year);
    if (!ranks) {
      const first = isoDate(year, 1, 1);
      const length = daysBetween(first, isoDate(year + 1, 1, 1));
      ranks = new Int32Array(length);
      let n = 0;
      for (let i = 0; i < length; i++) {
        if (this.isWorkday(addDays(first, i))) n++;
        ranks[i] = n;
      }
      this.rankCache.set(year, ranks);
    }
    return ranks;
  }

  /**
   * Working days after `from` up to and including `to` (0 when they are the same day; negative when
   * `to` is before `from`). A dossier due on Friday and looked at on the next Monday is 1 working day late.
   */
  workdaysBetween(from: IsoDate, to: IsoDate): number {
    if (from === to) return 0;
    const lo = from < to ? from : to;
    const hi = from < to ? to : from;
    // Only the years between matter: ranks below `lo` cancel out.
    const [y0] = splitIso(lo);
    const [y1] = splitIso(hi);
    let n = this.yearRanks(y1)[daysBetween(isoDate(y1, 1, 1), hi)] - this.yearRanks(y0)[daysBetween(isoDate(y0, 1, 1), lo)];
    for (let y = y0; y < y1; y++) n += this.yearRanks(y).at(-1)!;
    return from < to ? n : -n;
  }

  /** The n-th working day after `date` (n > 0), before it (n < 0), or `date` itself (n = 0). */
  addWorkdays(date: IsoDate, n: number): IsoDate {
    let day = date;
    const step = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0; ) {
      day = addDays(day, step);
      if (this.isWorkday(day)) left--;
    }
    return day;
  }

  /** The first working day on or after `date`. */
  nextWorkday(date: IsoDate): IsoDate {
    let day = date;
    while (!this.isWorkday(day)) day = addDays(day, 1);
    return day;
  }

  year(year: number): CalendarYear {
    this.ensureYear(year);
    const inYear = (m: Map<IsoDate, CalendarEntry>) =>
      [...m.values()].filter((e) => e.date.startsWith(`${year}-`)).sort((a, b) => (a.date < b.date ? -1 : 1));
    const ranks = this.yearRanks(year);
    return {
      year,
      daysOff: inYear(this.off),
      workdays: inYear(this.worked),
      workingDays: ranks.at(-1)!,
      estimated: !this.covered.has(year),
    };
  }

  /** Estimated years used so far, in order. */
  estimatesUsed(): number[] {
    return [...this.usedEstimates].sort((a, b) => a - b);
  }
}
