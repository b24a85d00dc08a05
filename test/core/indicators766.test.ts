// The Decision 766 progress figures: the score function against the portal's published aggregates,
// and a dossier set whose figures are computed by hand below, through the same counting as the report.
import { describe, expect, it } from 'vitest';
import { indicators766, indicatorsTable766, isPortalPeriod, progressScore } from '../../src/core/indicators766.js';
import { parsePeriod } from '../../src/core/periods.js';
import { addToTally, classify, emptyTally } from '../../src/core/rules.js';
import { buildTable } from '../../src/core/table.js';
import type { Dossier, RuleOptions, Tally } from '../../src/core/types.js';

describe('the score against the published aggregates (qd766.md)', () => {
  it('Phú Thọ, one month, province level: 184.513 received, 144.625 in time → 78,38% and 15,68 points', () => {
    expect(progressScore(184_513, 144_625)).toEqual({ progressPct: 78.38, score: 15.68 });
  });
  it('a child agency: 588 received = 486 in time + 102 overdue → 82,65% and 16,53 points', () => {
    expect(progressScore(588, 486)).toEqual({ progressPct: 82.65, score: 16.53 });
  });
  it('rounds half up at the second decimal, from the counts and not from the rounded ratio', () => {
    // 1/8 = 12,5% exactly; 20/8 = 2,5 points. 1/3 = 33,333…% → 33,33; 20/3 = 6,666… → 6,67.
    expect(progressScore(8, 1)).toEqual({ progressPct: 12.5, score: 2.5 });
    expect(progressScore(3, 1)).toEqual({ progressPct: 33.33, score: 6.67 });
    // 1/16 = 6,25% exactly; 20/16 = 1,25 points (a half that must round up, not to even).
    expect(progressScore(16, 1)).toEqual({ progressPct: 6.25, score: 1.25 });
    // 1/800 = 0,125% → 0,13%; 20/800 = 0,025 → 0,03 points.
    expect(progressScore(800, 1)).toEqual({ progressPct: 0.13, score: 0.03 });
  });
  it('has no figure when nothing was received', () => {
    expect(progressScore(0, 0)).toEqual({ progressPct: null, score: null });
  });
});

// One agency, March 2024 (calendar month, 2024-03-01 … 2024-03-31), computed by hand:
//  #  received  due    resolved  status channel  rating   → counted as
//  1  03-04     03-10  03-08     9      online            new, resolved early
//  2  03-05     03-12  03-12     9      direct            new, resolved on time
//  3  03-06     03-08  03-15     9      (none)            new, resolved late
//  4  02-20     03-05  03-04     9      online            carried over, resolved early
//  5  02-25     03-20  -         4      direct            carried over, pending, overdue (03-20 < 03-31)
//  6  03-25     04-05  -         4      online            new, pending, not yet due
//  7  03-20     03-22  -         5      postal            new, pending, waiting for the applicant → in time
//  8  01-10     02-10  02-28     9      online            outside the month (resolved before it)
//  9  03-28     04-10  -         7      online            withdrawn: counted apart
// 10  03-10     03-20  03-18     9      online   yes      new, resolved early, rated satisfied
// 11  03-11     03-21  03-21     9      (none)   no       new, resolved on time, rated not satisfied
// received = 9 (#1–7, 10, 11; new 7, carried over 2); resolved 6 = early 3 (#1, 4, 10) + on time 2
// (#2, 11) + late 1 (#3); pending 3 = not due 2 (#6, 7) + overdue 1 (#5).
// progress = (3 + 2 + 2) / 9 = 77,777…% → 77,78%; score = 20 × 7 / 9 = 15,555… → 15,56.
// resolved in time 5 / 6 = 83,33%; pending in time 2 / 3 = 66,67%.
// online 3 (#1, 6, 10) of 7 new = 42,857…% → 42,86% (#3 and #11 without channel count as direct).
// satisfaction 1 of 2 rated = 50%. The report's on-time rate would be 5 / 6 = 83,3%: a different figure.
const DOSSIERS: [string, string | null, string | null, number, Dossier['channel'], boolean | null][] = [
  ['2024-03-04', '2024-03-10', '2024-03-08', 9, 'online', null],
  ['2024-03-05', '2024-03-12', '2024-03-12', 9, 'direct', null],
  ['2024-03-06', '2024-03-08', '2024-03-15', 9, null, null],
  ['2024-02-20', '2024-03-05', '2024-03-04', 9, 'online', null],
  ['2024-02-25', '2024-03-20', null, 4, 'direct', null],
  ['2024-03-25', '2024-04-05', null, 4, 'online', null],
  ['2024-03-20', '2024-03-22', null, 5, 'postal', null],
  ['2024-01-10', '2024-02-10', '2024-02-28', 9, 'online', null],
  ['2024-03-28', '2024-04-10', null, 7, 'online', null],
  ['2024-03-10', '2024-03-20', '2024-03-18', 9, 'online', true],
  ['2024-03-11', '2024-03-21', '2024-03-21', 9, null, false],
];

