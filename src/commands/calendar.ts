// hcc calendar YEAR: the days off and Saturdays worked that hcc counts working days with, so a clerk
// can check them against the year's announcement (and add what is missing in the config).
import { Command, Option } from 'commander';
import { LAST_YEAR } from '../core/dates.js';
import { calendarEstimateWarning } from '../core/warnings.js';
import { UsageError } from '../errors.js';
import { printable, writeStdout } from '../io/printable.js';
import { loadCalendar } from '../pipeline/calendar.js';
import { renderCalendarJson, renderCalendarText } from '../render/calendar.js';
import { addConfigOption, loadCommandConfig } from './common.js';

interface CalendarFlags {
  config?: string;
  format: 'table' | 'json';
}

export function registerCalendar(program: Command): void {
  const cmd = program
    .command('calendar')
    .argument('<năm>', 'năm cần xem, ví dụ 2025')
    .description('lịch ngày nghỉ lễ, Tết, nghỉ bù và ngày đi làm bù dùng để tính ngày làm việc');
  addConfigOption(cmd);
  cmd
    .addOption(new Option('-f, --format <format>', 'định dạng: table (màn hình), json').choices(['table', 'json']).default('table'))
    .addHelpText(
      'after',
      `
Lịch có sẵn: các ngày nghỉ đã công bố 2017–2026 (nguồn ghi ở report-templates/calendar/vn-days-off.csv).
Năm chưa có lịch được ước tính: thứ Bảy, Chủ nhật và ngày lễ cố định (1/1, 30/4, 1/5, 2/9 và ngày liền kề),
thiếu Tết Nguyên đán và Giỗ Tổ Hùng Vương. Thêm ngày nghỉ đã công bố vào tệp cấu hình:
  "calendar": { "daysOff": ["2027-02-05", { "date": "2027-02-08", "name": "Tết Nguyên đán" }], "workdays": ["2027-02-20"] }

Ví dụ:
  $ hcc calendar 2025
  $ hcc calendar 2027 --config hcc.config.json --format json`,
    )
    .action((year: string, flags: CalendarFlags) => {
      runCalendar(year, flags);
    });
}

function runCalendar(yearText: string, flags: CalendarFlags): void {
  const year = Number(yearText.trim());
  if (!/^\d{4}$/.test(yearText.trim()) || year < 2000 || year > LAST_YEAR) {
    throw new UsageError(`năm "${printable(yearText)}" không hợp lệ: cần năm 2000–${LAST_YEAR}, ví dụ: hcc calendar 2025`);
  }
  const calendar = loadCalendar(loadCommandConfig(flags));
  const y = calendar.year(year);
  for (const w of calendarEstimateWarning(y.estimated ? [year] : [])) process.stderr.write(`hcc: cảnh báo: ${w.message}\n`);
  writeStdout(flags.format === 'json' ? renderCalendarJson(y) : renderCalendarText(y));
}
