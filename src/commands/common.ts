// The options every read command shares (where the data comes from, which period, which rules and
// filters) and how their values become what the pipeline asks for; the checks the listings' file
// formats share. Commands stay thin on top of these and of src/pipeline.
import type { Command } from 'commander';
import { Option } from 'commander';
import { loadConfig, type LoadedConfig } from '../config.js';
import { parseDay, PeriodError, parsePeriod, parseRange, type Cutoff } from '../core/periods.js';
import { GROUP_BY, type GroupBy, type IsoDate, type Period, type RuleOptions, type WithdrawnPolicy } from '../core/types.js';
import { parseChannel } from '../readers/codes.js';
import { UsageError, UserError } from '../errors.js';
import { BUNDLED_FONTS } from '../assets.js';
import { fontFiles, type FontFiles } from '../report/config.js';
import type { Filters } from '../sources/source.js';

export interface SourceFlags {
  input?: string;
  db?: string;
  sourceTable?: string;
  store?: string;
  config?: string;
  debug?: boolean;
}
export interface PeriodFlags {
  period?: string;
  from?: string;
  to?: string;
  cutoff?: Cutoff;
}
export interface RuleFlags {
  withdrawn?: WithdrawnPolicy;
  strict?: boolean;
  rejects?: string;
}

export function addConfigOption(cmd: Command): Command {
  return cmd.option('--config <file>', 'tệp cấu hình (mặc định: ./hcc.config.json nếu có)');
}

export function addSourceOptions(cmd: Command): Command {
  return addConfigOption(
    cmd
      .option('-i, --input <file>', 'đọc trực tiếp tệp xuất (CSV hoặc XLSX)')
      .option('--db <url>', 'đọc CSDL: postgres://…, mysql://…, sqlite:đường-dẫn (hoặc biến HCC_DB_URL)')
      .option('--source-table <name>', 'bảng hoặc view chứa hồ sơ trong CSDL (mặc định: theo cấu hình)')
      .option('--store <file>', 'kho dữ liệu SQLite của hcc (mặc định: ./hcc.sqlite)'),
  );
}

export function addPeriodOptions(cmd: Command): Command {
  return cmd
    .option('-p, --period <period>', 'kỳ báo cáo: 2019, 2019-H1, 2019-H2, 2019-Q1…Q4, 2019-06, 2019-9M')
    .option('--from <date>', 'từ ngày (yyyy-mm-dd hoặc dd/mm/yyyy), tính cả ngày này')
    .option('--to <date>', 'đến ngày, tính cả ngày này')
    .addOption(
      new Option('--cutoff <rule>', 'mốc chốt số liệu cho kỳ có tên: calendar (theo lịch) hoặc decree09 (Nghị định 09/2019: từ 15 đến 14)').choices([
        'calendar',
        'decree09',
      ]),
    );
}

export function addRuleOptions(cmd: Command): Command {
  cmd.addOption(
    new Option('--withdrawn <policy>', 'hồ sơ rút: exclude (tính riêng) hoặc on-time (tính là đúng hạn, như Biểu II.06a)').choices(['exclude', 'on-time']),
  );
  return addRejectOptions(cmd);
}

/** `--strict` and `--rejects`: what a command that counts or lists does with rows it cannot use. */
export function addRejectOptions(cmd: Command): Command {
  return cmd
    .option('--strict', 'dừng với lỗi nếu có dòng không dùng được')
    .option('--rejects <file>', 'nơi ghi danh sách dòng không dùng được (mặc định: ./hcc-rejects.csv)');
}

/** `--agency`, `--field`, `--procedure`, `--channel`, `--level`: repeatable, accent- and case-insensitive. */
export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--agency <name>', 'chỉ lấy cơ quan này (lặp lại được)', collect)
    .option('--field <name>', 'chỉ lấy lĩnh vực này (lặp lại được)', collect)
    .option('--procedure <name>', 'chỉ lấy thủ tục này (lặp lại được)', collect)
    .option('--channel <channel>', 'chỉ lấy kênh: direct, online, postal (lặp lại được)', collect)
    .option('--level <level>', 'chỉ lấy cấp này (lặp lại được)', collect);
}

