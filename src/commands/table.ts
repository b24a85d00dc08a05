// hcc table: the figures of one period, per agency (or field, procedure, …), in the terminal or for scripts.
import { Command, Option } from 'commander';
import { comparisonJson, comparisonPeriod, compareTables, type CompareMode, type TableComparison } from '../core/compare.js';
import { indicatorsTable766, type Options766 } from '../core/indicators766.js';
import type { PeriodTable } from '../core/types.js';
import { UsageError } from '../errors.js';
import { writeOutput } from '../io/atomic.js';
import { printable, writeStdout } from '../io/printable.js';
import { renderCsv } from '../render/csv.js';
import { renderCsv766, renderJson766, renderTerminal766 } from '../render/indicators766.js';
import { renderJson, tableToJson } from '../render/json.js';
import { renderTerminal } from '../render/terminal.js';
import { countTables } from '../pipeline/count.js';
import {
  addPeriodOptions,
  addRuleOptions,
  addSourceOptions,
  addFilterOptions,
  loadCommandConfig,
  resolveFilters,
  resolveGroupBy,
  resolvePeriod,
  resolveRules,
  type FilterFlags,
  type PeriodFlags,
  type RuleFlags,
  type SourceFlags,
} from './common.js';

interface TableFlags extends SourceFlags, PeriodFlags, RuleFlags, FilterFlags {
  format: 'table' | 'json' | 'csv';
  by?: string;
  out?: string;
  compare?: CompareMode;
  indicators?: '766';
}

export function registerTable(program: Command): void {
  const cmd = program
    .command('table')
    .description('bảng tình hình, kết quả giải quyết TTHC của một kỳ, theo cơ quan (hoặc lĩnh vực, thủ tục, …)');
  addSourceOptions(cmd);
  addPeriodOptions(cmd);
  addRuleOptions(cmd);
  addFilterOptions(cmd);
  cmd
    .addOption(new Option('-f, --format <format>', 'định dạng: table (màn hình), json, csv').choices(['table', 'json', 'csv']).default('table'))
    .option('--by <group>', 'dòng theo: agency (cơ quan), field, procedure, channel, level, month')
    .addOption(new Option('--compare <with>', 'so sánh với: previous (kỳ liền trước) hoặc last-year (cùng kỳ năm trước)').choices(['previous', 'last-year']))
    .addOption(new Option('--indicators <set>', 'chỉ số thay cho bảng: 766 (tiến độ giải quyết theo Quyết định 766/QĐ-TTg, kỳ theo lịch)').choices(['766']))
    .option('-o, --out <file>', 'ghi ra tệp thay vì màn hình')
    .addHelpText(
      'after',
      `
Ví dụ:
  $ hcc table --input fixtures/ha-nam/ho-so-2017-2019.csv --config fixtures/ha-nam/hcc.config.json --from 2017-07-03 --to 2019-06-30
  $ hcc table --input export.xlsx --period 2019-H1 --format json > h1.json
  $ hcc table --period 2019-Q2 --cutoff decree09 --format csv --out q2.csv
  $ hcc table --period 2024-Q2 --by field --agency "Sở Tư pháp"
  $ hcc table --period 2023 --compare previous
  $ hcc table --period 2024-H1 --compare last-year --format json > so-sanh.json
  $ hcc table --period 2024-03 --indicators 766

Bộ lọc không phân biệt hoa thường và dấu ("so tu phap" khớp "Sở Tư pháp"); lặp lại để lấy nhiều giá trị.
Với --compare, phần trăm thay đổi tính trên số của kỳ so sánh, làm tròn 2 chữ số thập phân.
Với --indicators 766, kỳ luôn tính theo lịch (tháng, quý, năm như Cổng DVC quốc gia), không theo mốc chốt Nghị định 09.`,
    )
    .action(async (flags: TableFlags) => {
      if (flags.compare && flags.format === 'csv') throw new UsageError('--compare chưa dùng được với --format csv: dùng --format json hoặc table');
      if (flags.indicators && flags.compare) throw new UsageError('--indicators 766 chưa dùng được với --compare');
      if (flags.indicators && flags.cutoff === 'decree09') {
        throw new UsageError('--indicators 766 tính theo kỳ lịch (tháng, quý, năm như Cổng DVC quốc gia): bỏ --cutoff decree09');
      }
      const { table, comparison, options766 } = await computeTables(flags);
      const output = flags.indicators
        ? renderIndicators(table, flags.format, !flags.out, options766)
        : renderTableOutput(table, flags.format, !flags.out, comparison);
      if (flags.out) {
        writeOutput(flags.out, output);
        process.stderr.write(`hcc: đã ghi ${printable(flags.out)}\n`);
      } else if (flags.format === 'table') {
        process.stdout.write(output); // the terminal renderer has made the data printable; its colours stay
      } else {
        writeStdout(output);
      }
    });
}

/** The table, and with `--compare` the comparison period's table paired with it (one read of the source for both). */
async function computeTables(flags: TableFlags): Promise<{ table: PeriodTable; comparison?: TableComparison; options766: Options766 }> {
  const config = loadCommandConfig(flags);
  // The portal's 766 figures are for calendar periods, whatever cut-off the config sets for the report.
  const period = resolvePeriod(flags.indicators ? { ...flags, cutoff: 'calendar' } : flags, config);
  const groupBy = resolveGroupBy(flags.by);
  const rules = resolveRules(flags, config);
  const options766: Options766 = {
    withdrawnOnTime: rules.withdrawn === 'on-time',
    calendarInsteadOfDecree09: Boolean(flags.period) && config.cutoff === 'decree09',
  };
  const basePeriod = flags.compare ? comparisonPeriod(period, flags.compare) : undefined;
  const counted = await countTables({
    config,
    source: flags,
    periods: basePeriod ? [period, basePeriod] : [period],
    groupings: [groupBy],
    rules,
    filters: resolveFilters(flags),
    rejects: flags,
  });
  const [table, base] = counted.tables.get(groupBy)!;
  return base && flags.compare ? { ...compareTables(table, base, flags.compare), options766 } : { table, options766 };
}

/** The 766 progress figures of the counted table (derived from its counts: no second pass). */
function renderIndicators(table: PeriodTable, format: TableFlags['format'], toTerminal: boolean, options: Options766): string {
  const figures = indicatorsTable766(table, options);
  if (format === 'json') return renderJson766(figures, table);
  if (format === 'csv') return renderCsv766(figures, table);
  return renderTerminal766(figures, table, {
    color: toTerminal && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    width: (toTerminal && process.stdout.columns) || 160,
  });
}

function renderTableOutput(table: PeriodTable, format: TableFlags['format'], toTerminal: boolean, comparison?: TableComparison): string {
  switch (format) {
    case 'json':
      if (!comparison) return renderJson(table);
      return `${JSON.stringify(withComparison(tableToJson(table) as { rows: object[] }, comparison), null, 2)}\n`;
    case 'csv':
      return renderCsv(table);
    default:
      return renderTerminal(table, {
        color: toTerminal && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        width: (toTerminal && process.stdout.columns) || 160,
        comparison,
        satisfaction: table.total.satisfaction.rated > 0 ? table.total.satisfaction : null,
      });
  }
}

/** The JSON table with `compare` at the top (period, total) and in every row. */
function withComparison(json: { rows: object[] }, comparison: TableComparison): object {
  const c = comparisonJson(comparison);
  return { ...json, rows: json.rows.map((row, i) => ({ ...row, compare: c.rows[i] })), compare: c.top };
}
