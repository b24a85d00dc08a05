// The Decision 766 progress figures (core/indicators766.ts) drawn for the terminal, for scripts (JSON,
// CSV) and as rows for the annex sheet "Chỉ số 766". Every format carries the notes that say where
// the figures are estimates.
import { Chalk } from 'chalk';
import type { Indicators766, IndicatorsTable766 } from '../core/indicators766.js';
import { DECIMALS_766 } from '../core/indicators766.js';
import { formatDayMonthYear } from '../core/dates.js';
import { formatCount, formatPercent } from '../core/format-vi.js';
import type { GroupBy, PeriodTable } from '../core/types.js';
import { printable } from '../io/printable.js';
import { GROUP_BY_LABELS, TOTAL_LABEL } from './columns.js';
import { csvField } from './csv.js';
import { checkSentences, padEnd, padStart, textWidth, wrap } from './terminal.js';

/** One column of the 766 table: machine name (CSV, JSON), two header lines, how it is shown. */
export interface Column766 {
  id: string;
  header: [string, string];
  /** Long header of the annex sheet. */
  label: string;
  kind: 'count' | 'percent' | 'score';
  value: (f: Indicators766) => number | null;
}

const col = (id: string, header: [string, string], label: string, kind: Column766['kind'], value: Column766['value']): Column766 => ({
  id,
  header,
  label,
  kind,
  value,
});

/** The columns, left to right; satisfaction only when the source has ratings (see columns766). */
const COLUMNS: Column766[] = [
  col('received', ['Tổng', 'hồ sơ'], 'Tổng số hồ sơ tiếp nhận, xử lý trong kỳ', 'count', (f) => f.received),
  col('resolved_in_time', ['Đã GQ', 'đúng hạn'], 'Đã giải quyết trước hạn, đúng hạn', 'count', (f) => f.resolvedInTime),
  col('pending_in_time', ['Đang GQ', 'trong hạn'], 'Đang giải quyết trong hạn', 'count', (f) => f.pendingInTime),
  col('progress_pct', ['Tỷ lệ', 'tiến độ'], 'Tỷ lệ tiến độ giải quyết (%)', 'percent', (f) => f.progressPct),
  col('score', ['Điểm', '(/20)'], 'Điểm tiến độ (tối đa 20)', 'score', (f) => f.score),
  col('resolved_in_time_pct', ['Đúng hạn/', 'đã GQ'], 'Đúng hạn trên đã giải quyết (%)', 'percent', (f) => f.resolvedInTimePct),
  col('pending_in_time_pct', ['Trong hạn/', 'đang GQ'], 'Trong hạn trên đang giải quyết (%)', 'percent', (f) => f.pendingInTimePct),
  col('online_pct', ['Trực', 'tuyến'], 'Tỷ lệ hồ sơ mới nộp trực tuyến (%)', 'percent', (f) => f.onlinePct),
  col('satisfied_pct', ['Hài', 'lòng'], 'Tỷ lệ hài lòng (%)', 'percent', (f) => f.satisfiedPct),
];

/** The columns to show: the satisfaction rate only where ratings exist. */
export function columns766(figures: IndicatorsTable766): Column766[] {
  return figures.total.rated > 0 ? COLUMNS : COLUMNS.filter((c) => c.id !== 'satisfied_pct');
}

/** 15.68 → "15,68"; null → "-". */
export function formatScore(n: number | null): string {
  return n === null ? '-' : n.toFixed(DECIMALS_766).replace('.', ',');
}

function cell(c: Column766, f: Indicators766): string {
  const v = c.value(f);
  if (c.kind === 'count') return formatCount(v ?? 0);
  if (c.kind === 'score') return formatScore(v);
  return formatPercent(v, DECIMALS_766);
}

export const TITLE_766 = 'Chỉ số tiến độ giải quyết TTHC theo Quyết định 766/QĐ-TTg';

