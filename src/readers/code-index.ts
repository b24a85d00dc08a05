// Remembers every dossier code of a file with the line it was first seen on, to reject duplicates.
// A JS Map of a million codes costs ~100 MB (and holds at most 2^24 entries); this open-addressing
// table keeps the characters in typed arrays instead, under half the memory and never capped.
// Past SPILL_AT codes (files of several million rows) the codes move to a temporary on-disk SQLite
// table, so memory stays flat whatever the file's size; the check stays exact.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/** Codes kept in memory before moving to disk: about 80 MB of typed arrays at this size (28-character codes). */
export const SPILL_AT = 1_500_000;

/** Character pages hold up to 1 MB; a code's place is its page number << 20 | its offset. */
const PAGE_BITS = 20;
const PAGE_MAX = 1 << PAGE_BITS;
/** Longer codes (never seen in exports) go to the map, like codes beyond Latin-1. */
const MAX_LENGTH = 0xff;

function grow<T extends Uint8Array | Uint32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let size = array.length * 2;
  while (size < needed) size *= 2;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

function hashOf(chars: Uint8Array, at: number, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ chars[at + i], 0x01000193);
  return h >>> 0;
}

export class CodeIndex {
  /**
   * The characters of the codes, one byte each, in pages that double up to 1 MB: growing never
   * copies them (a doubling array briefly held 48 MB for 28 MB of codes) and wastes under a page.
   * A code never spans two pages.
   */
  private pages: Uint8Array[] = [];
  private page = new Uint8Array(0);
  private pageUsed = 0;
  private place = new Uint32Array(1 << 12);
  private length = new Uint8Array(1 << 12);
  private line = new Uint32Array(1 << 12);
  private tag = new Uint8Array(1 << 12);
  private count = 0;
  /** Entry number + 1 per slot; 0 is empty. Kept at most half full. */
  private table = new Int32Array(1 << 13);
  /** Codes with characters beyond Latin-1 or very long (rare): a plain map is fine for them. */
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
    const n = code.length;
    if (n > MAX_LENGTH) return this.seenWide(code, line);
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) {
      const c = code.charCodeAt(i);
      if (c > 0xff) return this.seenWide(code, line);
      h = Math.imul(h ^ c, 0x01000193);
    }
    h >>>= 0;
    const tag = h >>> 24;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const entry = this.table[slot] - 1;
      if (entry < 0) break;
      // One byte of the hash, not all four, rejects nearly every other code before its characters.
      if (this.tag[entry] === tag && this.length[entry] === n && this.sameChars(entry, code)) return this.line[entry];
      slot = (slot + 1) & mask;
    }
    this.insert(slot, code, line, tag);
    return undefined;
  }

  /** Moves every code to disk and frees the arrays. */
  private spill(): DiskCodes {
    const disk = new DiskCodes();
    disk.addAll(this.entries());
    this.disk = disk;
    this.pages = [];
    this.page = new Uint8Array(0);
    this.place = this.line = new Uint32Array(0);
    this.length = this.tag = new Uint8Array(0);
    this.table = new Int32Array(0);
    this.count = this.pageUsed = 0;
    this.wide.clear();
    return disk;
  }

  private *entries(): Generator<[string, number]> {
    for (let e = 0; e < this.count; e++) {
      const place = this.place[e];
      const at = place & (PAGE_MAX - 1);
      yield [String.fromCharCode(...this.pages[place >>> PAGE_BITS].subarray(at, at + this.length[e])), this.line[e]];
    }
    yield* this.wide;
  }

  private seenWide(code: string, line: number): number | undefined {
    const first = this.wide.get(code);
    if (first === undefined) this.wide.set(code, line);
    return first;
  }

  private sameChars(entry: number, code: string): boolean {
    const place = this.place[entry];
    const chars = this.pages[place >>> PAGE_BITS];
    const at = place & (PAGE_MAX - 1);
    for (let i = 0; i < code.length; i++) if (chars[at + i] !== code.charCodeAt(i)) return false;
    return true;
  }

  private insert(slot: number, code: string, line: number, tag: number): void {
    const e = this.count;
    if (e >= this.place.length) {
      this.place = grow(this.place, e + 1);
      this.length = grow(this.length, e + 1);
      this.line = grow(this.line, e + 1);
      this.tag = grow(this.tag, e + 1);
    }
    const n = code.length;
    if (this.pageUsed + n > this.page.length) {
      // Small files get small pages; a big file soon gets 1 MB ones.
      this.page = new Uint8Array(Math.min(PAGE_MAX, Math.max(1 << 16, this.page.length * 2)));
      this.pages.push(this.page);
      this.pageUsed = 0;
    }
    const chars = this.page;
    const at = this.pageUsed;
    for (let i = 0; i < n; i++) chars[at + i] = code.charCodeAt(i);
    this.place[e] = (((this.pages.length - 1) << PAGE_BITS) | at) >>> 0;
    this.length[e] = n;
    this.line[e] = line;
    this.tag[e] = tag;
    this.pageUsed += n;
    this.table[slot] = e + 1;
    this.count++;
    if (this.count * 2 > this.table.length) this.rehash();
  }

  /** Hashes are not kept (4 bytes a code): they are computed again here, once per doubling. */
  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let e = 0; e < this.count; e++) {
      const place = this.place[e];
      let slot = hashOf(this.pages[place >>> PAGE_BITS], place & (PAGE_MAX - 1), this.length[e]) & mask;
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
