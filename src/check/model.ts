// What hcc check works on and what it finds: a report read as blocks of text and tables (each cell
// and paragraph knowing where it stands in the file), and one finding per figure that does not hold.
// Plain data; the readers (readers/document.ts) fill the blocks, the checks fill the findings.

export type { Block, ReportDocument, TableBlock, TableCell, TextBlock } from '../readers/document-types.js';

export type Severity = 'error' | 'note';

export interface Finding {
  severity: Severity;
  /** A stable code of the check (share, share-sum, row-sum, total-sum, agency-figure, date, period, data, number-style). */
  rule: string;
  where: string;
  /** What the document says. */
  written: string;
  /** What it should say, when that can be said. */
  expected?: string;
  /** Why, in Vietnamese. */
  reason: string;
}

/** What was looked at, for the summary: a report with nothing checked is not a clean report. */
export interface CheckedCounts {
  shares: number;
  tableRows: number;
  agencyFigures: number;
  dates: number;
  dataCells: number;
}

export function emptyChecked(): CheckedCounts {
  return { shares: 0, tableRows: 0, agencyFigures: 0, dates: 0, dataCells: 0 };
}

/** The figures of an annex row and of the prose, by kind. */
export const FIGURE_KINDS = [
  'received',
  'new',
  'carriedOver',
  'online',
  'direct',
  'postal',
  'directPostal',
  'resolved',
  'early',
  'onTime',
  'late',
  'pending',
  'notDue',
  'overdue',
] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** How findings name a kind of figure. */
export const KIND_LABELS: Record<FigureKind, string> = {
  received: 'tổng số hồ sơ tiếp nhận',
  new: 'số hồ sơ tiếp nhận mới',
  carriedOver: 'số hồ sơ kỳ trước chuyển sang',
  online: 'số hồ sơ trực tuyến',
  direct: 'số hồ sơ trực tiếp',
  postal: 'số hồ sơ qua bưu chính',
  directPostal: 'số hồ sơ trực tiếp và qua bưu chính',
  resolved: 'số hồ sơ đã giải quyết',
  early: 'số hồ sơ trước hạn',
  onTime: 'số hồ sơ đúng hạn',
  late: 'số hồ sơ quá hạn (đã giải quyết)',
  pending: 'số hồ sơ đang giải quyết',
  notDue: 'số hồ sơ chưa đến hạn',
  overdue: 'số hồ sơ quá hạn (đang giải quyết)',
};
