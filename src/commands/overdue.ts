// hcc overdue: which dossiers are pending past their due date at a day, and which were resolved late
// in a period without an apology letter recorded; with --due-within N, which are due within the next N
// working days (about to be late).
import { Command, Option } from 'commander';
import { vietnamDateOf } from '../core/dates.js';
import type { IsoDate, Period } from '../core/types.js';
import { calendarEstimateWarning } from '../core/warnings.js';
import { UsageError } from '../errors.js';
import { writeOutput } from '../io/atomic.js';
import { printable, writeStdout } from '../io/printable.js';
import { renderListingCsv, renderListingJson, renderListingTerminal } from '../render/listing.js';
import { collectOverdue } from '../pipeline/count.js';
import {
  addPeriodOptions,
  addSourceOptions,
  addFilterOptions,
  addRejectOptions,
  dayFlag,
  loadCommandConfig,
  pdfFonts,
  pdfOrUserError,
  requireOutForFiles,
  resolveFilters,
  resolvePeriod,
  type FilterFlags,
  type PeriodFlags,
  type RuleFlags,
  type SourceFlags,
} from './common.js';

interface OverdueFlags extends SourceFlags, PeriodFlags, RuleFlags, FilterFlags {
  asOf?: string;
  format: 'table' | 'csv' | 'json' | 'xlsx' | 'pdf';
  out?: string;
  dueWithin?: string;
}

export function registerOverdue(program: Command): void {
  const cmd = program
    .command('overdue')
    .description('danh sách hồ sơ đang giải quyết quá hạn tại một ngày, và hồ sơ giải quyết quá hạn chưa có văn bản xin lỗi');
  addSourceOptions(cmd);
  addPeriodOptions(cmd);
  addFilterOptions(cmd);
  addRejectOptions(cmd);
  cmd
    .option('--as-of <date>', 'tính quá hạn tại ngày này (mặc định: cuối kỳ nếu có --period, nếu không là hôm nay theo giờ Việt Nam)')
    .option('--due-within <n>', 'chỉ liệt kê hồ sơ sắp đến hạn: đang giải quyết, chưa quá hạn, hạn trả trong N ngày làm việc tới tính từ ngày --as-of')
    .addOption(new Option('-f, --format <format>', 'định dạng: table (màn hình), csv, json, xlsx, pdf').choices(['table', 'csv', 'json', 'xlsx', 'pdf']).default('table'))
    .option('-o, --out <file>', 'ghi ra tệp thay vì màn hình (bắt buộc với xlsx và pdf)')
    .addHelpText(
      'after',
      `
Hồ sơ quá hạn tại ngày D: tiếp nhận trước hoặc trong ngày D, chưa có kết quả đến hết ngày D, hạn trả trước
ngày D, không phải hồ sơ chờ bổ sung (trạng thái 5), rút (7), dừng xử lý (8) hay không được tiếp nhận (1, 3).
Số ngày quá hạn tính cả theo ngày lịch và theo ngày làm việc (bỏ thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết, nghỉ bù;
tính ngày đi làm bù; xem: hcc calendar NĂM). Danh sách xếp theo số ngày quá hạn, nhiều nhất trước.
Hồ sơ sắp đến hạn (--due-within N): đang giải quyết như trên nhưng hạn trả từ ngày D đến hết N ngày làm việc
sau ngày D; xếp theo hạn trả, sớm nhất trước, kèm số ngày làm việc còn lại.
Hồ sơ giải quyết quá hạn chưa có văn bản xin lỗi: trong kỳ --period (hoặc --from/--to); không có kỳ thì
từ 01/01 đến ngày --as-of; cần cột "Ngày xin lỗi" (apology_at) trong dữ liệu.

Ví dụ:
  $ hcc overdue --agency "Sở Tư pháp" --as-of 2024-06-30
  $ hcc overdue --input ho-so.csv --period 2024-Q2 --format xlsx --out qua-han-q2.xlsx
  $ hcc overdue --as-of 30/06/2024 --field "Hộ tịch" --format csv > qua-han.csv
  $ hcc overdue --store hcc.sqlite --as-of 2024-06-30 --format pdf --out qua-han.pdf
  $ hcc overdue --input ho-so.csv --as-of 2025-04-25 --due-within 3`,
    )
    .action(async (flags: OverdueFlags) => {
      await runOverdue(flags);
    });
}

function resolveAsOf(flags: OverdueFlags, period: Period | null): IsoDate {
  if (flags.asOf !== undefined) return dayFlag(flags.asOf, '--as-of');
  return period ? period.to : vietnamDateOf(new Date());
}

function workdayCount(text: string): number {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n > 365) throw new UsageError(`--due-within "${printable(text)}": cần số ngày làm việc, số nguyên từ 0 đến 365`);
  return n;
}

async function runOverdue(flags: OverdueFlags): Promise<void> {
  requireOutForFiles(flags.format, flags.out);
  const config = loadCommandConfig(flags);
  const fonts = pdfFonts(flags.format, config);
  const hasPeriod = Boolean(flags.period || flags.from || flags.to);
  const given = hasPeriod ? resolvePeriod(flags, config) : null;
  const asOf = resolveAsOf(flags, given);
  const period: Period = given ?? { from: `${asOf.slice(0, 4)}-01-01`, to: asOf };
  const filters = resolveFilters(flags);
  const dueWithin = flags.dueWithin === undefined ? undefined : workdayCount(flags.dueWithin);
  const listing = await collectOverdue({ config, source: flags, asOf, period, filters, rejects: flags, dueWithin });
  for (const w of calendarEstimateWarning(listing.estimatedYears)) process.stderr.write(`hcc: cảnh báo: ${w.message}\n`);

  let output: string | Uint8Array;
  switch (flags.format) {
    case 'json':
      output = renderListingJson(listing);
      break;
    case 'csv':
      output = renderListingCsv(listing);
      break;
    case 'xlsx':
      const { renderListingWorkbook } = await import('../render/listing-xlsx.js'); // exceljs: load only when asked
      output = await renderListingWorkbook(listing);
      break;
    case 'pdf': {
      const { renderListingPdf } = await import('../render/listing-pdf.js'); // pdfkit: load only when asked
      output = await pdfOrUserError(() => renderListingPdf(listing, { fonts: fonts!, filters }));
      break;
    }
    default: {
      const toTerminal = !flags.out;
      output = renderListingTerminal(listing, {
        color: toTerminal && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        width: (toTerminal && process.stdout.columns) || 160,
      });
    }
  }
  if (flags.out) {
    writeOutput(flags.out, output);
    const said = listing.dueSoon ? `${listing.dueSoon.dossiers.length} hồ sơ sắp đến hạn` : `${listing.overdue.length} hồ sơ quá hạn`;
    process.stderr.write(`hcc: đã ghi ${printable(flags.out)} (${said} tại ${asOf})\n`);
  } else if (flags.format === 'table') {
    process.stdout.write(output); // the terminal renderer has made the data printable; its colours stay
  } else {
    writeStdout(output as string);
  }
}
