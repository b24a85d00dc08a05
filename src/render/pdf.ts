// The signed report as PDF (pdfmake 0.3): A4 portrait laid out after Decree 30/2020/NĐ-CP, Appendix I
// (margins, header block, justified body, distribution list beside the signature, page numbers from
// page 2), then the annex on A4 landscape with its header repeated on every page.
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { formatCell } from '../core/format-vi.js';
import type { Counts } from '../core/types.js';
import { readSmallFile } from '../io/small-file.js';
import { COUNT_VALUES, isCountValue, type LeafColumn } from '../report/columns.js';
import { FONT_KEYS, MAX_FONT_BYTES, type FontFiles } from '../report/config.js';
import type { Block, ReportDocument, TableModel } from '../report/document.js';
import type { Segment } from '../report/figures.js';
import { balanceTitle, glueRuns, markSymbols } from '../report/wording.js';
import { breakableText, TextMeasure } from './pdf-text.js';
import type { DrawnChart } from '../charts/draw.js';
import { chartFonts, chartsPdfSection } from './pdf-charts.js';

const FONT = 'HccSerif';
const mm = (v: number) => (v * 72) / 25.4;

/** Decree 30/2020: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
const PORTRAIT_MARGINS: [number, number, number, number] = [mm(30), mm(20), mm(15), mm(20)];
const LANDSCAPE_MARGINS: [number, number, number, number] = [mm(20), mm(20), mm(15), mm(15)];
const BODY_SIZE = 14;
const TITLE_SIZE = 14;
const TITLE_INSET = mm(8);
const FIRST_LINE_INDENT = mm(12.7);
const A4_LANDSCAPE_WIDTH = 841.89;
const TABLE_SIZE = 10.5;
/**
 * A table row holds at most this many lines of its name; a longer name continues on the next rows
 * (pdfmake keeps rows whole and drops what does not fit on one page of a row). Small pieces fill the
 * pages: a page break then falls between two pieces, wherever it comes.
 */
const ROW_LINES = 5;
/** Cell padding, left plus right, and the width of a rule (annexContent's layout). */
const CELL_PADDING = 6;
const RULE = 0.5;

export interface PdfOptions {
  fonts: FontFiles;
  /** The "Biểu đồ" pages after the annex (none when absent). */
  charts?: DrawnChart[];
}

export async function renderReportPdf(doc: ReportDocument, options: PdfOptions): Promise<Buffer> {
  // hcc reads the fonts itself (regular files, with a size limit) and hands pdfmake the bytes: a
  // template or config can never make pdfmake fetch a URL or read any file.
  const fonts = Object.fromEntries(FONT_KEYS.map((key) => [key, readSmallFile(options.fonts[key], MAX_FONT_BYTES)])) as Record<keyof FontFiles, Buffer>;
  const vfs = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, data: Buffer): void } }).virtualfs;
  for (const key of FONT_KEYS) vfs.writeFileSync(`hcc-fonts/${key}.ttf`, fonts[key]);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  pdfmake.setFonts({ [FONT]: Object.fromEntries(FONT_KEYS.map((key) => [key, `hcc-fonts/${key}.ttf`])), ...chartFonts(options.fonts, fonts) });
  const charts = chartsPdfSection(options.charts ?? [], FONT);
  const definition = reportDefinition(doc, new TextMeasure(fonts.normal, TABLE_SIZE), new TextMeasure(fonts.bold, TITLE_SIZE), charts ? [charts] : []);
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  return Buffer.from(buffer);
}

/**
 * pdfmake inlines of styled segments. A symbol marked `nowrap` is one unbreakable inline ("/" and "-"
 * are otherwise break points, and justification spreads the pieces apart); punctuation touching a run
 * joins it (glueRuns), since pdfmake justifies by widening the gaps between inlines.
 */
function runs(segments: Segment[]): Content[] {
  return glueRuns(segments).map(
    (s) => ({ text: s.text, ...(s.bold ? { bold: true } : {}), ...(s.italics ? { italics: true } : {}), ...(s.nowrap ? { noWrap: true } : {}) }) as Content,
  );
}

function pageNumber(n: number): Content {
  return { text: String(n), alignment: 'center', fontSize: 13, margin: [0, mm(10), 0, 0] };
}

