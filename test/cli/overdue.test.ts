// `hcc overdue` end to end: boundary days of the overdue rule, apology letters, filters, every format.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { xlsxPart } from '../helpers/xlsx-parts.js';
import { HCC, runHcc, tempDir } from '../helpers/run-hcc.js';

const HEADER = 'Mã hồ sơ,Đơn vị,Lĩnh vực,Tên thủ tục hành chính,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Ngày xin lỗi';
const ROWS = [
  'A,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,01/06/2024,20/06/2024,,Đang xử lý,', // overdue 10 days at 30/06
  'B,Sở Tư pháp,Hộ tịch,Đăng ký kết hôn,01/06/2024,30/06/2024,,Đang xử lý,', // due on the day: not overdue
  'C,Sở Tư pháp,Lý lịch tư pháp,Cấp phiếu lý lịch tư pháp,01/06/2024,10/06/2024,02/07/2024,Đã trả kết quả,', // resolved after: overdue 20
  'D,Sở Tư pháp,Hộ tịch,Đăng ký khai tử,01/05/2024,01/06/2024,,Yêu cầu bổ sung giấy tờ,', // waiting for the applicant
  'E,Sở Tư pháp,Hộ tịch,Đăng ký khai tử,01/05/2024,01/06/2024,,Công dân yêu cầu rút hồ sơ,', // withdrawn
  'F,Sở Tư pháp,Hộ tịch,Đăng ký khai tử,01/07/2024,02/07/2024,,Đang xử lý,', // received after the day
  'G,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,01/06/2024,10/06/2024,15/06/2024,Đã trả kết quả,', // late, no letter
  'H,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,01/06/2024,12/06/2024,15/06/2024,Đã trả kết quả,11/06/2024', // late, letter
  'I,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,02/05/2024,31/05/2024,,Đang xử lý,', // overdue 30, other agency
  'J,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,01/03/2024,05/03/2024,08/03/2024,Đã trả kết quả,', // late in Q1, no letter
];
let dir: string;
let input: string;
let noApology: string;

beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir('hcc-overdue-');
  input = join(dir, 'ho-so.csv');
  writeFileSync(input, [HEADER, ...ROWS].join('\n'));
  noApology = join(dir, 'khong-xin-loi.csv');
  writeFileSync(noApology, [HEADER.replace(',Ngày xin lỗi', ''), ...ROWS.map((r) => r.replace(/,[^,]*$/, ''))].join('\n'));
});

const codes = (xs: { code: string }[]) => xs.map((x) => x.code);

