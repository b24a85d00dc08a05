// `hcc due-dates --format xlsx|pdf`: the files read back (exceljs, pdftotext) hold the rows and figures
// of `--format json`, in its order, with the title, period, day made, summary and the rule.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDateOf } from '../../src/core/dates.js';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

const poppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!poppler) console.warn('hcc due-dates pdf tests skipped: pdftotext (poppler-utils) is not installed');

const HEADER = 'Mã hồ sơ,Đơn vị,Lĩnh vực,Tên thủ tục hành chính,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';
/** Appointments for a 3-working-day procedure received Thu 24/4/2025 (lawful: Mon 28/4; Sat 26/4 was worked). */
const DUES = ['29/04/2025', '05/05/2025', '', '28/04/2025', '06/05/2025'];

interface Issue {
  code: string;
  agency: string;
  procedure: string | null;
  receivedOn: string;
  timeLimit: number;
  lawfulDueOn: string;
  dueOn: string | null;
  workdaysBeyond: number | null;
}

let dir: string;
let issues: Issue[];
let json: { checked: number; unknownLimit: number; issues: Issue[] };

/** "05/5/2025": the report's way (day of two digits, month without a leading zero). */
const dmy = (iso: string) => `${iso.slice(8, 10)}/${Number(iso.slice(5, 7))}/${iso.slice(0, 4)}`;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

beforeAll(() => {
  dir = tempDir('hcc-due-dates-files-');
  const rows: string[] = [];
  // 120 dossiers of two agencies: enough for several PDF pages; 24 have a lawful appointment.
  for (let i = 1; i <= 120; i++) {
    const agency = i % 2 ? 'Sở Tư pháp' : 'UBND huyện Kim Bảng';
    rows.push(`HS-${String(i).padStart(3, '0')},${agency},Hộ tịch,Đăng ký khai sinh,24/04/2025,${DUES[i % DUES.length]},,Đang xử lý`);
  }
  rows.push('L1,Sở Tư pháp,Lý lịch tư pháp,Cấp phiếu lý lịch tư pháp,24/01/2025,17/02/2025,,Đang xử lý'); // across Tết: 1 beyond
  rows.push('X1,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,24/01/2025,13/02/2025,,Đang xử lý'); // no known limit
  rows.push('X2,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,24/01/2025,13/02/2025,,Đang xử lý');
  writeFileSync(join(dir, 'ho-so.csv'), [HEADER, ...rows].join('\n'));
  writeFileSync(join(dir, 'hcc.config.json'), '{ "timeLimits": { "Đăng ký khai sinh": 3, "Cấp phiếu lý lịch tư pháp": 10 } }');
  const r = runHcc(['due-dates', '--input', 'ho-so.csv', '--format', 'json'], { cwd: dir });
  expect(r.status, r.stderr).toBe(0);
  json = JSON.parse(r.stdout);
  issues = json.issues;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the data behind the files', () => {
  it('is what the JSON says: 121 checked, 97 listed, 2 without a limit', () => {
    expect([json.checked, issues.length, json.unknownLimit]).toEqual([121, 97, 2]);
    expect(issues.filter((x) => x.dueOn === null)).toHaveLength(24);
    expect(issues[0]).toMatchObject({ dueOn: '2025-05-06', workdaysBeyond: 3 }); // most beyond first
  });
});

