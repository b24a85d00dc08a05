// hcc.config.json, read once into one typed object: found in the working directory or given with
// --config; JSON with comments and trailing commas (hcc init explains every key in place). Every
// section is checked when the file is read, so a typo in "source" or "fonts" stops the first command,
// not the one that uses it; each error names file:line:column and the key.
import { dirname, resolve } from 'node:path';
import { AgencyList, type AgencyEntry } from './core/agencies.js';
import type { Cutoff } from './core/periods.js';
import type { Channel, WithdrawnPolicy } from './core/types.js';
import { UserError } from './errors.js';
import { choiceAt, didYouMean, fail, isObject, NO_FILE, objectAt, stringAt, checkKeys, type Locator } from './io/json-check.js';
import { readJsonc, type JsonDoc, type KeyPath } from './io/jsonc.js';
import { MB } from './io/small-file.js';
import { CANONICAL_FIELDS, type CanonicalField } from './readers/types.js';
import type { SourceConfig, SourceSettings } from './sources/source.js';
import { parseCalendarConfig, parseTimeLimits, type CalendarConfig } from './calendar-config.js';
import { parseFonts, parseReportConfig, type FontFiles, type ParsedReportConfig } from './report/config.js';

export const CONFIG_FILE_NAME = 'hcc.config.json';
/** A config is a page or two of JSON; an agency list with every alias is still far below this. */
export const MAX_CONFIG_BYTES = 4 * MB;

export const KNOWN_KEYS = ['agencies', 'columns', 'store', 'source', 'report', 'fonts', 'rules', 'cutoff', 'calendar', 'timeLimits'] as const;
const CUTOFFS: readonly Cutoff[] = ['calendar', 'decree09'];
const WITHDRAWN: readonly WithdrawnPolicy[] = ['exclude', 'on-time'];
const CHANNELS: readonly Channel[] = ['direct', 'online', 'postal'];

export interface LoadedConfig extends SourceSettings {
  /** Absolute path of the file, or null when no config file was found. */
  path: string | null;
  /** The document as read (sections not yet typed here are read from it). */
  data: Record<string, unknown>;
  agencies: AgencyList;
  /** Header → canonical field, for export files. */
  columns: Record<string, CanonicalField>;
  /** The period cut-off the config asks for (the command line can override it). */
  cutoff?: Cutoff;
  rules: { withdrawn?: WithdrawnPolicy };
  /** The store file, absolute (relative paths are relative to the config file). */
  store?: string;
  source: SourceConfig;
  /** Font files named by the config, absolute; checked when a PDF is made. */
  fonts: Partial<FontFiles>;
  report: ParsedReportConfig;
  /** Days off and Saturdays worked added to the shipped calendar (announced after hcc was released). */
  calendar: CalendarConfig;
  /** Time limits in working days by procedure code or name (when the export has no such column). */
  timeLimits: Record<string, number>;
}

export interface LoadOptions {
  cwd?: string;
  /**
   * A second file laid over the config (the demo's report settings): its top-level keys win, and
   * "report" is merged key by key. Errors in it name that file.
   */
  overlay?: string;
}

/** An empty config: what hcc uses when there is no file. */
export function emptyConfig(): LoadedConfig {
  return configFrom({});
}

/** A config from a document already in memory (tests, embedding), checked like a file. */
export function configFrom(data: Record<string, unknown>, base = process.cwd()): LoadedConfig {
  checkKeys(NO_FILE, [], data, KNOWN_KEYS);
  return parseSections(null, data, NO_FILE, base);
}

export function loadConfig(explicitPath?: string, options: LoadOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const path = explicitPath ? resolve(cwd, explicitPath) : resolve(cwd, CONFIG_FILE_NAME);
  let doc: JsonDoc | null = null;
  try {
    doc = readJsonc(path, MAX_CONFIG_BYTES);
  } catch (e) {
    const missing = (e as { cause?: NodeJS.ErrnoException }).cause?.code === 'ENOENT';
    if (!missing) throw e;
    if (explicitPath) throw new UserError(`không tìm thấy tệp cấu hình ${explicitPath} (tạo bằng: hcc init)`);
  }
  const overlay = options.overlay ? readJsonc(options.overlay, MAX_CONFIG_BYTES) : null;
  if (!doc && !overlay) return emptyConfig();
  const where = doc ?? NO_FILE;
  const data = doc ? topObject(doc) : {};
  const over = overlay ? topObject(overlay) : {};
  // Each value is located in the file it came from.
  const located: Locator = {
    at(p: KeyPath) {
      const fromOverlay = overlay && p.length > 0 && p[0] in over && (p[0] !== 'report' || p.length < 2 || (isObject(over.report) && String(p[1]) in over.report));
      return (fromOverlay ? overlay : where).at(p);
    },
  };
  const merged: Record<string, unknown> = { ...data, ...over };
  if (isObject(data.report) && isObject(over.report)) merged.report = { ...data.report, ...over.report };
  return parseSections(path && doc ? path : null, merged, located, doc ? dirname(path) : cwd);
}

function topObject(doc: JsonDoc): Record<string, unknown> {
  if (!isObject(doc.value)) throw new UserError(`${doc.at([])}: tệp cấu hình phải là một đối tượng JSON { … }`);
  checkKeys(doc, [], doc.value, KNOWN_KEYS);
  return doc.value;
}

