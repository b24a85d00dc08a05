// The compact bar column `hcc table --by month` prints under its table on a terminal: one line per
// month, the dossiers received drawn with block characters (eighths of a cell). Never in CSV/JSON.
import { formatCount } from '../core/format-vi.js';
import type { PeriodTable } from '../core/types.js';
import { padEnd, padStart, textWidth } from './terminal.js';

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar `value / max` of `width` cells, to the nearest eighth of a cell. */
export function blockBar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0 || width <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** The lines of the bar column; empty when the table has no row with dossiers. */
export function monthBars(table: PeriodTable, width: number): string[] {
  const rows = table.rows.filter((r) => r.counts.received.total > 0);
  if (rows.length === 0) return [];
  const labels = rows.map((r) => (/^\d{4}-\d{2}$/.test(r.key) ? `${r.key.slice(5)}/${r.key.slice(0, 4)}` : r.key));
  const values = rows.map((r) => formatCount(r.counts.received.total));
  const labelWidth = Math.max(...labels.map(textWidth));
  const valueWidth = Math.max(...values.map(textWidth));
  const barWidth = Math.max(10, Math.min(50, width - labelWidth - valueWidth - 4));
  const max = Math.max(...rows.map((r) => r.counts.received.total));
  return [
    '',
    'Hồ sơ tiếp nhận theo tháng:',
    ...rows.map((r, i) => `${padEnd(labels[i], labelWidth)} ${padStart(values[i], valueWidth)} ${blockBar(r.counts.received.total, max, barWidth)}`),
  ];
}
