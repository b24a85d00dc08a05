// `hcc table` for quick questions: --by, filters, --compare, channel shares, narrow terminals, pipes.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareTables, comparisonPeriod } from '../../src/core/compare.js';
import { parsePeriod } from '../../src/core/periods.js';
import { buildTable } from '../../src/core/table.js';
import { addToTally, classify, emptyTally } from '../../src/core/rules.js';
import type { Dossier, Period, Tally } from '../../src/core/types.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { HCC, runHcc, tempDir } from '../helpers/run-hcc.js';

const HEADER = 'Mã hồ sơ,Đơn vị,Lĩnh vực,Tên thủ tục hành chính,Cấp,Kênh thực hiện,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';
const ROWS = [
  // 2023
  'P1,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,Tỉnh,Trực tuyến,05/02/2023,10/02/2023,09/02/2023,Đã trả kết quả',
  'P2,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,Tỉnh,Trực tiếp,05/03/2023,10/03/2023,10/03/2023,Đã trả kết quả',
  'P3,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,Tỉnh,Trực tiếp,05/04/2023,10/04/2023,09/04/2023,Đã trả kết quả',
  'P4,Sở Xây dựng,Xây dựng,Cấp giấy phép xây dựng,Tỉnh,Trực tiếp,05/05/2023,10/05/2023,09/05/2023,Đã trả kết quả',
  // 2024
  'N1,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,Tỉnh,Trực tuyến,05/02/2024,10/02/2024,09/02/2024,Đã trả kết quả',
  'N2,SỞ TƯ PHÁP,Hộ tịch,Đăng ký kết hôn,Huyện,Trực tuyến,05/03/2024,10/03/2024,12/03/2024,Đã trả kết quả',
  'N3,Sở Tư pháp,Lý lịch tư pháp,Cấp phiếu lý lịch tư pháp,Tỉnh,Bưu chính công ích,05/04/2024,10/04/2024,10/04/2024,Đã trả kết quả',
  'N4,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,Tỉnh,Trực tiếp,05/04/2024,10/04/2024,,Đang xử lý',
  'N5,Sở Kế hoạch và Đầu tư,Đăng ký doanh nghiệp,Đăng ký thành lập doanh nghiệp,Tỉnh,Trực tuyến,05/05/2024,10/05/2024,09/05/2024,Đã trả kết quả',
  'N6,Sở Tài nguyên và Môi trường,Đất đai,Đăng ký đất đai,Tỉnh,Trực tiếp,05/06/2024,10/06/2024,09/06/2024,Đã trả kết quả',
];
let dir: string;
let input: string;

beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir('hcc-table-q-');
  input = join(dir, 'ho-so.csv');
  writeFileSync(input, [HEADER, ...ROWS].join('\n'));
});

