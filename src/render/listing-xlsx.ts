// The overdue listings (or --due-within's dossiers due soon) as a workbook: one sheet per list, header
// row frozen and filterable, dates as real Excel dates, codes as text, set up to print (A4 landscape,
// one page wide, header row on every page, page numbers), laid out by xlsx-list.ts.
import type { ListedDossier, OverdueListing } from '../core/overdue.js';
import { DUE_SOON_COLUMNS, dueSoonTitle, lateTitle, LISTING_COLUMNS, noApologyNote, overdueTitle } from './listing.js';
import { addListSheet, excelDate, streamedWorkbook, type ListLayout } from './xlsx-list.js';

const OVERDUE: ListLayout<ListedDossier> = {
  headers: ['STT', ...LISTING_COLUMNS.map((c) => c.label)],
  widths: [6, 28, 32, 24, 60, 14, 14, 14, 10, 12],
  dates: [6, 7, 8],
  row: (x) => [x.code, x.agency, x.field ?? '', x.procedure ?? '', excelDate(x.receivedOn), excelDate(x.dueOn), excelDate(x.resolvedOn), x.daysOverdue, x.workdaysOverdue],
};
const DUE_SOON: ListLayout<ListedDossier> = {
  headers: ['STT', ...DUE_SOON_COLUMNS.map((c) => c.label)],
  widths: [6, 28, 32, 24, 60, 14, 14, 14],
  dates: [6, 7],
  row: (x) => [x.code, x.agency, x.field ?? '', x.procedure ?? '', excelDate(x.receivedOn), excelDate(x.dueOn), x.workdaysLeft],
};

export function renderListingWorkbook(l: OverdueListing): Promise<Buffer> {
  return streamedWorkbook((wb) => {
    // Row 1 the title, row 2 a note or empty, row 3 the header (the same in every sheet).
    if (l.dueSoon) {
      addListSheet(wb, { name: 'Sắp đến hạn', above: [`${dueSoonTitle(l)}: ${l.dueSoon.dossiers.length} hồ sơ`, undefined], items: l.dueSoon.dossiers, layout: DUE_SOON });
      return;
    }
    addListSheet(wb, { name: 'Quá hạn', above: [`${overdueTitle(l)}: ${l.overdue.length} hồ sơ`, undefined], items: l.overdue, layout: OVERDUE });
    const late =
      l.lateWithoutApology === null
        ? { above: [lateTitle(l), noApologyNote(l)], items: null }
        : { above: [`${lateTitle(l)}: ${l.lateWithoutApology.length}/${l.lateResolved} hồ sơ`, undefined], items: l.lateWithoutApology };
    addListSheet(wb, { name: 'Chưa xin lỗi', ...late, layout: OVERDUE });
  });
}
