// The report as a Word document (docx 9): the draft the office edits, then prints and signs. The same
// model as the PDF (render/pdf.ts) and the same page layout (Decree 30/2020/NĐ-CP): A4 portrait, header
// block and "Nơi nhận" beside the signature as borderless tables, named styles for headings and body,
// page numbers from page 2, the annex (and forms) on landscape sections. Every word is editable text.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Block, ReportDocument } from '../report/document.js';
import { tableSection } from './docx-annex.js';
import { chartsSection, type DocxChart } from './docx-charts.js';
import { A4, centred, mm, pageHeaders, PORTRAIT_MARGIN, PORTRAIT_WIDTH, run, segmentRuns, STYLE, STYLES, titleParagraph } from './docx-styles.js';

const LEFT_WIDTH = Math.round(PORTRAIT_WIDTH * 0.44);
const RIGHT_WIDTH = PORTRAIT_WIDTH - LEFT_WIDTH;
/** What a very long place and date ("Thành phố Hồ Chí Minh, ngày …") borrows from the number's column. */
const BORROW = Math.round(PORTRAIT_WIDTH * 0.08);
const NO_PADDING = { top: 0, bottom: 0, left: 0, right: 0 };

/** `charts`: the report's charts with their PNGs, for a "BIỂU ĐỒ" section after the annex and forms. */
export async function renderReportDocx(doc: ReportDocument, charts: DocxChart[] = []): Promise<Buffer> {
  const c = doc.config;
  const chartPages = chartsSection(charts);
  const document = new Document({
    creator: 'hcc',
    title: `Báo cáo ${doc.title}`,
    subject: doc.annex.title,
    ...(c.issuer ? { lastModifiedBy: c.issuer } : {}),
    styles: STYLES,
    sections: [reportSection(doc), tableSection(doc.annex, doc.footnotes), ...doc.forms.map((f) => tableSection(f)), ...(chartPages ? [chartPages] : [])],
  });
  return Packer.toBuffer(document);
}

/** A short centred rule (Decree 30's line under the agency and under the title): an empty paragraph's bottom border, indented to the rule's length. */
function rule(width: number, length: number): Paragraph {
  const side = Math.round((width - length) / 2);
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

function borderless(rows: TableRow[], widths: number[]): Table {
  return new Table({
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: NO_PADDING,
    rows,
  });
}

const plainCell = (width: number, children: Paragraph[], columnSpan = 1) =>
  new TableCell({ width: { size: width, type: WidthType.DXA }, margins: NO_PADDING, ...(columnSpan > 1 ? { columnSpan } : {}), children });
/**
 * The header block: parent agency over issuing agency with the short rule (left), the national title
 * over the underlined motto (right), each side one cell so a long province name wraps in its column
 * while the motto stays at the top; then the number and, in italics, the place and date on one line.
 */
function headerBlock(doc: ReportDocument): Table {
  const c = doc.config;
  const parent = (c.parentAgency || doc.figures['report.parentAgency'].text).toLocaleUpperCase('vi');
  const issuing = (c.issuingAgency || doc.figures['report.issuingAgency'].text).toLocaleUpperCase('vi');
  const top = new TableRow({
    cantSplit: true,
    children: [
      plainCell(LEFT_WIDTH, [centred(parent, { size: 12 }), centred(issuing, { size: 12.5, bold: true }), rule(LEFT_WIDTH, LEFT_WIDTH * 0.35)], 2),
      plainCell(RIGHT_WIDTH, [
        centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
        centred('Độc lập - Tự do - Hạnh phúc', { size: 13.5, bold: true, underline: true }),
      ]),
    ],
  });
  // Three grid columns: the middle one goes with the agency's column, or with the date when it is very long.
  const size = placeDateSize(doc.placeDate);
  const borrow = size === 13 && doc.placeDate.length > 44;
  const numberLine = new TableRow({
    cantSplit: true,
    children: [
      plainCell(borrow ? LEFT_WIDTH - BORROW : LEFT_WIDTH, [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 160 }, children: numberRuns(doc.numberLine) })], borrow ? 1 : 2),
      plainCell(borrow ? RIGHT_WIDTH + BORROW : RIGHT_WIDTH, [centred(doc.placeDate, { size, italics: true }, { spacing: { before: 160 } })], borrow ? 2 : 1),
    ],
  });
  return borderless([top, numberLine], [LEFT_WIDTH - BORROW, BORROW, RIGHT_WIDTH]);
}

