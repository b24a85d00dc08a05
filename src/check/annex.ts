// The annex table of a typed report, understood: its header (one, two or three levels, as in hcc's
// annex and in Biểu 06) mapped to the kinds of figure, and its rows read as numbers with the slips of
// hand typing. Then the arithmetic every row and the total row must satisfy. Pure.
import { foldKey } from '../readers/text.js';
import { formatCount, parseCount, type ParsedCount } from './numbers.js';
import type { FigureKind, Finding, TableBlock, TableCell } from './model.js';
import { KIND_LABELS } from './model.js';

export interface AnnexRow {
  name: string;
  nameWhere: string;
  total: boolean;
  /** The figures the row gives (an agency without dossiers gives none). */
  values: Partial<Record<FigureKind, number>>;
  cells: Partial<Record<FigureKind, TableCell>>;
}

export interface Annex {
  where: string;
  /** What the rows are: agencies (hcc's annex) or fields (Biểu 06 "Lĩnh vực giải quyết"). */
  rowsAre: 'agency' | 'field';
  rows: AnnexRow[];
  totalRow?: AnnexRow;
  /** Cells written with a comma or spaces between thousands. */
  slips: { cell: TableCell; slip: NonNullable<ParsedCount['slip']> }[];
  /** Cells that hold no whole number. */
  unreadable: TableCell[];
}

const ANNEX_ORDER: FigureKind[] = ['received', 'new', 'carriedOver', 'resolved', 'early', 'onTime', 'late', 'pending', 'notDue', 'overdue'];

/** The column names of hcc's own CSV tables (`hcc table --format csv`, the annex CSV), folded. */
const CSV_NAMES: Record<string, FigureKind | 'name'> = {
  agency: 'name',
  field: 'name',
  key: 'name',
  receivedtotal: 'received',
  receivednew: 'new',
  receivedcarriedover: 'carriedOver',
  receivedonline: 'online',
  receiveddirect: 'direct',
  receivedpostal: 'postal',
  resolvedtotal: 'resolved',
  resolvedearly: 'early',
  resolvedontime: 'onTime',
  resolvedlate: 'late',
  pendingtotal: 'pending',
  pendingnotdue: 'notDue',
  pendingoverdue: 'overdue',
};

/** The kind of figure a column holds, from the labels above it (folded, joined top to bottom). */
export function columnKind(path: string[]): FigureKind | 'name' | 'stt' | undefined {
  const keys = path.map(foldKey).filter(Boolean);
  if (keys.length === 1 && CSV_NAMES[keys[0]]) return CSV_NAMES[keys[0]];
  const all = keys.join('|');
  const leaf = keys[keys.length - 1] ?? '';
  if (leaf === 'stt' || leaf === 'tt' || leaf === 'sothutu') return 'stt';
  if (/^(ten|coquan|donvi|linhvuc|noidung|tencoquan|tendonvi|tenlinhvuc|coquandonvi)/.test(leaf) && !/hoso/.test(leaf)) return 'name';
  const isTotal = /^(tongso|tong|cong|tongcong)$/.test(leaf);
  if (/danggiaiquyet|dangxuly|chuagiaiquyet|tondong/.test(all)) {
    if (isTotal) return 'pending';
    if (/chuadenhan|tronghan|chuaquahan/.test(leaf)) return 'notDue';
    if (/quahan|trehan/.test(leaf)) return 'overdue';
    return undefined;
  }
  if (/dagiaiquyet|daxuly|giaiquyetxong/.test(all)) {
    if (isTotal) return 'resolved';
    if (/truochan|som/.test(leaf)) return 'early';
    if (/dunghan|dunghen/.test(leaf)) return 'onTime';
    if (/quahan|trehan|trehen|chamhan/.test(leaf)) return 'late';
    return undefined;
  }
  if (/tiepnhan|nhangiaiquyet|sohosonhan/.test(all)) {
    if (/kytruoc|chuyensang|chuyenqua|tontruoc/.test(leaf)) return 'carriedOver';
    if (/tructuyen/.test(leaf)) return 'online';
    if (/buuchinh/.test(leaf) && /tructiep/.test(leaf)) return 'directPostal';
    if (/buuchinh/.test(leaf)) return 'postal';
    if (/tructiep/.test(leaf)) return 'direct';
    if (/moi|trongky/.test(leaf)) return 'new';
    if (isTotal) return 'received';
  }
  return undefined;
}