describe('hcc overdue', () => {
  it('lists the dossiers overdue at the day, most overdue first, and the late ones without a letter', () => {
    const r = runHcc(['overdue', '--input', input, '--as-of', '2024-06-30', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.asOf).toBe('2024-06-30');
    expect(codes(json.overdue)).toEqual(['I', 'C', 'A']);
    expect(json.overdue.map((x: { daysOverdue: number }) => x.daysOverdue)).toEqual([30, 20, 10]);
    expect(json.overdue[2]).toMatchObject({ agency: 'Sở Tư pháp', field: 'Hộ tịch', procedure: 'Đăng ký khai sinh', receivedOn: '2024-06-01', dueOn: '2024-06-20' });
    // Without --period the letters are checked from 1 January to the as-of day.
    expect(json.period).toEqual({ from: '2024-01-01', to: '2024-06-30' });
    expect(codes(json.lateWithoutApology)).toEqual(['G', 'J']); // 5 and 3 days late
    expect(json.lateResolved).toBe(3);
  });

  it('uses the end of --period as the day, and filters like hcc table (accents and case ignored)', () => {
    const r = runHcc(['overdue', '--input', input, '--period', '2024-Q2', '--agency', 'SO TU PHAP', '--format', 'json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.asOf).toBe('2024-06-30');
    expect(codes(json.overdue)).toEqual(['C', 'A']);
    expect(codes(json.lateWithoutApology)).toEqual(['G']);
    // Same rule as the table: its overdue pending count at the end of Q2 is this list's length.
    const table = JSON.parse(runHcc(['table', '--input', input, '--period', '2024-Q2', '--agency', 'so tu phap', '--format', 'json']).stdout);
    expect(table.total.pending.overdue).toBe(2);
  });

  it('says so when the data records no apology date, instead of listing every late dossier', () => {
    const r = runHcc(['overdue', '--input', noApology, '--as-of', '30/06/2024', '--format', 'json']);
    expect(JSON.parse(r.stdout).lateWithoutApology).toBeNull();
    const text = runHcc(['overdue', '--input', noApology, '--as-of', '30/06/2024']);
    expect(text.stdout).toContain('Hồ sơ đang giải quyết quá hạn tại ngày 30/6/2024: 3 hồ sơ');
    expect(text.stdout).toMatch(/không có ngày xin lỗi nào/);
  });

  it('prints an aligned list on the terminal and writes CSV and a workbook', async () => {
    const text = runHcc(['overdue', '--input', input, '--as-of', '2024-06-30']);
    expect(text.stdout).toMatch(/1\s+I\s+02\/5\/2024\s+31\/5\/2024\s+30\s+20\s+Sở Y tế · Dược · Cấp chứng chỉ hành nghề dược/);
    expect(text.stdout).toContain('chưa có văn bản xin lỗi: 2/3 hồ sơ');
    expect(text.stdout).not.toMatch(/\u001b\[/);

    const csv = runHcc(['overdue', '--input', input, '--as-of', '2024-06-30', '--format', 'csv']).stdout.trim().split('\n');
    expect(csv[0]).toBe('list,code,agency,field,procedure,received_at,due_at,resolved_at,days_overdue,workdays_overdue');
    expect(csv[1]).toBe('overdue,I,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,2024-05-02,2024-05-31,,30,20');
    expect(csv.filter((l) => l.startsWith('late_without_apology,'))).toHaveLength(2);

    const out = join(dir, 'qua-han.xlsx');
    const x = runHcc(['overdue', '--input', input, '--as-of', '2024-06-30', '--format', 'xlsx', '--out', out]);
    expect(x.status).toBe(0);
    expect(x.stderr).toContain(out);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out));
    const sheet = wb.getWorksheet('Quá hạn')!;
    expect(sheet.getRow(4).getCell(2).value).toBe('I');
    expect((sheet.getRow(4).getCell(7).value as Date).toISOString().slice(0, 10)).toBe('2024-05-31');
    expect(sheet.getRow(4).getCell(9).value).toBe(30);
    expect(wb.getWorksheet('Chưa xin lỗi')!.getRow(4).getCell(2).value).toBe('G');
  });

  it('sets the workbook up to print: A4 landscape, one page wide, header row on every page', async () => {
    const out = join(dir, 'in.xlsx');
    expect(runHcc(['overdue', '--input', input, '--as-of', '2024-06-30', '--format', 'xlsx', '--out', out]).status).toBe(0);
    for (const [sheet, index] of [['sheet1', 0], ['sheet2', 1]] as const) {
      const xml = await xlsxPart(out, `xl/worksheets/${sheet}.xml`);
      const setup = /<pageSetup [^>]*\/>/.exec(xml)?.[0] ?? '';
      expect(setup).toContain('paperSize="9"');
      expect(setup).toContain('orientation="landscape"');
      expect(setup).toContain('fitToWidth="1"');
      expect(setup).toContain('fitToHeight="0"');
      expect(xml).toMatch(/<pageSetUpPr [^>]*fitToPage="1"/);
      expect(xml).toMatch(/<oddFooter>[^<]*&amp;P[^<]*<\/oddFooter>/);
      const margins = /<pageMargins [^>]*\/>/.exec(xml)?.[0] ?? '';
      const left = Number(/left="([\d.]+)"/.exec(margins)?.[1]);
      expect(left).toBeGreaterThan(0.2);
      expect(left).toBeLessThan(1);
      const book = await xlsxPart(out, 'xl/workbook.xml');
      const titles = new RegExp(`<definedName name="_xlnm.Print_Titles" localSheetId="${index}">([^<]*)</definedName>`).exec(book);
      expect(titles?.[1]).toMatch(/!\$3:\$3$/);
    }
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out));
    const sheet = wb.getWorksheet('Quá hạn')!;
    expect(sheet.getRow(3).getCell(2).value).toBe('Mã hồ sơ'); // the repeated row is the header
    expect(sheet.pageSetup.printTitlesRow).toBe('3:3');
  });

  it.each([
    [['overdue', '--input', 'x.csv', '--as-of', '31/06/2024'], /30 ngày/],
    [['overdue', '--input', 'x.csv', '--format', 'xlsx'], /--out/],
    [['overdue', '--input', 'x.csv', '--period', '2024-Q5'], /2024-Q5/],
  ])('%j is a usage error (exit 2)', (args, message) => {
    const r = runHcc(args as string[], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('has help with examples', () => {
    const help = runHcc(['overdue', '--help']);
    expect(help.stdout).toContain('--as-of');
    expect(help.stdout).toContain('Ví dụ:');
  });
});
