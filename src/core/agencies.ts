// The configured agency list: official order (STT), display names and the aliases exports use.
import { foldAccents } from './text.js';

export interface AgencyEntry {
  name: string;
  aliases?: string[];
}

/** Key under which two spellings of one name are the same: NFC, lower case (Vietnamese), spaces and hyphens tidied. */
export function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/\s+/g, ' ')
    .replace(/\s*-\s*/g, '-')
    .trim();
}

/** Key for filters typed at the terminal: also ignores accents ("so tu phap" finds "Sở Tư pháp"). */
export function looseKey(name: string): string {
  return foldAccents(nameKey(name)).normalize('NFC');
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese collation ("Sở Y tế" after "Sở Xây dựng", "Đ" after "D"). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export class AgencyList {
  private readonly byKey = new Map<string, number>();
  readonly names: string[];

  constructor(entries: readonly (AgencyEntry | string)[]) {
    this.names = [];
    entries.forEach((entry, index) => {
      const e = typeof entry === 'string' ? { name: entry } : entry;
      const name = e.name.normalize('NFC').trim();
      this.names.push(name);
      for (const alias of [name, ...(e.aliases ?? [])]) {
        const key = nameKey(alias);
        const existing = this.byKey.get(key);
        if (existing !== undefined && existing !== index) {
          throw new Error(`tên "${alias}" được khai báo cho hai cơ quan: "${this.names[existing]}" và "${name}"`);
        }
        this.byKey.set(key, index);
      }
    });
  }

  get size(): number {
    return this.names.length;
  }

  /** Position in the official order, or undefined for an agency not in the list. */
  indexOf(spelling: string): number | undefined {
    return this.byKey.get(nameKey(spelling));
  }

  /** The display name for a spelling found in the data (the spelling itself when unlisted). */
  resolve(spelling: string): string {
    const i = this.indexOf(spelling);
    return i === undefined ? spelling.normalize('NFC').replace(/\s+/g, ' ').trim() : this.names[i];
  }
}
