// hcc inspect: what a clerk runs first on a new export, through the real CLI.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

const dir = tempDir('hcc-inspect-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CSV = [
  'DANH SÁCH HỒ SƠ,,,,,,,',
  'STT,Mã hồ sơ,Đơn vị giải quyết,Ngày tiếp nhận,Hạn chót trả kết quả,Ngày có kết quả,Trạng thái,Kênh',
  '1,A1,Sở Y tế,02/01/2024 08:00:00,10/01/2024,05/01/2024,Đã trả kết quả,2',
  '2,A2,Sở Y tế,2024-01-03,10/01/2024,,Đang xử lý,1',
  'Lĩnh vực: Hộ tịch,,,,,,,',
  '3,A3,Sở Tư pháp,31/06/2024,10/07/2024,,Đang xử lý,1',
  '4,A4,Sở Tư pháp,04/01/2024,10/01/2024,,Treo,3',
  '5,A5,Sở Tư pháp,45300,10/01/2024,,Đang xử lý,',
].join('\r\n');

let csvPath: string;
beforeAll(() => {
  csvPath = join(dir, 'export.csv');
  writeFileSync(csvPath, `\uFEFF${CSV}\r\n`);
});

describe('hcc inspect', () => {
  it('says how the file was read, column by column, with the nearest field of an unused one', () => {
    const r = runHcc(['inspect', csvPath], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Đọc như: CSV, bảng mã UTF-8, phân cách bằng dấu phẩy');
    expect(out).toContain('Dòng tiêu đề: dòng 2');
    expect(out).toMatch(/A +STT +số thứ tự, không dùng/);
    expect(out).toMatch(/B +Mã hồ sơ +code \(mã hồ sơ\)/);
    expect(out).toMatch(/E +Hạn chót trả kết quả +không dùng; giống nhất: due_at \(ngày hẹn trả\)/);
    expect(out).toMatch(/H +Kênh +channel/);
    // Date forms, the range of the counted rows, values and how they are understood.
    expect(out).toMatch(/received_at +5; dạng: dd\/MM\/yyyy 2; dd\/MM\/yyyy HH:mm:ss 1; yyyy-MM-dd 1; số sê-ri Excel 1; từ 02\/1\/2024 đến 09\/1\/2024/);
    expect(out).toContain('"Treo": 1 dòng → không nhận ra (dòng bị loại)');
    expect(out).toContain('"Đã trả kết quả": 1 dòng → mã 10: Đã trả kết quả');
    expect(out).toContain('"2": 1 dòng → Trực tuyến');
    expect(out).toContain('Dòng: 6 dòng dữ liệu: 3 được tính, 2 không dùng được, 1 bỏ qua');
    expect(out).toMatch(/ngày không hợp lệ: 1 \(ví dụ dòng 6:/);
    expect(out).toMatch(/dòng nhóm\/tổng cộng: 1 \(ví dụ dòng 5/);
    // The warning and the snippet to paste, with the guess marked.
    expect(out).toContain('không có cột "Ngày hẹn trả" (due_at)');
    expect(out).toContain('"Hạn chót trả kết quả": "due_at"  // gợi ý');
  });

  it('gives the same in JSON, and the snippet reads the file right when pasted', () => {
    const r = runHcc(['inspect', csvPath, '--format', 'json'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.format).toEqual({ kind: 'csv', encoding: 'utf-8', delimiter: ',' });
    expect(x.header.line).toBe(2);
    expect(x.rows).toMatchObject({ data: 6, counted: 3, rejected: 2, skipped: 1, byKind: { 'group-row': 1, 'bad-date': 1, 'unknown-status': 1 } });
    const received = x.fields.find((f: { field: string }) => f.field === 'received_at');
    // 45300 is 09/01/2024; the impossible 31/06/2024 is filled but not counted, so not in the range.
    expect(received).toMatchObject({ header: 'Ngày tiếp nhận', filled: 5, earliest: '2024-01-02', latest: '2024-01-09' });
    expect(x.guessed).toEqual(['Hạn chót trả kết quả']);
    const config = join(dir, 'hcc.config.json');
    writeFileSync(config, JSON.stringify({ columns: x.columns }));
    const again = JSON.parse(runHcc(['inspect', csvPath, '--format', 'json', '--config', config], { cwd: dir }).stdout);
    expect(again.fields.find((f: { field: string }) => f.field === 'due_at')).toMatchObject({ header: 'Hạn chót trả kết quả', filled: 5 });
    expect(again.warnings).toEqual([]);
  });

  it('names the sheet and the 1904 date system of a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('Danh sách hồ sơ');
    ws.addRow(['Mã hồ sơ', 'Đơn vị', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả', 'Trạng thái', 'Kênh thực hiện']);
    ws.addRow(['X1', 'Sở Y tế', new Date(Date.UTC(2024, 2, 15)), 43904 + 5, null, 4, 1]);
    ws.getCell('C2').numFmt = 'dd/mm/yyyy';
    const path = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(path);
    const r = runHcc(['inspect', path], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Đọc như: Excel .xlsx, trang tính đầu tiên "Danh sách hồ sơ", hệ ngày 1904');
    expect(r.stdout).toMatch(/received_at +1; dạng: ô ngày Excel 1; từ 15\/3\/2024 đến 15\/3\/2024/);
    expect(r.stdout).toMatch(/due_at +1; dạng: số sê-ri Excel 1; từ 20\/3\/2024/);
  });

  it('is one clear line for a file it cannot read', () => {
    const r = runHcc(['inspect', join(dir, 'missing.csv')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^hcc: lỗi: không tìm thấy tệp "[^"]*missing\.csv"[^\n]*\n$/);
  });
});
