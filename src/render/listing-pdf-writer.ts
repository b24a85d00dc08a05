// The listings' PDF (overdue, due soon, due dates against the time limit): A4 landscape in the report's
// fonts, paragraphs and tables whose header row starts every page they continue on, "Trang x/y" at the
// foot. Each listing gives its own columns; this file lays them out.
//
// Drawn with pdfkit (the engine under pdfmake) row by row, not with pdfmake: pdfmake keeps an object
// per word of the whole document until it is laid out, so its memory grows with the listing; here a
// row is measured, drawn and forgotten (README, Performance: Overdue).
import PDFDocument from 'pdfkit';
import { readSmallFile } from '../io/small-file.js';
import { MAX_FONT_BYTES, type FontFiles } from '../report/config.js';
import { cutAtLines, lineStarts, PDFKIT } from './pdf-text.js';

const mm = (v: number) => (v * 72) / 25.4;
const MARGIN = { top: mm(15), bottom: mm(15), left: mm(15), right: mm(12) };
const FONT_SIZE = 9;
const PAD = { x: 2.5, top: 2, bottom: 1.5 };
const LINE = 0.5;
/**
 * A row taller than this many lines (a very long name) continues on the rows below it, the first with
 * the STT, code and dates, so every piece fits on a page and a page break can fall between pieces.
 */
const ROW_LINES = 5;
/** Room kept under a list's heading: the gap, the header row and a first row. */
export const HEADING_KEEP = 60;

export type Align = 'left' | 'center' | 'right';

/** A column of a listing's table. */
export interface PdfColumn<T> {
  label: string;
  /** Points; 0 takes the rest of the width. */
  width: number;
  align: Align;
  value: (x: T, i: number) => string;
}

type Doc = PDFKit.PDFDocument;

/**
 * Lays the listing out twice: a dry pass measures every row and counts the pages, the second draws
 * with the row heights of the first and knows "Trang x/y" on each page as it leaves it, so no page
 * has to stay in memory until the end.
 */
export class ListingWriter {
  private readonly width: number;
  private readonly bottom: number;
  /** Dry pass: measure and paginate, draw nothing. */
  private dry = true;
  private page = 1;
  private pageCount = 0;
  /** Row heights of each table, measured in the dry pass (in table order, one per piece of a row). */
  private readonly heights: number[][] = [];
  /** The rows of each table cut into pieces in the dry pass (rare: only very long names), by row index. */
  private readonly cut: Map<number, string[][]>[] = [];
  private tableIndex = 0;

  constructor(private readonly doc: Doc) {
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
    this.bottom = doc.page.height - MARGIN.bottom;
  }

  /** Runs `draw` dry, then for real. */
  write(draw: () => void): void {
    this.doc.y = MARGIN.top;
    draw();
    this.pageCount = this.page;
    this.dry = false;
    this.page = 1;
    this.tableIndex = 0;
    this.doc.y = MARGIN.top;
    draw();
    this.pageNumber();
  }

  /** `keep`: room needed below the text (a heading stays with the start of its table). */
  paragraph(text: string, font: 'R' | 'B' | 'I', size: number, align: Align, gapBefore = 0, keep = 0): void {
    const doc = this.doc;
    doc.font(font).fontSize(size);
    const h = doc.heightOfString(text, { width: this.width });
    if (doc.y + gapBefore + h + keep > this.bottom) this.newPage();
    else doc.y += gapBefore;
    if (this.dry) doc.y += h;
    else doc.text(text, MARGIN.left, doc.y, { width: this.width, align });
  }

  space(points: number): void {
    this.doc.y += points;
  }

  private newPage(): void {
    if (!this.dry) {
      this.pageNumber();
      this.doc.addPage();
    }
    this.page++;
    this.doc.y = MARGIN.top;
    this.forgetLayouts();
  }

