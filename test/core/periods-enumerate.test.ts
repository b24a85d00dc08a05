import { describe, expect, it } from 'vitest';
import { comparisonPeriod, changeOf, describeChange, periodPhrase } from '../../src/core/compare.js';
import { enumeratePeriods, parsePeriod, PeriodError } from '../../src/core/periods.js';

const labels = (ps: { label?: string }[]) => ps.map((p) => p.label);

describe('enumeratePeriods', () => {
  it('lists every month of a range, with calendar bounds', () => {
    const ps = enumeratePeriods('month', '2024-01', '2024-12');
    expect(ps).toHaveLength(12);
    expect(ps[0]).toEqual({ from: '2024-01-01', to: '2024-01-31', label: '2024-01' });
    expect(ps[1]).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(ps[11]).toMatchObject({ from: '2024-12-01', to: '2024-12-31', label: '2024-12' });
  });
  it('accepts named periods and days as bounds, aligned on the unit', () => {
    expect(labels(enumeratePeriods('quarter', '2024', '2024'))).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(labels(enumeratePeriods('quarter', '2024-02', '2024-H1'))).toEqual(['2024-Q1', '2024-Q2']);
    expect(labels(enumeratePeriods('half', '2023-Q3', '2024-05-17'))).toEqual(['2023-H2', '2024-H1']);
    expect(labels(enumeratePeriods('year', '2022-07', '2024-Q1'))).toEqual(['2022', '2023', '2024']);
    expect(labels(enumeratePeriods('month', '2023-12', '2024-02'))).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(labels(enumeratePeriods('month', '15/03/2024', '2024-03'))).toEqual(['2024-03']);
  });
  it('honours the Decree 09 cut-off', () => {
    const ps = enumeratePeriods('month', '2024-01', '2024-03', 'decree09');
    expect(ps.map((p) => [p.from, p.to])).toEqual([
      ['2023-12-15', '2024-01-14'],
      ['2024-01-15', '2024-02-14'],
      ['2024-02-15', '2024-03-14'],
    ]);
    expect(enumeratePeriods('year', '2024', '2024', 'decree09')[0]).toMatchObject({ from: '2023-12-15', to: '2024-12-14' });
  });
  it('refuses reversed, unreadable and runaway ranges', () => {
    expect(() => enumeratePeriods('month', '2024-12', '2024-01')).toThrow(PeriodError);
    expect(() => enumeratePeriods('month', '2024-13', '2024-12')).toThrow(/--from/);
    expect(() => enumeratePeriods('month', 'tháng 1', '2024-12')).toThrow(PeriodError);
    expect(() => enumeratePeriods('month', '1990', '2100')).toThrow(/quá nhiều kỳ/);
    expect(() => enumeratePeriods('month', '1900', '2024')).toThrow(/--from: kỳ báo cáo "1900": năm 1900 ngoài khoảng 1990–2100/);
    // A day keeps its own reason; what is neither a period nor a day gets the forms.
    expect(() => enumeratePeriods('month', '2024-01', '2199-12-01')).toThrow(/^--to.*ngoài khoảng.*1990–2100/);
    expect(() => enumeratePeriods('month', '31/06/2024', '2024-12')).toThrow(/^--from.*30 ngày/);
    expect(() => enumeratePeriods('month', 'tháng 1', '2024-12')).toThrow(/dùng một kỳ/);
  });
});

describe('comparisonPeriod', () => {
  it.each([
    ['2023', 'previous', '2022-01-01', '2022-12-31', '2022'],
    ['2023-H1', 'previous', '2022-07-01', '2022-12-31', '2022-H2'],
    ['2023-H2', 'previous', '2023-01-01', '2023-06-30', '2023-H1'],
    ['2023-Q1', 'previous', '2022-10-01', '2022-12-31', '2022-Q4'],
    ['2024-03', 'previous', '2024-02-01', '2024-02-29', '2024-02'],
    ['2024-01', 'previous', '2023-12-01', '2023-12-31', '2023-12'],
    ['2024-Q2', 'last-year', '2023-04-01', '2023-06-30', '2023-Q2'],
    ['2024-9M', 'previous', '2023-01-01', '2023-09-30', '2023-9M'],
  ] as const)('%s %s = %s … %s', (label, mode, from, to, baseLabel) => {
    expect(comparisonPeriod(parsePeriod(label), mode)).toEqual({ from, to, label: baseLabel });
  });
  it('keeps the Decree 09 cut-off of a named period', () => {
    expect(comparisonPeriod(parsePeriod('2024-H1', 'decree09'), 'previous')).toEqual({ from: '2023-06-15', to: '2023-12-14', label: '2023-H2' });
  });
  it('moves free ranges by whole months or by their length in days', () => {
    expect(comparisonPeriod({ from: '2024-02-01', to: '2024-03-31' }, 'previous')).toEqual({ from: '2023-12-01', to: '2024-01-31' });
    expect(comparisonPeriod({ from: '2024-01-10', to: '2024-01-19' }, 'previous')).toEqual({ from: '2023-12-31', to: '2024-01-09' });
    expect(comparisonPeriod({ from: '2024-02-29', to: '2024-03-10' }, 'last-year')).toEqual({ from: '2023-02-28', to: '2023-03-10' });
    expect(comparisonPeriod({ from: '2024-01-01', to: '2024-02-29' }, 'last-year')).toEqual({ from: '2023-01-01', to: '2023-02-28' });
  });
});

describe('changes as reports write them', () => {
  it('states count and percent of the comparison figure, two decimals, half up', () => {
    // A provincial report: 86.512 new dossiers in 2023, "tăng 14.690 hồ sơ (tăng 20,45%) so với năm 2022" (2022: 71.822).
    const c = changeOf(86_512, 71_822);
    expect(c).toEqual({ current: 86_512, base: 71_822, change: 14_690, changePct: 20.45 });
    expect(describeChange(c, { from: '2022-01-01', to: '2022-12-31', label: '2022' })).toBe('tăng 14.690 hồ sơ (tăng 20,45%) so với năm 2022');
    expect(changeOf(1, 8).changePct).toBe(-87.5);
    expect(changeOf(7, 8)).toMatchObject({ change: -1, changePct: -12.5 });
    expect(changeOf(2, 3).changePct).toBe(-33.33);
    expect(changeOf(5, 3).changePct).toBe(66.67);
    expect(changeOf(4, 0).changePct).toBeNull();
    expect(describeChange(changeOf(7, 8), { from: '2023-04-01', to: '2023-06-30', label: '2023-Q2' })).toBe('giảm 1 hồ sơ (giảm 12,50%) so với quý II năm 2023');
    expect(describeChange(changeOf(3, 3), { from: '2023-01-01', to: '2023-06-30', label: '2023-H1' })).toBe('không đổi so với 6 tháng đầu năm 2023');
  });
  it('names periods the way reports do', () => {
    expect(periodPhrase({ from: '2022-07-01', to: '2022-12-31', label: '2022-H2' })).toBe('6 tháng cuối năm 2022');
    expect(periodPhrase({ from: '2022-06-01', to: '2022-06-30', label: '2022-06' })).toBe('tháng 6 năm 2022');
    expect(periodPhrase({ from: '2022-01-03', to: '2022-02-04' })).toBe('kỳ từ ngày 03/1/2022 đến ngày 04/2/2022');
  });
});
