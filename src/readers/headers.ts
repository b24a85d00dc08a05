// Recognises the header row of an export: canonical names, Vietnamese labels and sync (DongBoHoSoMC)
// names, tolerant of case, accents, spacing and punctuation; config mappings win. A header may have
// two levels ("Ngày" over "Tiếp nhận | Hẹn trả | Có kết quả"). An unknown header is matched to the
// field it most resembles; what a header lacks or gives twice is said in header-warnings.ts.
import { UserError } from '../errors.js';
import { CANONICAL_FIELDS, type CanonicalField } from './types.js';
import { cleanText, foldKey } from './text.js';

/**
 * Aliases per field, best first: when two columns map to one field (e.g. "Đơn vị tiếp nhận" and
 * "Đơn vị giải quyết"), the one with the earlier tier wins. The receiving unit is often the Center
 * itself, so the resolving agency is preferred. "Thời hạn giải quyết" is a number of working days,
 * not a date: it is no alias of the due date.
 */
const ALIASES: Record<CanonicalField, string[][]> = {
  code: [
    ['Mã hồ sơ', 'MaHoSo', 'Mã HS', 'Mã số hồ sơ', 'Mã hồ sơ TTHC'],
    ['Số hồ sơ', 'SoHoSo', 'Số biên nhận', 'Mã biên nhận', 'Số hiệu hồ sơ'],
  ],
  agency: [
    [
      'Cơ quan giải quyết',
      'Đơn vị giải quyết',
      'Đơn vị xử lý',
      'DonViXuLy',
      'Cơ quan xử lý',
      'Tên cơ quan giải quyết',
      'Tên đơn vị giải quyết',
      'Cơ quan chủ trì giải quyết',
      'Đơn vị chủ trì giải quyết',
    ],
    ['Đơn vị', 'Cơ quan', 'Tên cơ quan', 'Tên đơn vị', 'Cơ quan thực hiện', 'Đơn vị thực hiện', 'Sở ban ngành', 'Cơ quan đơn vị'],
    ['Đơn vị tiếp nhận', 'Cơ quan tiếp nhận', 'DonViTiepNhan'],
  ],
  field: [['Lĩnh vực', 'TenLinhVuc', 'Tên lĩnh vực', 'Lĩnh vực TTHC', 'Lĩnh vực thủ tục']],
  procedure: [['Tên thủ tục hành chính', 'Thủ tục', 'Tên thủ tục', 'TenTTHC', 'Thủ tục hành chính', 'Tên TTHC', 'TTHC']],
  level: [['Cấp', 'Cấp thực hiện', 'Cấp giải quyết', 'Cấp hành chính', 'Cấp TTHC']],
  channel: [
    [
      'Kênh thực hiện',
      'Kênh',
      'Hình thức nộp',
      'KenhThucHien',
      'Kênh nộp',
      'Hình thức tiếp nhận',
      'Kênh tiếp nhận',
      'Hình thức nộp hồ sơ',
      'Phương thức nộp',
      'Phương thức nộp hồ sơ',
      'Phương thức tiếp nhận',
    ],
  ],
  received_at: [
    [
      'Ngày tiếp nhận',
      'Ngày nhận',
      'NgayTiepNhan',
      'Ngày nhận hồ sơ',
      'Ngày tiếp nhận hồ sơ',
      'Thời gian tiếp nhận',
      'Ngày giờ tiếp nhận',
      'Thời điểm tiếp nhận',
      'Ngày nộp',
      'Ngày nộp hồ sơ',
    ],
  ],
  due_at: [
    [
      'Ngày hẹn trả',
      'Ngày hẹn trả kết quả',
      'NgayHenTra',
      'Ngày hẹn',
      'Hạn trả kết quả',
      'Hạn trả',
      'Hạn giải quyết',
      'Thời hạn trả kết quả',
      'Ngày hẹn trả KQ',
      'Hạn xử lý',
      'Hạn hoàn thành',
      'Ngày hết hạn',
      'Ngày hết hạn xử lý',
    ],
  ],
  resolved_at: [
    [
      'Ngày có kết quả',
      'Ngày kết thúc xử lý',
      'NgayKetThucXuLy',
      'Ngày kết thúc',
      'Ngày hoàn thành xử lý',
      'Ngày hoàn thành giải quyết',
      'Ngày giải quyết xong',
      'Thời gian có kết quả',
      'Ngày có KQ',
    ],
    ['Ngày hoàn thành', 'Ngày giải quyết', 'Ngày xử lý xong'],
  ],
  returned_at: [['Ngày trả', 'Ngày trả kết quả', 'NgayTra', 'Ngày trả KQ', 'Ngày đã trả kết quả', 'Thời gian trả kết quả', 'Ngày trả hồ sơ']],
  status: [
    ['Trạng thái', 'TrangThaiHoSo', 'Trạng thái hồ sơ', 'Trạng thái xử lý', 'Trạng thái giải quyết'],
    ['Tình trạng', 'Tình trạng hồ sơ', 'Tình trạng xử lý'],
  ],
  apology_at: [['Ngày xin lỗi', 'NgayXinLoi', 'Ngày gửi thư xin lỗi', 'Ngày văn bản xin lỗi', 'Ngày xin lỗi và hẹn lại']],
  rating: [['Đánh giá', 'Mức độ hài lòng', 'Hài lòng', 'Kết quả đánh giá', 'Đánh giá hài lòng', 'Kết quả đánh giá sự hài lòng']],
  // A number of working days, not a date ("Hạn giải quyết" above is the due date); "(ngày)" and other
  // parenthesised notes are dropped by `lookup`.
  time_limit: [
    [
      'Thời hạn giải quyết',
      'ThoiHanGiaiQuyet',
      'Số ngày giải quyết',
      'Thời gian giải quyết',
      'Thời hạn xử lý',
      'Số ngày xử lý',
      'Thời hạn giải quyết theo quy định',
      'Thời hạn giải quyết TTHC',
    ],
  ],
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
  time_limit: 'Thời hạn giải quyết',
};

