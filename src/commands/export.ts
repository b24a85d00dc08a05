// hcc export: one file per period and format over a range of months, quarters, halves or years, for
// scheduled unattended runs (cron, Task Scheduler). The source is read once for all periods.
import { existsSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { formatDayMonthYear } from '../core/dates.js';
import { formatCount } from '../core/format-vi.js';
import { enumeratePeriods, PeriodError, periodSlug, type Cutoff, type Every } from '../core/periods.js';
import type { GroupBy, Period, PeriodTable } from '../core/types.js';
import { EXIT, UsageError, UserError } from '../errors.js';
import { OutputError, writeOutput } from '../io/atomic.js';
import { ioReason } from '../io/io-errors.js';
import { printable, writeStdout } from '../io/printable.js';
import { renderCsv } from '../render/csv.js';
import { renderJson } from '../render/json.js';
import { countTables } from '../pipeline/count.js';
import {
  addRuleOptions,
  addSourceOptions,
  addFilterOptions,
  formatList,
  loadCommandConfig,
  resolveFilters,
  resolveGroupBy,
  resolveRules,
  type FilterFlags,
  type RuleFlags,
  type SourceFlags,
} from './common.js';

type Format = 'xlsx' | 'csv' | 'json';
const FORMATS: Format[] = ['xlsx', 'csv', 'json'];

interface ExportFlags extends SourceFlags, RuleFlags, FilterFlags {
  every: Every;
  from?: string;
  to?: string;
  cutoff?: Cutoff;
  format: string;
  out: string;
  prefix: string;
  by?: string;
  skipExisting?: boolean;
  json?: boolean;
}

/** One line of the `--json` list. */
export interface ExportedFile {
  period: { from: string; to: string; label: string };
  format: Format;
  path: string;
  status: 'written' | 'skipped' | 'failed';
  /** Number of table rows (groups), and dossiers received in the period. */
  rows?: number;
  received?: number;
  error?: string;
}

export function registerExport(program: Command): void {
  const cmd = program
    .command('export')
    .description('xuất số liệu từng kỳ (tháng, quý, 6 tháng, năm) ra tệp, mỗi kỳ và định dạng một tệp, để chạy tự động theo lịch');
  addSourceOptions(cmd);
  addRuleOptions(cmd);
  addFilterOptions(cmd);
  cmd
    .addOption(new Option('--every <unit>', 'mỗi tệp một: month (tháng), quarter (quý), half (6 tháng), year (năm)').choices(['month', 'quarter', 'half', 'year']).makeOptionMandatory())
    .option('--from <period>', 'kỳ đầu tiên: 2024-01, 2024-Q1, 2024-H1, 2024 (hoặc một ngày: 2024-01-01)')
    .option('--to <period>', 'kỳ cuối cùng (tính cả kỳ này), cùng cách viết như --from')
    .addOption(
      new Option('--cutoff <rule>', 'mốc chốt số liệu: calendar (theo lịch) hoặc decree09 (Nghị định 09/2019: từ ngày 15 đến ngày 14)').choices(['calendar', 'decree09']),
    )
    .option('-f, --format <list>', 'định dạng, cách nhau bởi dấu phẩy: xlsx, csv, json', 'csv')
    .requiredOption('-o, --out <dir>', 'thư mục ghi tệp (tạo nếu chưa có)')
    .option('--prefix <text>', 'đầu tên tệp', 'hcc')
    .option('--by <group>', 'dòng theo: agency (mặc định), field, procedure, channel, level, month')
    .option('--skip-existing', 'giữ nguyên tệp đã có, chỉ ghi tệp còn thiếu (mặc định: ghi đè)')
    .option('--json', 'in danh sách tệp đã ghi dạng JSON ra stdout (cho script)')
    .addHelpText(
      'after',
      `
Tên tệp: <prefix>-<kỳ>[-nd09][-by-<nhóm>].<định dạng>, xếp theo thứ tự kỳ:
  hcc-2024-01.csv, hcc-2024-02.csv, …  hcc-2024-Q1.xlsx  hcc-2024-H1.json  hcc-2024.csv
Tệp đã có được ghi đè (thay cả tệp một lần, không bao giờ để lại tệp dở dang);
với --skip-existing, tệp đã có được giữ nguyên và bỏ qua.
Mỗi tệp một dòng tóm tắt trên stderr; không hỏi gì, không màu, chạy được không cần người ngồi máy.
Mã thoát 0 khi mọi tệp đã ghi (hoặc bỏ qua), 1 khi có kỳ ghi lỗi (các kỳ khác vẫn được ghi, kỳ lỗi được nêu tên).
Kỳ không có hồ sơ vẫn có tệp hợp lệ, số liệu bằng 0.

Ví dụ:
  $ hcc export --every month --from 2024-01 --to 2024-12 --format xlsx,csv,json --out /srv/bao-cao/
  $ hcc export --input ho-so.csv --every quarter --from 2024 --to 2024 --cutoff decree09 --out bao-cao/
  $ hcc export --every month --from 2024-01 --to 2024-12 --out bao-cao/ --skip-existing --json > da-ghi.json`,
    )
    .action(async (flags: ExportFlags) => {
      process.exitCode = await runExport(flags);
    });
}

type WorkbookRenderer = (table: PeriodTable, options: object) => Promise<Buffer | Uint8Array>;

/** The workbook renderer, loaded only when xlsx is asked for (exceljs takes a while to load). */
async function loadWorkbookRenderer(): Promise<WorkbookRenderer> {
  return (await import('../render/xlsx.js')).renderTableWorkbook;
}

export function exportFileName(prefix: string, period: Period, cutoff: Cutoff, groupBy: GroupBy, format: Format): string {
  const parts = [prefix, periodSlug(period)];
  if (cutoff === 'decree09') parts.push('nd09');
  if (groupBy !== 'agency') parts.push(`by-${groupBy}`);
  return `${parts.join('-')}.${format}`;
}

/**
 * `--prefix` starts each file name and nothing more: with a / or \ or .. it could put files outside
 * `--out` (--prefix ../../x), so it is refused.
 */
function checkPrefix(prefix: string): void {
  if (prefix.trim() === '') throw new UsageError('--prefix: cần đầu tên tệp, ví dụ --prefix hcc');
  if (/[/\\]|\.\.|[\u0000-\u001f\u007f]/.test(prefix)) {
    throw new UsageError(`--prefix "${prefix}" không dùng được: chỉ là đầu tên tệp, không chứa / \\ hay .. (thư mục ghi tệp là --out)`);
  }
}

async function runExport(flags: ExportFlags): Promise<number> {
  const formats = formatList(flags.format, FORMATS);
  checkPrefix(flags.prefix);
  if (!flags.from || !flags.to) throw new UsageError('cần --from và --to, ví dụ: --from 2024-01 --to 2024-12');
  const config = loadCommandConfig(flags);
  const cutoff = flags.cutoff ?? config.cutoff ?? 'calendar';
  let periods: Period[];
  try {
    periods = enumeratePeriods(flags.every, flags.from, flags.to, cutoff);
  } catch (e) {
    if (e instanceof PeriodError) throw new UsageError(e.message);
    throw e;
  }
  const rules = resolveRules(flags, config);
  const groupBy = resolveGroupBy(flags.by);
  const filters = resolveFilters(flags);
  const outDir = resolve(flags.out);
  let outStat: Stats | null = null;
  try {
    outStat = statSync(outDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UserError(`không dùng được thư mục --out ${outDir}: ${ioReason(e)}`);
  }
  if (outStat && !outStat.isDirectory()) throw new UsageError(`--out ${flags.out} là một tệp, không phải thư mục`);
  const workbook = formats.includes('xlsx') ? await loadWorkbookRenderer() : null;

  const targets = periods.map((period) => formats.map((format) => ({ period, format, path: join(outDir, exportFileName(flags.prefix, period, cutoff, groupBy, format)) })));
  // With --skip-existing and every file there, the source is not even opened.
  const wanted = periods.filter((_, i) => !flags.skipExisting || targets[i].some((t) => !existsSync(t.path)));

  const tables = new Map<Period, PeriodTable>();
  if (wanted.length > 0) {
    // Each file carries its period's warnings; stderr says the source's and the rows not counted.
    const counted = await countTables({ config, source: flags, periods: wanted, groupings: [groupBy], rules, filters, rejects: flags, tableWarnings: false });
    counted.tables.get(groupBy)!.forEach((table, i) => tables.set(wanted[i], table));
  }

  const list: ExportedFile[] = [];
  for (const [i, period] of periods.entries()) {
    const table = tables.get(period);
    for (const target of targets[i]) {
      const entry: ExportedFile = {
        period: { from: period.from, to: period.to, label: period.label ?? '' },
        format: target.format,
        path: target.path,
        status: 'written',
      };
      const span = `${period.label}: ${formatDayMonthYear(period.from)}–${formatDayMonthYear(period.to)}`;
      if (flags.skipExisting && existsSync(target.path)) {
        entry.status = 'skipped';
        process.stderr.write(`hcc: bỏ qua ${printable(target.path)} (đã có; ${span})\n`);
      } else {
        try {
          if (!table) throw new Error('không có số liệu của kỳ'); // cannot happen: every period with a missing file was counted
          const data =
            target.format === 'csv' ? renderCsv(table) : target.format === 'json' ? renderJson(table) : await workbook!(table, { sheetName: period.label });
          writeOutput(target.path, data);
          entry.rows = table.rows.length;
          entry.received = table.total.received.total;
          process.stderr.write(`hcc: đã ghi ${printable(target.path)} (${span}; ${formatCount(table.total.received.total)} hồ sơ tiếp nhận, ${table.rows.length} dòng)\n`);
        } catch (e) {
          entry.status = 'failed';
          entry.error = e instanceof OutputError ? e.reason : ioReason(e);
          process.stderr.write(`hcc: lỗi: không ghi được ${printable(target.path)} (${span}): ${printable(entry.error)}\n`);
        }
      }
      list.push(entry);
    }
  }

  if (flags.json) writeStdout(`${JSON.stringify(list, null, 2)}\n`);
  const failed = list.filter((f) => f.status === 'failed');
  const written = list.filter((f) => f.status === 'written').length;
  const skipped = list.filter((f) => f.status === 'skipped').length;
  process.stderr.write(
    `hcc: ${periods.length} kỳ: ${written} tệp đã ghi${skipped ? `, ${skipped} tệp bỏ qua` : ''}${failed.length ? `, ${failed.length} tệp lỗi` : ''} trong ${printable(outDir)}\n`,
  );
  if (failed.length > 0) {
    const names = [...new Set(failed.map((f) => f.period.label))].join(', ');
    process.stderr.write(`hcc: lỗi: các kỳ chưa xuất được: ${names} — kiểm tra quyền ghi và chỗ trống trong ${printable(outDir)}, rồi chạy lại\n`);
    return EXIT.failure;
  }
  return EXIT.ok;
}
