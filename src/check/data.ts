// The typed annex against hcc's own count of the same period: each cell of each agency's row (and of
// the total row) against the computed figure, with the difference. Pure.
import type { Counts, PeriodTable } from '../core/types.js';
import { foldKey } from '../readers/text.js';
import { COUNT_VALUES, type CountValue } from '../report/columns.js';
import type { Annex } from './annex.js';
import { signed } from './annex.js';
import { KIND_LABELS, type CheckedCounts, type FigureKind, type Finding } from './model.js';
import { formatCount } from './numbers.js';

/**
 * The count each kind of typed figure is, read through the columns' own values (report/columns.ts):
 * Biểu 06's "trực tiếp, bưu chính" is the new dossiers not received online, as hcc writes that column.
 */
const VALUE_OF: Record<FigureKind, CountValue> = {
  received: 'received.total',
  new: 'received.new',
  carriedOver: 'received.carriedOver',
  online: 'received.online',
  direct: 'received.direct',
  postal: 'received.postal',
  directPostal: 'received.notOnline',
  resolved: 'resolved.total',
  early: 'resolved.early',
  onTime: 'resolved.onTime',
  late: 'resolved.late',
  pending: 'pending.total',
  notDue: 'pending.notDue',
  overdue: 'pending.overdue',
};

const computed = (c: Counts, kind: FigureKind): number => COUNT_VALUES[VALUE_OF[kind]](c);

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
