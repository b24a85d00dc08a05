// What a header lacks or gives twice, said as warnings a clerk can act on (the field's effect on the
// figures, the unused columns most like it, the config lines to add), and the error when no header is
// found. Shared by the file readers and the database sources.
import type { Warning } from '../core/warnings.js';
import { foldKey } from './text.js';
import { UserError } from '../errors.js';
import { CANONICAL_FIELDS, type CanonicalField } from './types.js';
import { FIELD_LABELS, FIGURE_FIELDS, HEADER_SCAN_ROWS, unusedColumns, type HeaderMatch } from './headers.js';

const MISSING_EFFECT: Partial<Record<CanonicalField, (has: (f: CanonicalField) => boolean) => string>> = {
  due_at: () => 'mọi hồ sơ đã giải quyết được tính là đúng hạn và mọi hồ sơ đang giải quyết là chưa đến hạn (quy tắc 7)',
  resolved_at: (has) =>
    has('returned_at') && has('status')
      ? 'hồ sơ đã xong (trạng thái 9, 10) lấy ngày trả kết quả làm ngày có kết quả (quy tắc 8), nên có thể bị tính muộn hơn thực tế'
      : has('status')
        ? 'hồ sơ đã xong (trạng thái 9, 10) không có ngày có kết quả nên bị loại, không hồ sơ nào được tính là đã giải quyết'
        : 'không hồ sơ nào được tính là đã giải quyết',
  status: () =>
    'không tách được hồ sơ rút, dừng xử lý, chờ bổ sung hay không được tiếp nhận: hồ sơ có ngày có kết quả được tính là đã giải quyết, còn lại là đang giải quyết (quy tắc 8)',
  channel: () => 'không tách được hồ sơ trực tuyến, bưu chính công ích và trực tiếp: các số theo kênh đều bằng 0',
};

/** How the config maps names to a field: a file's `"columns"`, a database's `"source": { "columns" }`. */
export interface ConfigLines {
  /** The config text mapping `names` to `field`. */
  text(field: CanonicalField, names: string[]): string;
  /** For a file: header → field, carried in the warning for scripts. */
  columns?(field: CanonicalField, names: string[]): Record<string, string>;
}

/**
 * A warning for each field that changes the figures and has no column in the source (`has`): what
 * the rules then assume, the unused columns most like it (or all unused ones), and the config lines
 * to add. Shared by the file readers and the database sources.
 */
export function missingColumnWarnings(
  has: (f: CanonicalField) => boolean,
  unused: { name: string; nearest?: CanonicalField }[],
  where: string,
  config: ConfigLines,
): Warning[] {
  const out: Warning[] = [];
  for (const field of FIGURE_FIELDS) {
    if (has(field)) continue;
    const like = unused.filter((c) => c.nearest === field).map((c) => c.name);
    const others = unused.filter((c) => !c.nearest).map((c) => c.name);
    const hint = like.length
      ? `; cột chưa dùng giống nhất: ${like.map((n) => `"${n}"`).join(', ')}; nếu đúng, thêm vào hcc.config.json: ${config.text(field, like)}`
      : others.length
        ? `; các cột chưa dùng: ${others.map((n) => `"${n}"`).join(', ')}; nếu một cột là ${FIELD_LABELS[field].toLowerCase()}, thêm vào hcc.config.json: ${config.text(field, ['TÊN CỘT'])}`
        : '';
    out.push({
      code: 'missing-column',
      field,
      ...(like.length && config.columns ? { columns: config.columns(field, like) } : {}),
      message: `${where} không có cột "${FIELD_LABELS[field]}" (${field}): ${MISSING_EFFECT[field]!(has)}${hint}`,
    });
  }
  return out;
}

/** The config lines of a file: `"columns": { "header": "field" }`. */
const FILE_COLUMNS: ConfigLines = {
  text: (field, names) => `"columns": { ${names.map((n) => `"${n}": "${field}"`).join(', ')} }`,
  columns: (field, names) => Object.fromEntries(names.map((n) => [n, field])),
};

/**
 * The warnings a header gives: a field that changes the figures is missing (with the unused columns
 * that resemble it and the "columns" lines to add), or a field is given by two columns (which one is
 * used). `where` names the file for the messages.
 */
export function headerWarnings(m: HeaderMatch, where: string, oneBased = false): Warning[] {
  const unused = unusedColumns(m).map((c) => ({ name: c.text, nearest: c.nearest }));
  const out = missingColumnWarnings((f) => m.index[f] !== undefined, unused, where, FILE_COLUMNS);
  for (const field of CANONICAL_FIELDS) {
    const others = m.columns.filter((c) => c.alsoFor === field && c.ambiguous);
    const used = m.columns.find((c) => c.field === field);
    if (!used || others.length === 0) continue;
    const names = [used, ...others].map((c) => `"${c.text}" (cột ${columnName(c.index, oneBased)})`);
    out.push({
      code: 'duplicate-column',
      field,
      names: [used, ...others].map((c) => c.text),
      message: `${where} có ${names.length} cột cho ${FIELD_LABELS[field].toLowerCase()} (${field}): ${names.join(', ')}; dùng cột ${columnName(used.index, oneBased)}${others.some((o) => foldKey(o.text) === foldKey(used.text)) ? '' : ` "${used.text}"`}, bỏ qua cột còn lại (đổi bằng "columns" trong hcc.config.json)`,
    });
  }
  return out;
}

/** "C" for the third column. XLSX rows carry Excel's 1-based column numbers (index 0 is empty). */
export function columnName(index: number, oneBased: boolean): string {
  let n = oneBased ? index : index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** The error for a file whose header row was not found; names missing columns when a near-header exists. */
export function noHeaderError(path: string, best: { line: number; match: HeaderMatch } | null): UserError {
  const required = 'Mã hồ sơ, Đơn vị, Ngày tiếp nhận';
  const hint = 'đổi tên cột hoặc khai báo tên cột trong mục "columns" của tệp cấu hình';
  if (best && best.match.recognised >= 2) {
    const missing = best.match.missing.map((f) => `"${FIELD_LABELS[f]}"`).join(', ');
    const like = unusedColumns(best.match).filter((c) => c.nearest && best.match.missing.includes(c.nearest));
    const guess = like.length
      ? `; có thể là ${like.map((c) => `"${c.text}" → ${c.nearest}`).join(', ')}: thêm vào hcc.config.json "columns": { ${like.map((c) => `"${c.text}": "${c.nearest}"`).join(', ')} }`
      : `: ${hint}`;
    return new UserError(
      `tệp "${path}": thiếu cột ${missing} (dòng tiêu đề ${best.line} có các cột: ${best.match.headers.join(' | ')})${guess}`,
    );
  }
  return new UserError(
    `tệp "${path}": không tìm thấy dòng tiêu đề (cần các cột ${required}) trong ${HEADER_SCAN_ROWS} dòng đầu: ${hint}`,
  );
}