/** `measure` (the body font at the table size) lets long annex names continue over several rows. */
/** `afterAnnex`: sections printed after the annex (the charts), numbered on with the annex's pages as in the Word report. */
function reportDefinition(doc: ReportDocument, measure?: TextMeasure, titleMeasure?: TextMeasure, afterAnnex: Content[] = []): TDocumentDefinitions {
  const contentWidth = 595.28 - PORTRAIT_MARGINS[0] - PORTRAIT_MARGINS[2];
  const leftWidth = Math.round(contentWidth * 0.44);
  const rightWidth = contentWidth - leftWidth;
  const c = doc.config;
  const blank = doc.figures['report.parentAgency'].text;

  const zeroPadding = {
    defaultBorder: false,
    paddingLeft: () => 0,
    paddingRight: () => 0,
    paddingTop: () => 0,
    paddingBottom: () => 0,
  };
  const rule = (width: number, length: number, lineWidth = 0.6): Content => ({
    canvas: [{ type: 'line', x1: (width - length) / 2, y1: 0, x2: (width + length) / 2, y2: 0, lineWidth }],
    margin: [0, 2, 0, 0],
  });

  // Each column is one stack, so a long province name wrapping on the left never pushes the motto down
  // on the right; the number and the place-date share the row under them.
  const headerBlock: Content = {
    table: {
      widths: [leftWidth, rightWidth],
      body: [
        [
          {
            stack: [
              { text: (c.parentAgency || blank).toLocaleUpperCase('vi'), fontSize: 12, alignment: 'center' },
              { text: (c.issuingAgency || doc.figures['report.issuingAgency'].text).toLocaleUpperCase('vi'), fontSize: 12.5, bold: true, alignment: 'center' },
              rule(leftWidth, leftWidth * 0.35),
            ],
          },
          {
            stack: [
              { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', fontSize: 12, bold: true, alignment: 'center' },
              { text: 'Độc lập - Tự do - Hạnh phúc', fontSize: 13.5, bold: true, alignment: 'center', decoration: 'underline' },
            ],
          },
        ],
        [
          { text: runs(markSymbols([{ text: doc.numberLine }])), fontSize: 13, alignment: 'center', margin: [0, 8, 0, 0] },
          { text: doc.placeDate, fontSize: 14, italics: true, alignment: 'center', margin: [0, 8, 0, 0] },
        ],
      ],
    },
    layout: zeroPadding,
  };

  const body: Content[] = [
    headerBlock,
    { text: 'BÁO CÁO', bold: true, fontSize: 14, alignment: 'center', margin: [0, 22, 0, 2] },
    // A title breaks between phrases, not inside them: balanced here with the font's own widths.
    ...titleLines(doc, contentWidth - 2 * TITLE_INSET, titleMeasure).map(
      (line) => ({ text: line, bold: true, fontSize: TITLE_SIZE, alignment: 'center', margin: [TITLE_INSET, 0, TITLE_INSET, 0] }) as Content,
    ),
    { ...(rule(contentWidth, contentWidth * 0.3) as object), margin: [0, 5, 0, 0] } as Content,
    { text: '', margin: [0, 0, 0, 8] },
    ...bodyBlocks(doc),
  ];

  // Annex pages are numbered on their own, from the annex's second page, and the pages after it on.
  let annexFirstPage: number | undefined;
  const annexHeader = (currentPage: number) => {
    annexFirstPage ??= currentPage;
    const n = currentPage - annexFirstPage + 1;
    return n > 1 ? pageNumber(n) : null;
  };
  const annexSection = {
    section: annexContent(doc.annex, measure, doc.footnotes ?? [], titleMeasure),
    pageOrientation: 'landscape',
    pageMargins: LANDSCAPE_MARGINS,
    header: annexHeader,
  } as unknown as Content;

  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PORTRAIT_MARGINS,
    defaultStyle: { font: FONT, fontSize: BODY_SIZE, lineHeight: 1.1 },
    info: {
      title: `Báo cáo ${doc.title}`,
      author: c.issuer || undefined,
      subject: doc.annex.title,
      creator: 'hcc',
      producer: 'hcc',
    },
    header: (currentPage: number) => (currentPage > 1 ? pageNumber(currentPage) : null),
    pageBreakBefore: keepHeadingsWithText as unknown as TDocumentDefinitions['pageBreakBefore'],
    content: [{ section: body } as unknown as Content, annexSection, ...afterAnnex.map((s) => ({ ...(s as object), header: annexHeader }) as unknown as Content)],
  } as TDocumentDefinitions;
}

function annexTitleLines(title: string, measure?: TextMeasure): string[] {
  if (!measure) return [title];
  const width = A4_LANDSCAPE_WIDTH - LANDSCAPE_MARGINS[0] - LANDSCAPE_MARGINS[2] - 2 * ANNEX_TITLE_INSET;
  return balanceTitle(title, width - 1, (s) => (measure.width(s) * ANNEX_TITLE_SIZE) / TITLE_SIZE);
}

