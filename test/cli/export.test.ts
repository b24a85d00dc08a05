// `hcc export` end to end: an unattended run (stdin closed, no TTY, no NO_COLOR), files read back.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HCC, ROOT, runHcc, tempDir } from '../helpers/run-hcc.js';

const HEADER = 'Mã hồ sơ,Đơn vị,Lĩnh vực,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Kênh thực hiện';
let dir: string;
let input: string;

/** As cron runs it: no terminal, stdin closed, a bare environment (no NO_COLOR, no FORCE_COLOR). */
function unattended(args: string[]) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C' };
  const r = spawnSync(process.execPath, [HCC, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir('hcc-export-');
  input = join(dir, 'ho-so.csv');
  writeFileSync(
    input,
    [
      HEADER,
      'A1,Sở Tư pháp,Hộ tịch,05/01/2024,10/01/2024,09/01/2024,Đã trả kết quả,Trực tuyến',
      'A2,Sở Tư pháp,Hộ tịch,20/01/2024,25/01/2024,02/02/2024,Đã trả kết quả,Trực tiếp',
      'A3,Sở Y tế,Dược,10/02/2024,20/02/2024,,Đang xử lý,Trực tiếp',
      'A4,Sở Y tế,Dược,01/03/2024,31/03/2024,31/03/2024,Đã trả kết quả,Bưu chính công ích',
      'A5,Sở Tư pháp,Hộ tịch,14/03/2024,16/03/2024,15/03/2024,Đã trả kết quả,Trực tuyến',
    ].join('\n'),
  );
});

