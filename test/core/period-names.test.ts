import { describe, expect, it } from 'vitest';
import { comparisonPeriod, periodPhrase } from '../../src/core/compare.js';
import { nextPeriodName, parsePeriod, parseRange, periodName } from '../../src/core/periods.js';

describe('periodName', () => {
  it.each([
    ['2024-H1', '6 tháng đầu năm 2024'],
    ['2024-H2', '6 tháng cuối năm 2024'],
    ['2024-Q1', 'quý I năm 2024'],
    ['2024-Q2', 'quý II năm 2024'],
    ['2024-Q3', 'quý III năm 2024'],
    ['2024-Q4', 'quý IV năm 2024'],
    ['2024-06', 'tháng 6 năm 2024'],
    ['2024-6', 'tháng 6 năm 2024'],
    ['2024-12', 'tháng 12 năm 2024'],
    ['2024-9M', '9 tháng đầu năm 2024'],
    ['2024', 'năm 2024'],
  ])('%s → %s (calendar and Decree 09 cut-off alike)', (spec, name) => {
    expect(periodName(parsePeriod(spec))).toBe(name);
    expect(periodName(parsePeriod(spec, 'decree09'))).toBe(name);
  });

  it('names a free range with two-digit days and months without a leading zero, as the seeds do', () => {
    expect(periodName(parseRange('2017-07-03', '2019-06-30'))).toBe('từ ngày 03/7/2017 đến ngày 30/6/2019');
    expect(periodName(parseRange('01/01/2024', '15/11/2024'))).toBe('từ ngày 01/1/2024 đến ngày 15/11/2024');
  });
});

describe('nextPeriodName', () => {
  it.each([
    ['2024-H1', '6 tháng cuối năm 2024'],
    ['2024-H2', '6 tháng đầu năm 2025'],
    ['2024-Q1', 'quý II năm 2024'],
    ['2024-Q3', 'quý IV năm 2024'],
    ['2024-Q4', 'quý I năm 2025'],
    ['2024-06', 'tháng 7 năm 2024'],
    ['2024-12', 'tháng 1 năm 2025'],
    ['2024-9M', 'quý IV năm 2024'],
    ['2024', 'năm 2025'],
  ])('%s → %s', (spec, next) => {
    expect(nextPeriodName(parsePeriod(spec))).toBe(next);
    expect(nextPeriodName(parsePeriod(spec, 'decree09'))).toBe(next);
  });

  it('follows a range ending with June or December by the next half-year, any other by "thời gian tới"', () => {
    expect(nextPeriodName(parseRange('2017-07-03', '2019-06-30'))).toBe('6 tháng cuối năm 2019');
    expect(nextPeriodName(parseRange('2023-01-01', '2023-12-31'))).toBe('6 tháng đầu năm 2024');
    expect(nextPeriodName(parseRange('2024-01-01', '2024-06-29'))).toBe('thời gian tới');
    expect(nextPeriodName(parseRange('2024-02-01', '2024-04-30'))).toBe('thời gian tới');
  });
});

describe('periodPhrase (after "so với")', () => {
  it('uses the same names, a range prefixed with "kỳ"', () => {
    expect(periodPhrase(comparisonPeriod(parsePeriod('2023'), 'last-year'))).toBe('năm 2022');
    expect(periodPhrase(comparisonPeriod(parsePeriod('2024-9M'), 'last-year'))).toBe('9 tháng đầu năm 2023');
    expect(periodPhrase(comparisonPeriod(parsePeriod('2024-Q1'), 'previous'))).toBe('quý IV năm 2023');
    expect(periodPhrase(parseRange('2017-07-03', '2019-06-30'))).toBe('kỳ từ ngày 03/7/2017 đến ngày 30/6/2019');
  });
});
