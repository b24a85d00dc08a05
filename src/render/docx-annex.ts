// The Word report's tables on landscape pages: the annex (and the official forms, Biểu 06), with the
// merged header of the template's column tree repeated on every page, as the PDF draws them.
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { formatCell } from '../core/format-vi.js';
import type { Counts } from '../core/types.js';
import { COUNT_VALUES, isCountValue, type LeafColumn } from '../report/columns.js';
import type { FormModel, TableModel, TableRowModel } from '../report/document.js';
import { balanceTitle } from '../report/wording.js';
import { A4, centred, LANDSCAPE_MARGIN, LANDSCAPE_WIDTH, mm, pageHeaders, run, STYLE, TABLE_SIZE, titleParagraph } from './docx-styles.js';

/** Capitals of 13 pt bold across the landscape page less 15 mm each side: about 70 fit a line. */
const ANNEX_TITLE_CHARS = 66;

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
/** Set once on the table (not on each cell): a smaller document, written faster, that Word edits the same. */
const TABLE_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
/** The header's words at 12 pt: "Kỳ trước chuyển", "Chưa đến hạn" in narrow columns take fewer lines. */
const HEADER_SIZE = 12;
/** Narrow cell padding (twips): the figures at 13 pt need the width. */
const CELL_MARGINS = { top: 0, bottom: 0, left: 57, right: 57 };

/**
 * Column widths in twips: the PDF's widths (points; "35.591" at 13 pt still fits in 44), the STT
 * column wide enough for its header; the name column takes what is left of the landscape page.
 */
export function columnWidths(leaves: LeafColumn[], available = LANDSCAPE_WIDTH): number[] {
  const fixed = leaves.map((l) => (l.pdfWidth === '*' ? 0 : l.value === 'stt' ? Math.max(640, l.pdfWidth * 20) : Math.round(l.pdfWidth * 20) + 20));
  const stars = leaves.filter((l) => l.pdfWidth === '*').length;
  const rest = Math.max(1200, Math.floor((available - fixed.reduce((s, w) => s + w, 0)) / Math.max(1, stars)));
  return leaves.map((l, i) => (l.pdfWidth === '*' ? rest : fixed[i]));
}

/** The text of one leaf column in a row, as the PDF prints it ("-" for zero, blank for a row without dossiers). */
export function leafText(leaf: LeafColumn, stt: number | '', name: string, counts: Counts | null, note = ''): string {
  if (leaf.value === 'stt') return String(stt);
  if (leaf.value === 'name') return name;
  if (leaf.value === 'note') return note;
  if (!counts || !isCountValue(leaf.value)) return '';
  return formatCell(COUNT_VALUES[leaf.value](counts));
}

function align(leaf: LeafColumn) {
  return leaf.value === 'stt' ? AlignmentType.CENTER : leaf.value === 'name' || leaf.value === 'note' ? AlignmentType.LEFT : AlignmentType.RIGHT;
}

function cell(
  text: string,
  width: number,
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType],
  o: { bold?: boolean; italics?: boolean; size?: number } = {},
  extra = {},
  keepNext = false,
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    children: [new Paragraph({ style: STYLE.table, alignment, ...(keepNext ? { keepNext: true } : {}), children: text ? [run(text, o)] : [] })],
    ...extra,
  });
}

/** The header rows: each cell of the layout once, merged across (gridSpan) and down (vMerge), marked to repeat on every page. */
function headerRows(model: TableModel, widths: number[]): TableRow[] {
  const { layout } = model;
  const rows: TableRow[] = [];
  for (let r = 0; r < layout.headerRows; r++) {
    const cells: TableCell[] = [];
    for (let c = 0; c < layout.leaves.length; ) {
      const own = layout.cells.find((h) => h.row === r && h.col === c);
      const above = own ? undefined : layout.cells.find((h) => h.col === c && h.row < r && h.row + h.rowSpan > r);
      const h = own ?? above;
      if (!h) {
        c++;
        continue;
      }
      const width = widths.slice(c, c + h.colSpan).reduce((s, w) => s + w, 0);
      const merge = own ? (h.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}) : { verticalMerge: VerticalMergeType.CONTINUE };
      cells.push(cell(own ? h.text : '', width, AlignmentType.CENTER, { bold: true, size: HEADER_SIZE }, { ...(h.colSpan > 1 ? { columnSpan: h.colSpan } : {}), ...merge }));
      c += h.colSpan;
    }
    rows.push(new TableRow({ children: cells, tableHeader: true, cantSplit: true }));
  }
  if (model.numbered) {
    const numbers = layout.leaves.map((_, i) => cell(`(${i + 1})`, widths[i], AlignmentType.CENTER, { italics: true, size: TABLE_SIZE - 1 }));
    rows.push(new TableRow({ children: numbers, tableHeader: true, cantSplit: true }));
  }
  return rows;
}

/** `keep`: the last row, kept on the page of the total row (a total never stands alone). */
function bodyRow(model: TableModel, r: TableRowModel, widths: number[], keep = false): TableRow {
  const children = model.layout.leaves.map((leaf, i) => cell(leafText(leaf, r.stt, r.name, r.counts, r.note ?? ''), widths[i], align(leaf), {}, {}, keep));
  return new TableRow({ children, cantSplit: true });
}

function totalRow(model: TableModel, widths: number[]): TableRow {
  const children = model.layout.leaves.map((leaf, i) =>
    leaf.value === 'name'
      ? cell(model.totalLabel, widths[i], AlignmentType.CENTER, { bold: true })
      : cell(leafText(leaf, '', '', model.total), widths[i], align(leaf), { bold: true }),
  );
  return new TableRow({ children, cantSplit: true });
}

export function tableOf(model: TableModel): Table {
  const widths = columnWidths(model.layout.leaves);
  return new Table({
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS,
    rows: [...headerRows(model, widths), ...model.rows.map((r, i) => bodyRow(model, r, widths, i === model.rows.length - 1)), totalRow(model, widths)],
  });
}

/**
 * One landscape section: the code of an official form (top left), label ("Phụ lục"), title, lines
 * ("(Kèm theo Báo cáo số …)"), unit, the table, its notes and `footnotes`. Pages numbered on their own
 * from the section's second page, as in the PDF.
 */
export function tableSection(model: TableModel | FormModel, footnotes: string[] = []): ISectionOptions {
  const code = 'code' in model ? model.code : undefined;
  const notes = [...model.notes, ...footnotes];
  return {
    properties: {
      titlePage: true,
      page: { size: { width: A4.width, height: A4.height, orientation: 'landscape' }, margin: LANDSCAPE_MARGIN, pageNumbers: { start: 1 } },
    },
    headers: pageHeaders(),
    children: [
      ...(code ? [new Paragraph({ children: [run(code, { bold: true, size: 13 })] })] : []),
      ...(model.label ? [centred(model.label, { bold: true, size: 13 })] : []),
      // Broken between phrases as in the PDF, never inside "TỪ NGÀY 03/7/2017".
      titleParagraph(balanceTitle(model.title, ANNEX_TITLE_CHARS), 13, mm(15), { spacing: { before: 40 } }),
      ...model.lines.map((l) => centred(l, { italics: true, size: 13 })),
      ...(model.unit ? [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(model.unit, { italics: true, size: 11 })] })] : []),
      new Paragraph({ spacing: { line: 160, lineRule: 'exact' }, children: [] }),
      tableOf(model),
      ...notes.map((n, i) => new Paragraph({ spacing: { before: i === 0 ? 60 : 0 }, children: [run(n, { italics: true, size: 10.5 })] })),
    ],
  };
}
