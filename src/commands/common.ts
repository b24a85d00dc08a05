// Options and steps shared by the read commands: where the data comes from, which period, which
// rules, and how rows that could not be used are reported. Commands stay thin on top of these.
import type { Command } from 'commander';
import { Option } from 'commander';
import { loadConfig, type LoadedConfig } from '../config.js';
import { PeriodError, parsePeriod, parseRange, type Cutoff } from '../core/periods.js';
import type { ReadingCheck } from '../core/table.js';
import type { Channel, GroupBy, Period, PeriodTable, Reject, RuleOptions, WithdrawnPolicy } from '../core/types.js';
import { stopsStrict } from '../core/warnings.js';
import { UsageError, UserError, EXIT } from '../errors.js';
import { formatCount } from '../core/format-vi.js';
import { isSkipped, REJECT_KINDS, type RejectKind } from '../core/rejects.js';
import { ioReason } from '../io/io-errors.js';
import { printable } from '../io/printable.js';
import { RejectsFile } from '../io/rejects-file.js';
import { FIGURE_FIELDS } from '../readers/headers.js';
import { openSource } from '../sources/open.js';
import type { DossierSource, Filters } from '../sources/source.js';

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
  return cmd
    .addOption(
      new Option('--withdrawn <policy>', 'hồ sơ rút: exclude (tính riêng) hoặc on-time (tính là đúng hạn, như Biểu II.06a)').choices([
        'exclude',
        'on-time',
      ]),
    )
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
  const allowed: GroupBy[] = ['agency', 'field', 'procedure', 'channel', 'level', 'month'];
  if (value === undefined) return 'agency';
  if ((allowed as string[]).includes(value)) return value as GroupBy;
  throw new UsageError(`--by "${value}" không hợp lệ: dùng ${allowed.join(', ')}`);
}

export interface FilterFlags {
  agency?: string[];
  field?: string[];
  procedure?: string[];
  channel?: string[];
  level?: string[];
}

const CHANNEL_WORDS: Record<string, Channel> = {
  direct: 'direct',
  'truc tiep': 'direct',
  '1': 'direct',
  online: 'online',
  'truc tuyen': 'online',
  '2': 'online',
  postal: 'postal',
  'buu chinh': 'postal',
  'buu chinh cong ich': 'postal',
  bcci: 'postal',
  '3': 'postal',
};

export function resolveFilters(flags: FilterFlags): Filters | undefined {
  const channel = flags.channel?.map((c) => {
    const key = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().trim();
    const value = CHANNEL_WORDS[key];
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

export async function openCommandSource(flags: SourceFlags, config: LoadedConfig): Promise<DossierSource> {
  return openSource(flags, config);
}

/**
 * The rows a command did not count: every one streamed to the rejects file (hcc-rejects.csv or
 * --rejects) as the source meets it, counted by kind, and summed up on stderr at the end (the first
 * few shown). Pass `add` to the source as its `onReject`.
 */
export class RejectLog {
  rejected = 0;
  skipped = 0;
  readonly byKind = new Map<RejectKind, number>();
  private readonly shown: Reject[] = [];
  private readonly firstSkipped: Reject[] = [];
  private readonly file: RejectsFile;

  constructor(flags: RuleFlags) {
    this.file = new RejectsFile(flags.rejects ?? 'hcc-rejects.csv');
  }

  readonly add = (r: Reject): void => {
    this.byKind.set(r.kind, (this.byKind.get(r.kind) ?? 0) + 1);
    if (isSkipped(r.kind)) {
      this.skipped++;
      if (this.firstSkipped.length < SHOWN_REJECTS) this.firstSkipped.push(r);
    } else {
      this.rejected++;
      if (this.shown.length < SHOWN_REJECTS) this.shown.push(r);
    }
    this.file.add(r);
  };

  /**
   * Puts the rejects file in place and tells the user (count, first rows, where the list is, or why
   * it could not be written); under --strict, stops with exit code 3 when some row could not be used.
   */
  finish(sourceDescription: string, flags: RuleFlags): void {
    if (this.rejected === 0 && this.skipped === 0) return;
    const written = this.file.finish();
    const where = written
      ? `danh sách đầy đủ: ${this.file.path}`
      : `không ghi được danh sách vào ${this.file.path} (${ioReason(this.file.error)}): dùng --rejects ĐƯỜNG-DẪN để ghi nơi khác`;
    const lines: string[] = [];
    if (this.rejected > 0) {
      lines.push(`hcc: ${formatCount(this.rejected)} dòng không dùng được trong ${sourceDescription} (không tính vào bảng); ${where}`);
      for (const r of this.shown) lines.push(`  ${describeReject(r)}`);
      if (this.rejected > this.shown.length) lines.push(`  … và ${formatCount(this.rejected - this.shown.length)} dòng khác`);
      const kinds = [...this.byKind].filter(([k]) => !isSkipped(k));
      if (kinds.length > 1) lines.push(`  theo lý do: ${kinds.map(([k, n]) => `${REJECT_KINDS[k]} ${formatCount(n)}`).join('; ')}`);
    }
    if (this.skipped > 0) {
      const kinds = [...this.byKind].filter(([k]) => isSkipped(k));
      lines.push(
        `hcc: bỏ qua ${formatCount(this.skipped)} dòng không phải hồ sơ trong ${sourceDescription} (${kinds.map(([k, n]) => `${REJECT_KINDS[k]}: ${formatCount(n)}`).join('; ')}, ví dụ ${describeReject(this.firstSkipped[0])})` +
          (this.rejected > 0 ? '' : `; ${where}`),
      );
    }
    process.stderr.write(lines.map((l) => `${printable(l)}\n`).join(''));
    if (flags.strict && this.rejected > 0) {
      throw new UserError(
        `--strict: dừng vì có ${formatCount(this.rejected)} dòng không dùng được (đầu tiên: ${describeReject(this.shown[0])})`,
        EXIT.rejected,
      );
    }
  }
}

const SHOWN_REJECTS = 5;

export function describeReject(r: Reject): string {
  return `${r.file}${r.line ? `:${r.line}` : ''}${r.code ? ` (mã ${r.code})` : ''}: ${r.reason}`;
}

/**
 * After a source has been read: says first what the figures rest on besides the data (a column the
 * source lacks, a column given twice), then the rows not counted; under --strict, a missing column
 * that changes the figures or any rejected row stops the command with exit code 3. Returns what the
 * table and the documents show of it.
 */
export function finishReading(
  source: Pick<DossierSource, 'description' | 'warnings'>,
  rejects: RejectLog,
  flags: RuleFlags,
  /** The fields whose absence changes what this command prints (a listing does not use the channel). */
  uses: readonly string[] = FIGURE_FIELDS,
): ReadingCheck {
  const warnings = source.warnings.filter((w) => w.code !== 'missing-column' || uses.includes(w.field!));
  for (const w of warnings) process.stderr.write(`hcc: cảnh báo: ${printable(w.message)}\n`);
  rejects.finish(source.description, flags);
  const fatal = warnings.find(stopsStrict);
  if (flags.strict && fatal) throw new UserError(`--strict: dừng vì ${fatal.message}`, EXIT.rejected);
  return { warnings, rejectedByKind: Object.fromEntries(rejects.byKind), skipped: rejects.skipped };
}

/** The table's own warnings (dossiers without a due date, agencies not in the list); the source's were said by finishReading. */
export function reportWarnings(table: PeriodTable, reading: ReadingCheck): void {
  for (const w of table.warnings) if (!reading.warnings.includes(w)) process.stderr.write(`hcc: cảnh báo: ${printable(w.message)}\n`);
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
