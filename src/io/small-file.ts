// The small files hcc reads whole (config, templates, fonts): only a regular file, found after
// following symlinks, and only up to a size. A FIFO would wait forever for a writer, a directory
// fails with a system message, and a link to /dev/zero never ends (memory grows until the machine
// stops): each is refused in one line instead.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { FileError } from './io-errors.js';

export const MB = 1024 * 1024;

/** What a path is, in words, when it is not a regular file. */
export function notRegularReason(st: Stats): string {
  if (st.isDirectory()) return 'đó là một thư mục, không phải tệp';
  if (st.isFIFO()) return 'đó là một ống dẫn (FIFO), không phải tệp';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'đó là một thiết bị, không phải tệp';
  if (st.isSocket()) return 'đó là một socket, không phải tệp';
  return 'không phải tệp thông thường';
}

function sizeLabel(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Opens `path` for reading without blocking (a FIFO opens at once instead of waiting for a writer),
 * checks it is a regular file of at most `maxBytes`, and hands the descriptor to `use`.
 */
function withSmallFile<T>(path: string, maxBytes: number, use: (fd: number, size: number) => T): T {
  // O_NONBLOCK is undefined on Windows, where opening a pipe does not wait anyway.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileError(path, notRegularReason(st));
    if (st.size > maxBytes) throw new FileError(path, `tệp quá lớn (${sizeLabel(st.size)}, tối đa ${sizeLabel(maxBytes)})`);
    return use(fd, st.size);
  } finally {
    closeSync(fd);
  }
}

/** Throws a FileError (or the system's error, e.g. ENOENT) unless `path` is a regular file within the limit. */
export function checkSmallFile(path: string, maxBytes: number): void {
  withSmallFile(path, maxBytes, () => undefined);
}

/** The whole file, read with a limit even if it grows while being read. */
export function readSmallFile(path: string, maxBytes: number): Buffer {
  return withSmallFile(path, maxBytes, (fd, size) => {
    let buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // Longer than it said (growing, or a file system that reports no size): read on, up to the limit.
        if (length > maxBytes) throw new FileError(path, `tệp quá lớn (tối đa ${sizeLabel(maxBytes)})`);
        const bigger = Buffer.alloc(Math.min(length * 2, maxBytes + 1));
        buffer.copy(bigger);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  });
}

/** A UTF-8 text file (config, template), without the BOM Windows editors put first. */
export function readSmallText(path: string, maxBytes: number): string {
  return readSmallFile(path, maxBytes).toString('utf8').replace(/^\uFEFF/, '');
}
