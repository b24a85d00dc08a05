// Every file hcc writes goes through here, so each appears whole or not at all and lands where the
// user meant:
// - a regular file (new or existing) is written beside its place under a temporary name, then renamed
//   over it; a symlink to a file keeps being a link and its target is replaced;
// - a device, a FIFO or hcc's own stdout/stderr (`--out /dev/null`, `/dev/stdout`, `>(gzip > x)`) is
//   written through, never replaced by a regular file (as root, renaming over /dev/null would);
// - a directory, a socket or a block device is refused in one line.
// Several files can be put in place together, all or none (`hcc report`: the PDF and the workbook).
// Temporary files of an interrupted run are removed on exit and on Ctrl-C (temporary.ts).
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  linkSync,
  lstatSync,
  openSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { isatty } from 'node:tty';
import { dirname, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { FileError, ioReason } from './io-errors.js';
import { printable } from './printable.js';
import { committed, ensureDir, forget, temporaryPathFor } from './temporary.js';
import { notRegularReason } from './small-file.js';

/** A file hcc could not write: the path as the user gave it and the reason in words. Exit code 1. */
export class OutputError extends UserError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`không ghi được ${path}: ${reason}`);
    this.name = 'OutputError';
  }
}

/** One output being written: `write` as often as needed, then `commit` (or `discard`). */
export interface Output {
  /** The path as the user gave it. */
  readonly path: string;
  write(data: string | Uint8Array): void;
  commit(): void;
  discard(): void;
}

/** /proc/<pid>/fd/N and /dev/fd/N name an open file of a process, not a place to put a new one. */
const FD_LINK = /^\/(?:proc\/[^/]+|dev)\/fd\/\d+$/;

/** Follows a chain of symlinks to the path it ends at (which may not exist yet). */
function followLinks(abs: string): { path: string; viaFd: boolean } {
  let path = abs;
  let viaFd = false;
  for (let hop = 0; hop < 40; hop++) {
    if (FD_LINK.test(path)) viaFd = true;
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { path, viaFd };
      throw e;
    }
    if (!st.isSymbolicLink()) return { path, viaFd };
    path = resolve(dirname(path), readlinkSync(path));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

function sameFile(st: Stats, fd: number): boolean {
  try {
    const other = fstatSync(fd);
    return other.dev === st.dev && other.ino === st.ino;
  } catch {
    return false; // that stream is closed
  }
}

/** Sleeps without spinning (a full pipe: the reader needs time). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function writeAll(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      pause(5);
    }
  }
}

const bytes = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

/** A regular file written under a temporary name beside its place. */
class StagedFile implements Output {
  readonly tmp: string;
  private fd: number | null;
  private done = false;

  constructor(
    readonly path: string,
    /** Where the file really goes: the end of the chain of symlinks. */
    readonly final: string,
    /** The file being replaced, if any: its permissions and owner are kept. */
    readonly existing: Stats | null,
  ) {
    ensureDir(dirname(final));
    if (existing) accessSync(final, constants.W_OK); // a read-only file stays as it is, as with `>`
    this.tmp = temporaryPathFor(final);
    try {
      this.fd = openSync(this.tmp, 'wx', existing ? existing.mode & 0o777 : 0o666);
    } catch (e) {
      forget(this.tmp);
      throw e;
    }
    if (existing) {
      try {
        fchmodSync(this.fd, existing.mode & 0o7777);
        if (process.getuid?.() === 0) fchownSync(this.fd, existing.uid, existing.gid);
      } catch {
        // a file system without owners or modes (FAT, some network shares): the content matters
      }
    }
  }

  write(data: string | Uint8Array): void {
    writeAll(this.fd!, bytes(data));
  }

  /** Closes the temporary file; it is complete. */
  finish(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeSync(fd);
  }

  commit(): void {
    this.finish();
    renameSync(this.tmp, this.final);
    this.done = true;
    committed(this.tmp);
  }

  discard(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already failing
      }
      this.fd = null;
    }
    if (!this.done) forget(this.tmp);
  }
}

/** A device, a FIFO or hcc's own stdout/stderr: written as the bytes come, nothing to rename. */
class ThroughOutput implements Output {
  private readonly terminal: boolean;

  constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly owned: boolean,
  ) {
    this.terminal = isatty(fd);
  }

  write(data: string | Uint8Array): void {
    if (this.terminal) {
      // Only text reaches a terminal, and never the data's own escape sequences.
      if (typeof data !== 'string') throw new FileError(this.path, 'đó là màn hình: tệp PDF hoặc Excel phải ghi vào một tệp');
      data = printable(data, { lines: true });
    }
    writeAll(this.fd, bytes(data));
  }

  commit(): void {
    if (this.owned) closeSync(this.fd);
  }

  discard(): void {
    if (!this.owned) return;
    try {
      closeSync(this.fd);
    } catch {
      // already failing
    }
  }
}

