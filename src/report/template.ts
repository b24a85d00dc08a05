// Report templates are data (JSON in report-templates/): text with named placeholders {received.total},
// light emphasis (**bold**, *italic*), and table layouts. Everything is checked when the file is
// loaded, so an unknown placeholder can never reach a printed document.
import { GROUP_BY, type GroupBy } from '../core/types.js';
import { UserError } from '../errors.js';
import { readJsonc } from '../io/jsonc.js';
import { MB } from '../io/small-file.js';
import BUNDLED_REPORT from '../../report-templates/bc-vpub.json' with { type: 'json' };
import { COUNT_VALUES, TEXT_VALUES, type ColumnNode, type ColumnValue } from './columns.js';
import { readDatedTexts, type DatedText } from './dated.js';
import { ConditionError, conditionNames, resolveConditions, withoutConditions } from './conditions.js';
import { FIGURE_NAMES, type Figures, type Segment } from './figures.js';

export interface Paragraph {
  text: string;
  /** Printed only when this figure is present (non-zero count, non-empty list). */
  when?: string;
}

export interface SectionTemplate {
  id: string;
  heading: string;
  /** Generated paragraphs (with placeholders); the config's "report.sections.<id>" text follows them. */
  paragraphs: Paragraph[];
}

export interface TableTemplate {
  label?: string;
  title: string;
  lines: string[];
  unit?: string;
  columns: ColumnNode[];
  totalLabel: string;
  /** A row "(1) (2) …" under the header, as official forms have. */
  numbered: boolean;
}

export interface ReportTemplate {
  kind: 'report';
  file: string;
  rankCount: number;
  defaults: { title: string; legalBasis: DatedText[] };
  /** Printed under the annex (how shares are computed, …), before the config's own footnotes. */
  footnotes: string[];
  sections: SectionTemplate[];
  closing: string;
  annex: TableTemplate;
}

export interface FormTemplate extends TableTemplate {
  kind: 'form';
  code: string;
  sheetName: string;
  groupBy: GroupBy;
}

export type AnyTemplate = ReportTemplate | FormTemplate;

const [PLACEHOLDER_RE, MODIFIERS] = [/\{([^{}]*)\}/g, ['upper', 'lower'] as const];

/** Names used in a text (placeholders and conditions) that are not known figures (with their modifier checked). */
function unknownPlaceholders(text: string): string[] {
  const bad = conditionNames(text).filter((n) => !FIGURE_NAMES.includes(n)).map((n) => `{#if ${n}}`);
  for (const m of withoutConditions(text).replace(/\{\{|\}\}/g, '').matchAll(PLACEHOLDER_RE)) {
    const [name, modifier] = m[1].split('|').map((s) => s.trim());
    if (!FIGURE_NAMES.includes(name) || (modifier !== undefined && !(MODIFIERS as readonly string[]).includes(modifier))) bad.push(`{${m[1]}}`);
  }
  return bad;
}

/** Throws a message naming where the text lives and the first unknown placeholder or broken condition. */
export function checkPlaceholders(text: string, where: string): void {
  let bad: string[];
  try {
    bad = unknownPlaceholders(text);
  } catch (e) {
    throw e instanceof ConditionError ? new UserError(`${where}: ${e.message}`) : e;
  }
  if (bad.length > 0) {
    throw new UserError(`${where}: chỗ điền ${bad[0]} không có (tên dùng được: ${FIGURE_NAMES.map((n) => `{${n}}`).join(', ')})`);
  }
}

/** A template is a few pages of JSON text. */
const MAX_TEMPLATE_BYTES = 4 * MB;

export function loadTemplate(file: string): AnyTemplate {
  let raw: unknown;
  try {
    raw = readJsonc(file, MAX_TEMPLATE_BYTES).value;
  } catch (e) {
    if ((e as { cause?: NodeJS.ErrnoException }).cause?.code === 'ENOENT') throw new UserError(`không tìm thấy tệp mẫu ${file}`);
    throw e;
  }
  return parseTemplate(file, raw);
}

/** Checks and reads a template already parsed from JSON; `file` names it in messages. */
function parseTemplate(file: string, raw: unknown): AnyTemplate {
  const t = new Reader(file, raw);
  const kind = t.string('kind');
  if (kind === 'report') return parseReport(t);
  if (kind === 'form') return parseForm(t);
  throw new UserError(`${file}: "kind" phải là "report" (báo cáo) hoặc "form" (biểu mẫu)`);
}

let bundledAnnex: ColumnNode[] | undefined;

/**
 * The annex column tree of the bundled report template, the one description of the annex's columns:
 * a table workbook made without a template (`hcc export --format xlsx`) is laid out from it.
 */
export function bundledAnnexColumns(): ColumnNode[] {
  bundledAnnex ??= (parseTemplate('report-templates/bc-vpub.json', BUNDLED_REPORT) as ReportTemplate).annex.columns;
  return bundledAnnex;
}

/** The keys of a table (the report's annex, a form), besides a form's own. */
const TABLE_KEYS = ['label', 'title', 'lines', 'unit', 'columns', 'totalLabel', 'numbered'];

