// The report workbook's sheet "Chỉ số 766": the Decision 766 progress figures per agency and in
// total, with the notes that say where they are estimates. Percentages are stored as fractions
// with a percent format (exceljs #1423), so a spreadsheet can compute with them.
import type ExcelJS from 'exceljs';
import { formatDayMonthYear } from '../core/dates.js';
import type { Indicators766, IndicatorsTable766 } from '../core/indicators766.js';
import { TOTAL_LABEL } from './columns.js';
import { columns766 } from './indicators766.js';

const FONT = { name: 'Times New Roman', size: 12 };
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
/** The annex's Vietnamese number style (locale 42A: 35.591 and 99,86%), zero counts as "-" like the annex. */
const FORMATS = { count: '[$-42A]#,##0;-#,##0;"-"', percent: '[$-42A]0.00%', score: '[$-42A]0.00' } as const;

export const SHEET_766 = 'Chỉ số 766';

export function addIndicatorsSheet(wb: ExcelJS.Workbook, figures: IndicatorsTable766): ExcelJS.Worksheet {
  const cols = columns766(figures);
  const widths = [6, 34, ...cols.map(() => 13)];
  const ws = wb.addWorksheet(SHEET_766, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
  });
  ws.columns = widths.map((width) => ({ width }));
  const total = widths.reduce((a, b) => a + b, 0);
  let r = 1;
  const wide = (text: string, style: Partial<ExcelJS.Font>, align: 'center' | 'left' = 'center') => {
    ws.mergeCells(r, 1, r, widths.length);
    const cell = ws.getCell(r, 1);
    cell.value = text; // plain strings only: never a formula
    cell.font = { ...FONT, ...style };
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
    ws.getRow(r++).height = 17 * Math.max(1, Math.ceil(text.length / (total * 1.1)));
  };
  const { from, to } = figures.period;
  wide(
    `CHỈ SỐ TIẾN ĐỘ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH THEO QUYẾT ĐỊNH SỐ 766/QĐ-TTg TỪ NGÀY ${formatDayMonthYear(from)} ĐẾN NGÀY ${formatDayMonthYear(to)}`,
    { bold: true, size: 13 },
  );
  wide('(Ước tính từ dữ liệu; kỳ tính theo lịch như Cổng Dịch vụ công quốc gia; điểm tối đa 20)', { italic: true });
  r++;

  const header = ws.getRow(r++);
  ['STT', 'Tên cơ quan', ...cols.map((c) => c.label)].forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { ...FONT, bold: true, size: 11 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  header.height = 64;
  ws.views = [{ state: 'frozen', ySplit: r - 1, topLeftCell: `A${r}`, activeCell: `A${r}` }];

  const line = (stt: number | null, name: string, f: Indicators766, bold: boolean) => {
    const row = ws.getRow(r++);
    const values: (string | number | null)[] = [stt, name];
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    row.getCell(2).alignment = { horizontal: bold ? 'center' : 'left', vertical: 'middle', wrapText: true };
    cols.forEach((c, i) => {
      const v = c.value(f);
      const cell = row.getCell(i + 3);
      cell.value = v === null ? '-' : c.kind === 'percent' ? Number((v / 100).toFixed(4)) : v;
      cell.numFmt = FORMATS[c.kind];
      cell.alignment = { horizontal: 'right', vertical: 'middle' };
    });
    values.forEach((v, i) => (row.getCell(i + 1).value = v));
    for (let i = 1; i <= widths.length; i++) {
      row.getCell(i).font = { ...FONT, bold };
      row.getCell(i).border = BORDER;
    }
    row.height = 16 * Math.max(1, Math.ceil(name.length / (widths[1] * 1.15)));
  };
  for (const row of figures.rows) line(row.stt, row.key, row.figures, false);
  line(null, TOTAL_LABEL, figures.total, true);
  r++;
  wide('Ghi chú:', { bold: true, size: 11 }, 'left');
  for (const note of figures.notes) wide(`- ${note}`, { italic: true, size: 11 }, 'left');
  return ws;
}
