// The words around the period table's columns, shared by the renderers. The columns themselves are
// core's TABLE_COLUMNS (core/counts.ts), so all documents show the same figures in the same order.
import type { FigureGroup } from '../core/counts.js';

export const GROUP_LABELS: Record<FigureGroup, string> = {
  received: 'Số hồ sơ tiếp nhận',
  resolved: 'Số hồ sơ đã giải quyết',
  pending: 'Số hồ sơ đang giải quyết',
};


/** Vietnamese name of the grouping column. */
export const GROUP_BY_LABELS = {
  agency: 'Tên cơ quan',
  field: 'Lĩnh vực',
  procedure: 'Thủ tục hành chính',
  channel: 'Kênh thực hiện',
  level: 'Cấp',
  month: 'Tháng tiếp nhận',
} as const;

export const TOTAL_LABEL = 'Tổng số';
