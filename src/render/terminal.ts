// The table for people at a terminal: aligned, vi-VN numbers, "-" for zero, long names wrapped
// to fit the width, colour only when asked for (TTY and no NO_COLOR).
import { Chalk } from 'chalk';
import { sharesOf } from '../core/counts.js';
import { formatDayMonthYear } from '../core/dates.js';
import { formatCell, formatCount, formatPercent } from '../core/format-vi.js';
import type { PeriodTable } from '../core/types.js';
import { FIGURE_COLUMNS, GROUP_BY_LABELS, GROUP_LABELS, TOTAL_LABEL } from './columns.js';

export interface TerminalOptions {
  color: boolean;
  /** Terminal width in columns. */
  width: number;
}

/** Display width: NFC Vietnamese letters are one column each. */
function width(s: string): number {
  return [...s].length;
}
function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}
function padStart(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - width(s))) + s;
}

/** Splits a name into lines of at most `w` columns, at spaces where possible. */
export function wrap(text: string, w: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    let rest = word;
    while (width(rest) > w) {
      // A single word longer than the column: cut it.
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push([...rest].slice(0, w).join(''));
      rest = [...rest].slice(w).join('');
    }
    if (!line) line = rest;
    else if (width(line) + 1 + width(rest) <= w) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

export function renderTerminal(table: PeriodTable, options: TerminalOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const gap = 2;
  const body = table.rows.map((r) => FIGURE_COLUMNS.map((c) => formatCell(c.value(r.counts))));
  const totals = FIGURE_COLUMNS.map((c) => formatCell(c.value(table.total)));
  const colWidths = FIGURE_COLUMNS.map((c, i) =>
    Math.max(width(c.label), width(totals[i]), ...body.map((cells) => width(cells[i]))),
  );
  const sttWidth = Math.max(3, String(table.rows.length).length);
  const figuresWidth = colWidths.reduce((a, b) => a + b + gap, 0);
  const nameLabel = GROUP_BY_LABELS[table.groupBy];
  const longestName = Math.max(width(nameLabel), width(TOTAL_LABEL), ...table.rows.map((r) => width(r.key)));
  const nameWidth = Math.max(12, Math.min(longestName, options.width - sttWidth - gap - figuresWidth));

  const out: string[] = [];
  const title = `Kết quả giải quyết TTHC từ ngày ${formatDayMonthYear(table.period.from)} đến ngày ${formatDayMonthYear(table.period.to)}${table.period.label ? ` (${table.period.label})` : ''}`;
  out.push(chalk.bold(title), '');

  // Group header line: each group label centred over its columns.
  let groupLine = ' '.repeat(sttWidth + gap + nameWidth);
  for (const group of ['received', 'resolved', 'pending'] as const) {
    const span = FIGURE_COLUMNS.reduce((sum, c, i) => sum + (c.group === group ? colWidths[i] + gap : 0), 0);
    const label = GROUP_LABELS[group].length + 2 <= span ? GROUP_LABELS[group] : GROUP_LABELS[group].replace('Số hồ sơ ', '');
    const left = Math.max(gap, Math.floor((span - width(label)) / 2) + gap);
    groupLine += padEnd(' '.repeat(left) + label, span);
  }
  out.push(chalk.bold(groupLine.trimEnd()));
  const header =
    padStart('STT', sttWidth) +
    ' '.repeat(gap) +
    padEnd(nameLabel, nameWidth) +
    FIGURE_COLUMNS.map((c, i) => ' '.repeat(gap) + padStart(c.label, colWidths[i])).join('');
  out.push(chalk.bold(header));
  out.push('─'.repeat(width(header)));

  const line = (stt: string, name: string, cells: string[], style: (s: string) => string) => {
    const names = wrap(name, nameWidth);
    const first =
      padStart(stt, sttWidth) +
      ' '.repeat(gap) +
      padEnd(names[0], nameWidth) +
      cells
        .map((cell, i) => {
          const text = padStart(cell, colWidths[i]);
          const alarming = FIGURE_COLUMNS[i].id.endsWith('late') || FIGURE_COLUMNS[i].id.endsWith('overdue');
          return ' '.repeat(gap) + (alarming && cell !== '-' ? chalk.red(text) : text);
        })
        .join('');
    out.push(style(first));
    for (const more of names.slice(1)) out.push(style(' '.repeat(sttWidth + gap) + more));
  };
  table.rows.forEach((r, i) => line(String(r.stt), r.key, body[i], (s) => s));
  out.push('─'.repeat(width(header)));
  line('', TOTAL_LABEL, totals, (s) => chalk.bold(s));
  out.push('');

  const t = table.total;
  const s = sharesOf(t);
  out.push(
    `Đã giải quyết ${formatCount(t.resolved.total)}/${formatCount(t.received.total)} hồ sơ (${formatPercent(s.resolvedPct)}); ` +
      `trong số đã giải quyết: trước hạn ${formatPercent(s.earlyPct)}, đúng hạn ${formatPercent(s.onTimePct)}, quá hạn ${formatPercent(s.latePct)}.`,
  );
  out.push(
    `Đang giải quyết ${formatCount(t.pending.total)} hồ sơ (${formatPercent(s.pendingPct)}): chưa đến hạn ${formatCount(t.pending.notDue)}, quá hạn ${formatCount(t.pending.overdue)}.`,
  );
  const ex = table.excluded;
  if (ex.withdrawn + ex.stopped + ex.notReceived > 0) {
    out.push(
      `Không tính vào bảng: ${formatCount(ex.withdrawn)} rút hồ sơ, ${formatCount(ex.stopped)} dừng xử lý, ${formatCount(ex.notReceived)} không được tiếp nhận.`,
    );
  }
  return `${out.join('\n')}\n`;
}
