// `hcc due-dates` as terminal text, CSV and JSON: dossiers whose due date is later than the time limit
// allows, or missing, with the lawful due date beside the recorded one; and the words the workbook
// (due-dates-xlsx.ts) and the PDF (due-dates-pdf.ts) share.
import { formatDayMonthYear } from '../core/dates.js';
import type { DueDateCheck, DueDateIssue } from '../core/due-dates.js';
import { formatCount } from '../core/format-vi.js';
import { calendarEstimateWarning } from '../core/warnings.js';
import { printable } from '../io/printable.js';
import { csvField } from './csv.js';
import { padEnd, padStart, textWidth } from './terminal.js';

/** Columns (CSV header = id; workbook and PDF header = label, after "STT"). */
export const DUE_DATE_COLUMNS = [
  { id: 'code', label: 'Mã hồ sơ' },
  { id: 'agency', label: 'Cơ quan' },
  { id: 'procedure', label: 'Thủ tục hành chính' },
  { id: 'received_at', label: 'Ngày tiếp nhận' },
  { id: 'time_limit', label: 'Thời hạn (ngày làm việc)' },
  { id: 'time_limit_source', label: 'Nguồn thời hạn' },
  { id: 'lawful_due_at', label: 'Hạn trả theo quy định (*)' },
  { id: 'due_at', label: 'Ngày hẹn trả' },
  { id: 'workdays_beyond', label: 'Số ngày làm việc vượt' },
] as const;
export const DUE_DATE_LABELS = Object.fromEntries(DUE_DATE_COLUMNS.map((c) => [c.id, c.label])) as Record<(typeof DUE_DATE_COLUMNS)[number]['id'], string>;

/** Shown in the files where the dossier records no due date. */
export const NO_DUE_DATE = '(không có)';

/**
 * The files' title. The list holds two kinds (an appointment later than the limit, and none at all),
 * so the title names both: "vượt thời hạn" alone would leave the second kind unexplained.
 */
export const DUE_DATES_FILE_TITLE = 'DANH SÁCH HỒ SƠ CÓ NGÀY HẸN TRẢ VƯỢT THỜI HẠN GIẢI QUYẾT HOẶC KHÔNG CÓ NGÀY HẸN TRẢ';

export interface DueDatesFileOptions {
  /** The day the file is made (Vietnam time). */
  issuedOn: string;
  /** The filters as given ("Cơ quan: …"), if any. */
  filters?: string | null;
  estimatedYears?: number[];
}

/** Which dossiers were checked, and the day the file was made. */
export function dueDatesScope(c: DueDateCheck, issuedOn: string): string[] {
  const when = c.period
    ? `Hồ sơ tiếp nhận từ ngày ${formatDayMonthYear(c.period.from)} đến ngày ${formatDayMonthYear(c.period.to)}`
    : 'Mọi hồ sơ trong dữ liệu (không giới hạn kỳ)';
  return [when, `Ngày lập danh sách: ${formatDayMonthYear(issuedOn)}`];
}

/** Checked, listed (of each kind), and the dossiers not checked for want of a time limit. */
export function dueDatesSummary(c: DueDateCheck): string {
  const missing = c.issues.filter((x) => x.dueOn === null).length;
  const kinds = c.issues.length === 0 ? '' : ` (${formatCount(c.issues.length - missing)} có ngày hẹn trả vượt thời hạn, ${formatCount(missing)} không có ngày hẹn trả)`;
  const listed = `${formatCount(c.issues.length)} hồ sơ trong danh sách${kinds}`;
  let text = `Đã kiểm tra ${formatCount(c.checked)} hồ sơ thuộc thủ tục đã biết thời hạn giải quyết: ${listed}.`;
  if (c.unknownLimit > 0) {
    const top = c.unknownProcedures.map((p) => `${p.procedure} (${formatCount(p.count)})`).join('; ');
    text += ` ${formatCount(c.unknownLimit)} hồ sơ chưa kiểm tra được vì chưa biết thời hạn giải quyết của thủ tục; nhiều nhất: ${top}.`;
  }
  const source = limitSourceNote(c);
  if (source) text += ` ${source}.`;
  return text;
}

/** Said in place of the table when nothing is listed. */
export const NONE_FOUND = 'Không có hồ sơ nào có ngày hẹn trả vượt thời hạn giải quyết hoặc không có ngày hẹn trả.';

/** The rule behind "Hạn trả theo quy định (*)", with its source (README "Due dates against the time limit"). */
export const DUE_DATE_RULE =
  '(*) Hạn trả theo quy định: ngày làm việc thứ N sau ngày tiếp nhận, N là thời hạn giải quyết của thủ tục tính bằng ngày làm việc ' +
  '(thời hạn "trong ngày": chính ngày tiếp nhận, hoặc ngày làm việc tiếp theo nếu tiếp nhận vào ngày nghỉ). Thời hạn bắt đầu từ ngày ' +
  'tiếp theo ngày tiếp nhận và kết thúc vào cuối ngày cuối cùng của thời hạn (Bộ luật Dân sự 2015, Điều 147 khoản 2 và Điều 148 khoản 1); ' +
  'không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết, nghỉ bù; có tính ngày làm bù. Dữ liệu chỉ ghi ngày tiếp nhận, không ghi giờ: hồ sơ ' +
  'tiếp nhận sau giờ làm việc có thể có hạn muộn hơn một ngày làm việc, nên hồ sơ vượt 1 ngày làm việc cần được xem lại trước khi kết luận.';

