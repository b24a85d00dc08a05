// The table for people at a terminal: aligned, vi-VN numbers, "-" for zero, long names wrapped
// to fit the width, colour only when asked for (TTY and no NO_COLOR). On a narrow terminal the
// headers wrap, and if the figures still do not fit they are split into stacked panels (received
// and resolved, then pending, …), each repeating STT and name, so no line is ever wider than asked.
import { Chalk } from 'chalk';
import { CHANGE_PERCENT_DECIMALS, describeChange, periodPhrase, type Change, type TableComparison } from '../core/compare.js';
import { percent, sharesOf, TABLE_COLUMNS, type CountFigure } from '../core/counts.js';
import { formatDayMonthYear } from '../core/dates.js';
import { excludedNote, formatCell, formatCount, formatPercent } from '../core/format-vi.js';
import type { Counts, PeriodTable } from '../core/types.js';
import { printable } from '../io/printable.js';
import { GROUP_BY_LABELS, GROUP_LABELS, TOTAL_LABEL } from './columns.js';

export interface TerminalOptions {
  color: boolean;
  /** Terminal width in columns. */
  width: number;
  /** `--compare`: the comparison period's figures, one entry per table row, shown under each row. */
  comparison?: TableComparison;
  /** Satisfaction counts of the period when the source has a rating column (rated = answered). */
  satisfaction?: { satisfied: number; rated: number } | null;
}

/** Display width: NFC Vietnamese letters are one column each. */
export function textWidth(s: string): number {
  return [...s].length;
}
export function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - textWidth(s)));
}
export function padStart(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - textWidth(s))) + s;
}

/** Splits a name into lines of at most `w` columns, at spaces where possible. */
export function wrap(text: string, w: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    let rest = word;
    while (textWidth(rest) > w) {
      // A single word longer than the column: cut it.
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push([...rest].slice(0, w).join(''));
      rest = [...rest].slice(w).join('');
    }
    if (!line) line = rest;
    else if (textWidth(line) + 1 + textWidth(rest) <= w) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

const GAP = 2;
/** A name column narrower than this is unreadable: split the figures into panels instead. */
const MIN_NAME_WIDTH = 16;
const SHORT_GROUP_LABELS = { received: 'Tiếp nhận', resolved: 'Đã giải quyết', pending: 'Đang giải quyết' } as const;

/** "+20,45%", "-3,10%", "-" (no base), "0,00%" — the change line under a row. */
function formatChangePct(c: Change): string {
  if (c.changePct === null) return c.change === 0 ? '-' : 'mới';
  const sign = c.changePct > 0 ? '+' : c.changePct < 0 ? '-' : '';
  return sign + formatPercent(Math.abs(c.changePct), CHANGE_PERCENT_DECIMALS);
}

interface Line {
  stt: string;
  name: string;
  cells: string[];
  kind: 'row' | 'base' | 'change' | 'total';
}

interface Layout {
  compact: boolean;
  panels: number[][];
  colWidths: number[];
  headers: string[][];
}

/** A label on at most two lines, split where the wider line is narrowest ("Kỳ trước" / "chuyển"). */
function twoLines(label: string): string[] {
  const words = label.split(' ');
  let best = [label];
  for (let i = 1; i < words.length; i++) {
    const split = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    if (Math.max(...split.map(textWidth)) < Math.max(...best.map(textWidth))) best = split;
  }
  return best;
}

/** Column widths and header lines: one-line labels, or labels wrapped at spaces (compact). */
function measure(lines: Line[], compact: boolean): { colWidths: number[]; headers: string[][] } {
  const headers = TABLE_COLUMNS.map((c) => (compact ? twoLines(c.label) : [c.label]));
  const colWidths = TABLE_COLUMNS.map((_, i) => Math.max(...headers[i].map(textWidth), ...lines.map((l) => textWidth(l.cells[i]))));
  return { colWidths, headers };
}

function chooseLayout(lines: Line[], width: number, sttWidth: number, nameNeed: number): Layout {
  const all = TABLE_COLUMNS.map((_, i) => i);
  const span = (cols: number[], w: number[]) => cols.reduce((a, i) => a + w[i] + GAP, 0);
  const room = (cols: number[], w: number[]) => width - sttWidth - GAP - span(cols, w);
  for (const compact of [false, true]) {
    const m = measure(lines, compact);
    if (room(all, m.colWidths) >= Math.min(nameNeed, MIN_NAME_WIDTH)) return { compact, panels: [all], ...m };
  }
  // Stack the figure groups into panels, as many groups per panel as fit.
  const m = measure(lines, true);
  const groups = (['received', 'resolved', 'pending'] as const).map((g) => all.filter((i) => TABLE_COLUMNS[i].group === g));
  const panels: number[][] = [];
  for (const g of groups) {
    const last = panels[panels.length - 1];
    if (last && room([...last, ...g], m.colWidths) >= MIN_NAME_WIDTH) last.push(...g);
    else panels.push([...g]);
  }
  return { compact: true, panels, ...m };
}

export function renderTerminal(table: PeriodTable, options: TerminalOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const cmp = options.comparison;
  const cellsOf = (c: Counts) => TABLE_COLUMNS.map((col) => formatCell(col.value(c)));
  const changeCells = (changes: Record<string, Change>) => TABLE_COLUMNS.map((col) => formatChangePct(changes[col.id]));
  const baseName = cmp ? periodPhrase(cmp.period) : '';

  const lines: Line[] = [];
  table.rows.forEach((r, i) => {
    // Names come from the data: escape sequences in them must not act on the terminal.
    lines.push({ stt: String(r.stt), name: printable(r.key), cells: cellsOf(r.counts), kind: 'row' });
    if (cmp) {
      lines.push({ stt: '', name: baseName, cells: cellsOf(cmp.rows[i].counts), kind: 'base' });
      lines.push({ stt: '', name: 'thay đổi', cells: changeCells(cmp.rows[i].changes), kind: 'change' });
    }
  });
  const totalLines: Line[] = [{ stt: '', name: TOTAL_LABEL, cells: cellsOf(table.total), kind: 'total' }];
  if (cmp) {
    totalLines.push({ stt: '', name: baseName, cells: cellsOf(cmp.total.counts), kind: 'base' });
    totalLines.push({ stt: '', name: 'thay đổi', cells: changeCells(cmp.total.changes), kind: 'change' });
  }
  const everyLine = [...lines, ...totalLines];

  const sttWidth = Math.max(3, String(table.rows.length).length);
  const nameLabel = GROUP_BY_LABELS[table.groupBy];
  const longestName = Math.max(textWidth(nameLabel), ...everyLine.map((l) => textWidth(l.name) + (l.kind === 'base' || l.kind === 'change' ? 2 : 0)));
  const layout = chooseLayout(everyLine, options.width, sttWidth, longestName);

  const out: string[] = [];
  const title = `Kết quả giải quyết TTHC từ ngày ${formatDayMonthYear(table.period.from)} đến ngày ${formatDayMonthYear(table.period.to)}${table.period.label ? ` (${table.period.label})` : ''}`;
  for (const t of wrap(title, options.width)) out.push(chalk.bold(t));
  if (cmp) out.push(...wrap(`So sánh với ${baseName} (${formatDayMonthYear(cmp.period.from)} – ${formatDayMonthYear(cmp.period.to)}); dòng "thay đổi": tăng (+) hoặc giảm (-) so với kỳ đó.`, options.width));

  for (const [p, cols] of layout.panels.entries()) {
    out.push('');
    if (layout.panels.length > 1) out.push(chalk.dim(`(phần ${p + 1}/${layout.panels.length})`));
    out.push(...renderPanel(cols, layout, lines, totalLines, { sttWidth, nameLabel, longestName, width: options.width, chalk }));
  }
  out.push('');
  for (const sentence of totalSentences(table, options)) out.push(...wrap(sentence, options.width));
  const notes = checkSentences(table);
  if (notes.length > 0) {
    out.push('', chalk.bold('Kiểm tra dữ liệu:'));
    for (const note of notes) out.push(...wrap(note, Math.max(10, options.width - 2)).map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)));
  }
  return `${out.join('\n')}\n`;
}