export function renderTerminal766(
  figures: IndicatorsTable766,
  table: PeriodTable,
  options: { color: boolean; width: number },
): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const cols = columns766(figures);
  const { period } = figures;
  const out: string[] = [];
  const title = `${TITLE_766}, từ ngày ${formatDayMonthYear(period.from)} đến ngày ${formatDayMonthYear(period.to)}${period.label ? ` (${period.label})` : ''}`;
  for (const t of wrap(title, options.width)) out.push(chalk.bold(t));
  out.push('');

  const lines = [
    ...figures.rows.map((r) => ({ stt: String(r.stt), name: printable(r.key), cells: cols.map((c) => cell(c, r.figures)), total: false })),
    { stt: '', name: TOTAL_LABEL, cells: cols.map((c) => cell(c, figures.total)), total: true },
  ];
  const widths = cols.map((c, i) => Math.max(...c.header.map(textWidth), ...lines.map((l) => textWidth(l.cells[i]))));
  const sttWidth = Math.max(3, ...lines.map((l) => textWidth(l.stt)));
  const figuresWidth = widths.reduce((a, w) => a + w + 2, 0);
  const nameLabel = GROUP_BY_LABELS[table.groupBy as GroupBy];
  const longest = Math.max(textWidth(nameLabel), ...lines.map((l) => textWidth(l.name)));
  const nameWidth = Math.max(16, Math.min(longest, options.width - sttWidth - 2 - figuresWidth));
  for (const h of [0, 1]) {
    const label = h === 1 ? padEnd('STT', sttWidth) + '  ' + padEnd(nameLabel, nameWidth) : ' '.repeat(sttWidth + 2 + nameWidth);
    out.push(chalk.bold((label + cols.map((c, i) => '  ' + padStart(c.header[h], widths[i])).join('')).trimEnd()));
  }
  for (const l of lines) {
    const names = wrap(l.name, nameWidth);
    const style = l.total ? chalk.bold : (s: string) => s;
    names.forEach((name, k) => {
      const figs = k === 0 ? l.cells.map((v, i) => '  ' + padStart(v, widths[i])).join('') : '';
      out.push(style((padEnd(k === 0 ? l.stt : '', sttWidth) + '  ' + padEnd(name, nameWidth) + figs).trimEnd()));
    });
  }
  out.push('', chalk.bold('Ghi chú:'));
  for (const note of figures.notes) out.push(...wrap(note, Math.max(20, options.width - 2)).map((l, i) => (i === 0 ? '- ' : '  ') + l));
  const checks = checkSentences(table);
  if (checks.length) {
    out.push('', chalk.bold('Kiểm tra dữ liệu:'));
    for (const c of checks) out.push(...wrap(c, options.width));
  }
  return `${out.join('\n')}\n`;
}

export function indicatorsToJson(figures: IndicatorsTable766, table: PeriodTable): object {
  const { period } = figures;
  return {
    indicators: '766',
    period: { from: period.from, to: period.to, ...(period.label ? { label: period.label } : {}) },
    groupBy: table.groupBy,
    rows: figures.rows.map((r) => ({
      stt: r.stt,
      [table.groupBy]: r.key,
      ...(table.groupBy === 'agency' ? { listed: r.listed } : {}),
      ...r.figures,
    })),
    total: figures.total,
    notes: figures.notes,
    rejected: table.rejected,
    warnings: table.warnings,
  };
}

export function renderJson766(figures: IndicatorsTable766, table: PeriodTable): string {
  return `${JSON.stringify(indicatorsToJson(figures, table), null, 2)}\n`;
}

/** CSV: one header row (machine names), one row per group, the total, then one `ghi_chu` row per note. */
export function renderCsv766(figures: IndicatorsTable766, table: PeriodTable): string {
  const cols = COLUMNS;
  const value = (c: Column766, f: Indicators766) => {
    const v = c.value(f);
    return v === null ? '' : v;
  };
  const header = ['stt', table.groupBy, ...cols.map((c) => c.id)];
  const lines = [header.join(',')];
  for (const r of figures.rows) lines.push([r.stt, csvField(r.key), ...cols.map((c) => value(c, r.figures))].join(','));
  lines.push(['', csvField(TOTAL_LABEL), ...cols.map((c) => value(c, figures.total))].join(','));
  for (const note of figures.notes) lines.push(['ghi_chu', csvField(note)].join(','));
  return `${lines.join('\n')}\n`;
}
