// The overdue listings (`hcc overdue`) as terminal text, CSV and JSON. Workbooks: listing-xlsx.ts.
import { Chalk } from 'chalk';
import { formatDayMonthYear } from '../core/dates.js';
import { formatCount } from '../core/format-vi.js';
import type { ListedDossier, OverdueListing } from '../core/overdue.js';
import { printable } from '../io/printable.js';
import { csvField } from './csv.js';
import { padEnd, padStart, textWidth, wrap } from './terminal.js';

/** Columns of a listing, in order (CSV header = id; workbook and terminal header = label). */
export const LISTING_COLUMNS = [
  { id: 'code', label: 'Mã hồ sơ' },
  { id: 'agency', label: 'Cơ quan' },
  { id: 'field', label: 'Lĩnh vực' },
  { id: 'procedure', label: 'Thủ tục hành chính' },
  { id: 'received_at', label: 'Ngày tiếp nhận' },
  { id: 'due_at', label: 'Ngày hẹn trả' },
  { id: 'resolved_at', label: 'Ngày có kết quả' },
  { id: 'days_overdue', label: 'Số ngày quá hạn' },
] as const;

/** The label of each listing column by id, for renderers that lay the columns out themselves. */
export const LISTING_LABELS = Object.fromEntries(LISTING_COLUMNS.map((c) => [c.id, c.label])) as Record<
  (typeof LISTING_COLUMNS)[number]['id'],
  string
>;

const LIST_NAMES = { overdue: 'overdue', lateWithoutApology: 'late_without_apology' } as const;

export function overdueTitle(l: OverdueListing): string {
  return `Hồ sơ đang giải quyết quá hạn tại ngày ${formatDayMonthYear(l.asOf)}`;
}
export function lateTitle(l: OverdueListing): string {
  return `Hồ sơ giải quyết quá hạn từ ngày ${formatDayMonthYear(l.period.from)} đến ngày ${formatDayMonthYear(l.period.to)} chưa có văn bản xin lỗi`;
}
/** Said instead of the second list when the data records no apology date at all. */
export function noApologyNote(l: OverdueListing): string {
  return `${formatCount(l.lateResolved)} hồ sơ giải quyết quá hạn từ ngày ${formatDayMonthYear(l.period.from)} đến ngày ${formatDayMonthYear(l.period.to)}; dữ liệu không có ngày xin lỗi nào (cột "Ngày xin lỗi") nên không kiểm tra được văn bản xin lỗi.`;
}

function itemJson(x: ListedDossier) {
  return {
    code: x.code,
    agency: x.agency,
    field: x.field,
    procedure: x.procedure,
    receivedOn: x.receivedOn,
    dueOn: x.dueOn,
    resolvedOn: x.resolvedOn,
    apologyOn: x.apologyOn,
    daysOverdue: x.daysOverdue,
  };
}

