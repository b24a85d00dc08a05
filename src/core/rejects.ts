// Why a row of the input was not counted: one stable code per kind of reason (JSON, the "Kiểm tra dữ
// liệu" sheet, the rejects file), with the Vietnamese name a clerk reads. Pure data.

export const REJECT_KINDS = {
  'missing-code': 'thiếu mã hồ sơ',
  'duplicate-code': 'mã hồ sơ trùng',
  'missing-agency': 'thiếu đơn vị',
  'missing-received': 'thiếu ngày tiếp nhận',
  'bad-date': 'ngày không hợp lệ',
  'resolved-before-received': 'ngày có kết quả trước ngày tiếp nhận',
  'finished-without-date': 'đã giải quyết nhưng không có ngày có kết quả',
  'unknown-status': 'không nhận ra trạng thái',
  'unknown-channel': 'không nhận ra kênh',
  'bad-bytes': 'có byte sai bảng mã',
  'stray-quote': 'dấu ngoặc kép không đóng',
  'group-row': 'dòng nhóm/tổng cộng',
  'repeated-header': 'dòng tiêu đề lặp lại',
} as const;

export type RejectKind = keyof typeof REJECT_KINDS;

/**
 * Rows that hold no dossier (a group or subtotal line, the header printed again on each page): listed
 * with the rejects so every row of the file is accounted for, but not "rows that could not be used"
 * (`--strict` does not stop for them).
 */
const SKIPPED_KINDS: ReadonlySet<RejectKind> = new Set<RejectKind>(['group-row', 'repeated-header']);

export function isSkipped(kind: RejectKind): boolean {
  return SKIPPED_KINDS.has(kind);
}