export function resolvePeriod(flags: PeriodFlags, config: LoadedConfig): Period {
  const cutoff = flags.cutoff ?? config.cutoff ?? 'calendar';
  try {
    if (flags.period) {
      if (flags.from || flags.to) throw new UsageError('dùng --period hoặc --from/--to, không dùng cả hai');
      return parsePeriod(flags.period, cutoff);
    }
    if (flags.from && flags.to) return parseRange(flags.from, flags.to);
    if (flags.from || flags.to) throw new UsageError('cần cả --from và --to');
  } catch (e) {
    if (e instanceof PeriodError) throw new UsageError(e.message);
    throw e;
  }
  throw new UsageError('chưa chọn kỳ báo cáo: dùng --period 2019-H1 hoặc --from 2019-01-01 --to 2019-06-30');
}

export function resolveRules(flags: RuleFlags, config: LoadedConfig): RuleOptions {
  return { withdrawn: flags.withdrawn ?? config.rules.withdrawn ?? 'exclude' };
}

export function resolveGroupBy(value: string | undefined): GroupBy {
  if (value === undefined) return 'agency';
  if ((GROUP_BY as readonly string[]).includes(value)) return value as GroupBy;
  throw new UsageError(`--by "${value}" không hợp lệ: dùng ${GROUP_BY.join(', ')}`);
}

export interface FilterFlags {
  agency?: string[];
  field?: string[];
  procedure?: string[];
  channel?: string[];
  level?: string[];
}

export function resolveFilters(flags: FilterFlags): Filters | undefined {
  // The words of the channel column of exports, codes 1–3 included, accents and case ignored.
  const channel = flags.channel?.map((c) => {
    const value = parseChannel(c);
    if (!value) throw new UsageError(`--channel "${c}" không hợp lệ: dùng direct, online hoặc postal`);
    return value;
  });
  const filters: Filters = {
    agency: flags.agency,
    field: flags.field,
    procedure: flags.procedure,
    channel,
    level: flags.level,
  };
  return Object.values(filters).some((v) => v?.length) ? filters : undefined;
}

/** The config of --config (or ./hcc.config.json), with `overlay` laid over it (the demo's report settings). */
export function loadCommandConfig(flags: { config?: string }, overlay?: string): LoadedConfig {
  return loadConfig(flags.config, { overlay });
}

/** A day given on the command line (--as-of, --date), or a usage error naming the flag. */
export function dayFlag(text: string, flag: string): IsoDate {
  try {
    return parseDay(text, flag);
  } catch (e) {
    if (e instanceof PeriodError) throw new UsageError(e.message);
    throw e;
  }
}

/** `--format a,b`: each of `allowed`, once, in the order given. */
export function formatList<T extends string>(value: string, allowed: readonly T[]): T[] {
  const formats = [...new Set(value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  if (formats.length === 0) throw new UsageError(`--format: cần ít nhất một định dạng (${allowed.join(', ')})`);
  const bad = formats.find((f) => !(allowed as readonly string[]).includes(f));
  if (bad !== undefined) throw new UsageError(`--format "${bad}" không hợp lệ: dùng ${allowed.join(', ')} (cách nhau bởi dấu phẩy)`);
  return formats as T[];
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** xlsx and pdf are files, never the terminal: they need --out (checked before anything is read). */
export function requireOutForFiles(format: string, out: string | undefined): void {
  if ((format === 'xlsx' || format === 'pdf') && !out) throw new UsageError(`định dạng ${format} cần --out TỆP.${format}`);
}

/** The report's fonts for a PDF (checked before the data is read, so a wrong path fails at once); null for other formats. */
export function pdfFonts(format: string, config: LoadedConfig): FontFiles | null {
  return format === 'pdf' ? fontFiles(config.fonts, BUNDLED_FONTS, config.path ?? 'hcc.config.json') : null;
}

/** A PDF pdfkit could not make (a font file it cannot read) is one line pointing at the config's fonts. */
export async function pdfOrUserError(make: () => Promise<Buffer>): Promise<Buffer> {
  try {
    return await make();
  } catch (e) {
    throw new UserError(`không lập được tệp PDF: ${(e as Error).message} (kiểm tra khóa "fonts" của tệp cấu hình)`);
  }
}
