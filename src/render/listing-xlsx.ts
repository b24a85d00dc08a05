// The overdue listings as a workbook (exceljs): one sheet per list, header row frozen and filterable,
// dates as real Excel dates, codes as text.
import ExcelJS from 'exceljs';
import { splitIso } from '../core/dates.js';
import type { ListedDossier, OverdueListing } from '../core/overdue.js';
import { lateTitle, noApologyNote, overdueTitle } from './listing.js';

/** A calendar day as an Excel date: exceljs converts Date objects through UTC, so build it at UTC midnight. */
function excelDate(date: string | null): Date | null {
  if (!date) return null;
  const [y, m, d] = splitIso(date);
  return new Date(Date.UTC(y, m - 1, d));
}

const HEADERS = ['STT', 'Mã hồ sơ', 'Cơ quan', 'Lĩnh vực', 'Thủ tục hành chính', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả', 'Số ngày quá hạn'];
const WIDTHS = [6, 28, 32, 24, 60, 14, 14, 14, 10];
const DATE_COLUMNS = [6, 7, 8];

function addSheet(wb: ExcelJS.Workbook, name: string, title: string, items: ListedDossier[] | null, note?: string): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = WIDTHS.map((width) => ({ width }));
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { bold: true, size: 13 };
  if (note) ws.getCell('A2').value = note;
  const header = ws.getRow(3);
  header.values = HEADERS;
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  (items ?? []).forEach((x, i) => {
    const row = ws.getRow(4 + i);
    row.values = [i + 1, x.code, x.agency, x.field ?? '', x.procedure ?? '', excelDate(x.receivedOn), excelDate(x.dueOn), excelDate(x.resolvedOn), x.daysOverdue];
    for (const c of DATE_COLUMNS) row.getCell(c).numFmt = 'dd/mm/yyyy';
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: HEADERS.length } };
}

export async function renderListingWorkbook(l: OverdueListing): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hcc';
  addSheet(wb, 'Quá hạn', `${overdueTitle(l)}: ${l.overdue.length} hồ sơ`, l.overdue);
  if (l.lateWithoutApology === null) addSheet(wb, 'Chưa xin lỗi', lateTitle(l), null, noApologyNote(l));
  else addSheet(wb, 'Chưa xin lỗi', `${lateTitle(l)}: ${l.lateWithoutApology.length}/${l.lateResolved} hồ sơ`, l.lateWithoutApology);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
