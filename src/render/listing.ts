// The overdue listings (`hcc overdue`, and --due-within's dossiers due soon) as terminal text, CSV and
// JSON, and the filters line of the listings' files. Workbooks: listing-xlsx.ts; PDF: listing-pdf.ts.
import { Chalk } from 'chalk';
import { formatDayMonthYear } from '../core/dates.js';
import { formatCount } from '../core/format-vi.js';
import { CHANNEL_LABELS } from '../core/grouping.js';
import type { ListedDossier, OverdueListing } from '../core/overdue.js';
import { printable } from '../io/printable.js';
import type { Filters } from '../sources/source.js';
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
  { id: 'workdays_overdue', label: 'Số ngày làm việc quá hạn' },
] as const;

/** Columns of the due-soon list (--due-within): no result yet, working days left instead of days late. */
export const DUE_SOON_COLUMNS = [...LISTING_COLUMNS.slice(0, 6), { id: 'workdays_left', label: 'Số ngày làm việc còn lại' }] as const;

/** The label of each listing column by id, for renderers that lay the columns out themselves. */
export const LISTING_LABELS = Object.fromEntries(DUE_SOON_COLUMNS.concat(LISTING_COLUMNS).map((c) => [c.id, c.label])) as Record<
  (typeof LISTING_COLUMNS)[number]['id'] | 'workdays_left',
  string
>;

/** The PDF's and workbooks' line under the title, "Cơ quan: Sở Tư pháp; Lĩnh vực: Hộ tịch, Đất đai": the filters as the user gave them. */
export function filterLine(filters: Filters | undefined): string | null {
  if (!filters) return null;
  const parts: string[] = [];
  const add = (label: string, values: string[] | undefined) => {
    if (values?.length) parts.push(`${label}: ${values.join(', ')}`);
  };
  add('Cơ quan', filters.agency);
  add('Lĩnh vực', filters.field);
  add('Thủ tục', filters.procedure);
  add('Kênh', filters.channel?.map((c) => CHANNEL_LABELS[c]));
  add('Cấp', filters.level);
  return parts.length ? parts.join('; ') : null;
}

const LIST_NAMES = { overdue: 'overdue', lateWithoutApology: 'late_without_apology', dueSoon: 'due_soon' } as const;

export function dueSoonTitle(l: OverdueListing): string {
  const s = l.dueSoon!;
  return `Hồ sơ sắp đến hạn tại ngày ${formatDayMonthYear(l.asOf)}: hạn trả trong ${formatCount(s.within)} ngày làm việc tới (đến hết ngày ${formatDayMonthYear(s.until)})`;
}

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
    workdaysOverdue: x.workdaysOverdue,
  };
}

function dueSoonJson(x: ListedDossier) {
  const { code, agency, field, procedure, receivedOn, dueOn } = itemJson(x);
  return { code, agency, field, procedure, receivedOn, dueOn, workdaysLeft: x.workdaysLeft! };
}

export function renderListingJson(l: OverdueListing): string {
  if (l.dueSoon) {
    const { within, until, dossiers } = l.dueSoon;
    return `${JSON.stringify({ asOf: l.asOf, dueWithin: within, dueUntil: until, dueSoon: dossiers.map(dueSoonJson) }, null, 2)}\n`;
  }
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
  if (l.dueSoon) {
    const rows = l.dueSoon.dossiers.map((x) =>
      [LIST_NAMES.dueSoon, csvField(x.code), csvField(x.agency), csvField(x.field ?? ''), csvField(x.procedure ?? ''), x.receivedOn, x.dueOn, x.workdaysLeft].join(','),
    );
    return `${[['list', ...DUE_SOON_COLUMNS.map((c) => c.id)].join(','), ...rows].join('\n')}\n`;
  }
  const lines = [['list', ...LISTING_COLUMNS.map((c) => c.id)].join(',')];
  const add = (list: string, x: ListedDossier) =>
    lines.push(
      [list, csvField(x.code), csvField(x.agency), csvField(x.field ?? ''), csvField(x.procedure ?? ''), x.receivedOn, x.dueOn, x.resolvedOn ?? '', x.daysOverdue, x.workdaysOverdue].join(','),
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
type ListKind = 'overdue' | 'late' | 'soon';

/** The figures at the end of a row: calendar and working days late, or working days left. */
function figureColumns(kind: ListKind): { label: string; value: (x: ListedDossier) => number }[] {
  if (kind === 'soon') return [{ label: 'Còn (ngày LV)', value: (x) => x.workdaysLeft! }];
  return [
    { label: 'Quá hạn', value: (x) => x.daysOverdue },
    { label: 'Ngày LV', value: (x) => x.workdaysOverdue },
  ];
}

function renderList(listed: ListedDossier[], kind: ListKind, options: ListingTerminalOptions, chalk: InstanceType<typeof Chalk>): string[] {
  const resolved = kind === 'late';
  const figures = figureColumns(kind);
  const paint = kind === 'soon' ? chalk.yellow : chalk.red;
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
  const days = figures.map((f) => Math.max(textWidth(f.label), ...items.map((x) => textWidth(formatCount(f.value(x))))));
  const dateCols = resolved ? ['Tiếp nhận', 'Hẹn trả', 'Có kết quả'] : ['Tiếp nhận', 'Hẹn trả'];
  const fixed = stt + gap + code + dateCols.length * (gap + date) + days.reduce((a, w) => a + gap + w, 0);
  const sideWidth = options.width - fixed - gap;
  const side = sideWidth >= 30;
  const describe = (x: ListedDossier) => [x.agency, x.field, x.procedure].filter(Boolean).join(' · ');

  const header =
    padStart('STT', stt) +
    ' '.repeat(gap) +
    padEnd('Mã hồ sơ', code) +
    dateCols.map((c) => ' '.repeat(gap) + padEnd(c, date)).join('') +
    figures.map((f, j) => ' '.repeat(gap) + padStart(f.label, days[j])).join('') +
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
      figures.map((f, j) => ' '.repeat(gap) + paint(padStart(formatCount(f.value(x)), days[j]))).join('');
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
  if (l.dueSoon) {
    out.push(chalk.bold(`${dueSoonTitle(l)}: ${formatCount(l.dueSoon.dossiers.length)} hồ sơ`));
    if (l.dueSoon.dossiers.length > 0) out.push('', ...renderList(l.dueSoon.dossiers, 'soon', options, chalk));
    return `${out.join('\n')}\n`;
  }
  out.push(chalk.bold(`${overdueTitle(l)}: ${formatCount(l.overdue.length)} hồ sơ`));
  if (l.overdue.length > 0) out.push('', ...renderList(l.overdue, 'overdue', options, chalk));
  out.push('');
  if (l.lateWithoutApology === null) {
    out.push(...wrap(noApologyNote(l), options.width));
  } else {
    out.push(chalk.bold(`${lateTitle(l)}: ${formatCount(l.lateWithoutApology.length)}/${formatCount(l.lateResolved)} hồ sơ`));
    if (l.lateWithoutApology.length > 0) out.push('', ...renderList(l.lateWithoutApology, 'late', options, chalk));
  }
  return `${out.join('\n')}\n`;
}
