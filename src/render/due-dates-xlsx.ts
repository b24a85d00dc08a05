// `hcc due-dates --format xlsx`: the dossiers whose due date is later than the time limit allows, or
// missing, as one sheet to send to the agencies (laid out and set up to print by xlsx-list.ts): the
// title, the period, the day it was made and the summary above the header row, the rule below.
import type { DueDateCheck, DueDateIssue } from '../core/due-dates.js';
import {
  DUE_DATE_LABELS,
  DUE_DATES_FILE_TITLE,
  dueDatesNotes,
  dueDatesScope,
  dueDatesSummary,
  LIMIT_SOURCE_TEXT,
  NO_DUE_DATE,
  NONE_FOUND,
  type DueDatesFileOptions,
} from './due-dates.js';
import { addListSheet, excelDate, streamedWorkbook, type ListLayout } from './xlsx-list.js';

const LAYOUT: ListLayout<DueDateIssue> = {
  // Named one by one, as the cells below are: a column added to the CSV does not shift this sheet's headers.
  headers: ['STT', ...(['code', 'agency', 'procedure', 'received_at', 'time_limit', 'lawful_due_at', 'due_at', 'workdays_beyond'] as const).map((id) => DUE_DATE_LABELS[id])],
  widths: [6, 26, 30, 56, 13, 12, 14, 13, 12],
  dates: [5, 7, 8],
  // Numbers as numbers, days as dates; a missing due date says so, and its working days beyond stay empty.
  row: (x) => [x.code, x.agency, x.procedure ?? '', excelDate(x.receivedOn), x.timeLimit, excelDate(x.lawfulDueOn), x.dueOn ? excelDate(x.dueOn) : NO_DUE_DATE, x.workdaysBeyond],
  headerLines: 3, // "Thời hạn (ngày làm việc)" wraps to three lines in its narrow column
};

/** Where each limit came from, last, when the data's own time-limit column gave some (README "Due dates against the time limit"). */
const WITH_SOURCE: ListLayout<DueDateIssue> = {
  ...LAYOUT,
  headers: [...LAYOUT.headers, DUE_DATE_LABELS.time_limit_source],
  widths: [...LAYOUT.widths, 14],
  row: (x) => [...LAYOUT.row(x), x.timeLimitSource === 'column' ? LIMIT_SOURCE_TEXT.column : LIMIT_SOURCE_TEXT.config],
};

export function renderDueDatesWorkbook(c: DueDateCheck, options: DueDatesFileOptions): Promise<Buffer> {
  const above = [DUE_DATES_FILE_TITLE, ...dueDatesScope(c, options.issuedOn), ...(options.filters ? [options.filters] : []), dueDatesSummary(c)];
  const below = [...(c.issues.length === 0 ? [NONE_FOUND] : []), ...dueDatesNotes(options.estimatedYears ?? [])];
  return streamedWorkbook((wb) => addListSheet(wb, { name: 'Hẹn trả quá thời hạn', above, items: c.issues, layout: c.limitFrom.column > 0 ? WITH_SOURCE : LAYOUT, below }));
}
