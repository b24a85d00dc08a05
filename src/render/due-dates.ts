// `hcc due-dates` as terminal text, CSV and JSON: dossiers whose due date is later than the time limit
// allows, or missing, with the lawful due date beside the recorded one.
import { formatDayMonthYear } from '../core/dates.js';
import type { DueDateCheck, DueDateIssue } from '../core/due-dates.js';
import { formatCount } from '../core/format-vi.js';
import { printable } from '../io/printable.js';
import { csvField } from './csv.js';
import { padEnd, padStart, textWidth } from './terminal.js';

export const DUE_DATE_COLUMNS = [
  { id: 'code', label: 'Mã hồ sơ' },
  { id: 'agency', label: 'Cơ quan' },
  { id: 'procedure', label: 'Thủ tục hành chính' },
  { id: 'received_at', label: 'Ngày tiếp nhận' },
  { id: 'time_limit', label: 'Thời hạn giải quyết (ngày làm việc)' },
  { id: 'time_limit_source', label: 'Nguồn thời hạn' },
  { id: 'lawful_due_at', label: 'Hạn trả theo thời hạn' },
  { id: 'due_at', label: 'Ngày hẹn trả' },
  { id: 'workdays_beyond', label: 'Số ngày làm việc hẹn quá thời hạn' },
] as const;

export function dueDatesTitle(c: DueDateCheck): string {
  const when = c.period ? ` tiếp nhận từ ngày ${formatDayMonthYear(c.period.from)} đến ngày ${formatDayMonthYear(c.period.to)}` : '';
  return `Hồ sơ${when} có ngày hẹn trả muộn hơn thời hạn giải quyết hoặc không có ngày hẹn trả: ${formatCount(c.issues.length)}/${formatCount(c.checked)} hồ sơ đã kiểm tra`;
}

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