const json = (args: string[]) => {
  const r = runHcc(['table', '--input', input, '--format', 'json', ...args], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
};

describe('grouping and filters', () => {
  it('groups by field in Vietnamese order, with the row key named after the grouping', () => {
    const t = json(['--period', '2024', '--by', 'field']);
    expect(t.groupBy).toBe('field');
    expect(t.rows.map((r: { field: string }) => r.field)).toEqual(['Dược', 'Đăng ký doanh nghiệp', 'Đất đai', 'Hộ tịch', 'Lý lịch tư pháp']);
    expect(t.rows[0].agency).toBeUndefined();
    expect(t.rows.find((r: { field: string }) => r.field === 'Hộ tịch').received.total).toBe(2);
  });

  it.each([
    ['channel', ['Bưu chính công ích', 'Trực tiếp', 'Trực tuyến']],
    ['level', ['Huyện', 'Tỉnh']],
    ['month', ['2024-02', '2024-03', '2024-04', '2024-05', '2024-06']],
  ])('groups by %s', (by, keys) => {
    const t = json(['--period', '2024', '--by', by]);
    expect(t.rows.map((r: Record<string, string>) => r[by])).toEqual(keys);
    expect(t.total.received.total).toBe(6);
  });

  it('filters ignore accents and case, merge spellings, and repeat', () => {
    const a = json(['--period', '2024', '--agency', 'so tu phap']);
    expect(a.rows.map((r: { agency: string }) => r.agency)).toEqual(['Sở Tư pháp']);
    expect(a.total.received.total).toBe(3); // N2 is spelled in capitals
    const b = json(['--period', '2024', '--agency', 'SỞ Y TẾ', '--agency', 'Sở Xây dựng', '--agency', 'sở kế hoạch và đầu tư']);
    expect(b.rows.map((r: { agency: string }) => r.agency)).toEqual(['Sở Kế hoạch và Đầu tư', 'Sở Y tế']);
    expect(json(['--period', '2024', '--field', 'ho tich', '--by', 'procedure']).rows.map((r: { procedure: string }) => r.procedure)).toEqual([
      'Đăng ký kết hôn',
      'Đăng ký khai sinh',
    ]);
    expect(json(['--period', '2024', '--channel', 'trực tuyến']).total.received.total).toBe(3);
    expect(json(['--period', '2024', '--channel', 'online', '--channel', 'postal']).total.received.total).toBe(4);
    expect(json(['--period', '2024', '--level', 'HUYEN']).total.received.total).toBe(1);
    expect(json(['--period', '2024', '--procedure', 'dang ky khai sinh', '--agency', 'so tu phap']).total.received.total).toBe(1);
  }, 30_000);

  it('refuses an unknown grouping or channel in one line', () => {
    const r = runHcc(['table', '--input', input, '--period', '2024', '--by', 'tinh'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--by "tinh"/);
    expect(runHcc(['table', '--input', input, '--period', '2024', '--channel', 'fax'], { cwd: dir }).status).toBe(2);
  });
});

describe('--compare', () => {
  it('adds the previous period per row and for the total, with change in count and percent', () => {
    const t = json(['--period', '2024-H1', '--compare', 'last-year']);
    expect(t.compare.mode).toBe('last-year');
    expect(t.compare.period).toEqual({ from: '2023-01-01', to: '2023-06-30', label: '2023-H1' });
    expect(t.compare.total.received.total).toBe(4);
    expect(t.compare.total.changes.received_total).toEqual({ current: 6, base: 4, change: 2, changePct: 50 });
    const tuPhap = t.rows.find((r: { agency: string }) => r.agency === 'Sở Tư pháp');
    expect(tuPhap.compare.received.total).toBe(2);
    expect(tuPhap.compare.changes.received_total).toMatchObject({ change: 1, changePct: 50 });
    // A group that only had dossiers in the comparison period keeps a row of zeros, so rows add up.
    const xd = t.rows.find((r: { agency: string }) => r.agency === 'Sở Xây dựng');
    expect(xd.received.total).toBe(0);
    expect(xd.compare.changes.received_total).toMatchObject({ change: -1, changePct: -100 });
    const sum = t.rows.reduce((a: number, r: { compare: { received: { total: number } } }) => a + r.compare.received.total, 0);
    expect(sum).toBe(t.compare.total.received.total);
  });

  it('compares month rows with the same months a year earlier', () => {
    const t = json(['--period', '2024-H1', '--by', 'month', '--compare', 'last-year']);
    expect(t.rows.map((r: { month: string }) => r.month)).toEqual(['2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    expect(t.rows.map((r: { compare: { received: { total: number } } }) => r.compare.received.total)).toEqual([1, 1, 1, 1, 0]);
  });

  it('says the change in the terminal as the reports do', () => {
    const r = runHcc(['table', '--input', input, '--period', '2024', '--compare', 'previous'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Tiếp nhận 6 hồ sơ, tăng 2 hồ sơ (tăng 50,00%) so với năm 2023');
    expect(r.stdout).toMatch(/năm 2023\s+4\s+4\s+-/);
    expect(r.stdout).toMatch(/thay đổi\s+\+50,00%/);
  });

  it('states channel shares of new dossiers under the table', () => {
    const r = runHcc(['table', '--input', input, '--period', '2024'], { cwd: dir });
    expect(r.stdout).toContain('Hồ sơ mới theo kênh: trực tuyến 3 (50,0%), bưu chính công ích 1 (16,7%), trực tiếp 2 (33,3%).');
  });
});

describe('terminal quality', () => {
  function table(rows: Dossier[], period: Period) {
    const groups = new Map<string, Tally>();
    for (const d of rows) {
      const keys = classify(d, period, { withdrawn: 'exclude' });
      if (!keys.length) continue;
      if (!groups.has(d.agency)) groups.set(d.agency, emptyTally());
      addToTally(groups.get(d.agency)!, keys);
    }
    return buildTable({ groups, rejected: 0 }, { period, groupBy: 'agency' });
  }
  const names = ['Sở Lao động - Thương binh và Xã hội', 'Ban Quản lý các khu công nghiệp tỉnh Hà Nam', 'Sở Tư pháp'];
  const dossiers: Dossier[] = [];
  for (let i = 0; i < 30_000; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const year = i % 2 ? 2024 : 2023;
    dossiers.push({ code: `X${i}`, agency: names[i % 3], receivedOn: `${year}-03-${day}`, dueOn: `${year}-04-${day}`, resolvedOn: i % 5 ? `${year}-04-01` : null, channel: 'online' });
  }

  it.each([80, 100, 120, 160])('never prints a line wider than %i columns, with or without --compare', (width) => {
    const period = parsePeriod('2024-Q2');
    const current = table(dossiers, period);
    const { table: t, comparison } = compareTables(current, table(dossiers, comparisonPeriod(period, 'last-year')), 'last-year');
    for (const text of [renderTerminal(current, { color: false, width }), renderTerminal(t, { color: false, width, comparison })]) {
      const lines = text.split('\n');
      expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(width);
      // Every figure line keeps its numbers right-aligned in vi-VN style.
      expect(text).toMatch(/\d{1,3}\.\d{3}/);
      // Every panel ends on the total row.
      expect(lines.filter((l) => /^\s+Tổng số\s+[\d.]/.test(l)).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('does not crash when piped into head', () => {
    const big = join(dir, 'big.csv');
    const lines = [HEADER];
    for (let i = 0; i < 4000; i++) lines.push(`B${i},Cơ quan số ${i},Hộ tịch,Thủ tục,Tỉnh,Trực tiếp,05/02/2024,10/02/2024,09/02/2024,Đã trả kết quả`);
    writeFileSync(big, lines.join('\n'));
    const r = spawnSync('bash', ['-c', `set -o pipefail; node "${HCC}" table --input "${big}" --period 2024 | head -3`], { encoding: 'utf8', cwd: dir });
    expect(r.stdout.split('\n').length).toBe(4);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('uses colour on a terminal only without NO_COLOR', (ctx) => {
    const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      console.log('skipped: util-linux `script` (pseudo-terminal) is not available');
      ctx.skip();
    }
    const cmd = `node "${HCC}" table --input "${input}" --period 2024`;
    const env = { ...process.env, TERM: 'xterm', COLUMNS: '120' };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env, cwd: dir });
    expect(tty.stdout).toMatch(/\u001b\[/);
    const noColor = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { ...env, NO_COLOR: '1' }, cwd: dir });
    expect(noColor.stdout).toContain('Tổng số');
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
  });
});
