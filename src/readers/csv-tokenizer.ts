// A streaming CSV tokenizer (RFC 4180 plus the relaxations real exports need), written for speed:
// csv-parse spends about 6.5 s on a 1M-row export here, more than the whole budget of
// `hcc table --input` (README "Performance"). Lines without a quote, nearly all of them, are split
// with the native String.split; only lines with quotes go through the character loop.

/** Errors carry csv-parse's codes so messages stay the same (see csv.ts CSV_ERRORS). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly code: 'CSV_QUOTE_NOT_CLOSED' | 'CSV_INVALID_CLOSING_QUOTE',
    /** 1-based physical line where the offending record starts. */
    readonly line: number,
  ) {
    super(code);
  }
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

export class CsvTokenizer {
  private rest = '';
  private first = true;
  /** Physical line (1-based) of the start of `rest`. */
  private line = 1;
  private readonly delimiterCode: number;

  constructor(private readonly delimiter: string) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /**
   * Complete records in `chunk` (plus what was left over); the incomplete tail is kept. `lines`, when
   * given, gets the 1-based physical line each record starts on.
   */
  push(chunk: string, out: string[][] = [], lines?: number[]): string[][] {
    let text = this.rest + chunk;
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    const consumed = this.scan(text, false, out, lines);
    this.rest = text.slice(consumed);
    return out;
  }

  /** The last record (a file need not end with a newline). */
  end(out: string[][] = [], lines?: number[]): string[][] {
    const text = this.rest;
    this.rest = '';
    if (text.length > 0) this.scan(text, true, out, lines);
    return out;
  }

  /** Returns how many characters of `text` were turned into records. */
  private scan(text: string, final: boolean, out: string[][], lines: number[] | undefined): number {
    let pos = 0;
    let nextQuote = text.indexOf('"');
    const n = text.length;
    while (pos < n) {
      let nl = text.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = n;
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1 || nextQuote > nl) {
        // Fast path: no quote in this line.
        const end = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        out.push(text.slice(pos, end).split(this.delimiter));
        lines?.push(this.line);
        pos = nl + 1;
        this.line++;
        continue;
      }
      const record = this.quotedRecord(text, pos, final);
      if (record === null) break; // needs more text
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
  private quotedRecord(text: string, start: number, final: boolean): { fields: string[]; end: number; lines: number } | null {
    const fields: string[] = [];
    const n = text.length;
    const delimiter = this.delimiterCode;
    let i = start;
    let lines = 1;
    for (;;) {
      // Start of a field.
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) {
            if (!final) return null;
            throw new CsvSyntaxError('CSV_QUOTE_NOT_CLOSED', this.line);
          }
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1); // "" is one quote
            from = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return null; // cannot yet tell "" from a closing quote
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        lines += countNewlines(value);
        fields.push(value);
        const c = i < n ? text.charCodeAt(i) : -1;
        if (c === delimiter) {
          i++;
          continue;
        }
        if (c === LF || c === -1) return { fields, end: i + 1, lines: lines };
        if (c === CR) {
          if (i + 1 < n && text.charCodeAt(i + 1) === LF) return { fields, end: i + 2, lines };
          if (i + 1 >= n && !final) return null;
          return { fields, end: i + 1, lines };
        }
        throw new CsvSyntaxError('CSV_INVALID_CLOSING_QUOTE', this.line);
      }
      // Unquoted field: up to the next delimiter or end of line.
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delimiter || c === LF) break;
        j++;
      }
      if (j >= n && !final) return null;
      let end = j;
      if (end > i && text.charCodeAt(end - 1) === CR && (j >= n || text.charCodeAt(j) === LF)) end--;
      fields.push(text.slice(i, end));
      if (j < n && text.charCodeAt(j) === delimiter) {
        i = j + 1;
        continue;
      }
      return { fields, end: j + 1, lines };
    }
  }
}

function countNewlines(s: string): number {
  let count = 0;
  for (let at = s.indexOf('\n'); at !== -1; at = s.indexOf('\n', at + 1)) count++;
  return count;
}
