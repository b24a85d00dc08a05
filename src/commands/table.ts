// hcc table: the figures of one period, per agency (or field, procedure, …), in the terminal or for scripts.
import { Command, Option } from 'commander';
import { buildTable } from '../core/table.js';
import type { PeriodTable } from '../core/types.js';
import { writeFileAtomic } from '../io/atomic.js';
import { renderCsv } from '../render/csv.js';
import { renderJson } from '../render/json.js';
import { renderTerminal } from '../render/terminal.js';
import {
  addPeriodOptions,
  addRuleOptions,
  addSourceOptions,
  collect,
  loadCommandConfig,
  openCommandSource,
  reportRejects,
  reportWarnings,
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
}

export function registerTable(program: Command): void {
  const cmd = program
    .command('table')
    .description('bảng tình hình, kết quả giải quyết TTHC của một kỳ, theo cơ quan (hoặc lĩnh vực, thủ tục, …)');
  addSourceOptions(cmd);
  addPeriodOptions(cmd);
  addRuleOptions(cmd);
  cmd
    .addOption(new Option('-f, --format <format>', 'định dạng: table (màn hình), json, csv').choices(['table', 'json', 'csv']).default('table'))
    .option('--by <group>', 'dòng theo: agency (cơ quan), field, procedure, channel, level, month')
    .option('--agency <name>', 'chỉ lấy cơ quan này (lặp lại được)', collect)
    .option('--field <name>', 'chỉ lấy lĩnh vực này (lặp lại được)', collect)
    .option('--procedure <name>', 'chỉ lấy thủ tục này (lặp lại được)', collect)
    .option('--channel <channel>', 'chỉ lấy kênh: direct, online, postal (lặp lại được)', collect)
    .option('--level <level>', 'chỉ lấy cấp này (lặp lại được)', collect)
    .option('-o, --out <file>', 'ghi ra tệp thay vì màn hình')
    .addHelpText(
      'after',
      `
Ví dụ:
  $ hcc table --input fixtures/ha-nam/ho-so-2017-2019.csv --config fixtures/ha-nam/hcc.config.json --from 2017-07-03 --to 2019-06-30
  $ hcc table --input export.xlsx --period 2019-H1 --format json > h1.json
  $ hcc table --period 2019-Q2 --cutoff decree09 --format csv --out q2.csv
  $ hcc table --period 2024-Q2 --by field --agency "Sở Tư pháp"`,
    )
    .action(async (flags: TableFlags) => {
      const table = await computeTable(flags);
      const output = renderTableOutput(table, flags.format, !flags.out);
      if (flags.out) {
        writeFileAtomic(flags.out, output);
        process.stderr.write(`hcc: đã ghi ${flags.out}\n`);
      } else {
        process.stdout.write(output);
      }
    });
}

/** Reads the source once and builds the period table (shared by other commands). */
export async function computeTable(flags: SourceFlags & PeriodFlags & RuleFlags & FilterFlags & { by?: string }): Promise<PeriodTable> {
  const config = loadCommandConfig(flags);
  const period = resolvePeriod(flags, config);
  const rules = resolveRules(flags, config);
  const groupBy = resolveGroupBy(flags.by);
  const filters = resolveFilters(flags);
  const source = await openCommandSource(flags, config);
  try {
    const result = await source.count({ periods: [period], groupBy, rules, filters });
    reportRejects(result, flags, source);
    const table = buildTable(result.perPeriod[0], { period, groupBy, agencies: config.agencies, includeEmptyListed: !filters });
    reportWarnings(table.warnings);
    return table;
  } finally {
    await source.close();
  }
}

function renderTableOutput(table: PeriodTable, format: TableFlags['format'], toTerminal: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(table);
    case 'csv':
      return renderCsv(table);
    default:
      return renderTerminal(table, {
        color: toTerminal && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        width: (toTerminal && process.stdout.columns) || 160,
      });
  }
}
