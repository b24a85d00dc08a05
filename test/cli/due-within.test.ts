// Working days in `hcc overdue` and `--due-within N` (dossiers about to be late) in every format, on
// dates around the 30/4–1/5/2025 holidays and the Saturday 26/4/2025 worked in exchange.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HCC, runHcc, tempDir } from '../helpers/run-hcc.js';

const HEADER = 'Mã hồ sơ,Đơn vị,Lĩnh vực,Tên thủ tục hành chính,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';
const ROWS = [
  'A,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,01/04/2025,24/04/2025,,Đang xử lý', // overdue at 25/4
  'B,Sở Tư pháp,Hộ tịch,Đăng ký kết hôn,01/04/2025,25/04/2025,,Đang xử lý', // due on the as-of day: 0 left
  'C,Sở Tư pháp,Hộ tịch,Đăng ký kết hôn,01/04/2025,26/04/2025,,Đang xử lý', // Saturday worked: 1 left
  'D,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,01/04/2025,29/04/2025,,Đang xử lý', // 3 left (Sat 26, Mon 28, Tue 29)
  'E,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,01/04/2025,05/05/2025,,Đang xử lý', // 30/4–2/5 off, 3–4/5 weekend: 4 left
  'F,Sở Tư pháp,Hộ tịch,Đăng ký kết hôn,01/04/2025,28/04/2025,,Yêu cầu bổ sung giấy tờ', // waiting for the applicant
  'G,Sở Tư pháp,Hộ tịch,Đăng ký kết hôn,01/04/2025,28/04/2025,24/04/2025,Đã trả kết quả', // resolved
  'H,Sở Tư pháp,Hộ tịch,Đăng ký kết hôn,26/04/2025,28/04/2025,,Đang xử lý', // received after the as-of day
];
let dir: string;
let input: string;
const asOf = ['--input', '', '--as-of', '2025-04-25'];

beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir('hcc-due-within-');
  input = join(dir, 'ho-so.csv');
  writeFileSync(input, [HEADER, ...ROWS].join('\n'));
  asOf[1] = input;
});

