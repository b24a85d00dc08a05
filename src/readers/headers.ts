// Recognises the header row of an export: canonical names, Vietnamese labels and sync (DongBoHoSoMC)
// names, tolerant of case, accents, spacing and punctuation; config mappings win.
import { UserError } from '../errors.js';
import { CANONICAL_FIELDS, type CanonicalField } from './types.js';
import { cleanText, foldKey } from './text.js';

/**
 * Aliases per field, best first: when two columns map to one field (e.g. "Đơn vị tiếp nhận" and
 * "Đơn vị giải quyết"), the one with the earlier tier wins. The receiving unit is often the Center
 * itself, so the resolving agency is preferred.
 */
const ALIASES: Record<CanonicalField, string[][]> = {
  code: [['Mã hồ sơ', 'MaHoSo', 'Mã HS'], ['Số hồ sơ', 'SoHoSo']],
  agency: [
    ['Cơ quan giải quyết', 'Đơn vị giải quyết', 'Đơn vị xử lý', 'DonViXuLy', 'Cơ quan xử lý'],
    ['Đơn vị', 'Cơ quan', 'Tên cơ quan', 'Tên đơn vị', 'Cơ quan thực hiện', 'Đơn vị thực hiện', 'Sở ban ngành'],
    ['Đơn vị tiếp nhận', 'Cơ quan tiếp nhận', 'DonViTiepNhan'],
  ],
  field: [['Lĩnh vực', 'TenLinhVuc', 'Tên lĩnh vực']],
  procedure: [['Tên thủ tục hành chính', 'Thủ tục', 'Tên thủ tục', 'TenTTHC', 'Thủ tục hành chính', 'Tên TTHC']],
  level: [['Cấp', 'Cấp thực hiện', 'Cấp giải quyết']],
  channel: [['Kênh thực hiện', 'Hình thức nộp', 'KenhThucHien', 'Kênh nộp', 'Hình thức tiếp nhận', 'Kênh tiếp nhận']],
  received_at: [['Ngày tiếp nhận', 'Ngày nhận', 'NgayTiepNhan', 'Ngày nhận hồ sơ']],
  due_at: [['Ngày hẹn trả', 'Ngày hẹn trả kết quả', 'NgayHenTra', 'Ngày hẹn']],
  resolved_at: [
    ['Ngày có kết quả', 'Ngày kết thúc xử lý', 'NgayKetThucXuLy', 'Ngày kết thúc'],
    ['Ngày hoàn thành', 'Ngày giải quyết', 'Ngày xử lý xong'],
  ],
  returned_at: [['Ngày trả', 'Ngày trả kết quả', 'NgayTra']],
  status: [['Trạng thái', 'TrangThaiHoSo', 'Trạng thái hồ sơ'], ['Tình trạng', 'Tình trạng hồ sơ']],
  apology_at: [['Ngày xin lỗi', 'NgayXinLoi']],
  rating: [['Đánh giá', 'Mức độ hài lòng', 'Hài lòng', 'Kết quả đánh giá']],
};

/** The header row must appear among this many non-blank rows. */
export const HEADER_SCAN_ROWS = 30;

/** Fields without which a row cannot be counted; the header row is the first row having them all. */
export const REQUIRED_FIELDS: readonly CanonicalField[] = ['code', 'agency', 'received_at'];

/** How messages name a field (the usual Vietnamese header). */
export const FIELD_LABELS: Record<CanonicalField, string> = {
  code: 'Mã hồ sơ',
  agency: 'Đơn vị',
  field: 'Lĩnh vực',
  procedure: 'Tên thủ tục hành chính',
  level: 'Cấp',
  channel: 'Kênh thực hiện',
  received_at: 'Ngày tiếp nhận',
  due_at: 'Ngày hẹn trả',
  resolved_at: 'Ngày có kết quả',
  returned_at: 'Ngày trả kết quả',
  status: 'Trạng thái',
  apology_at: 'Ngày xin lỗi',
  rating: 'Đánh giá',
};

