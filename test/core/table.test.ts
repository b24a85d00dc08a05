import { describe, expect, it } from 'vitest';
import { AgencyList } from '../../src/core/agencies.js';
import { emptyTally } from '../../src/core/rules.js';
import { buildTable } from '../../src/core/table.js';
import type { Tally } from '../../src/core/types.js';

const period = { from: '2019-01-01', to: '2019-06-30' };
const tally = (t: Partial<Tally>): Tally => ({ ...emptyTally(), ...t });

describe('buildTable', () => {
  const agencies = new AgencyList([
    { name: 'Sở Giao thông vận tải', aliases: ['Sở GTVT'] },
    'Văn phòng UBND tỉnh',
    'Thanh tra tỉnh',
  ]);
  const groups = new Map<string, Tally>([
    ['Sở GTVT', tally({ new: 2, early: 2 })],
    ['SỞ GIAO THÔNG  VẬN TẢI', tally({ new: 1, overdue: 1 })],
    ['Sở Giao thông vận tải'.normalize('NFD'), tally({ carriedOver: 1, late: 1 })],
    ['Văn phòng UBND tỉnh', tally({ new: 1, onTime: 1 })],
    ['Sở Y tế', tally({ new: 1, notDue: 1 })],
    ['Sở Xây dựng', tally({ new: 1, notDue: 1 })],
  ]);
  const table = buildTable({ groups, rejected: 2 }, { period, groupBy: 'agency', agencies });

  it('merges spellings through aliases, case, spacing and Unicode form', () => {
    expect(table.rows[0]).toMatchObject({ stt: 1, key: 'Sở Giao thông vận tải', listed: true });
    expect(table.rows[0].counts.received).toMatchObject({ total: 4, new: 3, carriedOver: 1 });
    expect(table.rows[0].counts.resolved).toMatchObject({ total: 3, early: 2, late: 1 });
    expect(table.rows[0].counts.pending).toMatchObject({ total: 1, overdue: 1 });
  });
  it('keeps the official order, blank rows for listed agencies without dossiers, unlisted ones after in Vietnamese order', () => {
    expect(table.rows.map((r) => [r.stt, r.key])).toEqual([
      [1, 'Sở Giao thông vận tải'],
      [2, 'Văn phòng UBND tỉnh'],
      [3, 'Thanh tra tỉnh'],
      [4, 'Sở Xây dựng'],
      [5, 'Sở Y tế'],
    ]);
    expect(table.rows[2].counts.received.total).toBe(0);
    expect(table.warnings.find((w) => w.code === 'unlisted-agencies')?.names).toEqual(['Sở Xây dựng', 'Sở Y tế']);
  });
  it('totals are the sum of the rows', () => {
    expect(table.total.received.total).toBe(table.rows.reduce((s, r) => s + r.counts.received.total, 0));
    expect(table.total.received.total).toBe(7);
    expect(table.total.received.total).toBe(table.total.resolved.total + table.total.pending.total);
    expect(table.rejected).toBe(2);
  });
  it('without a list, sorts by Vietnamese collation and warns about nothing', () => {
    const t = buildTable({ groups, rejected: 0 }, { period, groupBy: 'agency' });
    expect(t.rows.map((r) => r.key)).toEqual(['Sở Giao thông vận tải', 'Sở GTVT', 'Sở Xây dựng', 'Sở Y tế', 'Văn phòng UBND tỉnh']);
    expect(t.warnings).toEqual([]);
  });
  it('refuses one alias for two agencies', () => {
    expect(() => new AgencyList([{ name: 'A', aliases: ['X'] }, { name: 'B', aliases: ['x'] }])).toThrow(/hai cơ quan/);
  });
});