/** Fields whose absence changes the figures (the rules then assume for every dossier). */
export const FIGURE_FIELDS: readonly CanonicalField[] = ['due_at', 'resolved_at', 'status', 'channel'];

export interface HeaderColumn {
  /** Column index in the row (0-based; XLSX rows keep Excel's 1-based layout with index 0 empty). */
  index: number;
  /** The header as written (two levels joined by " / "). */
  text: string;
  /** The field the column serves; undefined when unused. */
  field?: CanonicalField;
  /** Recognised as this field, but another column serves it (a header given twice, or a better alias). */
  alsoFor?: CanonicalField;
  /** `alsoFor` by a name as good as the used column's: which one to use is a guess, said in a warning. */
  ambiguous?: boolean;
  /** Unused: the field whose names it most resembles, when any is close (filled by `unusedColumns`). */
  nearest?: CanonicalField;
}

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
  /** Every non-empty header cell with what it serves. */
  columns: HeaderColumn[];
  /** Rows the header takes (2 for a two-level header). */
  depth: 1 | 2;
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

  /** One header row. */
  match(cells: readonly string[]): HeaderMatch {
    return this.build(cells.map((c) => {
      const text = cleanText(c ?? '');
      return text === '' ? null : { text, hit: this.lookup(text) };
    }), 1);
  }

  /**
   * A two-level header: `parent` holds group labels spanning several columns (merged cells, or a
   * label followed by blanks in CSV) and single-level headers; `child` the labels under the groups.
   * A column under a group is named by "group label" ("Ngày" + "Tiếp nhận" → "Ngày tiếp nhận") when
   * that is a known name, else by its own label ("Thông tin hồ sơ" / "Mã hồ sơ" → "Mã hồ sơ").
   */
  matchTwoLevel(parent: readonly string[], child: readonly string[]): HeaderMatch {
    const width = Math.max(parent.length, child.length);
    const cells: ({ text: string; hit?: [CanonicalField, number] } | null)[] = [];
    let group = '';
    for (let i = 0; i < width; i++) {
      const top = cleanText(parent[i] ?? '');
      const below = cleanText(child[i] ?? '');
      if (top !== '') group = top;
      if (below === '') {
        // A single-level column (merged down): its label is in the parent row; a blank column ends a group.
        group = top === '' ? '' : group;
        cells.push(top === '' ? null : { text: top, hit: this.lookup(top) });
        continue;
      }
      if (group === '') {
        cells.push({ text: below, hit: this.lookup(below) });
        continue;
      }
      const joined = `${group} ${below}`;
      const hit = this.lookup(joined);
      cells.push(hit ? { text: `${group} / ${below}`, hit } : { text: `${group} / ${below}`, hit: this.lookup(below) });
    }
    return this.build(cells, 2);
  }

  private build(cells: ({ text: string; hit?: [CanonicalField, number] } | null)[], depth: 1 | 2): HeaderMatch {
    const index: Partial<Record<CanonicalField, number>> = {};
    const label: Partial<Record<CanonicalField, string>> = {};
    const tierOf: Partial<Record<CanonicalField, number>> = {};
    const headers: string[] = [];
    const columns: HeaderColumn[] = [];
    let recognised = 0;
    cells.forEach((cell, i) => {
      if (!cell) return;
      headers.push(cell.text);
      const column: HeaderColumn = { index: i, text: cell.text };
      columns.push(column);
      if (!cell.hit) return;
      const [field, tier] = cell.hit;
      const previous = tierOf[field];
      if (previous === undefined) recognised++;
      // The first column of the best tier serves the field; the others are named as alternatives.
      if (previous === undefined || tier < previous) {
        const displaced = columns.find((c) => c.field === field);
        if (displaced) {
          displaced.field = undefined;
          displaced.alsoFor = field;
        }
        index[field] = i;
        label[field] = cell.text;
        tierOf[field] = tier;
        column.field = field;
      } else {
        column.alsoFor = field;
        column.ambiguous = tier === previous;
      }
    });
    const missing = REQUIRED_FIELDS.filter((f) => index[f] === undefined);
    return { index, label, recognised, missing, headers, columns, depth };
  }
}

