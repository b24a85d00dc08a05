// The "report" and "fonts" sections of hcc.config.json: validated here, each message naming the key,
// with neutral defaults so `hcc report` works without any config (and says what it left blank).
import { resolve } from 'node:path';
import { checkKeys, fail, isNote, isObject, NO_FILE, objectAt, stringAt, type Locator } from '../io/json-check.js';
import type { KeyPath } from '../io/jsonc.js';
import { parseDateText } from '../core/dates.js';
import type { IsoDate } from '../core/types.js';
import { UserError } from '../errors.js';
import { FileError, ioReason } from '../io/io-errors.js';
import { checkSmallFile, MB } from '../io/small-file.js';

/** A font file hcc accepts (a whole CJK family is about 20 MB; Times New Roman under 1 MB). */
export const MAX_FONT_BYTES = 32 * MB;

/** Standing text of one section: paragraphs, optionally with a heading that replaces the template's. */
export interface SectionText {
  heading?: string;
  paragraphs: string[];
}

export interface ReportConfig {
  province: string;
  place: string;
  parentAgency: string;
  issuingAgency: string;
  /** Name of the issuing office as the prose writes it ("Văn phòng UBND tỉnh"). */
  issuer: string;
  /** Name of the Center as the prose writes it. */
  center: string;
  symbol: string;
  number: string;
  date: IsoDate | null;
  title: string;
  legalBasis: string;
  signer: { title: string[]; name: string };
  recipients: string[];
  /** Receiving unit printed on the official form (Biểu 06). */
  formReceiver: string;
  /** Standing text by section id of the template ("I", "III", "IV", "V"; "II" is appended after the figures). */
  sections: Record<string, SectionText>;
  /** Add the Decision 766 progress figures: a paragraph (template figures i766.*) and the sheet "Chỉ số 766". */
  indicators766: boolean;
}

export interface FontFiles {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

/** Keys of "report" whose value is one line of text. */
const TEXT_KEYS = [
  'province',
  'place',
  'parentAgency',
  'issuingAgency',
  'issuer',
  'center',
  'symbol',
  'number',
  'title',
  'legalBasis',
  'formReceiver',
] as const;

const REPORT_KEYS = [...TEXT_KEYS, 'date', 'signer', 'recipients', 'sections', 'indicators766'] as const;

export const FONT_KEYS = ['normal', 'bold', 'italics', 'bolditalics'] as const;

/** Empty strings are "left blank"; the template and the renderers print a dotted gap or nothing. */
export function defaultReportConfig(): ReportConfig {
  return {
    province: '',
    place: '',
    parentAgency: '',
    issuingAgency: '',
    issuer: '',
    center: 'Trung tâm Phục vụ hành chính công',
    symbol: 'BC-VPUB',
    number: '',
    date: null,
    title: '',
    legalBasis: '',
    signer: { title: [], name: '' },
    recipients: [],
    formReceiver: '',
    sections: {},
    indicators766: false,
  };
}

export interface ParsedReportConfig {
  report: ReportConfig;
  /** Keys (as "report.x") that had no value and were left blank. */
  blank: string[];
}

/** Keys whose absence a user should hear about (the others have sensible defaults). */
const REPORTED_BLANKS: (keyof ReportConfig)[] = [
  'province',
  'place',
  'parentAgency',
  'issuingAgency',
  'issuer',
  'number',
  'date',
  'title',
  'legalBasis',
  'recipients',
];

/**
 * Validates the "report" section (`section` is its raw value; `where` says where each value is, for
 * the one line an error prints: file:line:column and the key).
 */
export function parseReportConfig(section: unknown, at: Locator | string = NO_FILE): ParsedReportConfig {
  const where = typeof at === 'string' ? { at: () => at } : at;
  const report = defaultReportConfig();
  if (section !== undefined) {
    const s = objectAt(where, ['report'], section, 'một đối tượng { … }');
    checkKeys(where, ['report'], s, REPORT_KEYS);
    const str = (key: keyof ReportConfig): string | undefined => {
      const v = s[key];
      if (typeof v === 'number' && key === 'number') return String(v);
      return stringAt(where, ['report', key], v)?.normalize('NFC').trim();
    };
    for (const key of TEXT_KEYS) {
      const v = str(key);
      if (v !== undefined) report[key] = v;
    }
    if (report.place === '' && report.province !== '') report.place = report.province;
    const date = str('date');
    if (date) {
      const parsed = parseDateText(date);
      if (!parsed.ok || parsed.date === null) {
        fail(where, ['report', 'date'], `không hợp lệ: ${parsed.ok ? 'thiếu ngày' : parsed.error} (dùng yyyy-mm-dd hoặc dd/mm/yyyy)`);
      }
      report.date = parsed.date;
    }
    if (s.signer !== undefined) report.signer = parseSigner(s.signer, where);
    if (s.recipients !== undefined) report.recipients = stringList(s.recipients, where, ['report', 'recipients']);
    if (s.sections !== undefined) report.sections = parseSections(s.sections, where);
    if (s.indicators766 !== undefined) {
      if (typeof s.indicators766 !== 'boolean') fail(where, ['report', 'indicators766'], 'phải là true hoặc false');
      report.indicators766 = s.indicators766;
    }
  }
  const blank: string[] = [];
  for (const key of REPORTED_BLANKS) {
    const v = report[key];
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) blank.push(`report.${key}`);
  }
  if (report.signer.title.length === 0) blank.push('report.signer.title');
  if (report.signer.name === '') blank.push('report.signer.name');
  return { report, blank };
}