describe('hcc export', () => {
  it('writes one file per month and format, names sorting by period, unattended and without colour', () => {
    const out = join(dir, 'monthly');
    const r = unattended(['export', '--input', input, '--every', 'month', '--from', '2023-12', '--to', '2024-03', '--format', 'csv,json', '--out', out, '--json']);
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/\u001b\[/);
    const files = readdirSync(out);
    expect(files).toEqual([...files].sort());
    expect(files).toEqual([
      'hcc-2023-12.csv',
      'hcc-2023-12.json',
      'hcc-2024-01.csv',
      'hcc-2024-01.json',
      'hcc-2024-02.csv',
      'hcc-2024-02.json',
      'hcc-2024-03.csv',
      'hcc-2024-03.json',
    ]);
    // One summary line per file, plus the closing line; nothing else.
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toContain('hcc-2023-12.csv');
    expect(lines[8]).toMatch(/4 kỳ: 8 tệp đã ghi/);

    const list = JSON.parse(r.stdout);
    expect(list).toHaveLength(8);
    expect(list[2]).toMatchObject({ format: 'csv', status: 'written', path: join(out, 'hcc-2024-01.csv'), period: { from: '2024-01-01', to: '2024-01-31', label: '2024-01' }, received: 2 });

    // February: A2 carried over and resolved late, A3 new and pending (due 20/02 < 29/02: overdue).
    const feb = JSON.parse(readFileSync(join(out, 'hcc-2024-02.json'), 'utf8'));
    expect(feb.period).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(feb.total.received).toMatchObject({ total: 2, new: 1, carriedOver: 1 });
    expect(feb.total.resolved).toMatchObject({ late: 1 });
    expect(feb.total.pending).toMatchObject({ overdue: 1 });

    // The CSV is exactly what `hcc table --format csv` prints for that month.
    const table = runHcc(['table', '--input', input, '--period', '2024-03', '--format', 'csv'], { cwd: dir });
    expect(readFileSync(join(out, 'hcc-2024-03.csv'), 'utf8')).toBe(table.stdout);

    // An empty period is a valid file with zero rows and a zero total.
    const dec = readFileSync(join(out, 'hcc-2023-12.csv'), 'utf8').trim().split('\n');
    expect(dec).toEqual([table.stdout.split('\n')[0], ',Tổng số,0,0,0,0,0,0,0,0,0,0']);
    expect(JSON.parse(readFileSync(join(out, 'hcc-2023-12.json'), 'utf8')).rows).toEqual([]);
  });

  it('names the Decree 09 files apart and uses its cut-off', () => {
    const out = join(dir, 'nd09');
    const r = unattended(['export', '--input', input, '--every', 'quarter', '--from', '2024-Q1', '--to', '2024-Q1', '--cutoff', 'decree09', '--format', 'json', '--out', out]);
    expect(r.status).toBe(0);
    expect(readdirSync(out)).toEqual(['hcc-2024-Q1-nd09.json']);
    const q1 = JSON.parse(readFileSync(join(out, 'hcc-2024-Q1-nd09.json'), 'utf8'));
    expect(q1.period).toEqual({ from: '2023-12-15', to: '2024-03-14', label: '2024-Q1' });
    // A5 (received 14/03) is in, A4 (01/03) too; nothing received after 14/03 exists.
    expect(q1.total.received.total).toBe(5);
  });

  it('overwrites by default and keeps existing files with --skip-existing', () => {
    const out = join(dir, 'skip');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'hcc-2024-01.csv'), 'giữ nguyên\n');
    const skip = unattended(['export', '--input', input, '--every', 'month', '--from', '2024-01', '--to', '2024-02', '--out', out, '--skip-existing', '--json']);
    expect(skip.status).toBe(0);
    expect(readFileSync(join(out, 'hcc-2024-01.csv'), 'utf8')).toBe('giữ nguyên\n');
    expect(JSON.parse(skip.stdout).map((f: { status: string }) => f.status)).toEqual(['skipped', 'written']);
    expect(skip.stderr).toMatch(/bỏ qua .*hcc-2024-01\.csv/);

    const again = unattended(['export', '--input', input, '--every', 'month', '--from', '2024-01', '--to', '2024-02', '--out', out]);
    expect(again.status).toBe(0);
    expect(readFileSync(join(out, 'hcc-2024-01.csv'), 'utf8')).toMatch(/^stt,agency,/);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('still writes the other periods when one fails, names the failure and exits 1', () => {
    const out = join(dir, 'failing');
    mkdirSync(join(out, 'hcc-2024-02.csv'), { recursive: true }); // a directory where the file should go
    const r = unattended(['export', '--input', input, '--every', 'month', '--from', '2024-01', '--to', '2024-03', '--out', out, '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/không ghi được .*hcc-2024-02\.csv/);
    expect(r.stderr).toMatch(/các kỳ chưa xuất được: 2024-02/);
    expect(existsSync(join(out, 'hcc-2024-01.csv'))).toBe(true);
    expect(existsSync(join(out, 'hcc-2024-03.csv'))).toBe(true);
    const list = JSON.parse(r.stdout);
    expect(list.map((f: { status: string }) => f.status)).toEqual(['written', 'failed', 'written']);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes workbooks', async () => {
    const out = join(dir, 'xlsx');
    const r = unattended(['export', '--input', input, '--every', 'month', '--from', '2024-01', '--to', '2024-01', '--format', 'xlsx', '--out', out]);
    expect(r.status).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'hcc-2024-01.xlsx'));
    const cells: unknown[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain('Sở Tư pháp');
  });

  it.each([
    [['export', '--every', 'week', '--from', '2024-01', '--to', '2024-02', '--out', 'x'], /week/],
    [['export', '--every', 'month', '--from', '2024-05', '--to', '2024-01', '--out', 'x'], /ngược/],
    [['export', '--every', 'month', '--from', '2024-01', '--to', '2024-02', '--out', 'x', '--format', 'pdf'], /pdf/],
    [['export', '--every', 'month', '--to', '2024-02', '--out', 'x'], /--from/],
  ])('%j is a usage error (exit 2) in one line', (args, message) => {
    const r = unattended(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains overwrite and --skip-existing in --help, with examples', () => {
    const help = runHcc(['export', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--skip-existing');
    expect(help.stdout).toMatch(/ghi đè/);
    expect(help.stdout).toContain('Ví dụ:');
  });
});