function tallyOf(period: { from: string; to: string }, rules: RuleOptions): Tally {
  const t = emptyTally();
  DOSSIERS.forEach(([receivedOn, dueOn, resolvedOn, status, channel, satisfied], i) => {
    const d: Dossier = { code: `HS${i + 1}`, agency: 'Sở Tư pháp', receivedOn, dueOn, resolvedOn, status: status as Dossier['status'], channel, satisfied };
    addToTally(t, classify(d, period, rules));
  });
  return t;
}

describe('a dossier set computed by hand', () => {
  const period = parsePeriod('2024-03');
  const rules: RuleOptions = { withdrawn: 'exclude' };
  const table = buildTable({ groups: new Map([['Sở Tư pháp', tallyOf(period, rules)]]), rejected: 0 }, { period, groupBy: 'agency' });
  const figures = indicatorsTable766(table, { withdrawnOnTime: false });

  it('gives the ratio, the score and the sub-ratios worked out above', () => {
    expect(figures.rows).toHaveLength(1);
    expect(figures.rows[0].figures).toEqual({
      received: 9,
      resolvedInTime: 5,
      resolved: 6,
      pendingInTime: 2,
      pending: 3,
      progressPct: 77.78,
      score: 15.56,
      resolvedInTimePct: 83.33,
      pendingInTimePct: 66.67,
      newReceived: 7,
      online: 3,
      onlinePct: 42.86,
      rated: 2,
      satisfied: 1,
      satisfiedPct: 50,
    });
    expect(figures.total).toEqual(figures.rows[0].figures);
  });

  it('says the figures are estimates, and which dossiers of the table that concerns', () => {
    expect(figures.notes[0]).toMatch(/^Ước tính: .*bổ sung.*thời hạn/);
    expect(figures.notes.some((n) => n.startsWith('1 hồ sơ đang chờ bổ sung được tính là trong hạn'))).toBe(true);
    expect(figures.notes.some((n) => n.startsWith('1 hồ sơ rút theo yêu cầu không được tính'))).toBe(true);
    expect(figures.notes.some((n) => /tháng, quý hoặc năm/.test(n))).toBe(false); // 2024-03 is a portal period
  });

  it('shows no satisfaction rate and no sub-ratio where there is nothing to divide', () => {
    const none = indicators766(buildTable({ groups: new Map(), rejected: 0 }, { period, groupBy: 'agency' }).total);
    expect(none).toMatchObject({ received: 0, progressPct: null, score: null, resolvedInTimePct: null, pendingInTimePct: null, onlinePct: null, satisfiedPct: null });
  });
});

describe('periods the portal publishes', () => {
  it('are calendar months, quarters and years', () => {
    expect(['2024', '2024-Q2', '2024-03'].map((p) => isPortalPeriod(parsePeriod(p)))).toEqual([true, true, true]);
    expect(['2024-H1', '2024-9M'].map((p) => isPortalPeriod(parsePeriod(p)))).toEqual([false, false]);
    expect(isPortalPeriod({ from: '2024-03-01', to: '2024-03-31' })).toBe(false); // a free range has no label
  });
});