function parseReport(t: Reader): ReportTemplate {
  t.onlyKeys(['kind', 'rankCount', 'defaults', 'footnotes', 'sections', 'closing', 'annex']);
  const sections = t.list('sections').map((s, i) => {
    const r = t.child(s, `sections[${i}]`);
    r.onlyKeys(['id', 'heading', 'paragraphs']);
    return {
      id: r.string('id'),
      heading: r.text('heading'),
      paragraphs: r.optionalList('paragraphs').map((p, j) => paragraph(r, p, `paragraphs[${j}]`)),
    };
  });
  const [defaults, annex] = [t.child(t.get('defaults'), 'defaults'), t.child(t.get('annex'), 'annex')];
  defaults.onlyKeys(['title', 'legalBasis']);
  annex.onlyKeys(TABLE_KEYS);
  return {
    kind: 'report',
    file: t.file,
    rankCount: t.optionalNumber('rankCount') ?? 7,
    defaults: {
      title: defaults.text('title'),
      legalBasis: readDatedTexts(defaults.get('legalBasis'), `${t.file}: "defaults.legalBasis"`, (x, k) => defaults.checkedText(x, `legalBasis${k}`)),
    },
    footnotes: t.optionalList('footnotes').map((f, i) => t.checkedText(f, `footnotes[${i}]`)),
    sections,
    closing: t.text('closing'),
    annex: tableTemplate(annex),
  };
}

function parseForm(t: Reader): FormTemplate {
  t.onlyKeys(['kind', 'code', 'sheetName', 'groupBy', ...TABLE_KEYS]);
  const groupBy = t.optionalString('groupBy') ?? 'field';
  if (!(GROUP_BY as readonly string[]).includes(groupBy)) throw new UserError(`${t.file}: "groupBy" phải là một trong ${GROUP_BY.join(', ')}`);
  return {
    kind: 'form',
    code: t.text('code'),
    sheetName: sheetName(t),
    groupBy: groupBy as GroupBy,
    ...tableTemplate(t),
  };
}

/** Excel's limits on sheet names: 1–31 characters, none of : \\ / ? * [ ]. */
function sheetName(t: Reader): string {
  const name = t.string('sheetName').trim();
  if (name.length > 31 || /[:\\/?*[\]]/.test(name)) {
    throw new UserError(`${t.file}: "sheetName" = "${name}" không dùng được làm tên trang tính (tối đa 31 ký tự, không có : \\ / ? * [ ])`);
  }
  return name;
}

function tableTemplate(t: Reader): TableTemplate {
  const columns = t.list('columns').map((c, i) => column(t, c, `columns[${i}]`));
  if (!leafValues(columns).includes('name')) throw new UserError(`${t.file}: "${t.path}columns" cần một cột có "value": "name"`);
  return {
    label: t.optionalText('label'),
    title: t.text('title'),
    lines: t.optionalList('lines').map((l, i) => t.checkedText(l, `lines[${i}]`)),
    unit: t.optionalText('unit'),
    columns,
    totalLabel: t.optionalText('totalLabel') ?? 'Tổng số',
    numbered: t.optionalBool('numbered') ?? false,
  };
}

function leafValues(nodes: ColumnNode[]): ColumnValue[] {
  return nodes.flatMap((n) => (n.children?.length ? leafValues(n.children) : [n.value!]));
}

function column(t: Reader, raw: unknown, key: string): ColumnNode {
  const r = t.child(raw, key);
  r.onlyKeys(['header', 'children', 'value', 'width', 'pdfWidth']);
  const header = r.string('header');
  const children = r.optionalList('children');
  if (children.length > 0) return { header, children: children.map((c, i) => column(r, c, `children[${i}]`)) };
  const value = r.string('value');
  const known = [...TEXT_VALUES, ...Object.keys(COUNT_VALUES)];
  if (!known.includes(value)) {
    throw new UserError(`${t.file}: "${r.path}value" = "${value}" không có (dùng: ${known.join(', ')})`);
  }
  const pdfWidth = r.get('pdfWidth');
  if (pdfWidth !== undefined && pdfWidth !== '*' && typeof pdfWidth !== 'number') {
    throw new UserError(`${t.file}: "${r.path}pdfWidth" phải là số (điểm) hoặc "*"`);
  }
  return { header, value: value as ColumnValue, width: r.optionalNumber('width'), pdfWidth: pdfWidth as number | '*' | undefined };
}

function paragraph(t: Reader, raw: unknown, key: string): Paragraph {
  if (typeof raw === 'string') return { text: t.checkedText(raw, key) };
  const r = t.child(raw, key);
  r.onlyKeys(['when', 'text']);
  const when = r.optionalString('when');
  if (when !== undefined && !FIGURE_NAMES.includes(when)) {
    throw new UserError(`${t.file}: "${r.path}when" = "${when}" không phải tên số liệu (tên dùng được: ${FIGURE_NAMES.join(', ')})`);
  }
  return { text: r.text('text'), when };
}

