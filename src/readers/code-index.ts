// Remembers every dossier code of a file with the line it was first seen on, to reject duplicates.
// A JS Map of a million codes costs ~100 MB (and holds at most 2^24 entries); this open-addressing
// table keeps the characters in typed arrays instead, about half the memory and never capped.
// Past SPILL_AT codes (files of several million rows) the codes move to a temporary on-disk SQLite
// table, so memory stays flat whatever the file's size; the check stays exact.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/** Codes kept in memory before moving to disk: about 110 MB of typed arrays at this size. */
export const SPILL_AT = 1_500_000;

function grow<T extends Uint8Array | Uint32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let size = array.length * 2;
  while (size < needed) size *= 2;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

export class CodeIndex {
  private chars = new Uint8Array(1 << 16);
  private used = 0;
  private start = new Uint32Array(1 << 12);
  private length = new Uint32Array(1 << 12);
  private line = new Uint32Array(1 << 12);
  private hash = new Uint32Array(1 << 12);
  private count = 0;
  /** Entry number + 1 per slot; 0 is empty. Kept at most half full. */
  private table = new Int32Array(1 << 13);
  /** Codes with characters beyond Latin-1 (rare): a plain map is fine for them. */
  private readonly wide = new Map<string, number>();
  private disk: DiskCodes | null = null;

  constructor(private readonly spillAt = SPILL_AT) {}

  get size(): number {
    return this.disk ? this.disk.size : this.count + this.wide.size;
  }

  /** The line the code was first seen on; when it is new, records it at `line` and returns undefined. */
  seen(code: string, line: number): number | undefined {
    if (this.disk) return this.disk.seen(code, line);
    if (this.count + this.wide.size >= this.spillAt) return this.spill().seen(code, line);
    let h = 0x811c9dc5;
    const n = code.length;
    for (let i = 0; i < n; i++) {
      const c = code.charCodeAt(i);
      if (c > 0xff) return this.seenWide(code, line);
      h = Math.imul(h ^ c, 0x01000193);
    }
    h >>>= 0;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const entry = this.table[slot] - 1;
      if (entry < 0) break;
      if (this.hash[entry] === h && this.length[entry] === n && this.sameChars(entry, code)) return this.line[entry];
      slot = (slot + 1) & mask;
    }
    this.insert(slot, code, h, line);
    return undefined;
  }

  /** Moves every code to disk and frees the arrays. */
  private spill(): DiskCodes {
    const disk = new DiskCodes();
    disk.addAll(this.entries());
    this.disk = disk;
    this.chars = new Uint8Array(0);
    this.start = this.length = this.line = this.hash = new Uint32Array(0);
    this.table = new Int32Array(0);
    this.count = this.used = 0;
    this.wide.clear();
    return disk;
  }

  private *entries(): Generator<[string, number]> {
    for (let e = 0; e < this.count; e++) {
      const at = this.start[e];
      yield [String.fromCharCode(...this.chars.subarray(at, at + this.length[e])), this.line[e]];
    }
    yield* this.wide;
  }

  private seenWide(code: string, line: number): number | undefined {
    const first = this.wide.get(code);
    if (first === undefined) this.wide.set(code, line);
    return first;
  }

  private sameChars(entry: number, code: string): boolean {
    const at = this.start[entry];
    for (let i = 0; i < code.length; i++) if (this.chars[at + i] !== code.charCodeAt(i)) return false;
    return true;
  }

  private insert(slot: number, code: string, h: number, line: number): void {
    const e = this.count;
    if (e >= this.start.length) {
      this.start = grow(this.start, e + 1);
      this.length = grow(this.length, e + 1);
      this.line = grow(this.line, e + 1);
      this.hash = grow(this.hash, e + 1);
    }
    this.chars = grow(this.chars, this.used + code.length);
    for (let i = 0; i < code.length; i++) this.chars[this.used + i] = code.charCodeAt(i);
    this.start[e] = this.used;
    this.length[e] = code.length;
    this.line[e] = line;
    this.hash[e] = h;
    this.used += code.length;
    this.table[slot] = e + 1;
    this.count++;
    if (this.count * 2 > this.table.length) this.rehash();
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let e = 0; e < this.count; e++) {
      let slot = this.hash[e] & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = e + 1;
    }
    this.table = table;
  }
}

/**
 * Codes in an anonymous temporary SQLite database (deleted by SQLite when the process ends), written
 * in large transactions: exact, and memory stays at SQLite's page cache.
 */
class DiskCodes {
  private readonly db: BetterSqlite3.Database;
  private readonly insert: BetterSqlite3.Statement;
  private readonly lookup: BetterSqlite3.Statement;
  private pending = 0;
  size = 0;

  constructor() {
    // better-sqlite3 loads only for files big enough to need it.
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
    this.db = new Database('');
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec('CREATE TABLE codes (code TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID');
    this.insert = this.db.prepare('INSERT OR IGNORE INTO codes (code, line) VALUES (?, ?)');
    this.lookup = this.db.prepare('SELECT line FROM codes WHERE code = ?').pluck();
    this.db.exec('BEGIN');
  }

  addAll(entries: Iterable<[string, number]>): void {
    for (const [code, line] of entries) this.seen(code, line);
  }

  seen(code: string, line: number): number | undefined {
    if (++this.pending >= 100_000) {
      this.db.exec('COMMIT; BEGIN');
      this.pending = 0;
    }
    if (this.insert.run(code, line).changes === 1) {
      this.size++;
      return undefined;
    }
    return this.lookup.get(code) as number;
  }
}
