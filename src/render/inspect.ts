// `hcc inspect` for people and for scripts: what was read from an export and how, in one screen.
import { formatDayMonthYear } from '../core/dates.js';
import { formatCount } from '../core/format-vi.js';
import { REJECT_KINDS } from '../core/rejects.js';
import type { Channel, StatusCode } from '../core/types.js';
import { CHANNEL_LABELS } from '../core/grouping.js';
import { ENCODING_NAMES } from '../readers/csv.js';
import { statusName } from '../readers/codes.js';
import { FIELD_LABELS } from '../readers/headers.js';
import type { Inspection } from '../readers/inspect.js';
import type { CanonicalField } from '../readers/types.js';
import { padEnd, textWidth } from './terminal.js';

const DELIMITER_NAMES: Record<string, string> = { ',': 'dấu phẩy', ';': 'dấu chấm phẩy', '\t': 'tab' };

export function renderInspectionJson(x: Inspection): string {
  return `${JSON.stringify(x, null, 2)}\n`;
}

function day(d: string | null | undefined): string {
  return d ? formatDayMonthYear(d) : '';
}

function meaning(field: CanonicalField, understood: string | null): string {
  if (understood === null) return 'không nhận ra (dòng bị loại)';
  if (understood === 'trống') return 'trống';
  if (field === 'status') return `mã ${understood}: ${statusName(Number(understood) as StatusCode)}`;
  if (field === 'channel') return CHANNEL_LABELS[understood as Channel] ?? understood;
  return understood;
}

export function renderInspection(x: Inspection): string {
  const out: string[] = [];
  out.push(`Tệp: ${x.file}`);
  const f = x.format;
  if (f?.kind === 'csv') out.push(`Đọc như: CSV, bảng mã ${ENCODING_NAMES[f.encoding]}, phân cách bằng ${DELIMITER_NAMES[f.delimiter] ?? `"${f.delimiter}"`}`);
  else if (f?.kind === 'xlsx') out.push(`Đọc như: Excel .xlsx, trang tính đầu tiên "${f.sheet}"${f.date1904 ? ', hệ ngày 1904 (Excel cũ của Mac)' : ''}`);
  if (!x.header) return `${out.join('\n')}\n`;
  const h = x.header;
  out.push(h.rows === 2 ? `Dòng tiêu đề: dòng ${h.line}–${h.line + 1} (tiêu đề hai tầng)` : `Dòng tiêu đề: dòng ${h.line}`);

  out.push('', 'Cột trong tệp → trường của hcc:');
  const headerWidth = Math.min(40, Math.max(...h.columns.map((c) => textWidth(c.text))));
  const servedBy = new Map(h.columns.filter((c) => c.field).map((c) => [c.field!, c.letter]));
  for (const c of h.columns) {
    let what: string;
    if (c.field) what = `${c.field} (${FIELD_LABELS[c.field].toLowerCase()})`;
    else if (c.alsoFor) what = `không dùng: cũng là ${c.alsoFor}, đã dùng cột ${servedBy.get(c.alsoFor)}`;
    else if (/^(stt|so thu tu|tt)$/i.test(c.text.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))) what = 'số thứ tự, không dùng';
    else if (c.nearest) what = `không dùng; giống nhất: ${c.nearest} (${FIELD_LABELS[c.nearest].toLowerCase()})`;
    else what = 'không dùng';
    out.push(`  ${padEnd(c.letter, 3)} ${padEnd(c.text, headerWidth)}  ${what}`);
  }

  out.push('', `Trường: số dòng có giá trị (trên ${formatCount(x.rows.data)} dòng dữ liệu), dạng ngày, giá trị:`);
  const nameWidth = Math.max(...x.fields.map((s) => s.field.length));
  for (const s of x.fields) {
    let line = `  ${padEnd(s.field, nameWidth)}  ${formatCount(s.filled)}`;
    if (s.forms) {
      const forms = Object.entries(s.forms)
        .sort((a, b) => b[1] - a[1])
        .map(([form, n]) => `${form} ${formatCount(n)}`)
        .join('; ');
      line += `; dạng: ${forms}`;
      if (s.earliest) line += `; từ ${day(s.earliest)} đến ${day(s.latest)}`;
    }
    out.push(line);
    if (s.values) {
      for (const v of s.values) out.push(`      "${v.value}": ${formatCount(v.rows)} dòng → ${meaning(s.field, v.understood)}`);
      if (s.otherValues) out.push(`      … và ${formatCount(s.otherValues)} dòng có giá trị khác`);
    }
  }

  const r = x.rows;
  out.push(
    '',
    `Dòng: ${formatCount(r.data)} dòng dữ liệu: ${formatCount(r.counted)} được tính, ${formatCount(r.rejected)} không dùng được, ${formatCount(r.skipped)} bỏ qua (không phải hồ sơ)`,
  );
  for (const [kind, n] of Object.entries(r.byKind)) {
    const example = r.examples.find((e) => e.kind === kind);
    out.push(`  ${REJECT_KINDS[kind as keyof typeof REJECT_KINDS]}: ${formatCount(n!)}${example ? ` (ví dụ dòng ${example.line}: ${example.reason})` : ''}`);
  }

  if (x.warnings.length > 0) {
    out.push('', 'Cảnh báo:');
    for (const w of x.warnings) out.push(`  - ${w.message}`);
  }

  out.push('', 'Khai báo cột để dán vào hcc.config.json (cố định cách đọc trên; dòng có "gợi ý" cần kiểm tra lại):');
  const entries = Object.entries(x.columns);
  out.push('  "columns": {');
  entries.forEach(([header, field], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    const note = x.guessed.includes(header) ? `  // gợi ý: cột chưa nhận ra, giống ${FIELD_LABELS[field as CanonicalField].toLowerCase()}` : '';
    out.push(`    ${JSON.stringify(header)}: ${JSON.stringify(field)}${comma}${note}`);
  });
  out.push('  }');
  return `${out.join('\n')}\n`;
}
