// Calendar arithmetic on `yyyy-mm-dd` days and parsing of every date form seen in exports.
// Pure: no clock, no time zone of the host machine is ever consulted.
import type { IsoDate } from './types.js';

/** Vietnam is UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MINUTES = 7 * 60;
const MS_PER_DAY = 86_400_000;
/** Excel's day 0 (serial numbers count days from 1899-12-30, which absorbs Excel's 1900 leap-year bug for dates after Feb 1900). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
/** Workbooks saved with the 1904 date system (old Mac Excel) count from 1904-01-01: 1462 days later. */
const EXCEL_1904_OFFSET = 1462;

/**
 * Years a dossier date can have. Anything else is a typing or conversion slip (a bare year read as a
 * serial number is 1905, a serial in a text column 2738): rejected, never counted.
 */
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function splitIso(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Days since 1970-01-01 (for differences such as "days overdue"). */
function dayNumber(date: IsoDate): number {
  const [y, m, d] = splitIso(date);
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * MS_PER_DAY);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Last day of a month, e.g. (2019, 6) → 2019-06-30. */
export function endOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month, daysInMonth(year, month));
}

/** The Vietnam calendar day of an instant. */
export function vietnamDateOf(instant: Date): IsoDate {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MINUTES * 60_000);
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Excel serial number (days since 1899-12-30, fraction = time of day, local) → calendar day. */
export function fromExcelSerial(serial: number): IsoDate {
  const t = new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * MS_PER_DAY);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export type DateParse = { ok: true; date: IsoDate | null } | { ok: false; error: string };

const ISO_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DMY_RE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;
const SERIAL_RE = /^\d{4,6}(?:\.\d+)?$/;

function checked(
  text: string,
  y: number,
  m: number,
  d: number,
  hh = 0,
  mm = 0,
  ss = 0,
  zone?: string,
): DateParse {
  if (m < 1 || m > 12) return { ok: false, error: `ngày không hợp lệ "${text}": không có tháng ${m}` };
  if (d < 1 || d > daysInMonth(y, m)) {
    return {
      ok: false,
      error: `ngày không hợp lệ "${text}": tháng ${m}/${y} chỉ có ${daysInMonth(y, m)} ngày`,
    };
  }
  if (hh > 23 || mm > 59 || ss > 60) return { ok: false, error: `giờ không hợp lệ "${text}"` };
  if (y < FIRST_YEAR || y > LAST_YEAR) return { ok: false, error: `năm ngoài khoảng hợp lý ${FIRST_YEAR}–${LAST_YEAR} "${text}"` };
  if (!zone) return { ok: true, date: isoDate(y, m, d) };
  // A time with an explicit zone is an instant: take its calendar day in Vietnam.
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2, 4) || '0');
    // Real offsets run from -12:00 to +14:00.
    if (hours > 14 || minutes > 59) return { ok: false, error: `múi giờ không hợp lệ "${zone}" trong "${text}"` };
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  const utc = Date.UTC(y, m - 1, d, hh, mm, ss) - offsetMinutes * 60_000;
  return { ok: true, date: vietnamDateOf(new Date(utc)) };
}

/**
 * Parses one date as found in exports: `yyyy-mm-dd`, `dd/mm/yyyy`, `dd-mm-yyyy` (each with an optional
 * time), `yyyyMMdd[HHmmss]`, or an Excel serial number. Times without a zone are Vietnam local time.
 * Impossible dates are errors, never rolled over. Empty text is "no date" (ok, null).
 */
export function parseDateText(raw: string): DateParse {
  const fast = parseDmyFast(raw);
  if (fast) return fast;
  const text = raw.trim();
  if (text === '') return { ok: true, date: null };
  let m = ISO_RE.exec(text);
  if (m) {
    return checked(text, +m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7]);
  }
  m = DMY_RE.exec(text);
  if (m) return checked(text, +m[4], +m[3], +m[1], +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? 0));
  m = COMPACT_RE.exec(text);
  if (m) return checked(text, +m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (SERIAL_RE.test(text)) return parseExcelSerial(Number(text), text);
  return {
    ok: false,
    error: `không đọc được ngày "${text}" (dùng dd/mm/yyyy, yyyy-mm-dd hoặc yyyyMMddHHmmss)`,
  };
}

/** `count` ASCII digits at `at` as a number, or -1. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * `dd/mm/yyyy` and `dd/mm/yyyy HH:mm:ss` exactly, the form of nearly every export cell, read without
 * regular expressions (a 1M-row file has 3M dates). Undefined for anything else: the general path decides.
 */
function parseDmyFast(text: string): DateParse | undefined {
  const len = text.length;
  if ((len !== 10 && len !== 19) || text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47) return undefined;
  const d = digits(text, 0, 2);
  const m = digits(text, 3, 2);
  const y = digits(text, 6, 4);
  if (d < 0 || m < 0 || y < 0) return undefined;
  if (len === 10) return checked(text, y, m, d);
  if (text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const hh = digits(text, 11, 2);
  const mm = digits(text, 14, 2);
  const ss = digits(text, 17, 2);
  if (hh < 0 || mm < 0 || ss < 0) return undefined;
  return checked(text, y, m, d, hh, mm, ss);
}

/**
 * An Excel serial number as a day, in the workbook's date system. Only days from FIRST_YEAR to
 * LAST_YEAR are plausible: "2024" in a date column is a bare year, not 16/7/1905; "999999" no date.
 */
export function parseExcelSerial(serial: number, text = String(serial), date1904 = false): DateParse {
  if (!Number.isFinite(serial)) return { ok: false, error: `số "${text}" không phải là ngày` };
  if (Number.isInteger(serial) && serial >= FIRST_YEAR && serial <= LAST_YEAR) {
    return { ok: false, error: `chỉ có năm "${text}", thiếu ngày và tháng` };
  }
  const days = date1904 ? serial + EXCEL_1904_OFFSET : serial;
  if (days < FIRST_SERIAL || days >= LAST_SERIAL + 1) {
    return { ok: false, error: `số "${text}" không phải là ngày hợp lý (ngày Excel ngoài khoảng ${FIRST_YEAR}–${LAST_YEAR})` };
  }
  return { ok: true, date: fromExcelSerial(days) };
}

/** 1990-01-01 and 2100-12-31 as Excel serials (1900 date system). */
const FIRST_SERIAL = (Date.UTC(FIRST_YEAR, 0, 1) - EXCEL_EPOCH_UTC) / MS_PER_DAY;
const LAST_SERIAL = (Date.UTC(LAST_YEAR, 11, 31) - EXCEL_EPOCH_UTC) / MS_PER_DAY;

/** "30/6/2019": day with two digits, month without a leading zero, as Vietnamese reports write it. */
export function formatDayMonthYear(date: IsoDate): string {
  const [y, m, d] = splitIso(date);
  return `${pad2(d)}/${m}/${y}`;
}

/**
 * "ngày 05 tháng 8 năm 2019": Decree 30/2020 writes days below 10 and months 1–2 with a leading zero.
 */
export function formatLongDate(date: IsoDate): string {
  const [y, m, d] = splitIso(date);
  const month = m <= 2 ? pad2(m) : String(m);
  return `ngày ${pad2(d)} tháng ${month} năm ${y}`;
}