/** Notes under the files' table: the rule, and a calendar estimated for years beyond hcc's data. */
export function dueDatesNotes(estimatedYears: number[]): string[] {
  const estimate = calendarEstimateWarning(estimatedYears).map((w) => `Lưu ý: ${w.message}.`);
  return [DUE_DATE_RULE, ...estimate];
}

export function dueDatesTitle(c: DueDateCheck): string {
  const when = c.period ? ` tiếp nhận từ ngày ${formatDayMonthYear(c.period.from)} đến ngày ${formatDayMonthYear(c.period.to)}` : '';
  return `Hồ sơ${when} có ngày hẹn trả muộn hơn thời hạn giải quyết hoặc không có ngày hẹn trả: ${formatCount(c.issues.length)}/${formatCount(c.checked)} hồ sơ đã kiểm tra`;
}

/** How the files name where a limit came from. */
export const LIMIT_SOURCE_TEXT = { column: 'cột dữ liệu', config: 'tệp cấu hình' } as const;

/** Where the time limits came from, when the source's column gave some ("cột" / "cấu hình" in the text table). */
export function limitSourceNote(c: DueDateCheck): string | null {
  if (c.limitFrom.column === 0) return null;
  return `Thời hạn giải quyết lấy từ cột thời hạn của dữ liệu: ${formatCount(c.limitFrom.column)} hồ sơ; từ khóa "timeLimits" của tệp cấu hình: ${formatCount(c.limitFrom.config)} hồ sơ (cột của dữ liệu được ưu tiên)`;
}

export function unknownLimitNote(c: DueDateCheck): string | null {
  if (c.unknownLimit === 0) return null;
  const top = c.unknownProcedures.map((p) => `${p.procedure} (${formatCount(p.count)})`).join('; ');
  return `${formatCount(c.unknownLimit)} hồ sơ không kiểm tra được vì chưa biết thời hạn giải quyết của thủ tục; thêm cột "Thời hạn giải quyết" vào dữ liệu hoặc khóa "timeLimits" của tệp cấu hình, ví dụ: ${top}`;
}

export function renderDueDatesJson(c: DueDateCheck): string {
  return `${JSON.stringify({ period: c.period, checked: c.checked, limitFrom: c.limitFrom, unknownLimit: c.unknownLimit, unknownProcedures: c.unknownProcedures, issues: c.issues }, null, 2)}\n`;
}

export function renderDueDatesCsv(c: DueDateCheck): string {
  const row = (x: DueDateIssue) =>
    [csvField(x.code), csvField(x.agency), csvField(x.procedure ?? ''), x.receivedOn, x.timeLimit, x.timeLimitSource, x.lawfulDueOn, x.dueOn ?? '', x.workdaysBeyond ?? ''].join(',');
  return `${[DUE_DATE_COLUMNS.map((c) => c.id).join(','), ...c.issues.map(row)].join('\n')}\n`;
}

export function renderDueDatesText(c: DueDateCheck): string {
  const out = [dueDatesTitle(c)];
  if (c.issues.length > 0) {
    const header = ['STT', 'Mã hồ sơ', 'Tiếp nhận', 'Thời hạn', 'Hạn theo thời hạn', 'Hẹn trả', 'Quá (ngày LV)', 'Cơ quan · Thủ tục'];
    // Codes and names come from the data: escape sequences in them must not act on the terminal.
    const rows = c.issues.map((x, i) => [
      String(i + 1),
      printable(x.code),
      formatDayMonthYear(x.receivedOn),
      `${formatCount(x.timeLimit)} ngày LV${x.timeLimitSource === 'config' && c.limitFrom.column > 0 ? ' (cấu hình)' : ''}`,
      formatDayMonthYear(x.lawfulDueOn),
      x.dueOn ? formatDayMonthYear(x.dueOn) : '(không có)',
      x.workdaysBeyond === null ? '-' : formatCount(x.workdaysBeyond),
      printable([x.agency, x.procedure].filter(Boolean).join(' · ')),
    ]);
    const widths = header.map((h, j) => Math.max(textWidth(h), ...rows.map((r) => textWidth(r[j]))));
    const right = new Set([0, 6]);
    const line = (cells: string[]) =>
      cells.map((cell, j) => (j === cells.length - 1 ? cell : right.has(j) ? padStart(cell, widths[j]) : padEnd(cell, widths[j]))).join('  ');
    out.push('', line(header), '─'.repeat(Math.min(160, widths.reduce((a, w) => a + w + 2, 0))), ...rows.map(line));
  }
  const source = limitSourceNote(c);
  if (source) out.push('', source);
  const note = unknownLimitNote(c);
  if (note) out.push('', printable(note));
  return `${out.join('\n')}\n`;
}
