// Decides what a file is from its first bytes (never from its extension): XLSX, CSV in some
// encoding, or something to refuse with a message that says what to do.
import { isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, fstat, open, read } from 'node:fs';
import { promisify } from 'node:util';
import { Socket } from 'node:net';
import { isatty } from 'node:tty';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { UserError } from '../errors.js';

export const SNIFF_BYTES = 1 << 20;

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

export type Sniffed =
  | { kind: 'xlsx' }
  | { kind: 'csv'; encoding: TextEncoding; /** decoded start of the file, BOM removed */ text: string; whole: boolean };

/**
 * An input opened for reading: its first bytes, and for a pipe (`-`, /dev/stdin, a FIFO) the stream
 * that goes on after them, since a pipe cannot be read twice.
 */
export interface Input {
  path: string;
  head: Buffer;
  /** The head is the whole input. */
  whole: boolean;
  /** A pipe or device: the rest of the input after `head` (null once the head holds it all). */
  rest: Readable | null;
  /** A regular file: read it again from the start by path. */
  regular: boolean;
}

/** `-` is standard input. */
export const STDIN = '-';
/** Names of standard input that cannot always be opened again (a socket as stdin: ENXIO): read fd 0. */
const STDIN_NAMES = new Set([STDIN, '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/**
 * Opens the input and reads its first bytes (up to SNIFF_BYTES), mapping I/O failures to messages a
 * user can act on. A directory is refused; anything else that can be read (a pipe, a FIFO, a device)
 * is read as a stream.
 */
export async function openInput(path: string): Promise<Input> {
  // A plain descriptor, not a FileHandle: a pipe's descriptor goes to the stream that reads on, and a
  // FileHandle would try to close it again when collected.
  let fd: number | null = null;
  try {
    const stdin = STDIN_NAMES.has(path);
    // Nothing piped in: hcc would wait for the keyboard, which no clerk means.
    if (stdin && isatty(0)) {
      throw new UserError(`"${path}" là đầu vào chuẩn nhưng không có dữ liệu nào được chuyển vào (đầu vào là bàn phím): dùng "hcc … --input - < tệp.csv" hoặc đưa thẳng đường dẫn tệp`);
    }
    fd = stdin ? 0 : await promisify(open)(path, 'r');
    const stat = await promisify(fstat)(fd);
    if (stat.isDirectory()) throw new UserError(`"${path}" là một thư mục, không phải tệp: chỉ đường dẫn tới tệp CSV hoặc Excel`);
    if (stat.isFile() && !stdin) {
      const head = Buffer.alloc(Math.min(SNIFF_BYTES, stat.size));
      const { bytesRead } = await promisify(read)(fd, head, 0, head.length, 0);
      return { path, head: head.subarray(0, bytesRead), whole: bytesRead >= stat.size, rest: null, regular: true };
    }
    // A pipe or device (or standard input, even when it is a file): one pass, head first. Pipes are
    // read through the event loop: a read blocked in the thread pool would keep Ctrl-C from ending hcc.
    const stream =
      stat.isFIFO() || stat.isSocket()
        ? new Socket({ fd, readable: true, writable: false })
        : createReadStream('', { fd, autoClose: !stdin, highWaterMark: 1 << 18 });
    fd = null; // the stream owns the descriptor now
    return await readStreamHead(path, stream);
  } catch (err) {
    throw openError(path, err);
  } finally {
    if (fd !== null && fd !== 0) closeSync(fd);
  }
}

/** Reads chunks until SNIFF_BYTES or the end; the stream is left paused for whoever reads on. */
async function readStreamHead(path: string, stream: Readable): Promise<Input> {
  const chunks: Buffer[] = [];
  let length = 0;
  const ended = await new Promise<boolean>((ok, fail) => {
    const onData = (c: Buffer) => {
      chunks.push(c);
      length += c.length;
      if (length >= SNIFF_BYTES) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = (e: Error) => {
      cleanup();
      fail(e);
    };
    const cleanup = () => {
      stream.off('data', onData).off('end', onEnd).off('error', onError);
      stream.pause();
    };
    const finish = (end: boolean) => {
      cleanup();
      ok(end);
    };
    stream.on('data', onData).once('end', onEnd).once('error', onError);
  });
  return { path, head: Buffer.concat(chunks), whole: ended, rest: ended ? null : stream, regular: false };
}

export function openError(path: string, err: unknown): UserError {
  if (err instanceof UserError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new UserError(`không tìm thấy tệp "${path}": kiểm tra lại đường dẫn và tên tệp`);
  if (code === 'EACCES' || code === 'EPERM') {
    return new UserError(`không có quyền đọc tệp "${path}": kiểm tra quyền truy cập hoặc chép tệp sang thư mục khác`);
  }
  if (code === 'EISDIR') return new UserError(`"${path}" là một thư mục, không phải tệp: chỉ đường dẫn tới tệp CSV hoặc Excel`);
  const detail = err instanceof Error ? err.message : String(err);
  return new UserError(`không đọc được tệp "${path}": ${detail}`);
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

/** Drops an incomplete UTF-8 sequence cut by the end of the sniffed prefix. */
export function completeUtf8Prefix(buf: Buffer): Buffer {
  let i = buf.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (buf[i] & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return buf;
  const lead = buf[i];
  const needed = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  return needed > continuation ? buf.subarray(0, i) : buf;
}

/**
 * UTF-8 with at most a few bad bytes: the encoding is decided for the whole file, and rows with bad
 * bytes are rejected one by one (readers/csv.ts). Windows-1258 text read as UTF-8 is almost all bad
 * sequences (a letter byte followed by ASCII), UTF-8 text almost all good ones.
 */
export function mostlyUtf8(buf: Buffer): boolean {
  if (isUtf8(buf)) return true;
  let good = 0;
  let bad = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b < 0x80) continue;
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) ok = i + k < buf.length && (buf[i + k] & 0xc0) === 0x80;
    if (ok) {
      good++;
      i += need;
    } else {
      bad++;
      // One broken character is one bad sequence, not one per stray continuation byte after it.
      while (i + 1 < buf.length && (buf[i + 1] & 0xc0) === 0x80) i++;
    }
  }
  // Windows-1258 read as UTF-8 gives almost no good sequence at all (a letter byte is followed by
  // ASCII), so twice as many good as bad is UTF-8 even in a file of two rows; guessing UTF-8 wrongly
  // rejects rows loudly, guessing Windows-1258 wrongly would garble names in silence.
  return good > 0 && bad * 2 <= good;
}

/** UTF-16 without a BOM shows as zero bytes at every other position. */
function utf16WithoutBom(buf: Buffer): TextEncoding | null {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) zeroEven++;
    if (buf[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return null;
}

export function sniff(path: string, head: Buffer, whole: boolean): Sniffed {
  if (head.length === 0) throw emptyError(path);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (head.subarray(30, 120).toString('latin1').includes('application/vnd.oasis.opendocument')) {
      throw new UserError(
        `tệp "${path}" là bảng tính OpenDocument (.ods), không phải Excel: mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx hoặc CSV`,
      );
    }
    return { kind: 'xlsx' };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new UserError(
      `tệp "${path}" là tệp Excel cũ (.xls, Excel 97–2003), chưa đọc được: mở bằng Excel và lưu lại dạng .xlsx hoặc CSV`,
    );
  }
  let encoding: TextEncoding;
  let body: Buffer;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8';
    body = head.subarray(3);
  } else if (startsWith(head, [0xff, 0xfe])) {
    encoding = 'utf-16le';
    body = head.subarray(2);
  } else if (startsWith(head, [0xfe, 0xff])) {
    encoding = 'utf-16be';
    body = head.subarray(2);
  } else {
    body = head;
    const utf16 = utf16WithoutBom(head);
    if (utf16) encoding = utf16;
    else encoding = mostlyUtf8(whole ? head : completeUtf8Prefix(head)) ? 'utf-8' : 'windows-1258';
  }
  if (encoding.startsWith('utf-16') && !whole) body = body.subarray(0, body.length & ~1);
  const text =
    encoding === 'utf-8'
      ? (whole ? body : completeUtf8Prefix(body)).toString('utf8')
      : iconv.decode(body, encoding, { stripBOM: true });
  const start = text.trimStart();
  if (start === '') throw emptyError(path);
  if (start.startsWith('<') && /<table|<html/i.test(start)) {
    throw new UserError(
      `tệp "${path}" là bảng HTML, không phải Excel: mở bằng Excel và lưu lại dạng .xlsx hoặc CSV`,
    );
  }
  // Binary content (images, PDF, other formats): control characters do not occur in exported text.
  const sample = start.slice(0, 8192);
  const controls = sample.match(/[\x00-\x08\x0e-\x1a\x1c-\x1f]/g)?.length ?? 0;
  if (start.startsWith('%PDF') || controls > 0) {
    throw new UserError(
      `tệp "${path}" không phải CSV hay Excel (.xlsx): xuất lại dữ liệu từ phần mềm một cửa dạng Excel hoặc CSV`,
    );
  }
  return { kind: 'csv', encoding, text, whole };
}

export function emptyError(path: string): UserError {
  return new UserError(`tệp "${path}" rỗng: xuất lại danh sách hồ sơ từ phần mềm một cửa`);
}

/**
 * Splits the start of a CSV text into records for one delimiter (quotes and quoted newlines
 * honoured), enough to look for the header row before the real parser starts.
 */
export function splitRecords(text: string, delimiter: string, maxRecords: number): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      atFieldStart = true;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (records.length < maxRecords && (field !== '' || record.length > 0)) {
    record.push(field);
    records.push(record);
  }
  return records;
}