describe('hcc overdue: working days', () => {
  it('counts days late in calendar and in working days across the holidays', () => {
    const r = runHcc(['overdue', '--input', input, '--as-of', '2025-05-06', '--format', 'json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    // A due Thu 24/4: calendar 12 days; working days Fri 25, Sat 26 (worked), Mon 28, Tue 29, Mon 5/5, Tue 6/5 = 6
    // (30/4–2/5 off, 3–4/5 weekend). B due 25/4: 11 and 5; C due Sat 26/4: 10 and 4; H due Mon 28/4
    // (received 26/4): 8 and 3 (29/4, 5/5, 6/5); D due 29/4: 7 and 2; E due 5/5: 1 and 1. F waits, G is resolved.
    expect(json.overdue.map((x: { code: string; daysOverdue: number; workdaysOverdue: number }) => [x.code, x.daysOverdue, x.workdaysOverdue])).toEqual([
      ['A', 12, 6],
      ['B', 11, 5],
      ['C', 10, 4],
      ['H', 8, 3],
      ['D', 7, 2],
      ['E', 1, 1],
    ]);
  });
});

describe('hcc overdue --due-within', () => {
  const want = [
    ['B', '2025-04-25', 0],
    ['C', '2025-04-26', 1],
    ['D', '2025-04-29', 3],
  ];

  it('lists pending dossiers due within N working days, earliest first, with the working days left (JSON)', () => {
    const r = runHcc(['overdue', ...asOf, '--due-within', '3', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.dueWithin).toBe(3);
    expect(json.dueUntil).toBe('2025-04-29');
    expect(json.dueSoon.map((x: { code: string; dueOn: string; workdaysLeft: number }) => [x.code, x.dueOn, x.workdaysLeft])).toEqual(want);
    // One more working day reaches over the holidays and the weekend to Mon 5/5.
    const four = JSON.parse(runHcc(['overdue', ...asOf, '--due-within', '4', '--format', 'json']).stdout);
    expect(four.dueUntil).toBe('2025-05-05');
    expect(four.dueSoon.map((x: { code: string }) => x.code)).toEqual(['B', 'C', 'D', 'E']);
    expect(JSON.parse(runHcc(['overdue', ...asOf, '--due-within', '0', '--format', 'json']).stdout).dueSoon.map((x: { code: string }) => x.code)).toEqual(['B']);
  });

  it('in CSV, on the terminal and in a workbook', async () => {
    const csv = runHcc(['overdue', ...asOf, '--due-within', '3', '--format', 'csv']).stdout.trim().split('\n');
    expect(csv).toEqual([
      'list,code,agency,field,procedure,received_at,due_at,workdays_left',
      'due_soon,B,Sở Tư pháp,Hộ tịch,Đăng ký kết hôn,2025-04-01,2025-04-25,0',
      'due_soon,C,Sở Tư pháp,Hộ tịch,Đăng ký kết hôn,2025-04-01,2025-04-26,1',
      'due_soon,D,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,2025-04-01,2025-04-29,3',
    ]);
    const text = runHcc(['overdue', ...asOf, '--due-within', '3']).stdout;
    expect(text).toContain('Hồ sơ sắp đến hạn tại ngày 25/4/2025: hạn trả trong 3 ngày làm việc tới (đến hết ngày 29/4/2025): 3 hồ sơ');
    expect(text).toMatch(/3\s+D\s+01\/4\/2025\s+29\/4\/2025\s+3\s+Sở Y tế/);

    const out = join(dir, 'sap-den-han.xlsx');
    const x = runHcc(['overdue', ...asOf, '--due-within', '3', '--format', 'xlsx', '--out', out]);
    expect(x.status).toBe(0);
    expect(x.stderr).toContain('3 hồ sơ sắp đến hạn');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out));
    const sheet = wb.getWorksheet('Sắp đến hạn')!;
    expect(sheet.getRow(3).getCell(8).value).toBe('Số ngày làm việc còn lại');
    expect([4, 5, 6].map((r) => [sheet.getRow(r).getCell(2).value, sheet.getRow(r).getCell(8).value])).toEqual(want.map(([c, , n]) => [c, n]));
  });

  it.skipIf(spawnSync('pdftotext', ['-v']).error !== undefined)('in a PDF', () => {
    const out = join(dir, 'sap-den-han.pdf');
    expect(runHcc(['overdue', ...asOf, '--due-within', '3', '--format', 'pdf', '--out', out]).status).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('DANH SÁCH HỒ SƠ SẮP ĐẾN HẠN');
    expect(text).toContain('Số ngày làm');
    expect(text).toMatch(/3\s+D\s+.*29\/4\/2025\s+3\s*$/m);
  });

  it('gives the same list through the store (the window selected in SQLite)', () => {
    const store = join(dir, 'hcc.sqlite');
    expect(runHcc(['import', input, '--store', store], { cwd: dir }).status).toBe(0);
    for (const n of ['0', '3', '4']) {
      const fromFile = runHcc(['overdue', ...asOf, '--due-within', n, '--format', 'json']).stdout;
      const fromStore = runHcc(['overdue', '--store', store, '--as-of', '2025-04-25', '--due-within', n, '--format', 'json'], { cwd: dir });
      expect(fromStore.status, fromStore.stderr).toBe(0);
      expect(JSON.parse(fromStore.stdout)).toEqual(JSON.parse(fromFile));
    }
  });

  it('rejects a count that is not a number of working days', () => {
    const r = runHcc(['overdue', ...asOf, '--due-within', 'ba']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--due-within "ba"/);
  });

  it('warns when the window reaches a year beyond the calendar data', () => {
    const late = join(dir, 'late.csv');
    writeFileSync(late, [HEADER, 'Z,Sở Tư pháp,Hộ tịch,Đăng ký kết hôn,01/12/2026,05/01/2027,,Đang xử lý'].join('\n'));
    const r = runHcc(['overdue', '--input', late, '--as-of', '2026-12-30', '--due-within', '5', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/cảnh báo: lịch ngày làm việc năm 2027 chưa có/);
    // Thu 31/12/2026 (1), Fri 1/1/2027 is Tết Dương lịch (estimated), Mon 4/1 (2), Tue 5/1 (3).
    expect(JSON.parse(r.stdout).dueSoon.map((x: { code: string; workdaysLeft: number }) => [x.code, x.workdaysLeft])).toEqual([['Z', 3]]);
  });
});
