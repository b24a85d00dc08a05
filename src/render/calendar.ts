// `hcc calendar YEAR` as text and JSON: the year's days off (date, weekday, name) and the Saturdays
// worked in exchange, each marked when it comes from the config or the estimate, and the year's
// number of working days.
import { weekdayName, type CalendarEntry, type CalendarYear } from '../core/calendar.js';
import { formatDayMonthYear } from '../core/dates.js';
import { formatCount } from '../core/format-vi.js';
import { printable } from '../io/printable.js';
import { padEnd, textWidth } from './terminal.js';

const ORIGIN_NOTE: Record<CalendarEntry['origin'], string> = {
  data: '',
  config: 'tệp cấu hình',
  estimate: 'ước tính',
};

function lines(entries: CalendarEntry[]): string[] {
  const wd = Math.max(...entries.map((e) => textWidth(weekdayName(e.date))), 0);
  return entries.map((e) => {
    const note = ORIGIN_NOTE[e.origin];
    return `  ${formatDayMonthYear(e.date)}  ${padEnd(weekdayName(e.date), wd)}  ${printable(e.name)}${note ? `  [${note}]` : ''}`;
  });
}

export function renderCalendarText(y: CalendarYear): string {
  const out = [`Lịch ngày làm việc năm ${y.year}${y.estimated ? ' (ước tính: chưa có lịch nghỉ đã công bố)' : ''}`, ''];
  out.push(`Ngày nghỉ lễ, Tết, nghỉ bù, nghỉ hoán đổi (${formatCount(y.daysOff.length)} ngày):`);
  out.push(...(y.daysOff.length ? lines(y.daysOff) : ['  (không có)']));
  out.push('', `Ngày đi làm bù (thứ Bảy làm việc, ${formatCount(y.workdays.length)} ngày):`);
  out.push(...(y.workdays.length ? lines(y.workdays) : ['  (không có)']));
  out.push('', `Số ngày làm việc trong năm: ${formatCount(y.workingDays)}`);
  return `${out.join('\n')}\n`;
}

export function renderCalendarJson(y: CalendarYear): string {
  const entry = (e: CalendarEntry) => ({
    date: e.date,
    weekday: weekdayName(e.date),
    name: e.name,
    ...(e.kind ? { kind: e.kind } : {}),
    origin: e.origin,
    ...(e.source ? { source: e.source } : {}),
  });
  const json = { year: y.year, estimated: y.estimated, workingDays: y.workingDays, daysOff: y.daysOff.map(entry), workdays: y.workdays.map(entry) };
  return `${JSON.stringify(json, null, 2)}\n`;
}