function parseSections(path: string | null, data: Record<string, unknown>, where: Locator, base: string): LoadedConfig {
  const rules = objectAt(where, ['rules'], data.rules, 'một đối tượng { "withdrawn": … }');
  checkKeys(where, ['rules'], rules, ['withdrawn']);
  return {
    path,
    data,
    agencies: parseAgencies(data.agencies, where),
    columns: parseColumns(data.columns, where),
    cutoff: choiceAt(where, ['cutoff'], data.cutoff, CUTOFFS),
    rules: { withdrawn: choiceAt(where, ['rules', 'withdrawn'], rules.withdrawn, WITHDRAWN) },
    store: parseStore(data.store, where, base),
    source: parseSource(data.source, where),
    fonts: data.fonts === undefined ? {} : parseFonts(data.fonts, base, where),
    report: parseReportConfig(data.report, where),
    calendar: parseCalendarConfig(data.calendar, where),
    timeLimits: parseTimeLimits(data.timeLimits, where),
  };
}

function parseAgencies(value: unknown, where: Locator): AgencyList {
  if (value === undefined) return new AgencyList([]);
  if (!Array.isArray(value)) fail(where, ['agencies'], 'phải là danh sách cơ quan theo thứ tự STT');
  const entries: AgencyEntry[] = value.map((item, i) => {
    if (typeof item === 'string' && item.trim()) return { name: item };
    if (isObject(item) && typeof item.name === 'string' && item.name.trim()) {
      checkKeys(where, ['agencies', i], item, ['name', 'aliases']);
      const aliases = item.aliases ?? [];
      if (!Array.isArray(aliases)) fail(where, ['agencies', i, 'aliases'], 'phải là danh sách tên (chuỗi)');
      const bad = aliases.findIndex((a) => typeof a !== 'string');
      if (bad >= 0) fail(where, ['agencies', i, 'aliases', bad], 'phải là tên (chuỗi)');
      return { name: item.name, aliases: aliases as string[] };
    }
    return fail(where, ['agencies', i], 'phải là tên cơ quan hoặc { "name": …, "aliases": [ … ] }');
  });
  try {
    return new AgencyList(entries);
  } catch (e) {
    return fail(where, ["agencies"], `không hợp lệ: ${(e as Error).message}`);
  }
}

function parseColumns(value: unknown, where: Locator): Record<string, CanonicalField> {
  const columns = objectAt(where, ['columns'], value, '{ "tên cột trong tệp": "trường chuẩn" }');
  const out: Record<string, CanonicalField> = {};
  for (const [header, field] of Object.entries(columns)) {
    out[header] = canonicalField(field, where, ['columns', header]);
  }
  return out;
}

function canonicalField(value: unknown, where: Locator, path: KeyPath): CanonicalField {
  if (typeof value === 'string' && (CANONICAL_FIELDS as readonly string[]).includes(value)) return value as CanonicalField;
  const guess = typeof value === 'string' ? didYouMean(value, CANONICAL_FIELDS) : undefined;
  return fail(where, path, `= ${JSON.stringify(value)} không phải trường chuẩn${guess ? `; có phải "${guess}"?` : ''} (${CANONICAL_FIELDS.join(', ')})`);
}

/** "store": a path, or { "path": … }, relative to the config file. */
function parseStore(value: unknown, where: Locator, base: string): string | undefined {
  if (value === undefined) return undefined;
  const path = isObject(value) ? (checkKeys(where, ['store'], value, ['path']), value.path) : value;
  if (typeof path !== 'string' || path.trim() === '') {
    fail(where, isObject(value) ? ['store', 'path'] : ['store'], 'phải là đường dẫn tệp kho dữ liệu, ví dụ "store": "du-lieu/hcc.sqlite"');
  }
  return resolve(base, path);
}

function parseSource(value: unknown, where: Locator): SourceConfig {
  const s = objectAt(where, ['source'], value, 'một đối tượng { "table": …, "columns": { … } }');
  checkKeys(where, ['source'], s, ['table', 'columns', 'status', 'channel']);
  const columns: SourceConfig['columns'] = {};
  for (const [field, column] of Object.entries(objectAt(where, ['source', 'columns'], s.columns, '{ "trường chuẩn": "TênCột" }'))) {
    const f = canonicalField(field, where, ['source', 'columns', field]);
    columns[f] = stringAt(where, ['source', 'columns', field], column, 'tên cột (chuỗi)');
  }
  const status: Record<string, number> = {};
  for (const [raw, code] of Object.entries(objectAt(where, ['source', 'status'], s.status, '{ "giá trị trong bảng": mã 1–10 }'))) {
    const n = Number(code);
    if (!Number.isInteger(n) || n < 1 || n > 10) fail(where, ['source', 'status', raw], 'phải là mã trạng thái quốc gia 1–10');
    status[raw] = n;
  }
  const channel: Record<string, Channel> = {};
  for (const [raw, ch] of Object.entries(objectAt(where, ['source', 'channel'], s.channel, '{ "giá trị trong bảng": "direct" | "online" | "postal" }'))) {
    channel[raw] = choiceAt(where, ['source', 'channel', raw], ch, CHANNELS)!;
  }
  return { table: stringAt(where, ['source', 'table'], s.table, 'tên bảng (chuỗi)'), columns, status, channel };
}
