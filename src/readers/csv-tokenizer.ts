// A streaming CSV tokenizer (RFC 4180 plus the relaxations real exports need), written for speed:
// csv-parse spends about 6.5 s on a 1M-row export here, more than the whole budget of
// `hcc table --input` (README "Performance"). Lines without a quote, nearly all of them, are split
// with the native String.split; only lines with quotes go through the character loop.
//
// Lines end with CRLF, LF or a lone CR (old Mac exporters), mixed freely within one file. A quote
// that opens a field but does not close it where a CSV writer would have closed it (it would swallow
// whole records into one cell, or runs to the end of the file, or is followed by other text) is a
// stray quote: the field is read as plain text up to the next delimiter and the record is marked, so
// the reader rejects that one row instead of merging rows or refusing the file.

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

/** A quoted field longer than this is not a cell but a stray quote swallowing the file. */
const MAX_QUOTED_FIELD = 1 << 20;

/** What was wrong with a record's quoting (the record itself was still split, the quote read as text). */
export interface StrayQuote {
  /** 1-based field where the quote opened. */
  field: number;
  /** The quote would swallow records, never closes, or closes with text right after it. */
  kind: 'swallows' | 'unclosed' | 'text-after';
  /** Read as a quoted field, the cell would have run up to this line (null: to the end of the file)... */
  until: number | null;
  /** ...taking this many line breaks with it (0: the quote closed on its own line but text follows it). */
  swallowed: number;
}

export class CsvTokenizer {
  private rest = '';
  private first = true;
  /** Physical line (1-based) of the start of `rest`. */
  private line = 1;
  private readonly delimiterCode: number;
  /**
   * A line inside a quoted field with at least this many delimiters is taken for a record the quote
   * swallowed. Set from the header once it is known (`expectFields`).
   */
  private recordDelimiters = 2;

  constructor(private readonly delimiter: string) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** The number of fields of the header: lines with nearly as many delimiters are records. */
  expectFields(fields: number): void {
    this.recordDelimiters = Math.max(2, Math.ceil((fields - 1) * 0.6));
  }

  /**
   * Complete records in `chunk` (plus what was left over); the incomplete tail is kept. `lines`, when
   * given, gets the 1-based physical line each record starts on; `issues`, when given, gets the stray
   * quote of a record at the record's index in `out`.
   */
  push(chunk: string, out: string[][] = [], lines?: number[], issues?: Map<number, StrayQuote>): string[][] {
    let text = this.rest + chunk;
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    const consumed = this.scan(text, false, out, lines, issues);
    this.rest = text.slice(consumed);
    return out;
  }

  /** The last record (a file need not end with a newline). */
  end(out: string[][] = [], lines?: number[], issues?: Map<number, StrayQuote>): string[][] {
    const text = this.rest;
    this.rest = '';
    if (text.length > 0) this.scan(text, true, out, lines, issues);
    return out;
  }

  /** Returns how many characters of `text` were turned into records. */
  private scan(text: string, final: boolean, out: string[][], lines: number[] | undefined, issues: Map<number, StrayQuote> | undefined): number {
    let pos = 0;
    let nextQuote = text.indexOf('"');
    // Lone CRs are rare: remember where the next CR is instead of looking on every line.
    let nextCR = text.indexOf('\r');
    const n = text.length;
    while (pos < n) {
      const lfAt = text.indexOf('\n', pos);
      const lf = lfAt === -1 ? n : lfAt;
      if (nextCR !== -1 && nextCR < pos) nextCR = text.indexOf('\r', pos);
      let end: number; // end of the line's text
      let next: number; // start of the next line
      if (nextCR !== -1 && nextCR < lf) {
        if (nextCR + 1 === lfAt) {
          end = nextCR;
          next = lf + 1;
        } else if (nextCR + 1 === n && !final) {
          break; // a CR at the end of the chunk: is it CRLF? The next chunk tells.
        } else {
          end = nextCR;
          next = nextCR + 1;
        }
      } else if (lfAt === -1) {
        if (!final) break;
        end = next = n;
      } else {
        end = lf;
        next = lf + 1;
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1 || nextQuote >= end) {
        // Fast path: no quote in this line.
        out.push(text.slice(pos, end).split(this.delimiter));
        lines?.push(this.line);
        pos = next;
        this.line++;
        continue;
      }
      const record = this.quotedRecord(text, pos, final);
      if (record === null) break; // needs more text
      if (record.stray && issues) issues.set(out.length, record.stray);
      out.push(record.fields);
      lines?.push(this.line);
      this.line += record.lines;
      pos = record.end;
    }
    return Math.min(pos, n);
  }