export function renderListingJson(l: OverdueListing): string {
  const json = {
    asOf: l.asOf,
    period: { from: l.period.from, to: l.period.to, ...(l.period.label ? { label: l.period.label } : {}) },
    overdue: l.overdue.map(itemJson),
    lateResolved: l.lateResolved,
    lateWithoutApology: l.lateWithoutApology === null ? null : l.lateWithoutApology.map(itemJson),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** One CSV for both lists: the first column names the list; dates as yyyy-mm-dd. */
export function renderListingCsv(l: OverdueListing): string {
  const lines = [['list', ...LISTING_COLUMNS.map((c) => c.id)].join(',')];
  const add = (list: string, x: ListedDossier) =>
    lines.push(
      [list, csvField(x.code), csvField(x.agency), csvField(x.field ?? ''), csvField(x.procedure ?? ''), x.receivedOn, x.dueOn, x.resolvedOn ?? '', x.daysOverdue].join(','),
    );
  for (const x of l.overdue) add(LIST_NAMES.overdue, x);
  for (const x of l.lateWithoutApology ?? []) add(LIST_NAMES.lateWithoutApology, x);
  return `${lines.join('\n')}\n`;
}

export interface ListingTerminalOptions {
  color: boolean;
  width: number;
}

/**
 * One aligned list: STT, code, dates and days in fixed columns; agency, field and procedure in the
 * rest of the width, wrapped, or on the lines below the row when the terminal is too narrow.
 */
function renderList(listed: ListedDossier[], resolved: boolean, options: ListingTerminalOptions, chalk: InstanceType<typeof Chalk>): string[] {
  // Codes and names come from the data: escape sequences in them must not act on the terminal.
  const items = listed.map((x) => ({
    ...x,
    code: printable(x.code),
    agency: printable(x.agency),
    field: x.field === null ? null : printable(x.field),
    procedure: x.procedure === null ? null : printable(x.procedure),
  }));
  const gap = 2;
  const stt = Math.max(3, String(items.length).length);
  const code = Math.max(textWidth('Mã hồ sơ'), ...items.map((x) => textWidth(x.code)));
  const date = 10;
  const days = Math.max(textWidth('Quá hạn'), ...items.map((x) => textWidth(formatCount(x.daysOverdue))));
  const dateCols = resolved ? ['Tiếp nhận', 'Hẹn trả', 'Có kết quả'] : ['Tiếp nhận', 'Hẹn trả'];
  const fixed = stt + gap + code + dateCols.length * (gap + date) + gap + days;
  const sideWidth = options.width - fixed - gap;
  const side = sideWidth >= 30;
  const describe = (x: ListedDossier) => [x.agency, x.field, x.procedure].filter(Boolean).join(' · ');

  const header =
    padStart('STT', stt) +
    ' '.repeat(gap) +
    padEnd('Mã hồ sơ', code) +
    dateCols.map((c) => ' '.repeat(gap) + padEnd(c, date)).join('') +
    ' '.repeat(gap) +
    padStart('Quá hạn', days) +
    (side ? ' '.repeat(gap) + 'Cơ quan · Lĩnh vực · Thủ tục' : '');
  const rule = '─'.repeat(Math.min(options.width, Math.max(textWidth(header), side ? options.width : fixed)));
  const out = [chalk.bold(header), rule];
  items.forEach((x, i) => {
    const dates = [x.receivedOn, x.dueOn, ...(resolved ? [x.resolvedOn ?? ''] : [])].map((d) => (d ? formatDayMonthYear(d) : ''));
    const first =
      padStart(String(i + 1), stt) +
      ' '.repeat(gap) +
      padEnd(x.code, code) +
      dates.map((d) => ' '.repeat(gap) + padEnd(d, date)).join('') +
      ' '.repeat(gap) +
      chalk.red(padStart(formatCount(x.daysOverdue), days));
    if (side) {
      const text = wrap(describe(x), sideWidth);
      out.push(`${first}${' '.repeat(gap)}${text[0]}`);
      for (const more of text.slice(1)) out.push(' '.repeat(fixed + gap) + more);
    } else {
      out.push(first);
      const indent = stt + gap;
      for (const more of wrap(describe(x), Math.max(10, options.width - indent))) out.push(' '.repeat(indent) + chalk.dim(more));
    }
  });
  return out;
}

export function renderListingTerminal(l: OverdueListing, options: ListingTerminalOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  out.push(chalk.bold(`${overdueTitle(l)}: ${formatCount(l.overdue.length)} hồ sơ`));
  if (l.overdue.length > 0) out.push('', ...renderList(l.overdue, false, options, chalk));
  out.push('');
  if (l.lateWithoutApology === null) {
    out.push(...wrap(noApologyNote(l), options.width));
  } else {
    out.push(chalk.bold(`${lateTitle(l)}: ${formatCount(l.lateWithoutApology.length)}/${formatCount(l.lateResolved)} hồ sơ`));
    if (l.lateWithoutApology.length > 0) out.push('', ...renderList(l.lateWithoutApology, true, options, chalk));
  }
  return `${out.join('\n')}\n`;
}
