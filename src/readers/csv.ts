// Streaming CSV reader: decode (UTF-8, UTF-16, Windows-1258), split into records, find the
// header row under any title rows, map body rows by column index. Tokenizing is our own (csv-tokenizer.ts):
// csv-parse alone took longer than the performance budget of a 1M-row file.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { UserError } from '../errors.js';
import { HEADER_SCAN_ROWS, type HeaderMatcher } from './headers.js';
import { CsvSyntaxError, CsvTokenizer } from './csv-tokenizer.js';
import { RowsUnderHeader } from './rows.js';
import { completeUtf8Prefix, openError, splitRecords, type TextEncoding } from './sniff.js';
import type { ReadItem } from './types.js';

const DELIMITERS = [',', ';', '\t'] as const;

/** Passes UTF-8 bytes through, failing clearly if the file turns out not to be UTF-8 after all. */
class Utf8Check extends Transform {
  private carry: Buffer | null = null;
  private offset = 0;

  constructor(private readonly path: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const complete = completeUtf8Prefix(buf);
    if (!isUtf8(complete)) {
      callback(this.error());
      return;
    }
    this.carry = complete.length < buf.length ? Buffer.from(buf.subarray(complete.length)) : null;
    this.offset += complete.length;
    callback(null, complete);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.carry ? this.error() : null);
  }

  private error(): UserError {
    return new UserError(
      `tệp "${this.path}" lẫn nhiều bảng mã (không phải UTF-8 hợp lệ sau byte ${this.offset}): mở tệp và lưu lại dạng "CSV UTF-8"`,
    );
  }
}

/** Picks the delimiter under which some early row is a recognisable header. */
export function detectDelimiter(text: string, matcher: HeaderMatcher): string {
  let best: { delimiter: string; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of DELIMITERS) {
    const records = splitRecords(text, delimiter, HEADER_SCAN_ROWS * 2);
    for (const record of records) {
      if (record.length < 2) continue;
      const m = matcher.match(record);
      // A complete header beats any partial one; among equals, more recognised columns win.
      const score = (m.missing.length === 0 ? 100 : 0) + m.recognised;
      if (score > best.score) best = { delimiter, score };
    }
  }
  if (best.score > 0) return best.delimiter;
  // Nothing recognisable: the delimiter most frequent on the first lines, for the error message.
  const sample = text.slice(0, 64 * 1024);
  let most: string = ',';
  let count = -1;
  for (const d of DELIMITERS) {
    const n = sample.split(d).length;
    if (n > count) [most, count] = [d, n];
  }
  return most;
}

const CSV_ERRORS: Record<CsvSyntaxError['code'], string> = {
  CSV_QUOTE_NOT_CLOSED: 'dấu ngoặc kép mở mà không đóng đến hết tệp',
  CSV_INVALID_CLOSING_QUOTE: 'có ký tự ngay sau dấu ngoặc kép đóng',
};

function readError(path: string, err: unknown): UserError {
  if (err instanceof UserError) return err;
  if (err instanceof CsvSyntaxError) {
    return new UserError(
      `tệp "${path}": lỗi cú pháp CSV ở dòng ${err.line} (${CSV_ERRORS[err.code]}): sửa dòng đó hoặc xuất lại tệp từ phần mềm một cửa`,
    );
  }
  return openError(path, err);
}

export async function* readCsv(
  path: string,
  encoding: TextEncoding,
  delimiter: string,
  matcher: HeaderMatcher,
): AsyncGenerator<ReadItem> {
  const source = createReadStream(path, { highWaterMark: 1 << 18 });
  const decoder =
    encoding === 'utf-8' ? new Utf8Check(path) : (iconv.decodeStream(encoding) as unknown as Transform);
  const decoded = pipeline(source, decoder, () => {
    /* errors surface in the loop below */
  });
  const tokenizer = new CsvTokenizer(delimiter);

  const rows = new RowsUnderHeader(path, matcher);
  try {
    const batch: string[][] = [];
    const lines: number[] = []; // where each record of the batch starts (the tokenizer counts)
    let finished = false;
    const chunks = decoded[Symbol.asyncIterator]();
    while (!finished) {
      batch.length = 0;
      lines.length = 0;
      const next = await chunks.next();
      if (next.done) {
        tokenizer.end(batch, lines);
        finished = true;
      } else {
        const chunk = next.value as string | Buffer;
        tokenizer.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'), batch, lines);
      }
      for (let i = 0; i < batch.length; i++) {
        const item = rows.read(batch[i], lines[i]);
        if (item) yield item;
      }
    }
  } catch (err) {
    throw readError(path, err);
  } finally {
    decoded.destroy(); // also when the consumer stops early
  }
  rows.end();
}
