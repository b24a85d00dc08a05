// Small text helpers shared by the readers: tolerant matching keys and cleaned cell text.
import { foldAccents } from '../core/text.js';

const NON_ALNUM = /[^a-z0-9]/g;
const NON_ASCII = /[^\x00-\x7f]/;
const ODD_SPACE = /\s\s|[\t\n\r\f\v\u00a0\u2000-\u200b\u3000]/;

/**
 * Matching key for headers and labels: accents stripped, đ→d, lowercase, only [a-z0-9] kept.
 * "Ngày  tiếp-nhận" and "NGAY TIEP NHAN" and "NgayTiepNhan" all give "ngaytiepnhan".
 */
export function foldKey(text: string): string {
  return foldAccents(text).toLowerCase().replace(NON_ALNUM, '');
}

/** Trimmed, inner whitespace collapsed to single spaces, NFC (Windows-1258 and macOS text arrive decomposed). */
export function cleanText(text: string): string {
  let t = text.trim();
  if (t === '') return t;
  if (ODD_SPACE.test(t)) t = t.replace(/\s+/g, ' ');
  if (NON_ASCII.test(t)) t = t.normalize('NFC');
  return t;
}

/**
 * Remembers a pure function of a string for repeated values (agency names, statuses repeat on every
 * row), so the per-row cost is one map lookup. Stops growing past `limit` entries to bound memory.
 */
export function memo<T>(fn: (text: string) => T, limit = 20_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string): T => {
    let value = cache.get(text);
    if (value === undefined && (cache.size >= limit || !cache.has(text))) {
      if (cache.size < limit) {
        const key = detach(text);
        value = fn(key);
        cache.set(key, value);
      } else value = fn(text);
    }
    return value as T;
  };
}

/**
 * A copy of `text` that holds on to nothing else. Cells cut from a CSV chunk are slices that keep the
 * whole chunk (about 0.4 MB) alive; a remembered cell would keep it for the rest of the file.
 */
export function detach(text: string): string {
  // Concatenating makes V8 build a new flat string; the slice then points into that one only.
  return (' ' + text).slice(1);
}

/** 0 → "A", 26 → "AA": how spreadsheets, and hcc check's findings, name a column. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
