// The "report" and "fonts" sections of hcc.config.json: validated here, each message naming the key,
// with neutral defaults so `hcc report` works without any config (and says what it left blank).
import { dirname, resolve } from 'node:path';
import { parseDateText } from '../core/dates.js';
import type { IsoDate } from '../core/types.js';
import { UserError } from '../errors.js';
import { ioReason } from '../io/io-errors.js';
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

const REPORT_KEYS = [...TEXT_KEYS, 'date', 'signer', 'recipients', 'sections'] as const;

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
 * Validates the "report" section (`section` is its raw value, `path` the config file for messages).
 * Later layers (e.g. the demo's report.config.json) can be merged with mergeReportSections first.
 */
export function parseReportConfig(section: unknown, path: string): ParsedReportConfig {
  const where = path;
  const report = defaultReportConfig();
  if (section !== undefined) {
    if (!isObject(section)) throw new UserError(`${where}: "report" phải là một đối tượng { … }`);
    for (const key of Object.keys(section)) {
      if (key.startsWith('//') || key.startsWith('$')) continue;
      if (!(REPORT_KEYS as readonly string[]).includes(key)) {
        throw new UserError(`${where}: khóa "report.${key}" không được hỗ trợ (các khóa: ${REPORT_KEYS.join(', ')})`);
      }
    }
    const str = (key: keyof ReportConfig): string | undefined => {
      const v = section[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v === 'number' && key === 'number') return String(v);
      if (typeof v !== 'string') throw new UserError(`${where}: "report.${key}" phải là chuỗi`);
      return v.normalize('NFC').trim();
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
        throw new UserError(`${where}: "report.date" không hợp lệ: ${parsed.ok ? 'thiếu ngày' : parsed.error} (dùng yyyy-mm-dd hoặc dd/mm/yyyy)`);
      }
      report.date = parsed.date;
    }
    if (section.signer !== undefined) report.signer = parseSigner(section.signer, where);
    if (section.recipients !== undefined) report.recipients = stringList(section.recipients, `${where}: "report.recipients"`);
    if (section.sections !== undefined) report.sections = parseSections(section.sections, where);
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

function parseSigner(value: unknown, where: string): ReportConfig['signer'] {
  if (!isObject(value)) throw new UserError(`${where}: "report.signer" phải là { "title": [ … ], "name": "…" }`);
  for (const key of Object.keys(value)) {
    if (key !== 'title' && key !== 'name' && !key.startsWith('//')) {
      throw new UserError(`${where}: khóa "report.signer.${key}" không được hỗ trợ (các khóa: title, name)`);
    }
  }
  let title: string[] = [];
  if (typeof value.title === 'string') title = [value.title.normalize('NFC').trim()];
  else if (value.title !== undefined) title = stringList(value.title, `${where}: "report.signer.title"`);
  if (value.name !== undefined && typeof value.name !== 'string') {
    throw new UserError(`${where}: "report.signer.name" phải là chuỗi`);
  }
  return { title: title.filter((t) => t !== ''), name: (value.name ?? '').normalize('NFC').trim() };
}

function parseSections(value: unknown, where: string): Record<string, SectionText> {
  if (!isObject(value)) {
    throw new UserError(`${where}: "report.sections" phải là { "I": [ "đoạn văn", … ], "III": …, "IV": …, "V": … }`);
  }
  const out: Record<string, SectionText> = {};
  for (const [id, v] of Object.entries(value)) {
    if (id.startsWith('//')) continue;
    const key = `report.sections.${id}`;
    if (typeof v === 'string') out[id] = { paragraphs: splitParagraphs(v) };
    else if (Array.isArray(v)) out[id] = { paragraphs: stringList(v, `${where}: "${key}"`) };
    else if (isObject(v)) {
      for (const k of Object.keys(v)) {
        if (k !== 'heading' && k !== 'paragraphs' && !k.startsWith('//')) {
          throw new UserError(`${where}: khóa "${key}.${k}" không được hỗ trợ (các khóa: heading, paragraphs)`);
        }
      }
      if (v.heading !== undefined && typeof v.heading !== 'string') throw new UserError(`${where}: "${key}.heading" phải là chuỗi`);
      const paragraphs =
        v.paragraphs === undefined ? [] : typeof v.paragraphs === 'string' ? splitParagraphs(v.paragraphs) : stringList(v.paragraphs, `${where}: "${key}.paragraphs"`);
      out[id] = { heading: v.heading?.normalize('NFC').trim(), paragraphs };
    } else {
      throw new UserError(`${where}: "${key}" phải là chuỗi hoặc danh sách đoạn văn (chuỗi)`);
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

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new UserError(`${what} phải là danh sách chuỗi [ "…", "…" ]`);
  }
  return (value as string[]).map((v) => v.normalize('NFC').trim()).filter((v) => v !== '');
}

/**
 * The "fonts" section: four TTF files (relative to the config file). Missing keys fall back to the
 * bundled Liberation Serif; a named file that does not exist is an error naming the key.
 */
export function parseFonts(value: unknown, configPath: string | null, bundled: FontFiles): FontFiles {
  if (value === undefined) return bundled;
  const where = configPath ?? 'hcc.config.json';
  if (!isObject(value)) {
    throw new UserError(`${where}: "fonts" phải là { "normal": "…ttf", "bold": "…", "italics": "…", "bolditalics": "…" }`);
  }
  const base = configPath ? dirname(configPath) : process.cwd();
  const out: FontFiles = { ...bundled };
  for (const key of Object.keys(value)) {
    if (key.startsWith('//')) continue;
    if (!(FONT_KEYS as readonly string[]).includes(key)) {
      throw new UserError(`${where}: khóa "fonts.${key}" không được hỗ trợ (các khóa: ${FONT_KEYS.join(', ')})`);
    }
    const v = value[key];
    if (typeof v !== 'string' || v.trim() === '') throw new UserError(`${where}: "fonts.${key}" phải là đường dẫn tệp phông chữ (chuỗi)`);
    const file = resolve(base, v);
    if (!/\.(ttf|otf)$/i.test(file)) throw new UserError(`${where}: "fonts.${key}": cần tệp .ttf hoặc .otf (${file})`);
    try {
      checkSmallFile(file, MAX_FONT_BYTES); // a FIFO, a device or a link to /dev/zero is refused here, before any reading
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`${where}: "fonts.${key}": không tìm thấy tệp phông chữ ${file}`);
      throw new UserError(`${where}: "fonts.${key}": không dùng được tệp phông chữ ${file}: ${ioReason(e)}`);
    }
    out[key as keyof FontFiles] = file;
  }
  return out;
}

/** Shallow-merges report sections: later layers win key by key (signer and sections replaced whole). */
export function mergeReportSections(...layers: unknown[]): unknown {
  let merged: Record<string, unknown> | undefined;
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (!isObject(layer)) return layer; // let parseReportConfig name the error
    merged = { ...(merged ?? {}), ...layer };
  }
  return merged;
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
