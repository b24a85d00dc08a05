// Streaming CSV reader: decode (UTF-8, UTF-16, Windows-1258), split into records, find the header row
// under any title rows, map body rows by column index. Tokenizing is our own (csv-tokenizer.ts):
// csv-parse alone took longer than the performance budget of a 1M-row file. A row the reader cannot
// trust (bytes that are not text in the file's encoding, a stray quote) is rejected with its line;
// the rest of the file is read as usual.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { UserError } from '../errors.js';
import { HEADER_SCAN_ROWS, type HeaderMatcher } from './headers.js';
import { CsvTokenizer, type StrayQuote } from './csv-tokenizer.js';
import type { RowProblem } from './rows.js';
import { RowsUnderHeader, type RowsOptions } from './under-header.js';
import { openError, splitRecords, type Input, type TextEncoding } from './sniff.js';
import type { ReadItem } from './types.js';

const DELIMITERS = [',', ';', '\t'] as const;

export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1258': 'Windows-1258',
};

/** Picks the delimiter under which some early row is a recognisable header; also its number of fields. */
export function detectDelimiter(text: string, matcher: HeaderMatcher): { delimiter: string; fields: number } {
  let best: { delimiter: string; score: number; fields: number } = { delimiter: ',', score: -1, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const records = splitRecords(text, delimiter, HEADER_SCAN_ROWS * 2);
    for (const record of records) {
      if (record.length < 2) continue;
      const m = matcher.match(record);
      // A complete header beats any partial one; among equals, more recognised columns win.
      const score = (m.missing.length === 0 ? 100 : 0) + m.recognised;
      if (score > best.score) best = { delimiter, score, fields: record.length };
    }
  }
  if (best.score > 0) return { delimiter: best.delimiter, fields: best.fields };
  // Nothing recognisable: the delimiter most frequent on the first lines, for the error message.
  const sample = text.slice(0, 64 * 1024);
  let most: string = ',';
  let count = -1;
  for (const d of DELIMITERS) {
    const n = sample.split(d).length;
    if (n > count) [most, count] = [d, n];
  }
  return { delimiter: most, fields: 0 };
}

function readError(path: string, err: unknown): UserError {
  if (err instanceof UserError) return err;
  return openError(path, err);
}

/** The bytes of the input from its start: the file again, or the pipe's head and then the rest of it. */
async function* bytesOf(input: Input): AsyncGenerator<Buffer> {
  if (input.regular) {
    yield* createReadStream(input.path, { highWaterMark: 1 << 18 }) as AsyncIterable<Buffer>;
    return;
  }
  yield input.head;
  if (input.rest) yield* input.rest as AsyncIterable<Buffer>;
}

/** Decodes chunk by chunk; a character cut by a chunk boundary is completed by the next chunk. */
function decoderFor(encoding: TextEncoding): { write(b: Buffer): string; end(): string } {
  if (encoding === 'utf-8') {
    // Invalid bytes become U+FFFD: the rows holding one are rejected below. (TextDecoder is the
    // fastest of Node's UTF-8 decoders here, and keeps a character cut by a chunk for the next.)
    const d = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder(encoding);
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

function strayQuoteReason(q: StrayQuote, line: number): string {
  const merged = (which: string) => `; đọc theo chuẩn CSV, ô này sẽ gộp ${which} làm một`;
  const what =
    q.kind === 'text-after'
      ? 'có chữ ngay sau dấu ngoặc kép đóng'
      : q.kind === 'swallows'
        ? `dấu ngoặc kép mở không đóng${merged(q.until !== null ? `các dòng ${line}–${q.until}` : 'các dòng sau nó')}`
        : `dấu ngoặc kép mở không đóng đến hết tệp${q.swallowed > 0 ? merged(`${q.swallowed} dòng sau nó`) : ''}`;
  return `${what}: sửa dấu ngoặc kép ở dòng ${line} rồi đọc lại; các dòng khác vẫn được đọc riêng`;
}

export async function* readCsv(
  input: Input,
  encoding: TextEncoding,
  delimiter: string,
  headerFields: number,
  matcher: HeaderMatcher,
  options: RowsOptions = {},
): AsyncGenerator<ReadItem> {
  const bytes = bytesOf(input);
  const decoder = decoderFor(encoding);
  const tokenizer = new CsvTokenizer(delimiter);
  if (headerFields > 0) tokenizer.expectFields(headerFields);
  const rows = new RowsUnderHeader(input.path, matcher, options);
  // Only once a chunk held U+FFFD (a byte that is not text in this encoding) are records searched for it.
  let replaced = false;
  const badBytes: RowProblem = { kind: 'bad-bytes', reason: `có byte không đọc được theo bảng mã ${ENCODING_NAMES[encoding]} của tệp (hiện thành "\uFFFD"): tệp bị lẫn bảng mã, lưu lại dạng "CSV UTF-8"` };
  const batch: string[][] = [];
  const lines: number[] = []; // where each record of the batch starts (the tokenizer counts)
  const issues = new Map<number, StrayQuote>();
  try {
    let finished = false;
    while (!finished) {
      batch.length = 0;
      lines.length = 0;
      issues.clear();
      const next = await bytes.next();
      let text: string;
      if (next.done) {
        text = decoder.end();
        finished = true;
      } else {
        text = decoder.write(next.value);
      }
      if (!replaced && text.includes('\uFFFD')) replaced = true;
      tokenizer.push(text, batch, lines, issues);
      if (finished) tokenizer.end(batch, lines, issues);
      for (let i = 0; i < batch.length; i++) {
        const cells = batch[i];
        let problem: RowProblem | undefined;
        const stray = issues.size > 0 ? issues.get(i) : undefined;
        if (stray) problem = { kind: 'stray-quote', reason: strayQuoteReason(stray, lines[i]), column: stray.field - 1 };
        else if (replaced) {
          const column = cells.findIndex((c) => c.includes('\uFFFD'));
          if (column >= 0) problem = { ...badBytes, column };
        }
        const item = rows.read(cells, lines[i], problem);
        if (item) yield item;
      }
    }
  } catch (err) {
    throw readError(input.path, err);
  } finally {
    await bytes.return(undefined); // closes the file, also when the consumer stops early
    (input.rest as Readable | null)?.destroy();
  }
  rows.end();
}