/** A row of column numbers under a header ("(1) (2) (3)…", "1 2 3…", "A B"). */
function isColumnNumberRow(cells: TableCell[]): boolean {
  const texts = cells.map((c) => c.text).filter(Boolean);
  if (texts.length < 3 || !texts.every((t) => /^\(?(\d+|[A-Z])\)?$/.test(t))) return false;
  const numbers = texts.map((t) => Number(t.replace(/[()]/g, ''))).filter((n) => !Number.isNaN(n));
  return numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1);
}

function hasNumber(cells: TableCell[], from: number): boolean {
  return cells.slice(from).some((c) => /\d/.test(c.text) && parseCount(c.text) !== null && c.text !== '');
}

/** Each column's labels from the top header row down, a blank filled from the left within its parent's span. */
function columnPaths(header: TableCell[][]): string[][] {
  const width = Math.max(...header.map((r) => r.length));
  const filled: string[][] = header.map(() => new Array<string>(width).fill(''));
  header.forEach((row, r) => {
    for (let c = 0; c < width; c++) {
      const own = row[c]?.text ?? '';
      if (own !== '') filled[r][c] = own;
      else if (c > 0 && (r === 0 || filled[r - 1][c] === filled[r - 1][c - 1]) && (r === 0 || filled[r - 1][c] !== '')) {
        // The parent spans this column too (or this is the top row): the label on the left goes on.
        filled[r][c] = filled[r][c - 1];
      }
    }
  });
  return Array.from({ length: width }, (_, c) => {
    const path: string[] = [];
    for (const row of filled) if (row[c] !== '' && row[c] !== path[path.length - 1]) path.push(row[c]);
    return path;
  });
}

/** The annex inside a table block, or null when the block is some other table. */
export function readAnnex(block: TableBlock): Annex | null {
  const rows = block.rows;
  let kinds: (FigureKind | 'name' | 'stt' | undefined)[];
  let first: number;
  let rowsAre: Annex['rowsAre'] = 'agency';
  if (block.annexOrder) {
    kinds = ['stt', 'name', ...ANNEX_ORDER];
    first = 0;
  } else {
    const start = rows.findIndex((r) => r.some((c) => /tiepnhan|nhangiaiquyet|^receivedtotal$/.test(foldKey(c.text))) && r.filter((c) => c.text).length >= 2);
    if (start < 0) return null;
    let end = start;
    while (end < rows.length && !(hasNumber(rows[end], 1) && !isColumnNumberRow(rows[end]))) end++;
    const header = rows.slice(start, end).filter((r) => !isColumnNumberRow(r));
    const paths = columnPaths(header);
    kinds = paths.map(columnKind);
    if (paths.some((p, c) => kinds[c] === 'name' && /linhvuc|^field$/.test(foldKey(p.join(' '))))) rowsAre = 'field';
    first = end;
  }
  const figureColumns = kinds.filter((k) => k && k !== 'name' && k !== 'stt').length;
  if (figureColumns < 3) return null;
  let nameColumn = kinds.indexOf('name');
  if (nameColumn < 0) nameColumn = kinds.findIndex((k) => k === undefined);
  const annex: Annex = { where: block.where, rowsAre, rows: [], slips: [], unreadable: [] };
  for (const cells of rows.slice(first)) {
    if (isColumnNumberRow(cells)) continue;
    const nameCell = cells[nameColumn] ?? cells.find((c) => c.text && !/^\d+$/.test(c.text));
    const name = nameCell?.text ?? '';
    const row: AnnexRow = { name, nameWhere: nameCell?.where ?? block.where, total: /^(tongso|tong|tongcong|cong)$/.test(foldKey(name)), values: {}, cells: {} };
    const figures = kinds.map((k, c) => [k, cells[c]] as const).filter(([k, cell]) => k && k !== 'name' && k !== 'stt' && cell);
    if (!figures.some(([, cell]) => cell!.text !== '')) {
      if (name !== '') annex.rows.push(row); // an agency without dossiers: named, no figures
      continue;
    }
    for (const [k, cell] of figures) {
      const parsed = parseCount(cell!.text);
      if (!parsed) {
        annex.unreadable.push(cell!);
        continue;
      }
      if (parsed.slip) annex.slips.push({ cell: cell!, slip: parsed.slip });
      row.values[k as FigureKind] = parsed.value;
      row.cells[k as FigureKind] = cell!;
    }
    if (row.total) annex.totalRow = row;
    else annex.rows.push(row);
  }
  return annex.rows.length > 0 || annex.totalRow ? annex : null;
}

