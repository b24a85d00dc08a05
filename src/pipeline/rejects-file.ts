// The list of rows that were not counted (hcc-rejects.csv), written as the rows come: every one of
// them, never all in memory. Like every output it is written beside its place and renamed at the
// end, so a run that stops half way leaves the previous list, never half of a new one. A list that
// cannot be written is said, not fatal: the table still comes out.
import type { Reject } from '../core/types.js';
import { csvField } from '../render/csv.js';
import { openOutput, OutputError, type Output } from '../io/atomic.js';
import { FileError } from '../io/io-errors.js';

const HEADER = 'file,line,code,kind,reason';
const FLUSH_AT = 1 << 16;

export class RejectsFile {
  private out: Output | null = null;
  private buffered: string[] = [];
  private bufferedLength = 0;
  /** Why the list could not be written (the rows are still counted). */
  error: NodeJS.ErrnoException | null = null;
  rows = 0;

  constructor(readonly path: string) {}

  add(r: Reject): void {
    if (this.error) return;
    const line = `${csvField(r.file)},${r.line},${csvField(r.code ?? '')},${r.kind},${csvField(r.reason)}\r\n`;
    this.buffered.push(line);
    this.bufferedLength += line.length;
    this.rows++;
    if (this.bufferedLength >= FLUSH_AT) this.flush();
  }

  /** Puts the list in place; false (with `error`) when it could not be written. No rows: nothing is written. */
  finish(): boolean {
    if (this.rows === 0 || this.error) return this.error === null;
    this.flush();
    if (this.error) return false;
    try {
      this.out!.commit();
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  private flush(): void {
    if (this.error || this.buffered.length === 0) return;
    try {
      if (this.out === null) {
        this.out = openOutput(this.path);
        this.out.write(`\uFEFF${HEADER}\r\n`); // the BOM makes Excel read the Vietnamese right
      }
      this.out.write(this.buffered.join(''));
    } catch (e) {
      this.fail(e);
    }
    this.buffered = [];
    this.bufferedLength = 0;
  }

  private fail(e: unknown): void {
    // The reason alone: the message around it already names the file.
    this.error = e instanceof OutputError ? new FileError(e.path, e.reason) : (e as NodeJS.ErrnoException);
    this.out?.discard();
    this.out = null;
  }
}