function parseSigner(value: unknown, where: Locator): ReportConfig['signer'] {
  const path = ['report', 'signer'];
  const v = objectAt(where, path, value, '{ "title": [ … ], "name": "…" }');
  checkKeys(where, path, v, ['title', 'name']);
  let title: string[] = [];
  if (typeof v.title === 'string') title = [v.title.normalize('NFC').trim()];
  else if (v.title !== undefined) title = stringList(v.title, where, [...path, 'title']);
  const name = stringAt(where, [...path, 'name'], v.name) ?? '';
  return { title: title.filter((t) => t !== ''), name: name.normalize('NFC').trim() };
}

function parseSections(value: unknown, where: Locator): Record<string, SectionText> {
  const sections = objectAt(where, ['report', 'sections'], value, '{ "I": [ "đoạn văn", … ], "III": …, "IV": …, "V": … }');
  const out: Record<string, SectionText> = {};
  for (const [id, v] of Object.entries(sections)) {
    if (isNote(id)) continue;
    const path = ['report', 'sections', id];
    if (typeof v === 'string') out[id] = { paragraphs: splitParagraphs(v) };
    else if (Array.isArray(v)) out[id] = { paragraphs: stringList(v, where, path) };
    else if (isObject(v)) {
      checkKeys(where, path, v, ['heading', 'paragraphs']);
      const heading = stringAt(where, [...path, 'heading'], v.heading);
      const paragraphs =
        v.paragraphs === undefined ? [] : typeof v.paragraphs === 'string' ? splitParagraphs(v.paragraphs) : stringList(v.paragraphs, where, [...path, 'paragraphs']);
      out[id] = { heading: heading?.normalize('NFC').trim(), paragraphs };
    } else {
      fail(where, path, 'phải là chuỗi hoặc danh sách đoạn văn (chuỗi)');
    }
  }
  return out;
}

function splitParagraphs(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

function stringList(value: unknown, where: Locator, path: KeyPath): string[] {
  if (!Array.isArray(value)) fail(where, path, 'phải là danh sách chuỗi [ "…", "…" ]');
  const bad = value.findIndex((v) => typeof v !== 'string');
  if (bad >= 0) fail(where, [...path, bad], 'phải là chuỗi');
  return (value as string[]).map((v) => v.normalize('NFC').trim()).filter((v) => v !== '');
}

/**
 * The "fonts" section as the config gives it: up to four TTF or OTF files, paths relative to the
 * config file (`base`). Checked for shape when the config is read; the files themselves when a PDF is
 * made (fontFiles), so a missing font never stops `hcc table`.
 */
export function parseFonts(value: unknown, base: string, where: Locator = NO_FILE): Partial<FontFiles> {
  const fonts = objectAt(where, ['fonts'], value, '{ "normal": "…ttf", "bold": "…", "italics": "…", "bolditalics": "…" }');
  checkKeys(where, ['fonts'], fonts, FONT_KEYS);
  const out: Partial<FontFiles> = {};
  for (const key of FONT_KEYS) {
    const v = stringAt(where, ['fonts', key], fonts[key], 'đường dẫn tệp phông chữ (chuỗi)');
    if (v === undefined) continue;
    if (v.trim() === '') fail(where, ['fonts', key], 'phải là đường dẫn tệp phông chữ (chuỗi)');
    const file = resolve(base, v);
    if (!/\.(ttf|otf)$/i.test(file)) fail(where, ['fonts', key], `cần tệp .ttf hoặc .otf (${file})`);
    out[key] = file;
  }
  return out;
}

/**
 * The four font files a PDF is drawn with: the configured ones over the bundled ones, each checked to
 * be a regular file within the size limit (a FIFO, a device or a link to /dev/zero is refused here,
 * before any reading). `where` names the config file for the message.
 */
export function fontFiles(configured: Partial<FontFiles>, bundled: FontFiles, where: string): FontFiles {
  const out: FontFiles = { ...bundled, ...configured };
  for (const key of FONT_KEYS) {
    const file = configured[key];
    if (file === undefined) continue;
    try {
      checkSmallFile(file, MAX_FONT_BYTES);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`${where}: "fonts.${key}": không tìm thấy tệp phông chữ ${file}`);
      throw new UserError(`${where}: "fonts.${key}": không dùng được tệp phông chữ ${file}: ${e instanceof FileError ? e.reason : ioReason(e)}`);
    }
  }
  return out;
}
