// Every counting rule at its boundary days. The period is 2019-01-01 … 2019-06-30 throughout.
import { describe, expect, it } from 'vitest';
import { countsFromTally, sharesOf } from '../../src/core/counts.js';
import { addToMonths, classify, emptyTally, monthTallies } from '../../src/core/rules.js';
import { calendarMonths } from '../../src/core/periods.js';
import type { Dossier, RuleOptions } from '../../src/core/types.js';

const period = { from: '2019-01-01', to: '2019-06-30' };
const exclude: RuleOptions = { withdrawn: 'exclude' };
const onTime: RuleOptions = { withdrawn: 'on-time' };

function d(fields: Partial<Dossier>): Dossier {
  return { code: 'X', agency: 'A', receivedOn: '2019-03-01', ...fields };
}
const keys = (fields: Partial<Dossier>, options = exclude) => classify(d(fields), period, options).sort();

describe('scope of the period', () => {
  it('counts a dossier received on the last day', () => {
    expect(keys({ receivedOn: '2019-06-30' })).toEqual(['new', 'notDue', 'pendingWithoutDue']);
  });
  it('ignores a dossier received the day after the last day', () => {
    expect(keys({ receivedOn: '2019-07-01' })).toEqual([]);
  });
  it('ignores a dossier resolved the day before the first day', () => {
    expect(keys({ receivedOn: '2018-12-01', resolvedOn: '2018-12-31', dueOn: '2019-01-05' })).toEqual([]);
  });
  it('counts a dossier resolved on the first day as carried over and resolved', () => {
    expect(keys({ receivedOn: '2018-12-20', resolvedOn: '2019-01-01', dueOn: '2019-01-05' })).toEqual(['carriedOver', 'early']);
  });
});

describe('received: new and carried over', () => {
  it('received on the first day is new', () => {
    expect(keys({ receivedOn: '2019-01-01', dueOn: '2019-01-10', resolvedOn: '2019-01-10' })).toEqual(['new', 'onTime']);
  });
  it('received the day before the first day is carried over', () => {
    expect(keys({ receivedOn: '2018-12-31', dueOn: '2019-01-10', resolvedOn: '2019-01-10' })).toEqual(['carriedOver', 'onTime']);
  });
  it('counts the channel of new dossiers only', () => {
    expect(keys({ receivedOn: '2019-01-01', channel: 'online', dueOn: '2019-07-01' })).toEqual(['new', 'notDue', 'online']);
    expect(keys({ receivedOn: '2018-12-31', channel: 'online', dueOn: '2019-07-01' })).toEqual(['carriedOver', 'notDue']);
  });
});

describe('resolved: early, on time, late', () => {
  it('resolved the day before the due date is early', () => {
    expect(keys({ dueOn: '2019-03-10', resolvedOn: '2019-03-09' })).toEqual(['early', 'new']);
  });
  it('resolved on the due date is on time', () => {
    expect(keys({ dueOn: '2019-03-10', resolvedOn: '2019-03-10' })).toEqual(['new', 'onTime']);
  });
  it('resolved the day after the due date is late', () => {
    expect(keys({ dueOn: '2019-03-10', resolvedOn: '2019-03-11' })).toEqual(['late', 'new']);
  });
  it('resolved on the last day is resolved in the period', () => {
    expect(keys({ dueOn: '2019-07-10', resolvedOn: '2019-06-30' })).toEqual(['early', 'new']);
  });
  it('resolved without a due date is on time, with a warning', () => {
    expect(keys({ resolvedOn: '2019-03-10' })).toEqual(['new', 'onTime', 'resolvedWithoutDue']);
  });
  it('an apology letter does not change a late dossier', () => {
    expect(keys({ dueOn: '2019-03-10', resolvedOn: '2019-03-20', apologyOn: '2019-03-09' })).toEqual(['late', 'new']);
  });
});

