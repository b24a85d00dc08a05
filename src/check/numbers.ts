// Numbers as Vietnamese reports write them: "35.591" (thousands with "."), "98,3%" (decimals with ","),
// and the usual slips of a hand-typed table ("35,591" and "35 591" for 35.591, "-" for zero). Pure.
import { formatCount } from '../core/format-vi.js';

export interface ParsedCount {
  value: number;
  /** The way of writing that is not the Vietnamese one ("35,591", "35 591"), when it is a slip. */
  slip?: 'comma' | 'space';
}

/**
 * A count in a table cell: blank and "-" are zero; null when the cell holds no whole number
 * ("1,5", "khoảng 20").
 */
export function parseCount(raw: string): ParsedCount | null {
  const t = raw.replace(/\u00a0/g, ' ').trim();
  if (t === '' || /^[-–—]$/.test(t)) return { value: 0 };
  if (/^\d+$/.test(t)) return { value: Number(t) };
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) return { value: Number(t.replace(/\./g, '')) };
  // A comma before exactly three digits in a count is the English thousands separator typed by habit.
  if (/^\d{1,3}(,\d{3})+$/.test(t)) return { value: Number(t.replace(/,/g, '')), slip: 'comma' };
  if (/^\d{1,3}( \d{3})+$/.test(t)) return { value: Number(t.replace(/ /g, '')), slip: 'space' };
  return null;
}

/** A number already read by a spreadsheet (a cell holding 12906). */
export function countOfNumber(n: number): ParsedCount | null {
  return Number.isInteger(n) && n >= 0 ? { value: n } : null;
}

/** "98,4" → 98.4 with 1 decimal written; "84" → 84 with 0; "91.75" (a dot typed for the comma) → 91.75. */
export function parsePercent(raw: string): { value: number; decimals: number } | null {
  const m = /^(\d+)(?:[,.](\d+))?$/.exec(raw.trim());
  if (!m) return null;
  const decimals = m[2]?.length ?? 0;
  return { value: Number(`${m[1]}.${m[2] ?? '0'}`), decimals };
}

/** The ways a share of `part` in `base` may be written with `decimals` decimals: rounded half up, or truncated. */
export function acceptedShares(part: number, base: number, decimals: number): number[] {
  const exact = (part * 100) / base;
  const f = 10 ** decimals;
  // A hair of tolerance: 0.145 * 100 is 14.499999… in floating point.
  const halfUp = Math.floor(exact * f + 0.5 + 1e-9) / f;
  const truncated = Math.floor(exact * f + 1e-9) / f;
  return [...new Set([halfUp, truncated])];
}

/** Whether the written share is one of the usual roundings of part / base. */
export function shareHolds(written: { value: number; decimals: number }, part: number, base: number): boolean {
  if (base <= 0) return false;
  return acceptedShares(part, base, written.decimals).some((v) => Math.abs(v - written.value) < 1e-9);
}

/** 98.297… → "98,3%" with the decimals the writer used (at least one). */
export function shareText(part: number, base: number, decimals: number): string {
  const d = Math.max(decimals, 1);
  const v = acceptedShares(part, base, d)[0];
  return `${v.toFixed(d).replace('.', ',')}%`;
}

export { formatCount };