/** What the figures rest on besides the data, and the rows not counted: said under the table too, not only on stderr. */
export function checkSentences(table: PeriodTable): string[] {
  const out = table.warnings.map((w) => `Cảnh báo: ${printable(w.message)}.`);
  if (table.rejected > 0) out.push(`${formatCount(table.rejected)} dòng dữ liệu không dùng được, không tính vào bảng (danh sách dòng và lý do: tệp hcc-rejects.csv hoặc --rejects).`);
  if (table.skipped > 0) out.push(`${formatCount(table.skipped)} dòng không phải hồ sơ (dòng nhóm/tổng cộng, tiêu đề lặp lại) được bỏ qua.`);
  return out;
}

function renderPanel(
  cols: number[],
  layout: Layout,
  lines: Line[],
  totalLines: Line[],
  o: { sttWidth: number; nameLabel: string; longestName: number; width: number; chalk: InstanceType<typeof Chalk> },
): string[] {
  const { chalk, sttWidth } = o;
  const figuresWidth = cols.reduce((a, i) => a + layout.colWidths[i] + GAP, 0);
  const nameWidth = Math.max(1, Math.min(o.longestName, o.width - sttWidth - GAP - figuresWidth));
  const out: string[] = [];

  // Group header line: each group label centred over its columns.
  let groupLine = ' '.repeat(sttWidth + GAP + nameWidth);
  for (const group of ['received', 'resolved', 'pending'] as const) {
    const inGroup = cols.filter((i) => TABLE_COLUMNS[i].group === group);
    if (inGroup.length === 0) continue;
    const span = inGroup.reduce((sum, i) => sum + layout.colWidths[i] + GAP, 0);
    const label = textWidth(GROUP_LABELS[group]) + GAP <= span ? GROUP_LABELS[group] : SHORT_GROUP_LABELS[group];
    const left = Math.max(GAP, Math.floor((span - textWidth(label)) / 2) + GAP);
    groupLine += padEnd(' '.repeat(left) + label, span);
  }
  out.push(chalk.bold(groupLine.trimEnd()));

  // Column header: as many lines as the longest wrapped label, aligned to the bottom.
  const depth = Math.max(...cols.map((i) => layout.headers[i].length));
  let ruleWidth = 0;
  for (let h = 0; h < depth; h++) {
    const last = h === depth - 1;
    let text = padStart(last ? 'STT' : '', sttWidth) + ' '.repeat(GAP) + padEnd(last ? o.nameLabel : '', nameWidth);
    for (const i of cols) {
      const words = layout.headers[i];
      const word = words[h - (depth - words.length)] ?? '';
      text += ' '.repeat(GAP) + padStart(word, layout.colWidths[i]);
    }
    ruleWidth = Math.max(ruleWidth, textWidth(text));
    out.push(chalk.bold(text.trimEnd()));
  }
  const rule = '─'.repeat(ruleWidth);
  out.push(rule);

  const render = (l: Line) => {
    const indent = l.kind === 'base' || l.kind === 'change' ? '  ' : '';
    const names = wrap(l.name, Math.max(1, nameWidth - textWidth(indent))).map((n) => indent + n);
    const cells = cols.map((i) => {
      const col: CountFigure = TABLE_COLUMNS[i];
      const text = padStart(l.cells[i], layout.colWidths[i]);
      const alarming = (col.id.endsWith('late') || col.id.endsWith('overdue')) && (l.kind === 'row' || l.kind === 'total') && l.cells[i] !== '-';
      return ' '.repeat(GAP) + (alarming ? chalk.red(text) : text);
    });
    const style = l.kind === 'total' ? chalk.bold : l.kind === 'row' ? (s: string) => s : chalk.dim;
    out.push(style(padStart(l.stt, sttWidth) + ' '.repeat(GAP) + padEnd(names[0], nameWidth) + cells.join('')));
    for (const more of names.slice(1)) out.push(style(' '.repeat(sttWidth + GAP) + more));
  };
  lines.forEach(render);
  out.push(rule);
  totalLines.forEach(render);
  return out;
}