  /**
   * One record that contains quotes, char by char. A quote opens a quoted field only at the start of
   * a field; elsewhere it is a literal character (as csv-parse's relax_quotes). Null when the record
   * is not complete in `text` and more may come.
   */
  private quotedRecord(
    text: string,
    start: number,
    final: boolean,
  ): { fields: string[]; end: number; lines: number; stray?: StrayQuote } | null {
    const fields: string[] = [];
    const n = text.length;
    const delimiter = this.delimiterCode;
    let i = start;
    let lines = 1;
    let stray: StrayQuote | undefined;
    for (;;) {
      // Start of a field.
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const quoted = this.quotedField(text, i, final, this.line + lines - 1);
        if (quoted === null) return null;
        if ('value' in quoted) {
          const c = quoted.end < n ? text.charCodeAt(quoted.end) : -1;
          const after = quoted.end + 1;
          let end = -1;
          if (c === delimiter || c === LF || c === -1) end = after;
          else if (c === CR) {
            if (after < n && text.charCodeAt(after) === LF) end = after + 1;
            else if (after >= n && !final) return null;
            else end = after;
          }
          if (end >= 0) {
            fields.push(quoted.value);
            lines += countLineBreaks(quoted.value);
            if (c === delimiter) {
              i = end;
              continue;
            }
            return { fields, end, lines, stray };
          }
          // Text right after the closing quote: it was not a CSV quote.
          stray ??= { field: fields.length + 1, kind: 'text-after', until: null, swallowed: 0 };
        } else {
          stray ??= { field: fields.length + 1, kind: quoted.kind, until: quoted.until, swallowed: quoted.swallowed };
        }
        // Either way the field, quote included, is read below as plain text.
      }
      // Unquoted field: up to the next delimiter or end of line.
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delimiter || c === LF || c === CR) break;
        j++;
      }
      if (j >= n && !final) return null;
      fields.push(text.slice(i, j));
      const c = j < n ? text.charCodeAt(j) : -1;
      if (c === delimiter) {
        i = j + 1;
        continue;
      }
      if (c === CR) {
        if (j + 1 < n && text.charCodeAt(j + 1) === LF) return { fields, end: j + 2, lines, stray };
        if (j + 1 >= n && !final) return null;
      }
      return { fields, end: j + 1, lines, stray };
    }
  }

  /**
   * The quoted field opening at `at` (on physical line `line`): its value and where its closing quote
   * ends, or, for a stray quote, how far it would have reached. Null when more text is needed to tell.
   */
  private quotedField(
    text: string,
    at: number,
    final: boolean,
    line: number,
  ): { value: string; end: number } | { kind: StrayQuote['kind']; until: number | null; swallowed: number } | null {
    const n = text.length;
    let value = '';
    let from = at + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q === -1) {
        // No closing quote yet: stray if what it holds already looks like records, or is far too long.
        if (this.swallowedRecords(text, at + 1, n) !== null) return { kind: 'swallows', until: null, swallowed: linesAfter(text, at + 1) };
        if (final || n - at > MAX_QUOTED_FIELD) return { kind: 'unclosed', until: null, swallowed: linesAfter(text, at + 1) };
        return null;
      }
      if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
        value += text.slice(from, q + 1); // "" is one quote
        from = q + 2;
        continue;
      }
      if (q + 1 >= n && !final) return null; // cannot yet tell "" from a closing quote
      value += text.slice(from, q);
      if (hasLineBreak(text, at, q)) {
        const breaks = this.swallowedRecords(text, at + 1, q);
        if (breaks !== null) return { kind: 'swallows', until: line + breaks, swallowed: breaks };
      }
      return { value, end: q + 1 };
    }
  }

  /**
   * Null when the text between `from` and `to` (inside a quoted field) reads as a cell; otherwise the
   * number of line breaks in it: one of its whole lines has as many delimiters as a record.
   */
  private swallowedRecords(text: string, from: number, to: number): number | null {
    let lineStart = -1;
    let breaks = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) {
        if (c === CR && i + 1 < to && text.charCodeAt(i + 1) === LF) i++;
        breaks++;
        lineStart = i + 1;
        continue;
      }
      if (lineStart >= 0 && c === this.delimiterCode) {
        // Count this line's delimiters (cheap: lines inside quoted cells are few and short).
        let count = 0;
        let k = lineStart;
        for (; k < to; k++) {
          const d = text.charCodeAt(k);
          if (d === LF || d === CR) break;
          if (d === this.delimiterCode) count++;
        }
        if (count >= this.recordDelimiters) return breaks + countLineBreaks(text.slice(k, to));
        i = k - 1; // on to the end of this line
        lineStart = -1;
      }
    }
    return null;
  }
}

/** Quoted fields are short: a loop over them, where indexOf would search the rest of the chunk. */
function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return true;
  }
  return false;
}

/** The lines after the one `from` is on, to the end of `text` (a last line break starts no line). */
function linesAfter(text: string, from: number): number {
  const breaks = countLineBreaks(text.slice(from));
  const last = text.charCodeAt(text.length - 1);
  return last === LF || last === CR ? Math.max(0, breaks - 1) : breaks;
}

/** Line breaks in a text: CRLF, LF and lone CR each count once. */
export function countLineBreaks(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR) {
      count++;
      if (s.charCodeAt(i + 1) === LF) i++;
    }
  }
  return count;
}