function titleLines(doc: ReportDocument, width: number, measure?: TextMeasure): string[] {
  if (!measure) return doc.titleLines ?? [doc.title];
  return balanceTitle(doc.title, width - 1, (s) => measure.width(s));
}

/** headlineLevel 1 marks headings (kept with the text after them), 2 marks body paragraphs. */
function blockContent(block: Block): Content {
  const common = { alignment: 'justify', leadingIndent: FIRST_LINE_INDENT, margin: [0, 0, 0, 6], headlineLevel: 2 } as const;
  if (block.kind === 'paragraph') return { text: runs(block.segments), ...common } as Content;
  return {
    text: runs(block.segments),
    ...common,
    alignment: 'left',
    bold: true,
    headlineLevel: 1,
    margin: block.kind === 'heading' ? [0, 4, 0, 6] : [0, 0, 0, 6],
  } as Content;
}

/** A heading left alone at the bottom of a page moves to the next page. */
function keepHeadingsWithText(node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage: () => { headlineLevel?: number }[] }): boolean {
  if (node.headlineLevel !== 1) return false;
  return !nodes.getFollowingNodesOnPage().some((n) => n.headlineLevel === 2);
}

/**
 * The blocks, the last ones marked keepWithNext held in one unbreakable stack with the signature, so
 * the signature never stands alone at the top of a page.
 */
function bodyBlocks(doc: ReportDocument): Content[] {
  let kept = doc.blocks.length;
  while (kept > 0 && doc.blocks[kept - 1].keepWithNext) kept--;
  const tail = doc.blocks.slice(kept).map(blockContent);
  return [...doc.blocks.slice(0, kept).map(blockContent), { unbreakable: true, stack: [...tail, signatureBlock(doc)] } as Content];
}

