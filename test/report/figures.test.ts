import { describe, expect, it } from 'vitest';
import { rankAgencies, reportFigures, tableFigures, FIGURE_NAMES } from '../../src/report/figures.js';
import { defaultReportConfig } from '../../src/report/config.js';
import { haNamTable } from '../helpers/report.js';

describe('figures of the Hà Nam table', () => {
  const table = haNamTable();
  const f = tableFigures(table, { rankCount: 7 });

  it('states the totals and shares with one base and one rounding rule', () => {
    expect(f['received.total'].text).toBe('35.591');
    expect(f['received.new'].text).toBe('35.523');
    expect(f['received.carriedOver'].text).toBe('68');
    expect(f['resolved.total'].text).toBe('34.985');
    // 34,985 / 35,591 = 98.297…%: report No. 1204/BC-VPUB printed 98,4%.
    expect(f['resolved.pct'].text).toBe('98,3%');
    // 606 / 35,591 = 1.70%: report No. 1204/BC-VPUB divided by the resolved count (1,73%).
    expect(f['pending.pct'].text).toBe('1,7%');
    expect(f['resolved.earlyPct'].text).toBe('91,7%');
    expect(f['resolved.onTimePct'].text).toBe('8,1%');
    expect(f['resolved.latePct'].text).toBe('0,1%');
    expect(f['pending.notDue'].text).toBe('603');
    expect(f['pending.overdue'].text).toBe('3');
  });

  it('writes real dates (30/6/2019, never 31/6)', () => {
    expect(f['period.from'].text).toBe('03/7/2017');
    expect(f['period.to'].text).toBe('30/6/2019');
    expect(f['period.range'].text).toBe('từ 03/7/2017 đến 30/6/2019');
    expect(f['period.toLong'].text).toBe('ngày 30 tháng 6 năm 2019');
  });

  it('ranks agencies by total received, counts in italics', () => {
    expect(f['agencies.most'].text).toBe(
      'Sở Giao thông vận tải (12.906 hồ sơ); Sở Tư pháp (7.832 hồ sơ); Sở Kế hoạch và Đầu tư (2.656 hồ sơ); Ban Quản lý các KCN (2.280 hồ sơ); Sở Y tế (1.852 hồ sơ); Sở Tài chính (1.324 hồ sơ); Sở Xây dựng (1.191 hồ sơ)',
    );
    expect(f['agencies.most'].rich!.find((s) => s.text === '12.906 hồ sơ')?.italics).toBe(true);
    expect(f['agencies.fewest'].text.startsWith('Văn phòng UBND tỉnh (17 hồ sơ); Sở Khoa học và Công nghệ (103 hồ sơ)')).toBe(true);
    expect(f['agencies.none'].text).toBe('Ban Quản lý khu Đại học Nam Cao; Thanh tra tỉnh; Bộ CHQS tỉnh');
    expect(f['agencies.noneCount'].value).toBe(3);
  });

  it('averages new dossiers over the months the period touches', () => {
    // 35,523 new dossiers over 23.94 months (3 Jul 2017 – 30 Jun 2019).
    expect(f['monthly.average'].value).toBe(Math.round(35523 / (23 - 2 / 31 + 1)));
    expect(f['monthly.average'].text).toBe('1.484');
  });

  it('never lists an agency both as most and fewest, and ties keep the official order', () => {
    const rows = table.rows.slice(0, 5);
    const { most, fewest } = rankAgencies(rows, 3);
    expect(most.some((r) => fewest.includes(r))).toBe(false);
    const tie = rankAgencies(
      [
        { ...table.rows[0], stt: 1, key: 'A', counts: { ...table.rows[1].counts } },
        { ...table.rows[0], stt: 2, key: 'B', counts: { ...table.rows[1].counts } },
        { ...table.rows[0], stt: 3, key: 'C', counts: { ...table.rows[1].counts } },
      ],
      1,
    );
    expect(tie.most.map((r) => r.key)).toEqual(['A']);
    expect(tie.fewest.map((r) => r.key)).toEqual(['B']);
  });

  it('leaves blank report fields visibly blank', () => {
    const r = reportFigures(defaultReportConfig());
    expect(r['report.issuer'].present).toBe(false);
    expect(r['report.issuer'].text).toMatch(/^…+$/);
    expect(r['report.number'].text.trim()).toBe('');
    expect(FIGURE_NAMES).toContain('resolved.earlyPct');
    expect(FIGURE_NAMES).toContain('report.dateLong');
  });
});
