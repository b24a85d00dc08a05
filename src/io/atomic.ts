// Output files appear whole or not at all: write to a temporary file beside the target, then rename.
// Temporary files of an interrupted run are removed on exit and on Ctrl-C.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

const pending = new Set<string>();
let hooked = false;

function cleanup(): void {
  for (const p of pending) rmSync(p, { force: true });
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

/** A temporary path beside `target` (same directory, so the final rename is atomic). */
export function temporaryPathFor(target: string): string {
  hookExit();
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(tmp);
  return tmp;
}

/** Moves a finished temporary file into place. */
export function commitTemporary(tmp: string, target: string): void {
  renameSync(tmp, target);
  pending.delete(tmp);
}

export function discardTemporary(tmp: string): void {
  rmSync(tmp, { force: true });
  pending.delete(tmp);
}

export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = temporaryPathFor(target);
  try {
    writeFileSync(tmp, data);
    commitTemporary(tmp, target);
  } catch (e) {
    discardTemporary(tmp);
    throw e;
  }
}

/** For writers that produce the file themselves (streams): they write `tmp`, we rename on success. */
export async function withAtomicFile<T>(target: string, write: (tmp: string) => Promise<T>): Promise<T> {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = temporaryPathFor(target);
  try {
    const result = await write(tmp);
    commitTemporary(tmp, target);
    return result;
  } catch (e) {
    discardTemporary(tmp);
    throw e;
  }
}
