import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { storedZip } from '../helpers/zip.js';
import { collect, readError, tempFiles, type Collected } from '../helpers/read-files.js';

const tmp = tempFiles();
afterAll(() => tmp.cleanup());

async function writeWorkbook(name: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  const path = `${tmp.dir}/${name}`;
  await wb.xlsx.writeFile(path);
  return path;
}

describe('date systems', () => {
  it('reads plain serial numbers of a 1904-system workbook in that system (2024-03-15, not 2020-03-13)', async () => {
    const path = await writeWorkbook('date1904.xlsx', (wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('DS');
      ws.addRow(['Mã hồ sơ', 'Đơn vị', 'Ngày tiếp nhận', 'Ngày hẹn trả']);
      // 2024-03-15 is serial 45366 in the 1900 system, 43904 in the 1904 system.
      ws.addRow(['A1', 'Sở Y tế', 43904, new Date(Date.UTC(2024, 2, 20))]);
      ws.getCell('D2').numFmt = 'dd/mm/yyyy';
    });
    const { dossiers, rejects } = await collect(path);
    expect(rejects).toEqual([]);
    expect(dossiers.map((d) => [d.receivedOn, d.dueOn])).toEqual([['2024-03-15', '2024-03-20']]);
  });

  it('rejects a bare year or an implausible number in a date column, naming the column', async () => {
    const path = await writeWorkbook('years.xlsx', (wb) => {
      const ws = wb.addWorksheet('DS');
      ws.addRow(['Mã hồ sơ', 'Đơn vị', 'Ngày tiếp nhận', 'Ngày hẹn trả']);
      ws.addRow(['Y1', 'Sở Y tế', new Date(Date.UTC(2024, 2, 15)), 2024]);
      ws.addRow(['Y2', 'Sở Y tế', 999999, null]);
    });
    const { dossiers, rejects } = await collect(path);
    expect(dossiers).toEqual([]);
    expect(rejects.map((r) => [r.line, r.kind, r.reason])).toEqual([
      [2, 'bad-date', 'cột "Ngày hẹn trả": chỉ có năm "2024", thiếu ngày và tháng'],
      [3, 'bad-date', 'cột "Ngày tiếp nhận": số "999999" không phải là ngày hợp lý (ngày Excel ngoài khoảng 1990–2100)'],
    ]);
  });
});

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

  it('rejects bad rows with their row number, lists the group row as skipped', () => {
    expect(read.rejects).toEqual([
      { file: path, line: 7, kind: 'group-row', reason: 'dòng nhóm/tổng cộng ("Lĩnh vực: Đất đai")' },
      {
        file: path,
        line: 9,
        code: 'BAD',
        kind: 'bad-date',
        reason: 'cột "Ngày tiếp nhận": ngày không hợp lệ "31/06/2019": tháng 6/2019 chỉ có 30 ngày',
      },
      { file: path, line: 10, code: '12345', kind: 'duplicate-code', reason: 'mã hồ sơ "12345" trùng với dòng 5' },
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

  it('says a workbook cut short is cut short', async () => {
    const { readFileSync } = await import('node:fs');
    const whole = readFileSync(path);
    const err = await readError(tmp.file('cut.xlsx', whole.subarray(0, Math.floor(whole.length / 2))));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain('cut.xlsx');
    expect(err.message).toContain('tệp bị cắt ngang, chưa chép hoặc tải về hết');
  });
});

/** The parts of a workbook, by name, in the order they are stored. */
async function parts(path: string): Promise<[string, Buffer][]> {
  const zip = await unzipper.Open.file(path);
  const files = zip.files.filter((f) => f.type === 'File');
  return Promise.all(files.map(async (f): Promise<[string, Buffer]> => [f.path, await f.buffer()]));
}

describe('XLSX parts in any order', () => {
  let original: string;
  let expected: Collected;

  beforeAll(async () => {
    original = await writeWorkbook('two-tabs.xlsx', (wb) => {
      const list = wb.addWorksheet('Danh sách');
      list.addRow(['Mã hồ sơ', 'Đơn vị', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Trạng thái']);
      list.addRow(['A-1', 'Sở Y tế', '02/01/2024', '10/01/2024', 4]);
      list.addRow(['A-2', 'Sở Tư pháp', '03/01/2024', '11/01/2024', 2]);
      const summary = wb.addWorksheet('Tổng hợp');
      summary.addRow(['Mã hồ sơ', 'Đơn vị', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Trạng thái']);
      summary.addRow(['B-1', 'Sở Xây dựng', '04/01/2024', '12/01/2024', 4]);
    });
    expected = await collect(original);
  });

  it('reads a workbook whose xl/workbook.xml comes after its shared strings and sheets', async () => {
    // exceljs's own streaming reader parses a sheet found after the shared strings at once, and
    // without xl/workbook.xml read yet it fails on "reading 'sheets'" (exceljs#3064).
    const stored = await parts(original);
    const last = (name: string): number => (name === 'xl/workbook.xml' ? 2 : name === 'xl/sharedStrings.xml' ? 0 : 1);
    const reordered = [...stored].sort((a, b) => last(a[0]) - last(b[0]));
    expect(reordered.map(([name]) => name).indexOf('xl/sharedStrings.xml')).toBeLessThan(
      reordered.map(([name]) => name).indexOf('xl/worksheets/sheet1.xml'),
    );
    const path = tmp.file('reordered.xlsx', storedZip(reordered));
    expect(expected.dossiers.map((d) => d.code)).toEqual(['A-1', 'A-2']);
    expect(await collect(path)).toEqual(expected);
  });

  it('reads the first tab, whatever its file is called', async () => {
    const stored = await parts(original);
    const swapped = stored.map(([name, content]): [string, Buffer] => {
      if (name !== 'xl/workbook.xml') return [name, content];
      const xml = content.toString('utf8');
      const sheets = xml.match(/<sheet [^>]*\/>/g) ?? [];
      expect(sheets).toHaveLength(2);
      return [name, Buffer.from(xml.replace(sheets[0], '\u0000').replace(sheets[1], sheets[0]).replace('\u0000', sheets[1]), 'utf8')];
    });
    const path = tmp.file('swapped.xlsx', storedZip(swapped));
    expect((await collect(path)).dossiers.map((d) => [d.code, d.agency])).toEqual([['B-1', 'Sở Xây dựng']]);
  });

  it('keeps Vietnamese letters whole in shared strings larger than one read', async () => {
    // Decoding each 64 KiB chunk on its own split a letter like "ý" across two chunks into U+FFFD.
    const count = 6000;
    const agency = (i: number): string => `Ủy ban nhân dân xã Đồng Lý, huyện Lý Nhân ${i}`;
    const path = await writeWorkbook('large.xlsx', (wb) => {
      const ws = wb.addWorksheet('Danh sách');
      ws.addRow(['Mã hồ sơ', 'Đơn vị', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Trạng thái']);
      for (let i = 0; i < count; i++) ws.addRow([`HS-${i}`, agency(i), '02/01/2024', '10/01/2024', 4]);
    });
    const sharedStrings = (await parts(path)).find(([name]) => name === 'xl/sharedStrings.xml')?.[1];
    expect(sharedStrings?.length).toBeGreaterThan(4 * 65536);
    const read = await collect(path);
    expect(read.dossiers).toHaveLength(count);
    expect(read.dossiers.filter((d, i) => d.agency !== agency(i)).map((d) => d.agency)).toEqual([]);
  });
});