/** The sentences under the table, as reports quote them. */
function totalSentences(table: PeriodTable, options: TerminalOptions): string[] {
  const t = table.total;
  const s = sharesOf(t);
  const out: string[] = [];
  out.push(
    `Đã giải quyết ${formatCount(t.resolved.total)}/${formatCount(t.received.total)} hồ sơ (${formatPercent(s.resolvedPct)}); ` +
      `trong số đã giải quyết: trước hạn ${formatPercent(s.earlyPct)}, đúng hạn ${formatPercent(s.onTimePct)}, quá hạn ${formatPercent(s.latePct)}.`,
  );
  out.push(
    `Đang giải quyết ${formatCount(t.pending.total)} hồ sơ (${formatPercent(s.pendingPct)}): chưa đến hạn ${formatCount(t.pending.notDue)}, quá hạn ${formatCount(t.pending.overdue)}.`,
  );
  // Channel shares only mean something when the source recorded a channel for the new dossiers.
  const channelled = t.received.online + t.received.direct + t.received.postal;
  if (t.received.new > 0 && channelled > 0) {
    out.push(
      `Hồ sơ mới theo kênh: trực tuyến ${formatCount(t.received.online)} (${formatPercent(s.onlinePct)}), ` +
        `bưu chính công ích ${formatCount(t.received.postal)} (${formatPercent(s.postalPct)}), trực tiếp ${formatCount(t.received.direct)} (${formatPercent(s.directPct)}).`,
    );
  }
  const sat = options.satisfaction;
  if (sat && sat.rated > 0) {
    out.push(`Mức độ hài lòng: ${formatPercent(percent(sat.satisfied, sat.rated))} (${formatCount(sat.satisfied)}/${formatCount(sat.rated)} lượt đánh giá).`);
  }
  const cmp = options.comparison;
  if (cmp) {
    const c = cmp.total.changes;
    out.push(
      `Tiếp nhận ${formatCount(t.received.total)} hồ sơ, ${describeChange(c.received_total, cmp.period)}; ` +
        `đã giải quyết ${formatCount(t.resolved.total)} hồ sơ, ${describeChange(c.resolved_total, cmp.period)}.`,
    );
    if (t.received.new > 0 || cmp.total.counts.received.new > 0) {
      out.push(`Hồ sơ trực tuyến ${formatCount(t.received.online)}, ${describeChange(c.received_online, cmp.period)}.`);
    }
  }
  const excluded = excludedNote(table.excluded);
  if (excluded) out.push(excluded);
  return out;
}
