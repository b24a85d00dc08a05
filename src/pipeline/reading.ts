// Saying what a read found besides the figures: every row not counted, streamed to the rejects file
// and summed up on stderr; what the figures rest on (a missing column, a column given twice) said
// first; and --strict stopping the command when either should stop it.
import type { ReadingCheck } from '../core/table.js';
import type { PeriodTable, Reject } from '../core/types.js';
import { stopsStrict, type Warning } from '../core/warnings.js';
import { EXIT, UserError } from '../errors.js';
import { formatCount } from '../core/format-vi.js';
import { isSkipped, REJECT_KINDS, type RejectKind } from '../core/rejects.js';
import { ioReason } from '../io/io-errors.js';
import { printable } from '../io/printable.js';
import { RejectsFile } from './rejects-file.js';
import { FIGURE_FIELDS } from '../readers/headers.js';
import type { DossierSource } from '../sources/source.js';

/** Where the rows not counted are listed, and whether any of them stops the command. */
export interface RejectOptions {
  /** The rejects file (default ./hcc-rejects.csv). */
  rejects?: string;
  strict?: boolean;
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

  constructor(flags: RejectOptions) {
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
  finish(sourceDescription: string, flags: RejectOptions): void {
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
  flags: RejectOptions,
  /** The fields whose absence changes what this command prints (a listing does not use the channel). */
  uses: readonly string[] = FIGURE_FIELDS,
): ReadingCheck {
  // A time limit changes no count: its unreadable cells are said only where it is used (hcc due-dates).
  const byField = (w: Warning) => w.code === 'missing-column' || w.code === 'unread-time-limit';
  const warnings = source.warnings.filter((w) => !byField(w) || uses.includes(w.field!));
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