/**
 * 14 pt, or 13 pt (Decree 30 allows 13–14) for a long place name ("Bà Rịa - Vũng Tàu, ngày 05 tháng 8
 * năm 2019"), which at 14 pt would wrap under the motto in Word and LibreOffice.
 */
function placeDateSize(text: string): number {
  return text.length > 38 ? 13 : 14;
}

/** "Số: 1204/BC-VPUB": the symbol never breaks. */
function numberRuns(line: string) {
  const m = /^(Số:\s*)(.*)$/.exec(line);
  return m ? [run(m[1], { size: 13 }), run(m[2], { size: 13 }, true)] : [run(line, { size: 13 }, true)];
}

function blockParagraph(block: Block, keepWithNext: boolean): Paragraph {
  const style = block.kind === 'heading' ? STYLE.heading : block.kind === 'subheading' ? STYLE.subheading : STYLE.body;
  return new Paragraph({
    style,
    // Only where the model asks (the closing, kept with the signature); headings keep next by their style.
    ...(keepWithNext ? { keepNext: true, keepLines: true } : {}),
    children: segmentRuns(block.segments),
  });
}

/** "Nơi nhận" (left) beside the signature (right), one row that never splits, so the signature never stands alone. */
function signatureBlock(doc: ReportDocument): Table {
  const c = doc.config;
  const recipients = c.recipients.length > 0 ? c.recipients : ['Lưu: VT.'];
  const left = Math.round(PORTRAIT_WIDTH * 0.45);
  const right = PORTRAIT_WIDTH - left;
  const keep = { keepNext: true, keepLines: true };
  const row = new TableRow({
    cantSplit: true,
    children: [
      plainCell(left, [
        new Paragraph({ ...keep, children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }),
        ...recipients.map((r) => new Paragraph({ ...keep, children: [run(/^[-–]/.test(r) ? r : `- ${r}`, { size: 11 })] })),
      ]),
      plainCell(right, [
        ...c.signer.title.map((t) => centred(t.toLocaleUpperCase('vi'), { bold: true, size: 14 }, keep)),
        // Room for the signature and the seal (about 23 mm, as in the PDF).
        new Paragraph({ ...keep, spacing: { before: mm(23) }, children: [] }),
        centred(c.signer.name, { bold: true, size: 14 }),
      ]),
    ],
  });
  return borderless([row], [left, right]);
}

function reportSection(doc: ReportDocument): ISectionOptions {
  const titleLines = doc.titleLines && doc.titleLines.length > 0 ? doc.titleLines : [doc.title];
  const last = doc.blocks.length - 1;
  return {
    properties: {
      titlePage: true,
      page: { size: { width: A4.width, height: A4.height, orientation: 'portrait' }, margin: PORTRAIT_MARGIN, pageNumbers: { start: 1 } },
    },
    headers: pageHeaders(),
    children: [
      headerBlock(doc),
      centred('BÁO CÁO', { bold: true, size: 14 }, { spacing: { before: 440, after: 40 }, keepNext: true }),
      // The title, one line per phrase when the model broke it (titleLines), always bold and centred.
      titleParagraph(titleLines, 14, mm(8), { keepNext: true }),
      rule(PORTRAIT_WIDTH, PORTRAIT_WIDTH * 0.3),
      new Paragraph({ spacing: { after: 160 }, children: [] }),
      // The last block is the closing sentence: kept on the page of the signature.
      ...doc.blocks.map((b, i) => blockParagraph(b, b.keepWithNext === true || i === last)),
      // 6 pt more than the closing's own 6 pt after: the PDF's 12 pt before the signature.
      new Paragraph({ keepNext: true, spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' }, children: [] }),
      signatureBlock(doc),
    ],
  };
}