describe('hcc due-dates --format xlsx', () => {
  let ws: ExcelJS.Worksheet;
  let headerRow: number;

  beforeAll(async () => {
    const out = join(dir, 'hen-tra.xlsx');
    const r = runHcc(['due-dates', '--input', 'ho-so.csv', '--format', 'xlsx', '--out', out], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`đã ghi ${out} (97 hồ sơ`);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]); // atomic: no temporary file left
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    ws = wb.getWorksheet('Hẹn trả quá thời hạn')!;
    headerRow = [...Array(10).keys()].map((i) => i + 1).find((r) => ws.getRow(r).getCell(1).value === 'STT')!;
  });

  it('has the title, the scope, the day made and the summary above the header', () => {
    const above = [...Array(headerRow - 1).keys()].map((i) => String(ws.getRow(i + 1).getCell(1).value));
    expect(above[0]).toBe('DANH SÁCH HỒ SƠ CÓ NGÀY HẸN TRẢ VƯỢT THỜI HẠN GIẢI QUYẾT HOẶC KHÔNG CÓ NGÀY HẸN TRẢ');
    expect(above).toContain('Mọi hồ sơ trong dữ liệu (không giới hạn kỳ)');
    expect(above).toContain(`Ngày lập danh sách: ${dmy(vietnamDateOf(new Date()))}`);
    const summary = above.find((t) => t.startsWith('Đã kiểm tra'))!;
    expect(summary).toContain('Đã kiểm tra 121 hồ sơ');
    expect(summary).toContain('97 hồ sơ trong danh sách (73 có ngày hẹn trả vượt thời hạn, 24 không có ngày hẹn trả)');
    expect(summary).toContain('2 hồ sơ chưa kiểm tra được vì chưa biết thời hạn giải quyết của thủ tục; nhiều nhất: Cấp chứng chỉ hành nghề dược (2)');
    expect(ws.getRow(headerRow).values).toEqual([
      undefined, // exceljs rows are 1-based
      'STT',
      'Mã hồ sơ',
      'Cơ quan',
      'Thủ tục hành chính',
      'Ngày tiếp nhận',
      'Thời hạn (ngày làm việc)',
      'Hạn trả theo quy định (*)',
      'Ngày hẹn trả',
      'Số ngày làm việc vượt',
    ]);
  });

  it('holds every row of the JSON in its order: numbers as numbers, days as dates, "(không có)" for no due date', () => {
    const date = (v: ExcelJS.CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);
    const rows = issues.map((_, i) => ws.getRow(headerRow + 1 + i));
    expect(rows.map((r) => r.getCell(1).value)).toEqual(issues.map((_, i) => i + 1));
    expect(
      rows.map((r) => [r.getCell(2).value, r.getCell(3).value, r.getCell(4).value, date(r.getCell(5).value), r.getCell(6).value, date(r.getCell(7).value), date(r.getCell(8).value), r.getCell(9).value]),
    ).toEqual(issues.map((x) => [x.code, x.agency, x.procedure, x.receivedOn, x.timeLimit, x.lawfulDueOn, x.dueOn ?? '(không có)', x.workdaysBeyond]));
    const first = rows[0];
    expect(first.getCell(6).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(9).type).toBe(ExcelJS.ValueType.Number);
    for (const c of [5, 7, 8]) {
      expect(first.getCell(c).type).toBe(ExcelJS.ValueType.Date);
      expect(first.getCell(c).numFmt).toBe('dd/mm/yyyy');
    }
    expect(ws.getRow(headerRow + issues.length + 1).getCell(2).value).toBeNull(); // nothing more in the table
  });

  it('has the rule with its source under the table', () => {
    const note = String(ws.getRow(headerRow + issues.length + 2).getCell(1).value);
    expect(note).toMatch(/^\(\*\) Hạn trả theo quy định: ngày làm việc thứ N sau ngày tiếp nhận/);
    expect(note).toContain('Bộ luật Dân sự 2015, Điều 147 khoản 2 và Điều 148 khoản 1');
  });

  it('freezes the header, repeats it on every printed page, prints A4 landscape one page wide', () => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    expect(ws.pageSetup.printTitlesRow).toBe(`${headerRow}:${headerRow}`);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.autoFilter).toBeTruthy();
  });
});

