// A listing as workbook sheets (overdue, due soon, due dates against the time limit): lines above the
// header row (the first a bold title), the header row frozen, filterable and printed on every page, one
// row per item with dates as real Excel dates, notes below; A4 landscape, one page wide, page numbers.
// Each listing gives its own columns; this file lays them out. Cells are plain strings, numbers and
// dates: a name like =HYPERLINK(…) from the data stays text (exceljs makes a formula only from
// { formula }).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { splitIso } from '../core/dates.js';
import { landscapeOnePageWide, linesFor, rowHeight } from './xlsx-page.js';

/** A calendar day as an Excel date: exceljs converts Date objects through UTC, so build it at UTC midnight. */
export function excelDate(date: string | null): Date | null {
  if (!date) return null;
  const [y, m, d] = splitIso(date);
  return new Date(Date.UTC(y, m - 1, d));
}

export interface ListLayout<T> {
  /** The header row, STT first. */
  headers: string[];
  /** Column widths in characters. */
  widths: number[];
  /** 1-based columns shown as dd/mm/yyyy. */
  dates: number[];
  /** The cells after the STT. */
  row: (x: T) => ExcelJS.CellValue[];
  /** Lines the header row takes (its narrowest label wrapped); 2 when not said. */
  headerLines?: number;
}

export interface ListSheet<T> {
  name: string;
  /** Rows above the header row, the first a bold title; undefined leaves the row empty. */
  above: (string | undefined)[];
  items: T[] | null;
  layout: ListLayout<T>;
  /** Notes below the table, after an empty row. */
  below?: string[];
}

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;

/** Calibri, the sheets' font, fits about one character a unit of column width. */
const CHARS_PER_UNIT = 1;

/**
 * A4 landscape, as many pages tall as the list needs but one page wide (fitToHeight 0 = no limit),
 * margins in inches as Excel's "Narrow" preset plus room for the page number in the footer.
 */
const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 };

/**
 * A line of text across the table's width, wrapped there: a long line left to overflow would widen
 * the printed area and shrink the whole table to fit it on one page.
 */
function fullWidthLine(ws: ExcelJS.Worksheet, r: number, text: string | undefined, columns: number, width: number, font: Partial<ExcelJS.Font>): void {
  const row = ws.getRow(r);
  if (text !== undefined) {
    ws.mergeCells(r, 1, r, columns);
    const cell = row.getCell(1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { wrapText: true, vertical: 'top' };
    const size = font.size ?? 11;
    row.height = rowHeight((size + 4) * linesFor(text, (width * 11) / size, CHARS_PER_UNIT));
  }
  row.commit();
}

export function addListSheet<T>(wb: Writer, sheet: ListSheet<T>): void {
  const { layout } = sheet;
  const headerRow = sheet.above.length + 1;
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: landscapeOnePageWide(MARGINS, `${headerRow}:${headerRow}`),
    headerFooter: { oddFooter: '&CTrang &P/&N' },
  });
  ws.columns = layout.widths.map((width) => ({ width }));
  const columns = layout.headers.length;
  const width = layout.widths.reduce((s, w) => s + w, 0);
  sheet.above.forEach((text, i) => fullWidthLine(ws, i + 1, text, columns, width, i === 0 ? { bold: true, size: 13 } : {}));
  const header = ws.getRow(headerRow);
  header.values = layout.headers;
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 16 * (layout.headerLines ?? 2);
  header.commit();
  const items = sheet.items ?? [];
  items.forEach((x, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    row.values = [i + 1, ...layout.row(x)];
    row.getCell(1).alignment = { horizontal: 'center' };
    for (const c of layout.dates) {
      const cell = row.getCell(c);
      cell.numFmt = 'dd/mm/yyyy';
      // A word in place of a date ("(không có)") lines up with the dates around it.
      if (typeof cell.value === 'string') cell.alignment = { horizontal: 'right' };
    }
    row.commit(); // streamed: the row leaves memory now
  });
  const below = headerRow + items.length + 2;
  (sheet.below ?? []).forEach((text, i) => fullWidthLine(ws, below + i, text, columns, width, { italic: true }));
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns } };
  ws.commit();
}

/**
 * Written by exceljs's streaming writer: rows are serialised as they are added, not all held in one
 * workbook object. `fill` adds the sheets.
 */
export async function streamedWorkbook(fill: (wb: Writer) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = 'hcc';
  fill(wb);
  await wb.commit();
  return Buffer.concat(chunks);
}