export interface HeaderMatch {
  /** Column index of each recognised field. */
  index: Partial<Record<CanonicalField, number>>;
  /** Header text of each recognised field, as written in the file (for messages). */
  label: Partial<Record<CanonicalField, string>>;
  /** Number of recognised fields. */
  recognised: number;
  /** Required fields not found. */
  missing: CanonicalField[];
  /** Every non-empty header cell, as written. */
  headers: string[];
}

export class HeaderMatcher {
  /** folded header → [field, tier]; tier 0 is the config file, which wins. */
  private readonly byKey = new Map<string, [CanonicalField, number]>();

  constructor(columns?: Record<string, CanonicalField>) {
    for (const field of CANONICAL_FIELDS) {
      this.byKey.set(foldKey(field), [field, 1]);
      ALIASES[field].forEach((tier, i) => {
        for (const alias of tier) {
          const key = foldKey(alias);
          if (!this.byKey.has(key)) this.byKey.set(key, [field, i + 1]);
        }
      });
    }
    for (const [header, field] of Object.entries(columns ?? {})) {
      if (!(CANONICAL_FIELDS as readonly string[]).includes(field)) {
        throw new UserError(
          `cấu hình "columns": cột "${header}" được gán cho "${String(field)}", không phải tên trường hợp lệ (${CANONICAL_FIELDS.join(', ')})`,
        );
      }
      this.byKey.set(foldKey(header), [field, 0]);
    }
  }

  /** The field a header cell names, with its tier; undefined when not recognised. */
  lookup(header: string): [CanonicalField, number] | undefined {
    const key = foldKey(header);
    if (key === '') return undefined;
    const hit = this.byKey.get(key);
    if (hit) return hit;
    // "Ngày tiếp nhận (dd/mm/yyyy)": a parenthesised note does not change the column.
    const bare = header.replace(/\([^)]*\)|\[[^\]]*\]/g, '');
    return bare !== header ? this.byKey.get(foldKey(bare)) : undefined;
  }

  match(cells: readonly string[]): HeaderMatch {
    const index: Partial<Record<CanonicalField, number>> = {};
    const label: Partial<Record<CanonicalField, string>> = {};
    const tierOf: Partial<Record<CanonicalField, number>> = {};
    const headers: string[] = [];
    let recognised = 0;
    for (let i = 0; i < cells.length; i++) {
      const text = cleanText(cells[i] ?? '');
      if (text === '') continue;
      headers.push(text);
      const hit = this.lookup(text);
      if (!hit) continue;
      const [field, tier] = hit;
      const previous = tierOf[field];
      if (previous === undefined) recognised++;
      if (previous === undefined || tier < previous) {
        index[field] = i;
        label[field] = text;
        tierOf[field] = tier;
      }
    }
    const missing = REQUIRED_FIELDS.filter((f) => index[f] === undefined);
    return { index, label, recognised, missing, headers };
  }
}

/** The error for a file whose header row was not found; names missing columns when a near-header exists. */
export function noHeaderError(path: string, best: { line: number; match: HeaderMatch } | null): UserError {
  const required = 'Mã hồ sơ, Đơn vị, Ngày tiếp nhận';
  const hint = 'đổi tên cột hoặc khai báo tên cột trong mục "columns" của tệp cấu hình';
  if (best && best.match.recognised >= 2) {
    const missing = best.match.missing.map((f) => `"${FIELD_LABELS[f]}"`).join(', ');
    return new UserError(
      `tệp "${path}": thiếu cột ${missing} (dòng tiêu đề ${best.line} có các cột: ${best.match.headers.join(' | ')}): ${hint}`,
    );
  }
  return new UserError(
    `tệp "${path}": không tìm thấy dòng tiêu đề (cần các cột ${required}) trong ${HEADER_SCAN_ROWS} dòng đầu: ${hint}`,
  );
}
