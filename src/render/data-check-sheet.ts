// The workbook's "Kiểm tra dữ liệu" sheet: what the report's figures rest on besides the data (a
// column the source lacks, a column given twice, dossiers without a due date, agencies not in the
// list) and the rows not counted, by reason, so whoever signs sees them beside the annex.
import type ExcelJS from 'exceljs';
import { formatCount } from '../core/format-vi.js';
import { isSkipped, REJECT_KINDS, type RejectKind } from '../core/rejects.js';
import type { PeriodTable } from '../core/types.js';

const FONT = { name: 'Times New Roman', size: 12 };
const WIDTHS = [22, 16, 62];

export function addDataCheckSheet(wb: ExcelJS.Workbook, check: Pick<PeriodTable, 'warnings' | 'rejected' | 'skipped' | 'rejectedByKind'>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet('Kiểm tra dữ liệu', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  let r = 1;
  // Every cell a plain string or number: data never becomes a formula here either. Rows get the
  // height of their longest wrapped text (spreadsheets do not grow a row for wrapped text themselves).
  const line = (cells: (string | number)[], style: Partial<ExcelJS.Font> = {}) => {
    const row = ws.getRow(r++);
    let lines = 1;
    cells.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.font = { ...FONT, ...style };
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: typeof v === 'number' ? 'center' : 'left' };
      lines = Math.max(lines, Math.ceil(String(v).length / (WIDTHS[i] * 1.3)));
    });
    row.height = 16 * lines;
  };
  /** A line across the whole sheet (title, notes). */
  const wide = (text: string, style: Partial<ExcelJS.Font>) => {
    ws.mergeCells(r, 1, r, WIDTHS.length);
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = { ...FONT, ...style };
    cell.alignment = { vertical: 'top', wrapText: true };
    ws.getRow(r++).height = 18 * Math.ceil(text.length / (WIDTHS.reduce((a, b) => a + b, 0) * 1.1));
  };
  wide('KIỂM TRA DỮ LIỆU CỦA BÁO CÁO', { bold: true, size: 13 });
  wide('Những điều số liệu của báo cáo dựa vào ngoài dữ liệu, và các dòng dữ liệu không được tính. Xem trước khi ký.', { italic: true });
  r++;

  line(['Cảnh báo', 'Mã', 'Nội dung'], { bold: true });
  if (check.warnings.length === 0) line(['Không có cảnh báo.']);
  for (const w of check.warnings) line([WARNING_TITLES[w.code] ?? w.code, w.code, w.message]);
  r++;

  line(['Dòng không tính', 'Số dòng', 'Lý do'], { bold: true });
  const kinds = Object.entries(check.rejectedByKind) as [RejectKind, number][];
  if (kinds.length === 0) line(['Mọi dòng dữ liệu đều được tính.']);
  for (const [kind, n] of kinds) {
    line([isSkipped(kind) ? 'Bỏ qua (không phải hồ sơ)' : 'Không dùng được', n, `${REJECT_KINDS[kind]} (${kind})`]);
    ws.getCell(r - 1, 2).numFmt = '#,##0';
  }
  if (kinds.length > 0) {
    line(['Tổng', check.rejected + check.skipped, `${formatCount(check.rejected)} dòng không dùng được, ${formatCount(check.skipped)} dòng bỏ qua; danh sách từng dòng: tệp hcc-rejects.csv`], { bold: true });
  }
  return ws;
}

const WARNING_TITLES: Record<string, string> = {
  'missing-column': 'Thiếu cột',
  'duplicate-column': 'Cột trùng',
  'resolved-without-due': 'Thiếu ngày hẹn trả',
  'pending-without-due': 'Thiếu ngày hẹn trả',
  'unlisted-agencies': 'Cơ quan ngoài danh sách',
  'calendar-estimated': 'Lịch ngày làm việc ước tính',
};
