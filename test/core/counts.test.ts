import { describe, expect, it } from 'vitest';
import { countsFromTally, percent, sharesOf } from '../../src/core/counts.js';
import { excludedNote, formatCell, formatCount, formatPercent } from '../../src/core/format-vi.js';
import { emptyTally } from '../../src/core/rules.js';

describe('percent', () => {
  it('rounds half up to one decimal', () => {
    expect(percent(34985, 35591)).toBe(98.3); // report No. 1204/BC-VPUB printed 98,4%: the error hcc cannot make
    expect(percent(606, 35591)).toBe(1.7); // report No. 1204/BC-VPUB printed 1,73% (wrong base)
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(1, 16)).toBe(6.3); // 6.25 → 6.3, half up
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 5)).toBe(0);
    expect(percent(5, 5)).toBe(100);
    expect(percent(1, 0)).toBeNull();
  });
  it('supports two decimals where a document asks for them', () => {
    expect(percent(32097, 34985, 2)).toBe(91.75);
  });
});

describe('sharesOf uses one stated base per share', () => {
  it('reproduces the Hà Nam totals', () => {
    const t = { ...emptyTally(), new: 35523, carriedOver: 68, early: 32097, onTime: 2850, late: 38, notDue: 603, overdue: 3 };
    const c = countsFromTally(t);
    expect(c.received.total).toBe(35591);
    expect(c.resolved.total).toBe(34985);
    expect(c.pending.total).toBe(606);
    const s = sharesOf(c);
    expect(s).toMatchObject({ resolvedPct: 98.3, pendingPct: 1.7, earlyPct: 91.7, onTimePct: 8.1, latePct: 0.1, overduePct: 0.5 });
  });
});

describe('Vietnamese number style', () => {
  it('groups thousands with dots and shows zero as "-"', () => {
    expect(formatCount(35591)).toBe('35.591');
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatCount(999)).toBe('999');
    expect(formatCell(0)).toBe('-');
    expect(formatCell(12906)).toBe('12.906');
  });
  it('writes percentages with a decimal comma', () => {
    expect(formatPercent(98.3)).toBe('98,3%');
    expect(formatPercent(100)).toBe('100,0%');
    expect(formatPercent(91.75, 2)).toBe('91,75%');
    expect(formatPercent(null)).toBe('-');
  });
});

describe('excludedNote', () => {
  it('words the dossiers counted apart as the annex prints them, naming only the kinds there are', () => {
    expect(excludedNote({ withdrawn: 20, stopped: 9, notReceived: 1400 })).toBe(
      'Không tính trong bảng: 20 hồ sơ rút theo yêu cầu; 9 hồ sơ dừng xử lý; 1.400 hồ sơ không được tiếp nhận.',
    );
    expect(excludedNote({ withdrawn: 0, stopped: 3, notReceived: 0 })).toBe('Không tính trong bảng: 3 hồ sơ dừng xử lý.');
    expect(excludedNote({ withdrawn: 0, stopped: 0, notReceived: 0 })).toBeNull();
  });
});
