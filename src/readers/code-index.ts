// Remembers every dossier code of a file with the line it was first seen on, to reject duplicates.
// A JS Map of a million codes costs ~100 MB (and holds at most 2^24 entries); this open-addressing
// table keeps the characters in typed arrays instead, about half the memory and never capped.

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

  get size(): number {
    return this.count + this.wide.size;
  }

  /** The line the code was first seen on; when it is new, records it at `line` and returns undefined. */
  seen(code: string, line: number): number | undefined {
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