  /**
   * pdfkit caches the glyph layout of every distinct word it has seen, about 6 KB each and never
   * dropped, and every row brings new words (a code, dates). Starting the caches afresh on every page
   * keeps memory flat whatever the length, for a little more time (README, Performance: Overdue).
   */
  private forgetLayouts(): void {
    const families = (this.doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })._fontFamilies ?? {};
    for (const font of Object.values(families)) if (font.layoutCache) font.layoutCache = Object.create(null);
  }

  /** "Trang x/y" at the foot of the current page. */
  private pageNumber(): void {
    const doc = this.doc;
    const y = doc.y;
    doc.font('R').fontSize(FONT_SIZE);
    // Below the bottom margin: pdfkit would start a new page unless the margin is lifted first.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(`Trang ${this.page}/${this.pageCount}`, MARGIN.left, doc.page.height - MARGIN.bottom + mm(4), { width: this.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.y = y;
  }

  /** One list as a table; its header row starts the table and every page it continues on. */
  table<T>(items: T[], columns: PdfColumn<T>[]): void {
    const doc = this.doc;
    const fixed = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => c.width || this.width - fixed);
    const xs: number[] = [MARGIN.left];
    for (const w of widths) xs.push(xs[xs.length - 1] + w);
    const index = this.tableIndex++;
    if (this.dry) {
      this.heights[index] = [];
      this.cut[index] = new Map();
    }
    const heights = this.heights[index];
    const cut = this.cut[index];
    let k = 0;

    const header = columns.map((c) => c.label);
    const centred = columns.map((): Align => 'center');
    doc.font('B').fontSize(FONT_SIZE);
    const headerHeight = this.rowHeight(header, widths, PAD.top, PAD.bottom);
    doc.font('R');
    const rowOne = this.rowHeight(['1'], [widths[0]], PAD.top, PAD.bottom);
    // The header never ends a page alone: it needs one row under it.
    if (doc.y + headerHeight + rowOne > this.bottom) this.newPage();
    this.drawRow(header, centred, widths, xs, headerHeight, 'B', PAD.top, true, true);

    const aligns = columns.map((c) => c.align);
    const maxHeight = ROW_LINES * rowOne; // rowOne: one line and the paddings
    for (let i = 0; i < items.length; i++) {
      const cells = columns.map((c) => c.value(items[i], i));
      if (this.dry) {
        doc.font('R').fontSize(FONT_SIZE);
        const h = this.rowHeight(cells, widths, PAD.top, PAD.bottom);
        if (h <= maxHeight) heights.push(h);
        else {
          const pieces = this.cutRow(cells, widths);
          cut.set(i, pieces);
          pieces.forEach((part, p) => heights.push(this.rowHeight(part, widths, p === 0 ? PAD.top : 0, p === pieces.length - 1 ? PAD.bottom : 0)));
        }
      }
      const parts = cut.get(i) ?? [cells];
      parts.forEach((part, p) => {
        const h = heights[k++];
        if (doc.y + h > this.bottom) {
          this.newPage();
          this.drawRow(header, centred, widths, xs, headerHeight, 'B', PAD.top, true, true);
        }
        // Between the pieces of one row: no rule and no padding, so they read as one row.
        this.drawRow(part, aligns, widths, xs, h, 'R', p === 0 ? PAD.top : 0, p === 0, p === parts.length - 1);
      });
    }
  }

  /**
   * A row too tall for one piece, as pieces of at most ROW_LINES lines each: the first with every
   * short cell, the next ones with the rest of the long ones. Nothing is cut off.
   */
  private cutRow(cells: string[], widths: number[]): string[][] {
    const doc = this.doc;
    const measure = (s: string) => doc.widthOfString(s);
    const split = cells.map((c, j) => (c === '' ? [''] : cutAtLines(c, lineStarts(c, widths[j] - 2 * PAD.x, measure, PDFKIT), ROW_LINES)));
    const count = Math.max(...split.map((s) => s.length));
    return Array.from({ length: count }, (_, p) => split.map((s) => s[p] ?? ''));
  }

  /** Height of a row in the current font: single-line cells are not wrapped, only measured. */
  private rowHeight(cells: string[], widths: number[], padTop: number, padBottom: number): number {
    const doc = this.doc;
    let lines = doc.currentLineHeight(true);
    for (let j = 0; j < cells.length; j++) {
      const inner = widths[j] - 2 * PAD.x;
      if (cells[j] === '' || doc.widthOfString(cells[j]) <= inner) continue;
      lines = Math.max(lines, doc.heightOfString(cells[j], { width: inner }));
    }
    return padTop + lines + padBottom;
  }

  /** `top`/`bottom`: whether the row has its own top and bottom rule (not between pieces of one row). */
  private drawRow(cells: string[], aligns: Align[], widths: number[], xs: number[], height: number, font: 'R' | 'B', padTop: number, top: boolean, bottom: boolean): void {
    const doc = this.doc;
    const y = doc.y;
    doc.y = y + height;
    if (this.dry) return;
    doc.font(font).fontSize(FONT_SIZE);
    for (let j = 0; j < cells.length; j++) {
      if (cells[j] === '') continue;
      doc.text(cells[j], xs[j] + PAD.x, y + padTop, { width: widths[j] - 2 * PAD.x, align: aligns[j], lineBreak: true });
    }
    // Borders: the top edge, the verticals, the bottom edge, stroked once per row.
    const right = xs[xs.length - 1];
    if (top) doc.moveTo(xs[0], y).lineTo(right, y);
    if (bottom) doc.moveTo(xs[0], y + height).lineTo(right, y + height);
    for (const x of xs) doc.moveTo(x, y).lineTo(x, y + height);
    doc.lineWidth(LINE).stroke();
    doc.y = y + height;
  }
}

/**
 * A listing document: `draw` lays its paragraphs and tables out on the writer (twice, see ListingWriter);
 * the PDF's bytes when pdfkit has finished.
 */
export function listingPdf(title: string, fonts: FontFiles, draw: (w: ListingWriter) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margins: MARGIN, info: { Title: title, Creator: 'hcc', Producer: 'hcc' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // Read by hcc (regular files within a size limit), not by pdfkit from any path.
  doc.registerFont('R', readSmallFile(fonts.normal, MAX_FONT_BYTES));
  doc.registerFont('B', readSmallFile(fonts.bold, MAX_FONT_BYTES));
  doc.registerFont('I', readSmallFile(fonts.italics, MAX_FONT_BYTES));
  const w = new ListingWriter(doc);
  w.write(() => draw(w));
  doc.end();
  return done;
}