describe('pending: not due and overdue', () => {
  it('resolved the day after the last day is still pending', () => {
    expect(keys({ dueOn: '2019-07-10', resolvedOn: '2019-07-01' })).toEqual(['new', 'notDue']);
  });
  it('due the day before the last day is overdue', () => {
    expect(keys({ dueOn: '2019-06-29' })).toEqual(['new', 'overdue']);
  });
  it('due on the last day is not yet due', () => {
    expect(keys({ dueOn: '2019-06-30' })).toEqual(['new', 'notDue']);
  });
  it('pending after the period with an old due date is overdue', () => {
    expect(keys({ dueOn: '2019-05-01', resolvedOn: '2019-07-15' })).toEqual(['new', 'overdue']);
  });
  it('waiting for supplementation (status 5) is in time even past its due date', () => {
    expect(keys({ dueOn: '2019-05-01', status: 5 })).toEqual(['new', 'notDue', 'waitingForApplicant']);
  });
  it('status 5 with a resolved date in the period is resolved', () => {
    expect(keys({ dueOn: '2019-05-01', status: 5, resolvedOn: '2019-05-02' })).toEqual(['late', 'new']);
  });
  it('pending without a due date is not yet due, with a warning', () => {
    expect(keys({})).toEqual(['new', 'notDue', 'pendingWithoutDue']);
  });
});

describe('counted apart', () => {
  it('withdrawn (7), stopped (8) and never received (1, 3) are in no column', () => {
    expect(keys({ status: 7, resolvedOn: '2019-03-05', dueOn: '2019-03-10' })).toEqual(['withdrawn']);
    expect(keys({ status: 8, dueOn: '2019-03-10' })).toEqual(['stopped']);
    expect(keys({ status: 1 })).toEqual(['notReceived']);
    expect(keys({ status: 3, receivedOn: null })).toEqual(['notReceived']);
  });
  it('only within the period', () => {
    expect(keys({ status: 7, receivedOn: '2019-07-01' })).toEqual([]);
    expect(keys({ status: 8, receivedOn: '2018-11-01', resolvedOn: '2018-12-31' })).toEqual([]);
    expect(keys({ status: 3, receivedOn: '2019-07-01' })).toEqual([]);
  });
  it('--withdrawn on-time counts a withdrawn dossier as resolved on time in the period of its resolved date', () => {
    expect(keys({ status: 7, resolvedOn: '2019-03-20', dueOn: '2019-03-10' }, onTime)).toEqual(['new', 'onTime']);
    expect(keys({ status: 7, receivedOn: '2018-12-01', resolvedOn: '2019-01-01', channel: 'direct' }, onTime)).toEqual(['carriedOver', 'onTime']);
    // Without a resolved date (or resolved after the period) it stays counted apart.
    expect(keys({ status: 7 }, onTime)).toEqual(['withdrawn']);
    expect(keys({ status: 7, resolvedOn: '2019-07-01' }, onTime)).toEqual(['withdrawn']);
  });
});

describe('identities', () => {
  it('each counted dossier adds exactly one received and one end column', () => {
    const days = ['2018-12-30', '2018-12-31', '2019-01-01', '2019-01-02', '2019-06-29', '2019-06-30', '2019-07-01', null];
    for (const receivedOn of days.slice(0, 7)) {
      for (const dueOn of days) {
        for (const resolvedOn of days) {
          for (const status of [null, 4, 5, 9] as const) {
            if (resolvedOn !== null && resolvedOn < receivedOn!) continue;
            const k = keys({ receivedOn, dueOn, resolvedOn, status });
            if (k.length === 0) continue;
            expect(k.filter((x) => x === 'new' || x === 'carriedOver')).toHaveLength(1);
            expect(k.filter((x) => ['early', 'onTime', 'late', 'notDue', 'overdue'].includes(x))).toHaveLength(1);
          }
        }
      }
    }
  });
});

