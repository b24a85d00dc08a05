// CSV for scripts: one header row (machine names), one row per group, the total.
import { TABLE_COLUMNS } from '../core/counts.js';
import type { PeriodTable } from '../core/types.js';
import { TOTAL_LABEL } from './columns.js';

/**
 * One CSV field. A text that a spreadsheet would run as a formula (it starts with = + - @, a tab or a
 * carriage return: an agency named =HYPERLINK("http://…") would be a live link) gets a ' in front, so
 * Excel and LibreOffice show it as text (OWASP "CSV injection"). Numbers are written as they are.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const s = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(table: PeriodTable): string {
  const header = ['stt', table.groupBy, ...TABLE_COLUMNS.map((c) => c.id)];
  const lines = [header.join(',')];
  for (const row of table.rows) {
    lines.push([row.stt, csvField(row.key), ...TABLE_COLUMNS.map((c) => c.value(row.counts))].join(','));
  }
  lines.push(['', csvField(TOTAL_LABEL), ...TABLE_COLUMNS.map((c) => c.value(table.total))].join(','));
  return `${lines.join('\n')}\n`;
}