function signatureBlock(doc: ReportDocument): Content {
  const c = doc.config;
  const recipients = c.recipients.length > 0 ? c.recipients : ['Lưu: VT.'];
  return {
    unbreakable: true,
    margin: [0, 12, 0, 0],
    stack: [
      {
        columns: [
          {
            width: '45%',
            stack: [
              { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
              ...recipients.map((r) => ({ text: /^[-–]/.test(r) ? r : `- ${r}`, fontSize: 11, lineHeight: 1.05 })),
            ],
          },
          {
            width: '*',
            stack: [
              ...c.signer.title.map((t) => ({ text: t.toLocaleUpperCase('vi'), bold: true, fontSize: 14, alignment: 'center' })),
              { text: ' ', margin: [0, 0, 0, 64] },
              { text: c.signer.name, bold: true, fontSize: 14, alignment: 'center' },
            ],
          },
        ],
      },
    ],
  } as Content;
}

// --- Tables ------------------------------------------------------------------------------------

/** The text of one leaf column in a row of the annex. */
function leafText(leaf: LeafColumn, stt: number | '', name: string, counts: Counts | null, note = ''): string {
  if (leaf.value === 'stt') return String(stt);
  if (leaf.value === 'name') return name;
  if (leaf.value === 'note') return note;
  if (!counts || !isCountValue(leaf.value)) return '';
  return formatCell(COUNT_VALUES[leaf.value](counts));
}

/**
 * Width in points of the text of the name column, the page being `available` points wide: as pdfmake
 * shares it out, "*" columns take what the fixed ones, the paddings and the rules leave (a hair less,
 * so that pdfmake never needs more lines than measured).
 */
function nameTextWidth(leaves: LeafColumn[], available: number): number {
  const fixed = leaves.reduce((sum, l) => sum + (l.pdfWidth === '*' ? 0 : l.pdfWidth), 0);
  const stars = leaves.filter((l) => l.pdfWidth === '*').length;
  const name = leaves.find((l) => l.value === 'name')!;
  const width = name.pdfWidth === '*' ? (available - fixed - leaves.length * CELL_PADDING - (leaves.length + 1) * RULE) / stars : name.pdfWidth;
  return Math.max(10, width - 0.5);
}

/**
 * The header grid, body rows and total row of a table, as pdfmake cells. With `measure`, a name taller
 * than ROW_LINES lines is cut into pieces, one row each: the first row has the STT and the figures,
 * the next ones (listed in `continued`, by body row index) only the rest of the name.
 */
function tableBody(
  model: TableModel,
  fontSize = TABLE_SIZE,
  measure?: TextMeasure,
  available = A4_LANDSCAPE_WIDTH - LANDSCAPE_MARGINS[0] - LANDSCAPE_MARGINS[2],
): { body: TableCell[][]; headerRows: number; widths: (number | '*')[]; continued: Set<number> } {
  const { layout } = model;
  const n = layout.leaves.length;
  const header: TableCell[][] = Array.from({ length: layout.headerRows }, () => Array.from({ length: n }, () => ({}) as TableCell));
  for (const cell of layout.cells) {
    header[cell.row][cell.col] = {
      text: cell.text,
      bold: true,
      fontSize,
      lineHeight: 1,
      alignment: 'center',
      rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
      colSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
      // pdfmake has no vertical centring: push spanning cells down by half the extra rows.
      margin: [0, cell.rowSpan > 1 ? (cell.rowSpan - 1) * fontSize * 0.7 : 1, 0, 1],
    } as TableCell;
  }
  if (model.numbered) header.push(layout.leaves.map((_, i) => ({ text: `(${i + 1})`, italics: true, fontSize: fontSize - 1, alignment: 'center' }) as TableCell));
  const align = (leaf: LeafColumn) => (leaf.value === 'stt' ? 'center' : leaf.value === 'name' ? 'left' : 'right');
  // Long words break between letters, so the name column never grows past its width.
  const cell = (text: string, leaf: LeafColumn) => ({ text: breakableText(text), fontSize, lineHeight: 1, alignment: align(leaf) }) as TableCell;
  const width = nameTextWidth(layout.leaves, available);
  const rows: TableCell[][] = [];
  const continued = new Set<number>();
  for (const r of model.rows) {
    const pieces = measure ? measure.pieces(r.name, width, ROW_LINES) : [r.name];
    pieces.forEach((piece, i) => {
      if (i > 0) continued.add(header.length + rows.length);
      rows.push(layout.leaves.map((leaf) => cell(leaf.value === 'name' ? piece : i === 0 ? leafText(leaf, r.stt, r.name, r.counts, r.note) : '', leaf)));
    });
  }
  const total = layout.leaves.map(
    (leaf) =>
      ({
        text: leaf.value === 'name' ? model.totalLabel : leafText(leaf, '', '', model.total),
        bold: true,
        fontSize,
        lineHeight: 1,
        alignment: leaf.value === 'name' ? 'center' : align(leaf),
      }) as TableCell,
  );
  return { body: [...header, ...rows, total], headerRows: header.length, widths: layout.leaves.map((l) => l.pdfWidth), continued };
}

/** The annex title's size, and its inset on each side of the landscape page. */
const ANNEX_TITLE_SIZE = 13;
const ANNEX_TITLE_INSET = mm(15);

function annexContent(model: TableModel, measure?: TextMeasure, footnotes: string[] = [], titleMeasure?: TextMeasure): Content[] {
  const { body, headerRows, widths, continued } = tableBody(model, TABLE_SIZE, measure);
  const thin = () => RULE;
  // No rule between the pieces of one long name: they read as one row.
  const rowRule = (i: number) => (continued.has(i) ? 0 : RULE);
  return [
    ...(model.label ? [{ text: model.label, bold: true, fontSize: 13, alignment: 'center' } as Content] : []),
    // Broken between phrases like the report's title ("… NGÀNH / TỪ NGÀY 03/7/2017 ĐẾN NGÀY …"), never
    // inside "TỪ NGÀY 03/7/2017"; measured in the title's bold font, scaled to the annex title's size.
    ...annexTitleLines(model.title, titleMeasure).map(
      (line, i) => ({ text: line, bold: true, fontSize: ANNEX_TITLE_SIZE, alignment: 'center', margin: [ANNEX_TITLE_INSET, i === 0 ? 2 : 0, ANNEX_TITLE_INSET, 0] }) as Content,
    ),
    ...model.lines.map((l) => ({ text: l, italics: true, fontSize: 13, alignment: 'center' }) as Content),
    ...(model.unit ? [{ text: model.unit, italics: true, fontSize: 11, alignment: 'right' } as Content] : []),
    {
      margin: [0, 8, 0, 0],
      table: { headerRows, widths, body, dontBreakRows: true },
      layout: {
        hLineWidth: rowRule,
        vLineWidth: thin,
        paddingLeft: () => 3,
        paddingRight: () => 3,
        paddingTop: (i: number) => (continued.has(i) ? 0 : 1.5),
        paddingBottom: (i: number) => (continued.has(i + 1) ? 0 : 1),
      },
    } as Content,
    ...model.notes.map((n) => ({ text: n, italics: true, fontSize: 11, margin: [0, 4, 0, 0] }) as Content),
    ...footnotes.map((n) => ({ text: n, italics: true, fontSize: 11, alignment: 'justify', margin: [0, 4, 0, 0] }) as Content),
  ];
}
