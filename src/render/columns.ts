// The words around the period table's columns, shared by the renderers. The columns themselves are
// core's TABLE_COLUMNS (core/counts.ts), so all documents show the same figures in the same order.
import type { FigureGroup } from '../core/counts.js';
import type { GroupBy } from '../core/types.js';

/** The header over each group of figure columns. */
export const GROUP_LABELS: Record<FigureGroup, string> = {
  received: 'Số hồ sơ tiếp nhận',
  resolved: 'Số hồ sơ đã giải quyết',
  pending: 'Số hồ sơ đang giải quyết',
};

/** Vietnamese name of the grouping column, for every grouping of core's GROUP_BY. */
export const GROUP_BY_LABELS: Record<GroupBy, string> = {
  agency: 'Tên cơ quan',
  field: 'Lĩnh vực',
  procedure: 'Thủ tục hành chính',
  channel: 'Kênh thực hiện',
  level: 'Cấp',
  month: 'Tháng tiếp nhận',
};

/** The total row's name. */
export const TOTAL_LABEL = 'Tổng số';
