// The workbooks read back with exceljs: sheet names, merged header, real numbers, totals, print set-up.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { defaultReportConfig } from '../../src/report/config.js';
import { buildReport } from '../../src/report/document.js';
import { loadTemplate, type FormTemplate, type ReportTemplate } from '../../src/report/template.js';
import { COUNT_FORMAT, renderReportWorkbook, renderTableWorkbook } from '../../src/render/xlsx.js';
import { haNamTable } from '../helpers/report.js';
import { ROOT } from '../helpers/run-hcc.js';
import { xlsxPart } from '../helpers/xlsx-parts.js';

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

function findRow(ws: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === text) return r;
  return -1;
}

function formulaOf(ws: ExcelJS.Worksheet, row: number, col: number): ExcelJS.CellFormulaValue {
  const cell = ws.getCell(row, col);
  expect(cell.type).toBe(ExcelJS.ValueType.Formula);
  return cell.value as ExcelJS.CellFormulaValue;
}

describe('report workbook', () => {
  const template = loadTemplate(`${ROOT}/report-templates/bc-vpub.json`) as ReportTemplate;
  const form = loadTemplate(`${ROOT}/report-templates/bieu-06.json`) as FormTemplate;
  const table = haNamTable();
  const config = { ...defaultReportConfig(), number: '1204', date: '2019-08-05', issuer: 'Văn phòng UBND tỉnh' };

  it('has the annex with a merged three-level header, numbers, blank rows and the total', async () => {
    const wb = await read(await renderReportWorkbook(buildReport(table, template, config)));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phụ lục', 'Kiểm tra dữ liệu']);
    const ws = wb.getWorksheet('Phụ lục')!;
    expect(ws.getCell('A1').value).toBe('Phụ lục');
    expect(ws.getCell('A2').value).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH CỦA CÁC SỞ, BAN, NGÀNH TỪ NGÀY 03/7/2017 ĐẾN NGÀY 30/6/2019');
    expect(ws.getCell('A3').value).toBe('(Kèm theo Báo cáo số 1204/BC-VPUB ngày 05 tháng 8 năm 2019 của Văn phòng UBND tỉnh)');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    // Header at rows 5–7: STT and name span three rows, groups span their columns.
    expect(merges).toEqual(expect.arrayContaining(['A5:A7', 'B5:B7', 'C5:E5', 'F5:L5', 'C6:C7', 'D6:E6', 'F6:I6', 'J6:L6', 'M5:M7']));
    expect(ws.getCell('C5').value).toBe('Số hồ sơ tiếp nhận');
    expect(ws.getCell('F6').value).toBe('Số hồ sơ đã giải quyết');
    expect(ws.getCell('K7').value).toBe('Chưa đến hạn');
    expect(ws.pageSetup.printTitlesRow).toBe('5:7');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);

    const first = ws.getRow(8);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).value).toBe('Sở Giao thông vận tải');
    expect(first.getCell(3).value).toBe(12906);
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(3).numFmt).toBe(COUNT_FORMAT);
    expect(first.getCell(5).value).toBe(0); // a real zero, shown as "-" by the format
    expect(first.getCell(3).font.name).toBe('Times New Roman');
    expect(first.getCell(3).border.left?.style).toBe('thin');

    const nam = findRow(ws, 2, 'Ban Quản lý khu Đại học Nam Cao');
    expect(nam).toBe(8 + 13);
    expect(ws.getCell(nam, 3).value).toBeNull(); // agency without dossiers: blank row

    const totalRow = findRow(ws, 2, 'Tổng số');
    expect(totalRow).toBe(8 + 20);
    // The total row: SUM formulas over the agency rows (blank rows inside the range), cached results.
    const totals = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((c) => formulaOf(ws, totalRow, c).result);
    expect(totals).toEqual([35591, 35523, 68, 34985, 32097, 2850, 38, 606, 603, 3]);
    expect(formulaOf(ws, totalRow, 3).formula).toBe('SUM(C8:C27)');
    expect(formulaOf(ws, totalRow, 12).formula).toBe('SUM(L8:L27)');
    expect(ws.getCell(totalRow, 3).font.bold).toBe(true);
    expect(ws.getCell(totalRow, 3).numFmt).toBe(COUNT_FORMAT);
    // Column sums equal the cached totals (what a spreadsheet recomputing the formula shows).
    for (let c = 3; c <= 12; c++) {
      let sum = 0;
      for (let r = 8; r < totalRow; r++) sum += Number(ws.getCell(r, c).value ?? 0);
      expect(sum).toBe(formulaOf(ws, totalRow, c).result);
    }
    // Only the total row holds formulas: agency names and figures are plain values.
    for (let r = 1; r < totalRow; r++) for (let c = 1; c <= 13; c++) expect(ws.getCell(r, c).type).not.toBe(ExcelJS.ValueType.Formula);
  });

  it('adds the Biểu 06 sheet with 13 numbered columns when asked', async () => {
    const fieldTable = { ...haNamTable(), groupBy: 'field' as const };
    const wb = await read(await renderReportWorkbook(buildReport(table, template, config, [{ template: form, table: fieldTable }])));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phụ lục', 'Biểu 06', 'Kiểm tra dữ liệu']);
    const ws = wb.getWorksheet('Biểu 06')!;
    expect(ws.getCell('A1').value).toBe('Biểu số 06/VPCP/KSTT');
    const numbered = findRow(ws, 1, '(1)');
    expect(numbered).toBeGreaterThan(0);
    expect(ws.getCell(numbered, 13).value).toBe('(13)');
    expect(ws.getCell(numbered - 3, 3).value).toBe('Số hồ sơ nhận giải quyết');
    expect(ws.getCell(numbered - 2, 4).value).toBe('Trong kỳ');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    const h = numbered - 3;
    expect(merges).toEqual(expect.arrayContaining([`C${h}:F${h}`, `G${h}:M${h}`, `D${h + 1}:E${h + 1}`, `C${h + 1}:C${h + 2}`, `F${h + 1}:F${h + 2}`]));
    expect(ws.pageSetup.printTitlesRow).toBe(`${h}:${numbered}`);
    const totalRow = findRow(ws, 2, 'Tổng số');
    // (3) = (4) + (5) + (6): online + direct/postal + carried over.
    // exceljs reads a cached 0 back as no result; the sheet XML has every cached value, zeros included.
    const buffer = await renderReportWorkbook(buildReport(table, template, config, [{ template: form, table: fieldTable }]));
    const xml = await xlsxPart(buffer, 'xl/worksheets/sheet2.xml');
    const cached = (c: number) => {
      const ref = `${String.fromCharCode(64 + c)}${totalRow}`;
      const m = new RegExp(`<c r="${ref}"[^>]*><f>([^<]*)</f><v>([^<]*)</v>`).exec(xml);
      expect(m, ref).not.toBeNull();
      return m!;
    };
    const v = (c: number) => Number(cached(c)[2]);
    for (let c = 3; c <= 13; c++) expect(cached(c)[1]).toBe(`SUM(${String.fromCharCode(64 + c)}${numbered + 1}:${String.fromCharCode(64 + c)}${totalRow - 1})`);
    expect(v(3)).toBe(35591);
    expect(formulaOf(ws, totalRow, 3).formula).toBe(`SUM(C${numbered + 1}:C${totalRow - 1})`);
    expect(v(4) + v(5) + v(6)).toBe(v(3));
    expect(v(7)).toBe(v(8) + v(9) + v(10));
  });

  it('keeps text that looks like a formula as text (plain table workbook)', async () => {
    const t = haNamTable();
    t.rows[0] = { ...t.rows[0], key: '=SUM(A1:A9)' };
    t.rows[1] = { ...t.rows[1], key: '+84 Sở' };
    t.rows[2] = { ...t.rows[2], key: '@Sở' };
    const wb = await read(await renderTableWorkbook(t, { sheetName: 'Bảng' }));
    const ws = wb.getWorksheet('Bảng')!;
    const row = findRow(ws, 2, '=SUM(A1:A9)');
    expect(row).toBeGreaterThan(0);
    expect(ws.getCell(row, 2).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(row + 1, 2).value).toBe('+84 Sở');
    expect(ws.getCell(row + 2, 2).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(row, 3).value).toBe(12906);
    expect(ws.getCell(row - 3, 2).value).toBe('Tên cơ quan');
  });

  it('lays out a plain table after the bundled template\'s annex tree, with its own widths and the grouping as name header', async () => {
    const byField = { ...haNamTable(), groupBy: 'field' as const };
    const ws = (await read(await renderTableWorkbook(byField, { sheetName: 'Bảng' }))).getWorksheet('Bảng')!;
    const annex = (await read(await renderReportWorkbook(buildReport(table, template, config)))).getWorksheet('Phụ lục')!;
    // Same header cells as the annex (the annex has two title rows more), the name column headed "Lĩnh vực".
    const header = (sheet: ExcelJS.Worksheet, top: number) =>
      [0, 1, 2].map((i) => Array.from({ length: 13 }, (_, c) => sheet.getCell(top + i, c + 1).value));
    const plain = header(ws, 3);
    const annexHeader = header(annex, 5);
    expect(plain.map((row) => row[1])).toEqual(['Lĩnh vực', 'Lĩnh vực', 'Lĩnh vực']); // one merged cell
    expect(annexHeader.map((row) => row[1])).toEqual(['Tên cơ quan', 'Tên cơ quan', 'Tên cơ quan']);
    const withoutName = (rows: unknown[][]) => rows.map((row) => row.filter((_, c) => c !== 1));
    expect(withoutName(plain)).toEqual(withoutName(annexHeader));
    // Widths by kind (STT 5, name 34, figures 11), not the annex's 10.
    expect(ws.columns.slice(0, 12).map((c) => c.width)).toEqual([5, 34, ...Array(10).fill(11)]);
    expect(annex.columns.slice(0, 12).map((c) => c.width)).toEqual([5, 34, ...Array(10).fill(10)]);
  });
});
