import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { collect, readError, tempDir, type Collected } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function writeWorkbook(name: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  const path = `${tmp.dir}/${name}`;
  await wb.xlsx.writeFile(path);
  return path;
}

describe('XLSX export', () => {
  let path: string;
  let read: Collected;

  beforeAll(async () => {
    path = await writeWorkbook('export.xlsx', (wb) => {
      const ws = wb.addWorksheet('Danh sách');
      ws.addRow(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']); // row 1
      ws.mergeCells('A1:F1');
      ws.addRow(['DANH SÁCH HỒ SƠ']); // row 2
      ws.addRow([]); // row 3
      ws.addRow(['STT', 'Mã hồ sơ', 'Đơn vị', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả', 'Trạng thái', 'Kênh thực hiện']); // row 4
      ws.addRow([1, 12345, 'Sở Y tế', new Date(Date.UTC(2019, 5, 30)), new Date(Date.UTC(2019, 6, 5)), null, 4, 2]); // row 5
      ws.addRow([2, '000789', 'Sở Y tế', new Date(Date.UTC(2019, 5, 30, 23, 30)), '05/07/2019', '2019-07-03', 'Đã xử lý xong', 'Trực tiếp']); // row 6
      ws.addRow(['Lĩnh vực: Đất đai']); // row 7: group row
      ws.addRow([
        3,
        { richText: [{ text: 'R-' }, { font: { bold: true }, text: '01' }] },
        { richText: [{ text: 'Sở Tài nguyên ' }, { text: 'và Môi trường' }] },
        43646, // a serial number without date format
        { formula: 'D8+5', result: 43651 },
        null,
        { formula: 'IF(TRUE,"Đang xử lý","")', result: 'Đang xử lý' },
        { text: 'trực tuyến', hyperlink: 'https://dichvucong.gov.vn' },
      ]); // row 8
      ws.addRow([4, 'BAD', 'Sở Y tế', '31/06/2019', null, null, 4, 1]); // row 9
      ws.addRow([5, 12345, 'Sở Y tế', new Date(Date.UTC(2019, 6, 1)), null, null, 4, 1]); // row 10: duplicate
      ws.getCell('D5').numFmt = 'dd/mm/yyyy';
      ws.getCell('D6').numFmt = 'dd/mm/yyyy hh:mm';
      const other = wb.addWorksheet('Tổng hợp');
      other.addRow(['Mã hồ sơ', 'Đơn vị', 'Ngày tiếp nhận']);
      other.addRow(['OTHER', 'Sở khác', '01/01/2019']);
    });
    read = await collect(path);
  });

  it('reads the first worksheet under its title rows, with row numbers as lines', () => {
    expect(read.dossiers.map((d) => [d.code, d.line])).toEqual([
      ['12345', 5],
      ['000789', 6],
      ['R-01', 8],
    ]);
  });

  it('takes date cells as the wall-clock day written in the sheet (no +7 shift)', () => {
    const [a, b, c] = read.dossiers;
    expect([a.receivedOn, a.dueOn, a.resolvedOn]).toEqual(['2019-06-30', '2019-07-05', null]);
    expect([b.receivedOn, b.dueOn, b.resolvedOn]).toEqual(['2019-06-30', '2019-07-05', '2019-07-03']);
    expect([c.receivedOn, c.dueOn]).toEqual(['2019-06-30', '2019-07-05']); // serial and formula result
  });

  it('reads numeric codes as text, rich text, formulas and hyperlinks', () => {
    const [a, b, c] = read.dossiers;
    expect([a.status, a.channel, b.status, b.channel]).toEqual([4, 'online', 9, 'direct']);
    expect([c.agency, c.status, c.channel]).toEqual(['Sở Tài nguyên và Môi trường', 4, 'online']);
  });

  it('rejects bad rows with their row number', () => {
    expect(read.rejects).toEqual([
      {
        file: path,
        line: 9,
        code: 'BAD',
        reason: 'cột "Ngày tiếp nhận": ngày không hợp lệ "31/06/2019": tháng 6/2019 chỉ có 30 ngày',
      },
      { file: path, line: 10, code: '12345', reason: 'mã hồ sơ "12345" trùng với dòng 5' },
    ]);
  });

  it('is recognised by content whatever the extension', async () => {
    const { readFileSync } = await import('node:fs');
    const renamed = tmp.file('export-renamed.xls', readFileSync(path));
    expect((await collect(renamed)).dossiers.length).toBe(3);
  });

  it('names a missing required column', async () => {
    const p = await writeWorkbook('missing.xlsx', (wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['Mã hồ sơ', 'Tên cơ quan', 'Ngày hẹn trả']);
      ws.addRow(['A', 'Sở Y tế', '01/01/2019']);
    });
    const err = await readError(p);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain('thiếu cột "Ngày tiếp nhận"');
    expect(err.message).toContain('Mã hồ sơ | Tên cơ quan | Ngày hẹn trả');
  });

  it('refuses a zip that is not a workbook', async () => {
    const { execFileSync } = await import('node:child_process');
    tmp.file('note.txt', 'hello');
    let zipped = true;
    try {
      execFileSync('zip', ['-q', `${tmp.dir}/fake.xlsx`, 'note.txt'], { cwd: tmp.dir });
    } catch {
      zipped = false; // no zip tool: write the local-file magic of a truncated archive instead
      tmp.file('fake.xlsx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]));
    }
    const err = await readError(`${tmp.dir}/fake.xlsx`);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(zipped ? /không có trang tính/ : /Excel/);
  });
});