describe.skipIf(!poppler)('hcc due-dates --format pdf', () => {
  const text = (pdf: string, ...pages: string[]) => execFileSync('pdftotext', ['-layout', ...pages, pdf, '-'], { encoding: 'utf8' });
  let out: string;
  let pages: number;

  beforeAll(() => {
    out = join(dir, 'hen-tra.pdf');
    const r = runHcc(['due-dates', '--input', 'ho-so.csv', '--format', 'pdf', '--out', out], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts/); // A4 landscape
    pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  });

  it('opens with the title, the scope, the day made and the summary', () => {
    const first = text(out, '-f', '1', '-l', '1');
    expect(first).toContain('DANH SÁCH HỒ SƠ CÓ NGÀY HẸN TRẢ VƯỢT THỜI HẠN GIẢI QUYẾT HOẶC KHÔNG CÓ NGÀY HẸN TRẢ');
    expect(first).toContain('Mọi hồ sơ trong dữ liệu (không giới hạn kỳ)');
    expect(first).toContain(`Ngày lập danh sách: ${dmy(vietnamDateOf(new Date()))}`);
    expect(first.replace(/\s+/g, ' ')).toContain('Đã kiểm tra 121 hồ sơ thuộc thủ tục đã biết thời hạn giải quyết: 97 hồ sơ trong danh sách (73 có ngày hẹn trả vượt thời hạn, 24 không có ngày hẹn trả)');
    expect(first).toMatch(/STT\s+Mã hồ sơ\s+Cơ quan\s+Thủ tục hành chính\s+Ngày tiếp/);
    expect(first).toContain(`Trang 1/${pages}`);
  });

  it('holds every row of the JSON in its order, the header on every page, the rule at the end', () => {
    expect(pages).toBeGreaterThan(1);
    const all = text(out);
    const lines = all.split('\n').filter((l) => /^\s*\d+\s+(HS-|L1)/.test(l));
    expect(lines).toHaveLength(issues.length);
    issues.forEach((x, i) => {
      const due = x.dueOn ? dmy(x.dueOn) : '\\(không có\\)';
      const cells = [String(i + 1), x.code, esc(x.agency), esc(x.procedure!), dmy(x.receivedOn), String(x.timeLimit), dmy(x.lawfulDueOn), due];
      const beyond = x.workdaysBeyond === null ? '' : `\\s+${x.workdaysBeyond}`;
      expect(lines[i]).toMatch(new RegExp(`^\\s*${cells.join('\\s+')}${beyond}\\s*$`));
    });
    const last = text(out, '-f', String(pages), '-l', String(pages));
    expect(last).toMatch(/STT\s+Mã hồ sơ\s+Cơ quan/);
    expect(last).toContain(`Trang ${pages}/${pages}`);
    expect(last.replace(/\s+/g, ' ')).toContain('(Bộ luật Dân sự 2015, Điều 147 khoản 2 và Điều 148 khoản 1)');
  });
});

describe('an empty result and a missing --out', () => {
  it('writes files saying none was found', async () => {
    const xlsx = join(dir, 'trong.xlsx');
    expect(runHcc(['due-dates', '--input', 'ho-so.csv', '--period', '2024', '--format', 'xlsx', '--out', xlsx], { cwd: dir }).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const values: string[] = [];
    wb.getWorksheet(1)!.eachRow((r) => values.push(String(r.getCell(1).value)));
    expect(values).toContain('Hồ sơ tiếp nhận từ ngày 01/1/2024 đến ngày 31/12/2024');
    expect(values).toContain('Không có hồ sơ nào có ngày hẹn trả vượt thời hạn giải quyết hoặc không có ngày hẹn trả.');
    expect(values.find((v) => v.startsWith('Đã kiểm tra'))).toBe('Đã kiểm tra 0 hồ sơ thuộc thủ tục đã biết thời hạn giải quyết: 0 hồ sơ trong danh sách.');
    if (!poppler) return;
    const pdf = join(dir, 'trong.pdf');
    expect(runHcc(['due-dates', '--input', 'ho-so.csv', '--period', '2024', '--format', 'pdf', '--out', pdf], { cwd: dir }).status).toBe(0);
    const t = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(t).toContain('Không có hồ sơ nào có ngày hẹn trả vượt thời hạn giải quyết hoặc không có ngày hẹn trả.');
    expect(t).not.toContain('STT');
  });

  it.each(['xlsx', 'pdf'])('%s needs --out (exit 2, nothing read)', (format) => {
    const r = runHcc(['due-dates', '--input', 'missing.csv', '--format', format], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`hcc: lỗi: định dạng ${format} cần --out TỆP.${format}`);
    expect(r.stdout).toBe('');
  });
});