describe('satisfaction: rated and satisfied', () => {
  const resolved = { resolvedOn: '2019-03-10', dueOn: '2019-03-10' };
  it('counts the rating of a dossier resolved in the period', () => {
    expect(keys({ ...resolved, satisfied: true })).toEqual(['new', 'onTime', 'rated', 'satisfied']);
    expect(keys({ ...resolved, satisfied: false })).toEqual(['new', 'onTime', 'rated']);
    expect(keys({ ...resolved, satisfied: null })).toEqual(['new', 'onTime']);
    expect(keys({ ...resolved })).toEqual(['new', 'onTime']);
    // Resolved on the last day, carried over, late: still rated.
    expect(keys({ receivedOn: '2018-12-01', resolvedOn: '2019-06-30', dueOn: '2019-06-01', satisfied: false })).toEqual(['carriedOver', 'late', 'rated']);
  });
  it('ignores the rating of a dossier pending at the end of the period (resolved after it, or not at all)', () => {
    expect(keys({ resolvedOn: '2019-07-01', dueOn: '2019-07-10', satisfied: true })).toEqual(['new', 'notDue']);
    expect(keys({ dueOn: '2019-03-10', satisfied: true })).toEqual(['new', 'overdue']);
  });
  it('ignores the rating of withdrawn, stopped and never received dossiers, under either policy', () => {
    for (const options of [exclude, onTime]) {
      expect(keys({ status: 7, ...resolved, satisfied: true }, options)).not.toContain('rated');
      expect(keys({ status: 8, ...resolved, satisfied: true }, options)).toEqual(['stopped']);
      expect(keys({ status: 3, ...resolved, satisfied: false }, options)).toEqual(['notReceived']);
    }
    expect(keys({ status: 7, ...resolved, satisfied: true }, onTime)).toEqual(['new', 'onTime']);
  });
  it('gives the satisfied share of rated dossiers (a provincial report: 746 of 778 → 95,9%)', () => {
    const tally = emptyTally();
    tally.rated = 778;
    tally.satisfied = 746;
    const counts = countsFromTally(tally);
    expect(counts.satisfaction).toEqual({ rated: 778, satisfied: 746 });
    expect(sharesOf(counts).satisfiedPct).toBe(95.9);
    expect(sharesOf(countsFromTally(emptyTally())).satisfiedPct).toBeNull();
  });
});

describe('the months of the monthly chart', () => {
  // A period cut inside its first and last months, as the demo's 03/7/2017 - 30/6/2019.
  const cut = { from: '2019-01-03', to: '2019-03-30' };
  const days = ['2018-12-31', '2019-01-02', '2019-01-03', '2019-01-31', '2019-02-01', '2019-02-28', '2019-03-01', '2019-03-30', '2019-03-31', null];
  const dossiers: Dossier[] = [];
  for (const receivedOn of days.filter((x) => x !== null))
    for (const resolvedOn of days)
      for (const dueOn of [null, '2019-01-31', '2019-02-01'])
        for (const status of [undefined, 1, 3, 5, 7, 8])
          dossiers.push(d({ receivedOn, resolvedOn, dueOn, status } as Partial<Dossier>));

  it.each([exclude, onTime])('tallies each dossier in two months as classifying it in every month does (%o)', (options) => {
    const months = calendarMonths(cut);
    const tallies = monthTallies(months);
    for (const x of dossiers) addToMonths(tallies, x, options);
    const expected = months.map((m) => {
      const keys = dossiers.map((x) => classify(x, m, options));
      return {
        month: m.from.slice(0, 7),
        new: keys.filter((k) => k.includes('new')).length,
        resolved: keys.filter((k) => k.includes('early') || k.includes('onTime') || k.includes('late')).length,
      };
    });
    expect([...tallies.values()].map((t) => t.count)).toEqual(expected);
    // Every boundary counted somewhere: the comparison would be empty otherwise.
    expect(expected.every((m) => m.new > 0 && m.resolved > 0)).toBe(true);
  });

  it('counts a withdrawn dossier on time in the month it was resolved, new in its own month only then', () => {
    const tallies = monthTallies(calendarMonths(cut));
    addToMonths(tallies, d({ receivedOn: '2019-01-10', resolvedOn: '2019-02-05', status: 7 }), onTime);
    addToMonths(tallies, d({ receivedOn: '2019-03-10', resolvedOn: '2019-03-12', status: 7 }), onTime);
    expect([...tallies.values()].map((t) => [t.count.new, t.count.resolved])).toEqual([[0, 0], [0, 1], [1, 1]]);
  });
});
