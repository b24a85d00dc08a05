// The overdue listings (or --due-within's dossiers due soon) as a workbook (exceljs): one sheet per
// list, header row frozen and filterable, dates as real Excel dates, codes as text, set up to print
// (A4 landscape, one page wide, header row on every page, page numbers).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { splitIso } from '../core/dates.js';
import type { ListedDossier, OverdueListing } from '../core/overdue.js';
import { DUE_SOON_COLUMNS, dueSoonTitle, lateTitle, LISTING_COLUMNS, noApologyNote, overdueTitle } from './listing.js';
import { landscapeOnePageWide } from './xlsx-page.js';

/** A calendar day as an Excel date: exceljs converts Date objects through UTC, so build it at UTC midnight. */
function excelDate(date: string | null): Date | null {
  if (!date) return null;
  const [y, m, d] = splitIso(date);
  return new Date(Date.UTC(y, m - 1, d));
}

interface Layout {
  headers: string[];
  widths: number[];
  dates: number[];
  row: (x: ListedDossier) => ExcelJS.CellValue[];
}
const OVERDUE: Layout = {
  headers: ['STT', ...LISTING_COLUMNS.map((c) => c.label)],
  widths: [6, 28, 32, 24, 60, 14, 14, 14, 10, 12],
  dates: [6, 7, 8],
  row: (x) => [x.code, x.agency, x.field ?? '', x.procedure ?? '', excelDate(x.receivedOn), excelDate(x.dueOn), excelDate(x.resolvedOn), x.daysOverdue, x.workdaysOverdue],
};
const DUE_SOON: Layout = {
  headers: ['STT', ...DUE_SOON_COLUMNS.map((c) => c.label)],
  widths: [6, 28, 32, 24, 60, 14, 14, 14],
  dates: [6, 7],
  row: (x) => [x.code, x.agency, x.field ?? '', x.procedure ?? '', excelDate(x.receivedOn), excelDate(x.dueOn), x.workdaysLeft],
};

type Sheet = ExcelJS.Worksheet;
const HEADER_ROW = 3;

/**
 * A4 landscape, as many pages tall as the list needs but one page wide (fitToHeight 0 = no limit),
 * margins in inches as Excel's "Narrow" preset plus room for the page number in the footer.
 */
const PAGE_SETUP = landscapeOnePageWide({ left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 }, `${HEADER_ROW}:${HEADER_ROW}`);

function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, title: string, items: ListedDossier[] | null, note?: string, layout = OVERDUE): void {
  const ws: Sheet = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: PAGE_SETUP,
    headerFooter: { oddFooter: '&CTrang &P/&N' },
  });
  ws.columns = layout.widths.map((width) => ({ width }));
  const first = ws.getRow(1);
  first.getCell(1).value = title;
  first.getCell(1).font = { bold: true, size: 13 };
  first.commit();
  const second = ws.getRow(2);
  if (note) second.getCell(1).value = note;
  second.commit();
  const header = ws.getRow(HEADER_ROW);
  header.values = layout.headers;
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 32; // two lines: "Ngày có kết quả" and "Số ngày quá hạn" wrap in their narrow columns
  header.commit();
  (items ?? []).forEach((x, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = [i + 1, ...layout.row(x)];
    for (const c of layout.dates) row.getCell(c).numFmt = 'dd/mm/yyyy';
    row.commit(); // streamed: the row leaves memory now
  });
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: layout.headers.length } };
  ws.commit();
}

/** Written by exceljs's streaming writer: rows are serialised as they are added, not all held in one workbook object. */
export async function renderListingWorkbook(l: OverdueListing): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = 'hcc';
  if (l.dueSoon) {
    addSheet(wb, 'Sắp đến hạn', `${dueSoonTitle(l)}: ${l.dueSoon.dossiers.length} hồ sơ`, l.dueSoon.dossiers, undefined, DUE_SOON);
    await wb.commit();
    return Buffer.concat(chunks);
  }
  addSheet(wb, 'Quá hạn', `${overdueTitle(l)}: ${l.overdue.length} hồ sơ`, l.overdue);
  if (l.lateWithoutApology === null) addSheet(wb, 'Chưa xin lỗi', lateTitle(l), null, noApologyNote(l));
  else addSheet(wb, 'Chưa xin lỗi', `${lateTitle(l)}: ${l.lateWithoutApology.length}/${l.lateResolved} hồ sơ`, l.lateWithoutApology);
  await wb.commit();
  return Buffer.concat(chunks);
}
