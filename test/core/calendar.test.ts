// The working-day calendar against the announcements (literal lists typed from the notices, not from
// the data file), across Tết and swapped Saturdays, and the estimate for a year beyond the data.
import { describe, expect, it } from 'vitest';
import { configFrom } from '../../src/config.js';
import { addDays } from '../../src/core/dates.js';
import { estimatedDaysOff, WorkCalendar, weekdayOf } from '../../src/core/calendar.js';
import { calendarEstimateWarning } from '../../src/core/warnings.js';
import { loadCalendar } from '../../src/pipeline/calendar.js';

/** Monday–Friday days off and Saturdays worked of a year, as the calendar has them. */
function weekdaysOff(cal: WorkCalendar, year: number) {
  const off: string[] = [];
  const worked: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const w = weekdayOf(d);
    if (w >= 1 && w <= 5 && !cal.isWorkday(d)) off.push(d);
    if ((w === 0 || w === 6) && cal.isWorkday(d)) worked.push(d);
  }
  return { off, worked };
}

describe('the shipped calendar', () => {
  const cal = loadCalendar(configFrom({}));

  it('has the days off of 2024 as announced', () => {
    // Tết Dương lịch Mon 1/1; Tết Giáp Thìn 8/2–14/2 (Thu, Fri, then Mon–Wed after the weekend);
    // Giỗ Tổ Thu 18/4; 30/4–1/5 with Mon 29/4 swapped for Sat 4/5 (CV 2450/VPCP-KGVX);
    // Quốc khánh Mon 2/9 and Tue 3/9.
    expect(weekdaysOff(cal, 2024)).toEqual({
      off: ['2024-01-01', '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03'],
      worked: ['2024-05-04'],
    });
    // 2024 starts on a Monday and has 366 days: 52 weeks and Mon + Tue = 262 weekdays; 262 − 12 + 1 = 251.
    expect(cal.year(2024).workingDays).toBe(251);
  });

  it('has the days off of 2025 as announced', () => {
    // Tết Dương lịch Wed 1/1; Tết Ất Tỵ Mon 27/1–Fri 31/1; Giỗ Tổ Mon 7/4; 30/4, 1/5 and Fri 2/5
    // swapped for Sat 26/4; Quốc khánh Mon 1/9 and Tue 2/9.
    expect(weekdaysOff(cal, 2025)).toEqual({
      off: ['2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02'],
      worked: ['2025-04-26'],
    });
    // 2025 starts on a Wednesday, 365 days: 261 weekdays; 261 − 12 + 1 = 250.
    expect(cal.year(2025).workingDays).toBe(250);
    expect(cal.year(2025).estimated).toBe(false);
  });

  it('counts working days across Tết', () => {
    // Fri 24/1/2025 → Mon 3/2/2025: 27–31/1 Tết, 1–2/2 weekend, so only Monday 3/2 counts.
    expect(cal.workdaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    // Wed 7/2/2024 → Thu 15/2/2024: 8–14/2 off; Thursday 15/2 is the first working day.
    expect(cal.workdaysBetween('2024-02-07', '2024-02-15')).toBe(1);
    // The whole of January 2025: 23 weekdays less 1/1 and 27–31/1 = 17 (counted after 31/12/2024).
    expect(cal.workdaysBetween('2024-12-31', '2025-01-31')).toBe(17);
    expect(cal.workdaysBetween('2025-02-03', '2025-01-24')).toBe(-1);
    expect(cal.workdaysBetween('2025-02-03', '2025-02-03')).toBe(0);
    // Across a year boundary: Tue 31/12/2024 → Thu 2/1/2025, 1/1 is Tết Dương lịch.
    expect(cal.workdaysBetween('2024-12-31', '2025-01-02')).toBe(1);
  });

  it('adds working days across swapped Saturdays', () => {
    // Fri 25/4/2025 + 1: Saturday 26/4 is worked.
    expect(cal.addWorkdays('2025-04-25', 1)).toBe('2025-04-26');
    // Tue 29/4/2025 + 1: 30/4, 1/5, 2/5 off, then the weekend → Mon 5/5.
    expect(cal.addWorkdays('2025-04-29', 1)).toBe('2025-05-05');
    // Fri 26/4/2024 + 2: Mon 29/4 to Wed 1/5 off, Thu 2/5, Fri 3/5 → 3/5; + 3 → Sat 4/5 (worked).
    expect(cal.addWorkdays('2024-04-26', 2)).toBe('2024-05-03');
    expect(cal.addWorkdays('2024-04-26', 3)).toBe('2024-05-04');
    expect(cal.addWorkdays('2024-05-06', -1)).toBe('2024-05-04');
    for (const [d, n] of [['2025-01-20', 10], ['2024-04-25', 7], ['2026-08-20', 5]] as const) {
      expect(cal.workdaysBetween(d, cal.addWorkdays(d, n))).toBe(n);
    }
    expect(cal.isWorkday('2026-01-10')).toBe(true);
    expect(cal.isWorkday('2026-01-02')).toBe(false);
    expect(cal.estimatesUsed()).toEqual([]);
  });
});

describe('a year beyond the data', () => {
  it('counts weekends and the fixed-date holidays with the nghỉ bù, and says so', () => {
    const cal = loadCalendar(configFrom({}));
    // 2027: Fri 1/1; Fri 30/4 and Sat 1/5 → nghỉ bù Mon 3/5; Thu 2/9 → adjacent day Fri 3/9.
    expect(weekdaysOff(cal, 2027).off).toEqual(['2027-01-01', '2027-04-30', '2027-05-03', '2027-09-02', '2027-09-03']);
    expect(cal.year(2027).estimated).toBe(true);
    expect(cal.estimatesUsed()).toEqual([2027]);
    const [w] = calendarEstimateWarning(cal.estimatesUsed());
    expect(w.code).toBe('calendar-estimated');
    expect(w.message).toContain('2027');
    expect(w.message).toContain('Tết Nguyên đán');
  });

  it('estimates days that the announcements of 2021–2026 all have', () => {
    const cal = loadCalendar(configFrom({}));
    for (let y = 2021; y <= 2026; y++) {
      for (const e of estimatedDaysOff(y)) expect(cal.isWorkday(e.date), `${y}: ${e.date} ${e.name}`).toBe(false);
    }
    expect(cal.estimatesUsed()).toEqual([]);
  });
});

describe('the config\'s "calendar"', () => {
  it('adds days off and Saturdays worked, and an announced year is no longer estimated', () => {
    const config = configFrom({ calendar: { daysOff: ['2027-02-05', { date: '08/02/2027', name: 'Tết Nguyên đán Đinh Mùi' }], workdays: ['2027-02-20'] } });
    const cal = loadCalendar(config);
    expect(cal.isWorkday('2027-02-05')).toBe(false);
    expect(cal.isWorkday('2027-02-08')).toBe(false);
    expect(cal.isWorkday('2027-02-20')).toBe(true);
    expect(cal.year(2027).estimated).toBe(false);
    expect(cal.year(2027).daysOff.map((e) => [e.date, e.origin])).toEqual([
      ['2027-02-05', 'config'],
      ['2027-02-08', 'config'],
    ]);
  });

  it('rejects a bad date with the key', () => {
    expect(() => configFrom({ calendar: { daysOff: ['2027-02-30'] } })).toThrow(/calendar.daysOff\[0\].*không phải ngày hợp lệ/);
    expect(() => configFrom({ calendar: { dayOff: [] } })).toThrow(/có phải "daysOff"/);
    expect(() => configFrom({ timeLimits: { '1.001': 'ba' } })).toThrow(/timeLimits/);
  });
});
