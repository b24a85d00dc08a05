// Checking the values of a JSON document (config, templates) against what hcc expects, each failure one
// line naming file:line:column and the key ("report.signer.name"), with "có phải …?" for a mistyped key.
import { UserError } from '../errors.js';
import type { JsonDoc, KeyPath } from './jsonc.js';

/** Where values come from: the document (for positions), or nothing (defaults, tests). */
export interface Locator {
  at(path: KeyPath): string;
}

export const NO_FILE: Locator = { at: () => 'hcc.config.json' };

export function locatorOf(doc: JsonDoc | null): Locator {
  return doc ?? NO_FILE;
}

/** "report.signer.name", "agencies[3].aliases". */
export function keyName(path: KeyPath): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');
}

/** Throws the one line: `file:line:col: "key" <what>`. */
export function fail(where: Locator, path: KeyPath, what: string): never {
  throw new UserError(`${where.at(path)}: "${keyName(path)}" ${what}`);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys starting with // or $ are notes (comments before JSONC, "$schema"): never errors. */
export function isNote(key: string): boolean {
  return key.startsWith('//') || key.startsWith('$');
}

/** Edits between two words, a swap of two neighbouring letters counting as one ("tabel" → "table"). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known key a mistyped one was meant to be, if one is close ("reprot" → "report", "Agencies" → "agencies"). */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase().replace(/[\s_-]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const c = candidate.toLowerCase().replace(/[\s_-]/g, '');
    // A word cut short ("due" for "due_at") is as close as a typo.
    const d = k.length >= 3 && c.startsWith(k) ? 1 : distance(k, c);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(k.length / 3)) ? best : undefined;
}

/** Refuses a key that is not one of `known`, saying which were meant and which are allowed. */
export function checkKeys(where: Locator, path: KeyPath, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (isNote(key) || known.includes(key)) continue;
    const guess = didYouMean(key, known);
    throw new UserError(
      `${where.at([...path, key])}: khóa "${keyName([...path, key])}" không được hỗ trợ${guess ? `; có phải "${guess}"?` : ''} (các khóa: ${known.join(', ')})`,
    );
  }
}

/** The object at `path`, or {} when absent; anything else is an error. */
export function objectAt(where: Locator, path: KeyPath, value: unknown, shape: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) fail(where, path, `phải là ${shape}`);
  return value;
}

/** A string at `path` (undefined when absent); anything else is an error. */
export function stringAt(where: Locator, path: KeyPath, value: unknown, shape = 'chuỗi'): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(where, path, `phải là ${shape}`);
  return value;
}

/** One of `allowed` at `path`. */
export function choiceAt<T extends string>(where: Locator, path: KeyPath, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
    fail(where, path, `phải là ${allowed.map((a) => `"${a}"`).join(' hoặc ')}${guess ? `; có phải "${guess}"?` : ''}`);
  }
  return value as T;
}
