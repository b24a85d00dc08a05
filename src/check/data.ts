// The typed annex against hcc's own count of the same period: each cell of each agency's row (and of
// the total row) against the computed figure, with the difference. Pure.
import type { Counts, PeriodTable } from '../core/types.js';
import { foldKey } from '../readers/text.js';
import type { Annex } from './annex.js';
import { signed } from './annex.js';
import { KIND_LABELS, type CheckedCounts, type FigureKind, type Finding } from './model.js';
import { formatCount } from './numbers.js';

function computed(c: Counts, kind: FigureKind): number {
  switch (kind) {
    case 'received':
      return c.received.total;
    case 'new':
      return c.received.new;
    case 'carriedOver':
      return c.received.carriedOver;
    case 'online':
      return c.received.online;
    case 'direct':
      return c.received.direct;
    case 'postal':
      return c.received.postal;
    case 'directPostal':
      return c.received.direct + c.received.postal;
    case 'resolved':
      return c.resolved.total;
    case 'early':
      return c.resolved.early;
    case 'onTime':
      return c.resolved.onTime;
    case 'late':
      return c.resolved.late;
    case 'pending':
      return c.pending.total;
    case 'notDue':
      return c.pending.notDue;
    case 'overdue':
      return c.pending.overdue;
  }
}

const key = (name: string) => foldKey(name).replace(/^so(?=[a-z])/, '');

export function compareWithData(annex: Annex, table: PeriodTable, checked: CheckedCounts): Finding[] {
  const findings: Finding[] = [];
  const byName = new Map(table.rows.map((r) => [key(r.key), r]));
  const rows = annex.totalRow ? [...annex.rows, annex.totalRow] : annex.rows;
  for (const row of rows) {
    const counts = row.total ? table.total : byName.get(key(row.name))?.counts;
    if (!counts) {
      if (Object.keys(row.values).length > 0) {
        findings.push({ severity: 'error', rule: 'data', where: row.nameWhere, written: row.name, reason: 'cơ quan này không có trong dữ liệu của kỳ (kiểm tra tên hoặc danh sách cơ quan trong cấu hình)' });
      }
      continue;
    }
    for (const [kind, value] of Object.entries(row.values) as [FigureKind, number][]) {
      checked.dataCells++;
      const real = computed(counts, kind);
      if (real === value) continue;
      findings.push({
        severity: 'error',
        rule: 'data',
        where: row.cells[kind]!.where,
        written: `${row.total ? 'Tổng số' : row.name}, ${KIND_LABELS[kind]}: ${formatCount(value)}`,
        expected: formatCount(real),
        reason: `hcc đếm từ dữ liệu được ${formatCount(real)} (chênh lệch ${signed(value - real)})`,
      });
    }
  }
  return findings;
}
