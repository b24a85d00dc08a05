// Long names in PDF tables. pdfmake sizes a "*" column to its longest word, so a name without spaces
// pushed the annex figures off the page; and it keeps only the first page of a row that does not fit
// on one, so a very long name lost its whole row. Here a long word may break between letters, and a
// cell taller than a page is cut, at line starts, into pieces that each fit: the annex (pdfmake) and
// the overdue listing (pdfkit) print them as one row continued over several, figures on the first,
// breaking across pages if it must.
import PDFDocument from 'pdfkit';

/** Longer words (codes, names typed without spaces) may break between any two letters; Vietnamese syllables are far shorter. */
const LONG_WORD = 24;

export type Inline = { text: string; wordBreak?: 'break-all' };

const LONG_WORDS = new RegExp(`(\\S{${LONG_WORD + 1},})`);

/** `text` as pdfmake inlines: its long words marked so that they break where the column ends. */
export function breakableText(text: string): string | Inline[] {
  const parts = text.split(LONG_WORDS); // the long words at odd indexes
  if (parts.length === 1) return text;
  return parts.map((p, i) => (i % 2 === 1 ? { text: p, wordBreak: 'break-all' as const } : { text: p })).filter((p) => p.text !== '');
}

/** How an engine fills a line: pdfmake drops the space after the last word and breaks breakableText's long words; pdfkit counts that space. */
const PDFMAKE = { trailingSpace: false, breakLongWords: true } as const;
export const PDFKIT = { trailingSpace: true, breakLongWords: false } as const;

/**
 * Where each line starts when `text` is wrapped in `width` points as the PDF engine wraps it: greedily
 * at spaces, a word wider than a line (with pdfmake: any long word) filling each line letter by letter
 * (character offsets into `text`). `measure` gives the width of a string in the font and size used.
 */
export function lineStarts(
  text: string,
  width: number,
  measure: (s: string) => number,
  engine: { trailingSpace: boolean; breakLongWords: boolean },
): number[] {
  const starts = [0];
  const space = measure(' ');
  let used = 0;
  let at = 0;
  for (const token of text.split(/(\s+)/)) {
    if (token === '' || /^\s+$/.test(token)) {
      at += token.length;
      if (used > 0) used += space;
      continue;
    }
    const w = measure(token);
    const need = w + (engine.trailingSpace ? space : 0);
    if (!(engine.breakLongWords && token.length > LONG_WORD) && need <= width) {
      if (used > 0 && used + need > width) {
        starts.push(at);
        used = 0;
      }
      used += w;
    } else {
      let i = 0;
      for (const ch of token) {
        const cw = measure(ch);
        if (used > 0 && used + cw > width) {
          starts.push(at + i);
          used = 0;
        }
        used += cw;
        i += ch.length;
      }
    }
    at += token.length;
  }
  return starts;
}

/** `text` cut at line starts into pieces of at most `maxLines` lines (one piece when it fits). */
export function cutAtLines(text: string, starts: number[], maxLines: number): string[] {
  if (starts.length <= maxLines) return [text];
  const out: string[] = [];
  for (let i = 0; i < starts.length; i += maxLines) out.push(text.slice(starts[i], starts[i + maxLines] ?? text.length).trim());
  return out;
}

/** Measures text in one font and size, as pdfkit (the engine under pdfmake) will lay it out. */
export class TextMeasure {
  private readonly doc: PDFKit.PDFDocument;
  private readonly measure = (s: string) => this.doc.widthOfString(s);

  constructor(font: Buffer, size: number) {
    this.doc = new PDFDocument({ autoFirstPage: false });
    this.doc.font(font).fontSize(size);
  }

  /** Width of `text` in points. */
  width(text: string): number {
    return this.measure(text);
  }

  /** `text` in pieces of at most `maxLines` lines in `width` points (one piece when it fits). */
  pieces(text: string, width: number, maxLines: number): string[] {
    return cutAtLines(text, lineStarts(text, width, this.measure, PDFMAKE), maxLines);
  }
}