/** part kinds that must add up to the whole kind. */
const IDENTITIES: [FigureKind, FigureKind[]][] = [
  ['received', ['new', 'carriedOver']],
  ['resolved', ['early', 'onTime', 'late']],
  ['pending', ['notDue', 'overdue']],
  ['received', ['resolved', 'pending']],
];

function rowLabel(row: AnnexRow): string {
  return row.total ? 'dòng tổng' : `"${row.name}"`;
}

/** Every row's arithmetic, the total row against the sum of the rows, and the cells that are not numbers. */
export function checkAnnex(annex: Annex): Finding[] {
  const findings: Finding[] = [];
  const all = annex.totalRow ? [...annex.rows, annex.totalRow] : annex.rows;
  for (const row of all) {
    for (const [whole, parts] of IDENTITIES) {
      const w = row.values[whole];
      if (w === undefined || parts.some((p) => row.values[p] === undefined)) continue;
      const sum = parts.reduce((s, p) => s + row.values[p]!, 0);
      if (sum === w) continue;
      findings.push({
        severity: 'error',
        rule: 'row-sum',
        where: row.cells[whole]!.where,
        written: `${KIND_LABELS[whole]} ${formatCount(w)}`,
        expected: formatCount(sum),
        reason: `${rowLabel(row)}: ${parts.map((p) => `${KIND_LABELS[p]} ${formatCount(row.values[p]!)}`).join(' + ')} = ${formatCount(sum)} (chênh lệch ${signed(w - sum)})`,
      });
    }
  }
  for (const row of all) {
    // Biểu 06 splits the new dossiers by channel (online; direct and postal) and gives no "new" column.
    const v = row.values;
    if (v.online === undefined || (v.direct === undefined && v.directPostal === undefined)) continue;
    const channels = v.online + (v.direct ?? 0) + (v.directPostal ?? 0) + (v.postal ?? 0);
    const [whole, expected] = v.new !== undefined ? (['new', v.new] as const) : v.received !== undefined && v.carriedOver !== undefined ? (['received', v.received - v.carriedOver] as const) : [undefined, 0];
    if (!whole || channels === expected) continue;
    findings.push({
      severity: 'error',
      rule: 'row-sum',
      where: row.cells.online!.where,
      written: `các kênh ${formatCount(channels)}`,
      expected: formatCount(expected),
      reason: `${rowLabel(row)}: số hồ sơ theo kênh cộng lại khác ${whole === 'new' ? 'số tiếp nhận mới' : 'tổng số tiếp nhận trừ số kỳ trước chuyển sang'} (chênh lệch ${signed(channels - expected)})`,
    });
  }
  const total = annex.totalRow;
  if (total) {
    for (const [kind, value] of Object.entries(total.values) as [FigureKind, number][]) {
      const sum = annex.rows.reduce((s, r) => s + (r.values[kind] ?? 0), 0);
      if (sum === value) continue;
      findings.push({
        severity: 'error',
        rule: 'total-sum',
        where: total.cells[kind]!.where,
        written: `tổng ${KIND_LABELS[kind]} ${formatCount(value)}`,
        expected: formatCount(sum),
        reason: `dòng tổng khác tổng các dòng (${annex.rows.length} dòng cộng lại được ${formatCount(sum)}; chênh lệch ${signed(value - sum)})`,
      });
    }
  }
  for (const cell of annex.unreadable) {
    findings.push({ severity: 'error', rule: 'number', where: cell.where, written: cell.text, reason: 'ô số liệu không phải một số hồ sơ (số nguyên)' });
  }
  if (annex.slips.length > 0) {
    const example = annex.slips[0];
    const value = parseCount(example.cell.text)!.value;
    findings.push({
      severity: 'note',
      rule: 'number-style',
      where: `${example.cell.where}${annex.slips.length > 1 ? ` và ${annex.slips.length - 1} ô khác` : ''}`,
      written: example.cell.text,
      expected: formatCount(value),
      reason: `số viết với ${example.slip === 'comma' ? 'dấu phẩy' : 'khoảng trắng'} ngăn cách hàng nghìn; đã đọc là ${formatCount(value)} (cách viết Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân)`,
    });
  }
  return findings;
}

export function signed(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : formatCount(n);
}
