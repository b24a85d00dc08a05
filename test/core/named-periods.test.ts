import { describe, expect, it } from 'vitest';
import { labelParts, parsePeriod, parseRange, periodMonths, PeriodError } from '../../src/core/periods.js';

describe('parsePeriod (calendar)', () => {
  it.each([
    ['2019', '2019-01-01', '2019-12-31'],
    ['2019-H1', '2019-01-01', '2019-06-30'],
    ['2019-h2', '2019-07-01', '2019-12-31'],
    ['2019-Q1', '2019-01-01', '2019-03-31'],
    ['2019-Q4', '2019-10-01', '2019-12-31'],
    ['2019-06', '2019-06-01', '2019-06-30'],
    ['2020-02', '2020-02-01', '2020-02-29'],
    ['2019-9M', '2019-01-01', '2019-09-30'],
  ])('%s = %s … %s', (spec, from, to) => {
    expect(parsePeriod(spec)).toMatchObject({ from, to });
  });
});

describe('parsePeriod (Decree 09/2019 cut-off)', () => {
  it.each([
    ['2019', '2018-12-15', '2019-12-14'],
    ['2019-H1', '2018-12-15', '2019-06-14'],
    ['2019-H2', '2019-06-15', '2019-12-14'],
    ['2019-Q1', '2018-12-15', '2019-03-14'],
    ['2019-Q2', '2019-03-15', '2019-06-14'],
    ['2019-06', '2019-05-15', '2019-06-14'],
    ['2019-03', '2019-02-15', '2019-03-14'],
    ['2019-01', '2018-12-15', '2019-01-14'],
    ['2019-9M', '2018-12-15', '2019-09-14'],
  ])('%s = %s … %s', (spec, from, to) => {
    expect(parsePeriod(spec, 'decree09')).toMatchObject({ from, to, label: spec.toUpperCase() });
  });
});

describe('bad periods are usage errors', () => {
  it.each(['2019-13', '2019-Q5', '2019-H3', '19-H1', 'H1', '2019-00'])('%s', (spec) => {
    expect(() => parsePeriod(spec)).toThrow(PeriodError);
  });
  it.each(['0000-H1', '0000', '1989-12', '2101-Q1', '9999'])('%s: a year hcc cannot mean', (spec) => {
    expect(() => parsePeriod(spec)).toThrow(/ngoài khoảng 1990–2100/);
  });
  it('refuses days of years hcc cannot mean', () => {
    expect(() => parseRange('1950-01-01', '2019-06-30')).toThrow(/^--from.*ngoài khoảng.*1990–2100/);
    expect(() => parseRange('01/01/2019', '31/12/2200')).toThrow(/--to/);
    expect(parseRange('1990-01-01', '2100-12-31')).toEqual({ from: '1990-01-01', to: '2100-12-31' });
  });
  it('refuses reversed and impossible ranges', () => {
    expect(() => parseRange('2019-06-30', '2019-01-01')).toThrow(/ngược/);
    expect(() => parseRange('31/06/2019', '2019-07-01')).toThrow(/30 ngày/);
    expect(parseRange('03/07/2017', '2019-06-30')).toEqual({ from: '2017-07-03', to: '2019-06-30' });
  });
});

describe('periodMonths', () => {
  it('counts whole and partial months', () => {
    expect(periodMonths({ from: '2019-01-01', to: '2019-06-30' })).toBeCloseTo(6, 10);
    expect(periodMonths({ from: '2017-07-03', to: '2019-06-30' })).toBeCloseTo(24 - 2 / 31, 10);
  });
});

describe('labelParts', () => {
  it('reads back the year and part of every label parsePeriod writes, and nothing else', () => {
    const parts = (spec: string) => labelParts(parsePeriod(spec).label!);
    expect(parts('2019')).toEqual({ year: 2019, part: undefined });
    expect(parts('2019-h1')).toEqual({ year: 2019, part: 'H1' });
    expect(parts('2019-q3')).toEqual({ year: 2019, part: 'Q3' });
    expect(parts('2019-6')).toEqual({ year: 2019, part: '06' });
    expect(parts('2019-9m')).toEqual({ year: 2019, part: '9M' });
    expect(labelParts('2019-6')).toBeNull(); // typed, not a label
    expect(labelParts('2017-07-03_2019-06-30')).toBeNull();
  });
});
