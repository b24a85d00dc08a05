// The overdue listings as a PDF: A4 landscape, title with the as-of day and the filters, one table per
// list with its header row on every page, "Trang x/y" at the foot, in the report's fonts (laid out by
// listing-pdf-writer.ts).
import { formatDayMonthYear } from '../core/dates.js';
import { formatCount } from '../core/format-vi.js';
import type { ListedDossier, OverdueListing } from '../core/overdue.js';
import type { FontFiles } from '../report/config.js';
import type { Filters } from '../sources/source.js';
import { dueSoonTitle, filterLine, lateTitle, LISTING_LABELS, noApologyNote, overdueTitle } from './listing.js';
import { HEADING_KEEP, listingPdf, type PdfColumn } from './listing-pdf-writer.js';

export interface ListingPdfOptions {
  fonts: FontFiles;
  filters?: Filters;
}

type Column = PdfColumn<ListedDossier>;

const day = (d: string | null) => (d ? formatDayMonthYear(d) : '');
const BASE: Column[] = [
  { label: 'STT', width: 30, align: 'center', value: (_, i) => String(i + 1) },
  { label: LISTING_LABELS.code, width: 124, align: 'left', value: (x) => x.code },
  { label: LISTING_LABELS.agency, width: 112, align: 'left', value: (x) => x.agency },
  { label: LISTING_LABELS.field, width: 96, align: 'left', value: (x) => x.field ?? '' },
  { label: LISTING_LABELS.procedure, width: 0, align: 'left', value: (x) => x.procedure ?? '' },
  { label: LISTING_LABELS.received_at, width: 54, align: 'center', value: (x) => day(x.receivedOn) },
  { label: LISTING_LABELS.due_at, width: 54, align: 'center', value: (x) => day(x.dueOn) },
];
const RESOLVED: Column = { label: LISTING_LABELS.resolved_at, width: 54, align: 'center', value: (x) => day(x.resolvedOn) };
const DAYS: Column = { label: LISTING_LABELS.days_overdue, width: 46, align: 'right', value: (x) => formatCount(x.daysOverdue) };
const WORKDAYS: Column = { label: LISTING_LABELS.workdays_overdue, width: 56, align: 'right', value: (x) => formatCount(x.workdaysOverdue) };
const LEFT: Column = { label: LISTING_LABELS.workdays_left, width: 56, align: 'right', value: (x) => formatCount(x.workdaysLeft ?? 0) };

const OVERDUE = [...BASE, DAYS, WORKDAYS];
const LATE = [...BASE, RESOLVED, DAYS, WORKDAYS];
const SOON = [...BASE, LEFT];

export function renderListingPdf(l: OverdueListing, options: ListingPdfOptions): Promise<Buffer> {
  const title = `Danh sách hồ sơ ${l.dueSoon ? 'sắp đến hạn' : 'quá hạn'} đến ngày ${formatDayMonthYear(l.asOf)}`;
  const filters = filterLine(options.filters);
  return listingPdf(title, options.fonts, (w) => {
    w.paragraph(l.dueSoon ? 'DANH SÁCH HỒ SƠ SẮP ĐẾN HẠN' : 'DANH SÁCH HỒ SƠ QUÁ HẠN', 'B', 14, 'center');
    w.paragraph(`${l.dueSoon ? 'tại' : 'đến'} ngày ${formatDayMonthYear(l.asOf)}`, 'I', 12, 'center', 2);
    if (filters) w.paragraph(filters, 'I', 12, 'center', 2);
    if (l.dueSoon) {
      w.paragraph(`${dueSoonTitle(l)}: ${formatCount(l.dueSoon.dossiers.length)} hồ sơ`, 'B', 11, 'left', 12, HEADING_KEEP);
      w.space(4);
      if (l.dueSoon.dossiers.length > 0) w.table(l.dueSoon.dossiers, SOON);
      return;
    }
    w.paragraph(`${overdueTitle(l)}: ${formatCount(l.overdue.length)} hồ sơ`, 'B', 11, 'left', 12, HEADING_KEEP);
    w.space(4);
    if (l.overdue.length > 0) w.table(l.overdue, OVERDUE);
    if (l.lateWithoutApology === null) {
      w.paragraph(noApologyNote(l), 'I', 10, 'left', 12);
    } else {
      w.paragraph(`${lateTitle(l)}: ${formatCount(l.lateWithoutApology.length)}/${formatCount(l.lateResolved)} hồ sơ`, 'B', 11, 'left', 12, HEADING_KEEP);
      w.space(4);
      if (l.lateWithoutApology.length > 0) w.table(l.lateWithoutApology, LATE);
    }
  });
}
