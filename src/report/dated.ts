// Template texts that change with the law in force: a dated list such as the default legal basis
// (Decree 61/2018 until 30/6/2025, Decree 118/2025 from 1/7/2025), chosen by the period's last day.
import type { IsoDate } from '../core/types.js';
import { UserError } from '../errors.js';

export interface DatedText {
  /** First period end (inclusive) the text applies to; the first entry usually has none. */
  from?: IsoDate;
  text: string;
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a text or a list of { "from": "yyyy-mm-dd", "text": "…" } in ascending order of "from";
 * `checked` checks a text's placeholders and returns it normalised.
 */
export function readDatedTexts(raw: unknown, where: string, checked: (text: unknown, key: string) => string): DatedText[] {
  if (typeof raw === 'string') return [{ text: checked(raw, '') }];
  if (!Array.isArray(raw) || raw.length === 0) throw new UserError(`${where} phải là chuỗi hoặc danh sách [{ "from": "yyyy-mm-dd", "text": "…" }]`);
  let previous = '';
  return raw.map((entry, i) => {
    const e = entry as { from?: unknown; text?: unknown } | null;
    const extra = e && typeof e === 'object' ? Object.keys(e).filter((k) => k !== 'from' && k !== 'text' && !k.startsWith('//')) : [];
    if (!e || typeof e !== 'object' || extra.length > 0 || typeof e.text !== 'string') {
      throw new UserError(`${where}[${i}] phải có dạng { "from": "yyyy-mm-dd", "text": "…" }`);
    }
    if (e.from !== undefined && (typeof e.from !== 'string' || !ISO_RE.test(e.from) || e.from <= previous)) {
      throw new UserError(`${where}[${i}].from phải là ngày yyyy-mm-dd, sau ngày của mục trước`);
    }
    if (typeof e.from === 'string') previous = e.from;
    return { ...(e.from ? { from: e.from as IsoDate } : {}), text: checked(e.text, `[${i}].text`) };
  });
}

/** The text in force for a period ending on `periodEnd`: the last entry whose "from" is not after it. */
export function textInForce(list: DatedText[], periodEnd: IsoDate): string {
  let chosen = list[0].text;
  for (const d of list) if (!d.from || d.from <= periodEnd) chosen = d.text;
  return chosen;
}