/** Decides how `target` is written and opens it. Throws system errors and FileErrors. */
function open(target: string): Output {
  const abs = resolve(target);
  let st: Stats | null = null;
  try {
    st = statSync(abs); // follows symlinks
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (st) {
    if (sameFile(st, 1)) return new ThroughOutput(target, 1, false);
    if (sameFile(st, 2)) return new ThroughOutput(target, 2, false);
    if (st.isCharacterDevice() || st.isFIFO()) {
      // O_NONBLOCK: a FIFO nobody reads fails at once (ENXIO) instead of waiting forever.
      return new ThroughOutput(target, openSync(abs, constants.O_WRONLY | (constants.O_NONBLOCK ?? 0)), true);
    }
    if (!st.isFile()) throw new FileError(target, notRegularReason(st));
  }
  const { path: final, viaFd } = followLinks(abs);
  // Another open file of a process (`5> x` then --out /dev/fd/5): written in place, as the shell would.
  if (st && viaFd) return new ThroughOutput(target, openSync(abs, constants.O_WRONLY | constants.O_TRUNC), true);
  return new StagedFile(target, final, st);
}

/** Opens an output for writing in parts (e.g. rows as they come); errors are OutputErrors naming `target`. */
export function openOutput(target: string): Output {
  try {
    return guarded(target, open(target));
  } catch (e) {
    throw asOutputError(target, e);
  }
}

function asOutputError(target: string, e: unknown): unknown {
  if (e instanceof OutputError) return e;
  if (e instanceof FileError || (e as NodeJS.ErrnoException)?.code) return new OutputError(target, ioReason(e));
  return e;
}

/** The same output with every failure worded for the user (and the temporary file removed). */
function guarded(target: string, output: Output): Output {
  const run = (step: () => void) => {
    try {
      step();
    } catch (e) {
      output.discard();
      throw asOutputError(target, e);
    }
  };
  return {
    path: target,
    write: (data) => run(() => output.write(data)),
    commit: () => run(() => output.commit()),
    discard: () => output.discard(),
  };
}

/** Writes one whole output: the file appears complete, or stays as it was. */
export function writeOutput(target: string, data: string | Uint8Array): void {
  const output = openOutput(target);
  output.write(data);
  output.commit();
}

/**
 * Writes several files all or none: each is written in full under a temporary name first; only then
 * are they put in place, and if one cannot be, those already replaced get their previous content
 * back (kept meanwhile under a second name, a hard link where the file system allows).
 */
export function writeOutputs(items: { path: string; data: string | Uint8Array }[]): void {
  const opened: { item: (typeof items)[number]; output: Output }[] = [];
  try {
    for (const item of items) {
      let output: Output;
      try {
        output = open(item.path);
      } catch (e) {
        throw asOutputError(item.path, e);
      }
      opened.push({ item, output });
    }
    const staged = opened.filter((o) => o.output instanceof StagedFile);
    for (const { item, output } of staged) {
      try {
        output.write(item.data);
        (output as StagedFile).finish();
      } catch (e) {
        throw asOutputError(item.path, e);
      }
    }
    commitTogether(staged.map((o) => o.output as StagedFile));
    // Devices and FIFOs last: what they were sent cannot be taken back.
    for (const { item, output } of opened) {
      if (output instanceof StagedFile) continue;
      try {
        output.write(item.data);
        output.commit();
      } catch (e) {
        throw asOutputError(item.path, e);
      }
    }
  } catch (e) {
    for (const { output } of opened) output.discard();
    throw e;
  }
}

/** A second name for `path`'s current content, to put it back if a later file cannot be placed. */
function keepPrevious(path: string): string {
  const copy = temporaryPathFor(path);
  try {
    linkSync(path, copy);
  } catch {
    try {
      copyFileSync(path, copy, constants.COPYFILE_EXCL);
    } catch (e) {
      forget(copy);
      throw e;
    }
  }
  return copy;
}

function commitTogether(files: StagedFile[]): void {
  const kept: (string | null)[] = [];
  let placed = 0;
  try {
    for (const f of files) {
      kept.push(files.length > 1 && f.existing ? keepPrevious(f.final) : null);
      f.commit();
      placed++;
    }
  } catch (e) {
    // Undo in reverse: the previous content back where there was one, the new file removed otherwise.
    for (let i = placed - 1; i >= 0; i--) {
      const previous = kept[i];
      try {
        if (previous) renameSync(previous, files[i].final);
        else rmSync(files[i].final, { force: true });
        if (previous) committed(previous);
      } catch {
        // the message below still names the file that failed
      }
    }
    for (const k of kept) if (k) forget(k);
    throw asOutputError(files[placed].path, e);
  }
  for (const k of kept) if (k) forget(k);
}
