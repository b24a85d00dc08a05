// Temporary files and folders of the outputs: the name a file is written under beside its place,
// removed on exit and on Ctrl-C if the run stops half way; and folders made one level at a time.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FileError, ioReason } from './io-errors.js';

const pending = new Set<string>();
let hooked = false;

function cleanup(): void {
  for (const p of pending) {
    try {
      rmSync(p, { force: true });
    } catch {
      // nothing more can be done on the way out
    }
  }
  pending.clear();
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/**
 * A temporary path beside `target` (same directory, so the final rename is atomic). Only the start of
 * the target's name is kept: a name near the system's limit must not make the temporary one too long.
 */
export function temporaryPathFor(target: string): string {
  hookExit();
  const head = [...basename(target)].slice(0, 40).join('');
  const tmp = join(dirname(target), `.${head}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(tmp);
  return tmp;
}

/** A temporary file renamed into place: nothing left to remove on exit. */
export function committed(tmp: string): void {
  pending.delete(tmp);
}

/** Removes a temporary file that will not be used. */
export function forget(tmp: string): void {
  try {
    rmSync(tmp, { force: true });
  } catch {
    // the exit hook tries again
    return;
  }
  pending.delete(tmp);
}

/**
 * Creates `dir` and its missing parents one level at a time. Node's own recursive mkdir never returns
 * under /proc (it retries ENOENT forever at 100% CPU); here each level fails once, with its name.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    let st: Stats | null = null;
    try {
      st = statSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new FileError(d, `không dùng được thư mục ${d} (${ioReason(e)})`);
    }
    if (st) {
      if (!st.isDirectory()) throw new FileError(d, `${d} là một tệp, không phải thư mục`);
      break;
    }
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new FileError(d, `không tạo được thư mục ${d} (${ioReason(e)})`);
    }
  }
}
