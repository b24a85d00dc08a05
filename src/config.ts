// hcc.config.json: found in the working directory or given with --config. JSON with // and /* */
// comments allowed, so `hcc init` can explain every key in place.
import { resolve } from 'node:path';
import { AgencyList, type AgencyEntry } from './core/agencies.js';
import { UserError } from './errors.js';
import { ioReason } from './io/io-errors.js';
import { MB, readSmallText } from './io/small-file.js';
import { CANONICAL_FIELDS, type CanonicalField } from './readers/types.js';

export const CONFIG_FILE_NAME = 'hcc.config.json';
/** A config is a page or two of JSON; an agency list with every alias is still far below this. */
export const MAX_CONFIG_BYTES = 4 * MB;

/** Top-level keys; each feature validates its own section (see configSection). */
export const KNOWN_KEYS = ['agencies', 'columns', 'store', 'source', 'report', 'fonts', 'rules', 'cutoff'] as const;

export interface LoadedConfig {
  /** Absolute path of the file, or null when no config file was found. */
  path: string | null;
  data: Record<string, unknown>;
  agencies: AgencyList;
  columns: Record<string, CanonicalField>;
}

export function loadConfig(explicitPath?: string, cwd = process.cwd()): LoadedConfig {
  const path = explicitPath ? resolve(cwd, explicitPath) : resolve(cwd, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = readSmallText(path, MAX_CONFIG_BYTES);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      if (explicitPath) throw new UserError(`không tìm thấy tệp cấu hình ${explicitPath} (tạo bằng: hcc init)`);
      return { path: null, data: {}, agencies: new AgencyList([]), columns: {} };
    }
    throw new UserError(`không đọc được tệp cấu hình ${path}: ${ioReason(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(stripJsonComments(text));
  } catch (e) {
    throw new UserError(`${path}: không phải JSON hợp lệ (${(e as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError(`${path}: tệp cấu hình phải là một đối tượng JSON { … }`);
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(KNOWN_KEYS as readonly string[]).includes(key) && !key.startsWith('$') && !key.startsWith('//')) {
      throw new UserError(`${path}: khóa "${key}" không được hỗ trợ (các khóa: ${KNOWN_KEYS.join(', ')})`);
    }
  }
  return { path, data: record, agencies: parseAgencies(path, record.agencies), columns: parseColumns(path, record.columns) };
}

function parseAgencies(path: string, value: unknown): AgencyList {
  if (value === undefined) return new AgencyList([]);
  if (!Array.isArray(value)) throw new UserError(`${path}: "agencies" phải là danh sách cơ quan theo thứ tự STT`);
  const entries: AgencyEntry[] = value.map((item, i) => {
    if (typeof item === 'string' && item.trim()) return { name: item };
    if (typeof item === 'object' && item !== null && typeof (item as AgencyEntry).name === 'string') {
      const aliases = (item as AgencyEntry).aliases ?? [];
      if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string')) {
        throw new UserError(`${path}: "agencies[${i}].aliases" phải là danh sách tên (chuỗi)`);
      }
      return { name: (item as AgencyEntry).name, aliases };
    }
    throw new UserError(`${path}: "agencies[${i}]" phải là tên cơ quan hoặc { "name": …, "aliases": [ … ] }`);
  });
  try {
    return new AgencyList(entries);
  } catch (e) {
    throw new UserError(`${path}: "agencies": ${(e as Error).message}`);
  }
}

function parseColumns(path: string, value: unknown): Record<string, CanonicalField> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError(`${path}: "columns" phải là { "tên cột trong tệp": "trường chuẩn" }`);
  }
  const out: Record<string, CanonicalField> = {};
  for (const [header, field] of Object.entries(value)) {
    if (!(CANONICAL_FIELDS as readonly string[]).includes(String(field))) {
      throw new UserError(
        `${path}: "columns.${header}" = "${String(field)}" không phải trường chuẩn (${CANONICAL_FIELDS.join(', ')})`,
      );
    }
    out[header] = field as CanonicalField;
  }
  return out;
}

/** The section a feature owns, checked to be an object. */
export function configSection(config: LoadedConfig, key: (typeof KNOWN_KEYS)[number]): Record<string, unknown> {
  const value = config.data[key];
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError(`${config.path}: "${key}" phải là một đối tượng { … }`);
  }
  return value as Record<string, unknown>;
}

/** Removes // and /* *\/ comments outside strings. */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, ++i);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