/** Small typed reader over the raw JSON that names file and key in every message. */
class Reader {
  constructor(
    readonly file: string,
    private readonly data: unknown,
    readonly path = '',
  ) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new UserError(`${file}: ${path ? `"${path.replace(/\.$/, '')}"` : 'tệp mẫu'} phải là một đối tượng { … }`);
    }
  }
  get = (key: string): unknown => (this.data as Record<string, unknown>)[key];
  child(raw: unknown, key: string): Reader {
    return new Reader(this.file, raw, `${this.path}${key}.`);
  }
  /**
   * Refuses a key the template format does not have: a misspelt one ("closng") would otherwise be
   * ignored without a word. Keys starting with "//" (comments) or "$" ("$schema") are free.
   */
  onlyKeys(keys: readonly string[]): void {
    for (const key of Object.keys(this.data as object)) {
      if (!keys.includes(key) && !key.startsWith('//') && !key.startsWith('$')) {
        throw new UserError(`${this.file}: khóa "${this.path}${key}" không được hỗ trợ (các khóa: ${keys.join(', ')})`);
      }
    }
  }
  private fail(key: string, what: string): never {
    throw new UserError(`${this.file}: "${this.path}${key}" ${what}`);
  }
  string(key: string): string {
    const v = this.get(key);
    if (typeof v !== 'string' || v.trim() === '') this.fail(key, 'phải là chuỗi (không để trống)');
    return v.normalize('NFC');
  }
  optionalString = (key: string): string | undefined => (this.get(key) === undefined ? undefined : this.string(key));
  /** A string whose placeholders are checked. */
  text(key: string): string {
    return this.checkedText(this.string(key), key);
  }
  optionalText = (key: string): string | undefined => (this.get(key) === undefined ? undefined : this.text(key));
  checkedText(raw: unknown, key: string): string {
    if (typeof raw !== 'string') this.fail(key, 'phải là chuỗi');
    checkPlaceholders(raw, `${this.file}: "${this.path}${key}"`);
    return raw.normalize('NFC');
  }
  optionalNumber(key: string): number | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) this.fail(key, 'phải là số không âm');
    return v;
  }
  optionalBool(key: string): boolean | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(key, 'phải là true hoặc false');
    return v;
  }
  list(key: string): unknown[] {
    const v = this.get(key);
    return Array.isArray(v) && v.length > 0 ? v : this.fail(key, 'phải là danh sách [ … ] không rỗng');
  }
  optionalList(key: string): unknown[] {
    const v = this.get(key);
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.fail(key, 'phải là danh sách [ … ]');
    return v;
  }
}

// --- Filling -----------------------------------------------------------------------------------

/**
 * Expands a text into styled segments: `**bold**` and `*italic*` marks come from the template only
 * (figure values are never read as marks), `{{` and `}}` are literal braces, `\*` a literal star.
 */
export function fillRich(template: string, figures: Figures): Segment[] {
  const text = resolveConditions(template, figures);
  const out: Segment[] = [];
  let bold = false;
  let italics = false;
  let buf = '';
  const flush = () => {
    if (buf) out.push(...substitute(buf, figures, bold, italics));
    buf = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '*') {
      buf += '*';
      i++;
    } else if (c === '*' && text[i + 1] === '*') {
      flush();
      bold = !bold;
      i++;
    } else if (c === '*') {
      flush();
      italics = !italics;
    } else {
      buf += c;
    }
  }
  flush();
  return merge(out);
}

/** Plain text of a filled template string (marks dropped). */
export function fillText(text: string, figures: Figures): string {
  return fillRich(text, figures)
    .map((s) => s.text)
    .join('');
}

function substitute(text: string, figures: Figures, bold: boolean, italics: boolean): Segment[] {
  const out: Segment[] = [];
  const style = (s: Segment): Segment => ({ text: s.text, ...(bold || s.bold ? { bold: true } : {}), ...(italics || s.italics ? { italics: true } : {}) });
  let last = 0;
  const literal = (s: string) => {
    if (s) out.push(style({ text: s.replace(/\{\{/g, '{').replace(/\}\}/g, '}') }));
  };
  const re = /\{\{|\}\}|\{([^{}]*)\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] === undefined) continue; // escaped brace, kept in the literal run
    literal(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [name, modifier] = m[1].split('|').map((s) => s.trim());
    const figure = figures[name];
    if (!figure) throw new Error(`placeholder {${name}} has no value`); // loading checked the names: a bug
    if (modifier === 'upper') out.push(style({ text: figure.text.toLocaleUpperCase('vi') }));
    else if (modifier === 'lower') out.push(style({ text: lowerFirst(figure.text) }));
    else for (const s of figure.rich ?? [{ text: figure.text }]) out.push(style(s));
  }
  literal(text.slice(last));
  return out;
}

/** "Tình hình…" → "tình hình…", but an acronym stays ("UBND tỉnh…"). */
function lowerFirst(text: string): string {
  const second = text.charAt(1);
  if (second && second === second.toLocaleUpperCase('vi') && second !== second.toLocaleLowerCase('vi')) return text;
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out[out.length - 1];
    if (prev && Boolean(prev.bold) === Boolean(s.bold) && Boolean(prev.italics) === Boolean(s.italics)) prev.text += s.text;
    else if (s.text) out.push({ ...s });
  }
  return out;
}
