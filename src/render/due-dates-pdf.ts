// `hcc due-dates --format pdf`: the dossiers whose due date is later than the time limit allows, or
// missing, as an A4 landscape listing to file (laid out by listing-pdf-writer.ts): title, period, the
// day it was made, the summary, the table with its header on every page, the rule as a footnote.
import { formatDayMonthYear } from '../core/dates.js';
import type { DueDateCheck, DueDateIssue } from '../core/due-dates.js';
import { formatCount } from '../core/format-vi.js';
import type { FontFiles } from '../report/config.js';
import {
  DUE_DATE_LABELS,
  DUE_DATES_FILE_TITLE,
  dueDatesNotes,
  dueDatesScope,
  dueDatesSummary,
  NO_DUE_DATE,
  NONE_FOUND,
  type DueDatesFileOptions,
} from './due-dates.js';
import { HEADING_KEEP, listingPdf, type PdfColumn } from './listing-pdf-writer.js';

const COLUMNS: PdfColumn<DueDateIssue>[] = [
  { label: 'STT', width: 30, align: 'center', value: (_, i) => String(i + 1) },
  { label: DUE_DATE_LABELS.code, width: 110, align: 'left', value: (x) => x.code },
  { label: DUE_DATE_LABELS.agency, width: 112, align: 'left', value: (x) => x.agency },
  { label: DUE_DATE_LABELS.procedure, width: 0, align: 'left', value: (x) => x.procedure ?? '' },
  { label: DUE_DATE_LABELS.received_at, width: 54, align: 'center', value: (x) => formatDayMonthYear(x.receivedOn) },
  { label: DUE_DATE_LABELS.time_limit, width: 50, align: 'right', value: (x) => formatCount(x.timeLimit) },
  { label: DUE_DATE_LABELS.lawful_due_at, width: 58, align: 'center', value: (x) => formatDayMonthYear(x.lawfulDueOn) },
  { label: DUE_DATE_LABELS.due_at, width: 54, align: 'center', value: (x) => (x.dueOn ? formatDayMonthYear(x.dueOn) : NO_DUE_DATE) },
  { label: DUE_DATE_LABELS.workdays_beyond, width: 54, align: 'right', value: (x) => (x.workdaysBeyond === null ? '' : formatCount(x.workdaysBeyond)) },
];

export function renderDueDatesPdf(c: DueDateCheck, options: DueDatesFileOptions & { fonts: FontFiles }): Promise<Buffer> {
  const [when, issued] = dueDatesScope(c, options.issuedOn);
  return listingPdf('Danh sách hồ sơ có ngày hẹn trả vượt thời hạn giải quyết', options.fonts, (w) => {
    w.paragraph(DUE_DATES_FILE_TITLE, 'B', 14, 'center');
    w.paragraph(when, 'I', 12, 'center', 2);
    if (options.filters) w.paragraph(options.filters, 'I', 12, 'center', 2);
    w.paragraph(issued, 'I', 11, 'center', 2);
    w.paragraph(dueDatesSummary(c), 'R', 11, 'left', 12, HEADING_KEEP);
    w.space(4);
    if (c.issues.length > 0) w.table(c.issues, COLUMNS);
    else w.paragraph(NONE_FOUND, 'B', 11, 'left', 6);
    for (const note of dueDatesNotes(options.estimatedYears ?? [])) w.paragraph(note, 'I', 9, 'left', 8);
  });
}
