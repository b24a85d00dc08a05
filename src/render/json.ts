// The JSON table, a shape scripts rely on: row key named after the grouping, shares alongside the counts.
import { sharesOf } from '../core/counts.js';
import type { Counts, PeriodTable } from '../core/types.js';

function countsJson(c: Counts) {
  return { received: c.received, resolved: c.resolved, pending: c.pending, satisfaction: c.satisfaction, shares: sharesOf(c) };
}

export function tableToJson(table: PeriodTable): object {
  return {
    period: { from: table.period.from, to: table.period.to, ...(table.period.label ? { label: table.period.label } : {}) },
    groupBy: table.groupBy,
    rows: table.rows.map((r) => ({
      stt: r.stt,
      [table.groupBy]: r.key,
      ...(table.groupBy === 'agency' ? { listed: r.listed } : {}),
      ...countsJson(r.counts),
      excluded: r.excluded,
    })),
    total: countsJson(table.total),
    excluded: table.excluded,
    rejected: table.rejected,
    skipped: table.skipped,
    rejectedByKind: table.rejectedByKind,
    warnings: table.warnings,
  };
}

export function renderJson(table: PeriodTable): string {
  return `${JSON.stringify(tableToJson(table), null, 2)}\n`;
}
