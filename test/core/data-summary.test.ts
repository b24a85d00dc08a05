// The period `hcc init --input` suggests from the span of the received dates.
import { describe, expect, it } from 'vitest';
import { suggestPeriod } from '../../src/core/data-summary.js';

describe('suggestPeriod', () => {
  it.each([
    ['2024-01-05', '2024-06-28', '2024-H1'], // a six-month export
    ['2024-01-05', '2024-04-10', '2024-H1'], // taken during the half: the report being prepared
    ['2017-07-03', '2019-07-31', '2019-H1'], // ends with the first days of July: the half just closed
    ['2024-01-02', '2024-12-31', '2024'], // the whole year
    ['2024-03-01', '2024-12-31', '2024-H2'], // from March only: not the year
    ['2023-01-03', '2024-01-15', '2023'], // the first weeks of January belong to the next report
    ['2024-02-01', '2025-01-15', '2024-H2'],
  ])('%s … %s → %s', (from, to, expected) => {
    expect(suggestPeriod(from, to)).toBe(expected);
  });
});
