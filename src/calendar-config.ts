// The config's "calendar" (days off and Saturdays worked that the shipped calendar lacks: each year is
// announced late) and "timeLimits" (a procedure's time limit in working days, when the export has no
// "Thời hạn giải quyết" column), checked with file:line:column like the rest of config.ts.
import type { CalendarEntry } from './core/calendar.js';
import { parseDateText } from './core/dates.js';
import { checkKeys, fail, isObject, objectAt, type Locator } from './io/json-check.js';
import type { KeyPath } from './io/jsonc.js';

export interface CalendarConfig {
  daysOff: CalendarEntry[];
  workdays: CalendarEntry[];
}

const DAY_SHAPE = 'phải là một ngày "yyyy-mm-dd" hoặc { "date": "yyyy-mm-dd", "name": "tên ngày" }';

function dayAt(where: Locator, path: KeyPath, value: unknown, defaultName: string): CalendarEntry {
  const obj = isObject(value) ? value : null;
  if (obj) checkKeys(where, path, obj, ['date', 'name']);
  const raw = obj ? obj.date : value;
  if (typeof raw !== 'string') return fail(where, obj ? [...path, 'date'] : path, DAY_SHAPE);
  const parsed = parseDateText(raw.trim());
  // A day, not a day and time: "2027-02-05".
  if (!parsed.ok || parsed.date === null || /\d:\d/.test(raw)) return fail(where, obj ? [...path, 'date'] : path, `= ${JSON.stringify(raw)} không phải ngày hợp lệ (${DAY_SHAPE.replace('phải là ', '')})`);
  if (obj && obj.name !== undefined && (typeof obj.name !== 'string' || !obj.name.trim())) fail(where, [...path, 'name'], 'phải là tên ngày (chuỗi)');
  const name = obj && typeof obj.name === 'string' ? obj.name.trim() : defaultName;
  return { date: parsed.date, name, origin: 'config' };
}

function daysAt(where: Locator, path: KeyPath, value: unknown, defaultName: string): CalendarEntry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(where, path, `phải là danh sách ngày, ví dụ [ "2027-02-05", { "date": "2027-02-08", "name": "Tết Nguyên đán" } ]`);
  return value.map((v, i) => dayAt(where, [...path, i], v, defaultName));
}

export function parseCalendarConfig(value: unknown, where: Locator): CalendarConfig {
  const c = objectAt(where, ['calendar'], value, 'một đối tượng { "daysOff": [ … ], "workdays": [ … ] }');
  checkKeys(where, ['calendar'], c, ['daysOff', 'workdays']);
  const daysOff = daysAt(where, ['calendar', 'daysOff'], c.daysOff, 'Ngày nghỉ (tệp cấu hình)').map((e) => ({ ...e, kind: 'holiday' as const }));
  const workdays = daysAt(where, ['calendar', 'workdays'], c.workdays, 'Đi làm bù (tệp cấu hình)');
  const both = daysOff.findIndex((d) => workdays.some((w) => w.date === d.date));
  if (both >= 0) fail(where, ['calendar', 'daysOff', both], `= ${daysOff[both].date} có cả trong "workdays": một ngày hoặc là ngày nghỉ hoặc là ngày đi làm`);
  return { daysOff, workdays };
}

/** "timeLimits": { "procedure code or name": working days }. */
export function parseTimeLimits(value: unknown, where: Locator): Record<string, number> {
  const t = objectAt(where, ['timeLimits'], value, '{ "mã hoặc tên thủ tục": số ngày làm việc }');
  const out: Record<string, number> = {};
  for (const [procedure, days] of Object.entries(t)) {
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 365) {
      fail(where, ['timeLimits', procedure], 'phải là số ngày làm việc (số nguyên từ 0 đến 365)');
    }
    out[procedure.normalize('NFC').trim()] = days;
  }
  return out;
}
