// hcc due-dates: dossiers whose recorded due date is later than the procedure's time limit allows
// (counted in working days from the day after receipt), or that have no due date.
import { Command, Option } from 'commander';
import { vietnamDateOf } from '../core/dates.js';
import { calendarEstimateWarning } from '../core/warnings.js';
import { writeOutput } from '../io/atomic.js';
import { printable, writeStdout } from '../io/printable.js';
import { checkDueDates } from '../pipeline/due-dates.js';
import { renderDueDatesCsv, renderDueDatesJson, renderDueDatesText, type DueDatesFileOptions } from '../render/due-dates.js';
import { filterLine } from '../render/listing.js';
import {
  addFilterOptions,
  addRejectOptions,
  addPeriodOptions,
  addSourceOptions,
  loadCommandConfig,
  pdfFonts,
  pdfOrUserError,
  requireOutForFiles,
  resolveFilters,
  resolvePeriod,
  type FilterFlags,
  type PeriodFlags,
  type SourceFlags,
} from './common.js';

interface DueDatesFlags extends SourceFlags, PeriodFlags, FilterFlags {
  strict?: boolean;
  rejects?: string;
  format: 'table' | 'csv' | 'json' | 'xlsx' | 'pdf';
  out?: string;
}

export function registerDueDates(program: Command): void {
  const cmd = program
    .command('due-dates')
    .description('kiểm tra ngày hẹn trả theo thời hạn giải quyết của thủ tục (ngày làm việc): hồ sơ hẹn trả muộn hơn thời hạn hoặc không có ngày hẹn trả');
  addSourceOptions(cmd);
  addPeriodOptions(cmd);
  addFilterOptions(cmd);
  addRejectOptions(cmd);
  cmd
    .addOption(new Option('-f, --format <format>', 'định dạng: table (màn hình), csv, json, xlsx, pdf').choices(['table', 'csv', 'json', 'xlsx', 'pdf']).default('table'))
    .option('-o, --out <file>', 'ghi ra tệp thay vì màn hình (bắt buộc với xlsx và pdf)')
    .addHelpText(
      'after',
      `
Thời hạn giải quyết (số ngày làm việc) lấy từ cột "Thời hạn giải quyết" của dữ liệu nếu có ("15", "15 ngày
làm việc", "trong ngày"), nếu không thì từ khóa "timeLimits" của tệp cấu hình, theo mã hoặc tên thủ tục:
"timeLimits": { "Đăng ký khai sinh": 3, "Cấp phiếu lý lịch tư pháp": 10 }.
Hạn trả theo thời hạn = ngày làm việc thứ N sau ngày tiếp nhận (thời hạn bắt đầu từ ngày tiếp theo ngày
tiếp nhận: Bộ luật Dân sự 2015, Điều 147 khoản 2; bỏ thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết, nghỉ bù).
Chỉ kiểm tra hồ sơ tiếp nhận trong kỳ --period (hoặc --from/--to); không có kỳ thì mọi hồ sơ.

Ví dụ:
  $ hcc due-dates --input ho-so.csv --period 2025-Q1
  $ hcc due-dates --store hcc.sqlite --period 2025-04 --format csv --out hen-qua-thoi-han.csv
  $ hcc due-dates --input ho-so.csv --period 2025-Q1 --format xlsx --out hen-qua-thoi-han.xlsx
  $ hcc due-dates --input ho-so.csv --period 2025-Q1 --format pdf --out hen-qua-thoi-han.pdf`,
    )
    .action(async (flags: DueDatesFlags) => {
      requireOutForFiles(flags.format, flags.out);
      const config = loadCommandConfig(flags);
      const fonts = pdfFonts(flags.format, config);
      const period = flags.period || flags.from || flags.to ? resolvePeriod(flags, config) : null;
      const filters = resolveFilters(flags);
      const check = await checkDueDates({ config, source: flags, period, filters, rejects: flags });
      for (const w of calendarEstimateWarning(check.estimatedYears)) process.stderr.write(`hcc: cảnh báo: ${w.message}\n`);
      const file: DueDatesFileOptions = { issuedOn: vietnamDateOf(new Date()), filters: filterLine(filters), estimatedYears: check.estimatedYears };
      let output: string | Uint8Array;
      if (flags.format === 'xlsx') {
        const { renderDueDatesWorkbook } = await import('../render/due-dates-xlsx.js'); // exceljs: load only when asked
        output = await renderDueDatesWorkbook(check, file);
      } else if (flags.format === 'pdf') {
        const { renderDueDatesPdf } = await import('../render/due-dates-pdf.js'); // pdfkit: load only when asked
        output = await pdfOrUserError(() => renderDueDatesPdf(check, { ...file, fonts: fonts! }));
      } else output = flags.format === 'json' ? renderDueDatesJson(check) : flags.format === 'csv' ? renderDueDatesCsv(check) : renderDueDatesText(check);
      if (flags.out) {
        writeOutput(flags.out, output);
        process.stderr.write(`hcc: đã ghi ${printable(flags.out)} (${check.issues.length} hồ sơ hẹn trả quá thời hạn hoặc không có ngày hẹn)\n`);
      } else writeStdout(output as string);
    });
}