// --- Which field an unknown header most resembles ------------------------------------------------

/** The row-number column of list exports: known, used for nothing, never suggested. */
const ROW_NUMBER = new Set(['stt', 'sothutu', 'tt']);

function bigrams(key: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < key.length; i++) {
    const g = key.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient of the letter pairs of two folded keys (0 unrelated … 1 equal). */
function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [g, n] of a) {
    shared += Math.min(n, b.get(g) ?? 0);
    total += n;
  }
  for (const n of b.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** The letter pairs of every name of every field, made on first use. */
let aliasBigrams: [CanonicalField, Map<string, number>][] | null = null;

/** Below this a header resembles no field (e.g. "Họ tên người nộp"). */
const NEAREST_MIN = 0.5;

/**
 * The columns no field uses (the row number aside), each with the field it most resembles: computed
 * only for a header that is kept, not for every row tried as one.
 */
export function unusedColumns(m: HeaderMatch): HeaderColumn[] {
  const unused = m.columns.filter((c) => !c.field && !c.alsoFor && !ROW_NUMBER.has(foldKey(c.text)));
  for (const c of unused) c.nearest ??= nearestField(c.text);
  return unused;
}

/** The field whose names an unknown header resembles most, if any comes close. */
export function nearestField(header: string): CanonicalField | undefined {
  const key = bigrams(foldKey(header));
  let best: CanonicalField | undefined;
  let score = NEAREST_MIN;
  aliasBigrams ??= CANONICAL_FIELDS.flatMap((field) =>
    [field, ...ALIASES[field].flat()].map((alias) => [field, bigrams(foldKey(alias))] as [CanonicalField, Map<string, number>]),
  );
  for (const [field, alias] of aliasBigrams) {
    const s = similarity(key, alias);
    if (s > score) [best, score] = [field, s];
  }
  return best;
}
