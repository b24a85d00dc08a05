// The working-day calendar of a run: the shipped report-templates/calendar/vn-days-off.json (built
// from vn-days-off.csv, with its sources) with the config's "calendar" laid over it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../assets.js';
import type { LoadedConfig } from '../config.js';
import { WorkCalendar, type CalendarEntry, type DayOffKind } from '../core/calendar.js';
import { UserError } from '../errors.js';

export const CALENDAR_FILE = join(TEMPLATES_DIR, 'calendar/vn-days-off.json');

interface ShippedCalendar {
  firstYear: number;
  lastYear: number;
  daysOff: { date: string; kind: DayOffKind; name: string; source: string }[];
  workdays: { date: string; name: string; source: string }[];
}

let shipped: ShippedCalendar | null = null;

export function shippedCalendar(): ShippedCalendar {
  if (!shipped) {
    try {
      shipped = JSON.parse(readFileSync(CALENDAR_FILE, 'utf8')) as ShippedCalendar;
    } catch (e) {
      throw new UserError(`không đọc được lịch ngày nghỉ ${CALENDAR_FILE}: ${(e as Error).message} (cài lại hcc)`);
    }
  }
  return shipped;
}

export function loadCalendar(config: Pick<LoadedConfig, 'calendar'>): WorkCalendar {
  const data = shippedCalendar();
  const fromData = (e: { date: string; name: string; source: string; kind?: DayOffKind }): CalendarEntry => ({ ...e, origin: 'data' });
  return new WorkCalendar({
    daysOff: [...data.daysOff.map(fromData), ...config.calendar.daysOff],
    workdays: [...data.workdays.map(fromData), ...config.calendar.workdays],
  });
}
