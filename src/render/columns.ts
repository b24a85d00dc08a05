// The columns of the period table, shared by every renderer (terminal, CSV, Excel, PDF):
// one list, so all documents show the same figures in the same order.
import type { Counts } from '../core/types.js';

export interface FigureColumn {
  /** Machine name (CSV header, JSON path). */
  id: string;
  group: 'received' | 'resolved' | 'pending';
  /** Vietnamese header as the annex prints it. */
  label: string;
  value: (c: Counts) => number;
}

export const GROUP_LABELS = {
  received: 'Số hồ sơ tiếp nhận',
  resolved: 'Số hồ sơ đã giải quyết',
  pending: 'Số hồ sơ đang giải quyết',
} as const;

export const FIGURE_COLUMNS: FigureColumn[] = [
  { id: 'received_total', group: 'received', label: 'Tổng số', value: (c) => c.received.total },
  { id: 'received_new', group: 'received', label: 'Số mới', value: (c) => c.received.new },
  { id: 'received_carried_over', group: 'received', label: 'Kỳ trước chuyển', value: (c) => c.received.carriedOver },
  { id: 'resolved_total', group: 'resolved', label: 'Tổng số', value: (c) => c.resolved.total },
  { id: 'resolved_early', group: 'resolved', label: 'Trước hạn', value: (c) => c.resolved.early },
  { id: 'resolved_on_time', group: 'resolved', label: 'Đúng hạn', value: (c) => c.resolved.onTime },
  { id: 'resolved_late', group: 'resolved', label: 'Quá hạn', value: (c) => c.resolved.late },
  { id: 'pending_total', group: 'pending', label: 'Tổng số', value: (c) => c.pending.total },
  { id: 'pending_not_due', group: 'pending', label: 'Chưa đến hạn', value: (c) => c.pending.notDue },
  { id: 'pending_overdue', group: 'pending', label: 'Quá hạn', value: (c) => c.pending.overdue },
];

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
