// Pure helpers on the wording of the report: document symbols kept whole ("61/2018/NĐ-CP",
// "1204/BC-VPUB"), and the title broken into lines between phrases, not inside them.
import type { Segment } from './figures.js';

/**
 * A document number and symbol or a legal citation: "61/2018/NĐ-CP", "01/2018/TT-VPCP",
 * "1204/BC-VPUB", "766/QĐ-TTg", "Số: 1204/BC-VPUB": digits, slashes, then letter groups joined by "-".
 */
const SYMBOL_RE = /\d+(?:\/\d{4})?\/\p{Lu}[\p{L}\d]*(?:-\p{L}[\p{L}\d]*)*/gu;

/** The segments with every document symbol cut out as a segment of its own marked `nowrap`. */
export function markSymbols(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.nowrap) {
      out.push(s);
      continue;
    }
    let last = 0;
    for (const m of s.text.matchAll(SYMBOL_RE)) {
      if (m.index! > last) out.push({ ...s, text: s.text.slice(last, m.index) });
      out.push({ ...s, text: m[0], nowrap: true });
      last = m.index! + m[0].length;
    }
    if (last === 0) out.push(s);
    else if (last < s.text.length) out.push({ ...s, text: s.text.slice(last) });
  }
  return out;
}

/** Words a title line may start with: a new phrase begins before them. */
const PHRASE_STARTS = ['của', 'tại', 'và', 'từ ngày', 'đến ngày', 'trong', 'về', '6 tháng', '9 tháng', 'quý'];

/** The title cut into phrases: before the words above and before "(". */
export function titlePhrases(title: string): string[] {
  const words = title.trim().split(/\s+/);
  const phrases: string[] = [];
  let current: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const rest = words.slice(i, i + 2).join(' ').toLocaleLowerCase('vi');
    const starts = words[i].startsWith('(') || PHRASE_STARTS.some((p) => rest === p || rest.startsWith(`${p} `));
    if (starts && current.length > 0) {
      phrases.push(current.join(' '));
      current = [];
    }
    current.push(words[i]);
  }
  if (current.length > 0) phrases.push(current.join(' '));
  return phrases;
}

/**
 * The title in as few lines as fit `maxChars` (or `maxChars` points with a font's `measure`; a phrase longer than that stands alone and the
 * renderer wraps it), with line lengths as even as possible: breaks only between phrases.
 */
export function balanceTitle(title: string, maxChars: number, measure: (s: string) => number = (s) => s.length): string[] {
  const phrases = titlePhrases(title);
  const n = phrases.length;
  const len = (i: number, j: number) => measure(phrases.slice(i, j).join(' '));
  // best[i] = [lines, cost] for phrases i…n-1; cost = sum of squared slack except on one-phrase overflow.
  const best: { lines: number; cost: number; next: number }[] = Array.from({ length: n + 1 }, () => ({ lines: Infinity, cost: Infinity, next: n }));
  best[n] = { lines: 0, cost: 0, next: n };
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j <= n; j++) {
      const l = len(i, j);
      if (l > maxChars && j > i + 1) break;
      const slack = Math.max(0, maxChars - l);
      const lines = best[j].lines + 1;
      const cost = best[j].cost + slack * slack;
      if (lines < best[i].lines || (lines === best[i].lines && cost < best[i].cost)) best[i] = { lines, cost, next: j };
    }
  }
  const out: string[] = [];
  for (let i = 0; i < n; i = best[i].next) out.push(phrases.slice(i, best[i].next).join(' '));
  return out;
}

/**
 * The segments with punctuation that touches a neighbouring segment moved into it: "(" before an
 * italic run, ")" "," "." after one, "," after a symbol. An engine that justifies by spreading the
 * gaps between runs (pdfmake) would otherwise open a gap inside "(trước" or "NĐ-CP,".
 */
export function glueRuns(segments: Segment[]): Segment[] {
  const out = segments.map((s) => ({ ...s }));
  for (let i = 0; i + 1 < out.length; i++) {
    const [a, b] = [out[i], out[i + 1]];
    const tail = /[([“"'‘]+$/.exec(a.text);
    if (tail && /^\S/.test(b.text)) {
      a.text = a.text.slice(0, -tail[0].length);
      b.text = tail[0] + b.text;
    }
    const head = /^[)\]”"'’.,;:!?%]+/.exec(b.text);
    if (head && /\S$/.test(a.text) && head[0].length < b.text.length) {
      a.text += head[0];
      b.text = b.text.slice(head[0].length);
    } else if (head && /\S$/.test(a.text) && head[0].length === b.text.length) {
      a.text += head[0];
      b.text = '';
    }
  }
  return out.filter((s) => s.text !== '');
}
