// Excel workbooks (exceljs): the annex table and the official form with merged multi-level headers,
// real numeric cells shown the Vietnamese way (zero as "-"), Times New Roman, borders, print set-up
// (A4 landscape, one page wide, header rows repeated). Used by `hcc report` and `hcc export`.
import ExcelJS from 'exceljs';
import { formatDayMonthYear } from '../core/dates.js';
import type { PeriodTable } from '../core/types.js';
import { COUNT_VALUES, isCountValue, layoutColumns, plainColumns } from '../report/columns.js';
import type { ReportDocument, TableModel } from '../report/document.js';
import { bundledAnnexColumns } from '../report/template.js';
import { GROUP_BY_LABELS, TOTAL_LABEL } from './columns.js';
import { addDataCheckSheet } from './data-check-sheet.js';
import { addIndicatorsSheet } from './indicators766-sheet.js';
import { addChartsSheet, type SheetChart } from './xlsx-charts.js';
import type { ChartData } from '../charts/data.js';
import { landscapeOnePageWide, linesFor, rowHeight } from './xlsx-page.js';

const FONT_NAME = 'Times New Roman';
/**
 * Thousands grouped, zero as "-". The [$-42A] (Vietnamese) locale tag makes LibreOffice group with
 * "."; Excel groups with the separator of the user's regional settings. No spaces in the code
 * (exceljs #2094).
 */
export const COUNT_FORMAT = '[$-42A]#,##0;-#,##0;"-"';

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export interface TableWorkbookOptions {
  sheetName?: string;
}

/**
 * One period table as a workbook (one sheet), e.g. for `hcc export --format xlsx`: the annex title
 * with the period, and the bundled report template's annex columns laid out plain (plainColumns).
 */
export async function renderTableWorkbook(table: PeriodTable, options: TableWorkbookOptions = {}): Promise<Buffer> {
  const model = plainTableModel(table);
  const wb = newWorkbook();
  addTableSheet(wb, safeSheetName(options.sheetName ?? 'Bảng'), model);
  return toBuffer(wb);
}

/** Excel refuses sheet names over 31 characters or with : \ / ? * [ ]. */
function safeSheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, '-').trim().slice(0, 31);
  return cleaned === '' ? 'Bảng' : cleaned;
}

function plainTableModel(table: PeriodTable): TableModel {
  const { from, to } = table.period;
  return {
    title: `TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TỪ NGÀY ${formatDayMonthYear(from)} ĐẾN NGÀY ${formatDayMonthYear(to)}`,
    lines: [],
    layout: layoutColumns(plainColumns(bundledAnnexColumns(), GROUP_BY_LABELS[table.groupBy])),
    numbered: false,
    rows: table.rows.map((r) => ({ stt: r.stt, name: r.key, counts: r.counts.received.total === 0 ? null : r.counts })),
    totalLabel: TOTAL_LABEL,
    total: table.total,
    notes: [],
  };
}

/**
 * The report's workbook: sheet "Phụ lục" (the annex), then one sheet per official form asked for,
 * then "Chỉ số 766" when asked for, then with `charts` the "Biểu đồ" sheet (images and the tables behind them), then the data check.
 */
export async function renderReportWorkbook(doc: ReportDocument, charts?: { drawn: SheetChart[]; data: ChartData }): Promise<Buffer> {
  const wb = newWorkbook();
  wb.title = doc.annex.title;
  addTableSheet(wb, 'Phụ lục', doc.annex, undefined, doc.footnotes);
  for (const form of doc.forms) addTableSheet(wb, form.sheetName, form, form.code);
  if (doc.indicators766) addIndicatorsSheet(wb, doc.indicators766);
  if (charts) addChartsSheet(wb, charts.drawn, charts.data);
  addDataCheckSheet(wb, doc.check);
  return toBuffer(wb);
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hcc';
  wb.created = new Date();
  return wb;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A narrow column wraps words early: fewer characters fit a line than its width alone suggests. */
const NARROW_CHARS_PER_UNIT = 0.8;

/**
 * The total of a column as a formula over the rows above it (blank rows included), with the total
 * computed by hcc as its cached result: a clerk who corrects a figure sees the total follow, and a
 * reader without a formula engine still sees the number. Only hcc's own text becomes a formula.
 */
function sumOver(col: number, from: number, to: number, result: number): ExcelJS.CellFormulaValue {
  const letter = columnLetter(col);
  return { formula: `SUM(${letter}${from}:${letter}${to})`, result };
}

/** 1 → A, 27 → AA. */
function columnLetter(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * Writes one table sheet. Text is always written as plain strings, so a name starting with
 * = + - @ stays text (exceljs makes a formula only from { formula }).
 */
function addTableSheet(wb: ExcelJS.Workbook, name: string, model: TableModel, code?: string, footnotes: string[] = []): ExcelJS.Worksheet {
  const { layout } = model;
  const n = layout.leaves.length;
  const ws = wb.addWorksheet(name, {
    pageSetup: landscapeOnePageWide({ left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }),
    properties: { defaultRowHeight: 16 },
  });
  ws.columns = layout.leaves.map((l) => ({ width: l.width }));
  const totalWidth = layout.leaves.reduce((s, l) => s + l.width, 0);
  const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT_NAME, size: 12, ...extra });

  let r = 1;
  const fullRow = (text: string, style: Partial<ExcelJS.Font>, align: 'center' | 'left' | 'right' = 'center') => {
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = font(style);
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
    ws.getRow(r).height = rowHeight(17 * linesFor(text, totalWidth * 0.85));
    r++;
  };
  if (code) fullRow(code, { bold: true }, 'left');
  if (model.label) fullRow(model.label, { bold: true, size: 13 });
  fullRow(model.title, { bold: true, size: 13 });
  for (const line of model.lines) fullRow(line, { italic: true });
  if (model.unit) fullRow(model.unit, { italic: true, size: 11 }, 'right');
  r++; // one empty row before the table

  // Header: merged cells as the layout says; every cell of the header area gets borders.
  const headerTop = r;
  for (const h of layout.cells) {
    const top = headerTop + h.row;
    const left = h.col + 1;
    if (h.rowSpan > 1 || h.colSpan > 1) ws.mergeCells(top, left, top + h.rowSpan - 1, left + h.colSpan - 1);
    ws.getCell(top, left).value = h.text;
  }
  const headerRows = layout.headerRows + (model.numbered ? 1 : 0);
  for (let i = 0; i < layout.headerRows; i++) {
    const starting = layout.cells.filter((h) => h.row === i && h.rowSpan === 1);
    const lines = Math.max(1, ...starting.map((h) => linesFor(h.text, layout.leaves.slice(h.col, h.col + h.colSpan).reduce((s, l) => s + l.width, 0), 0.9)));
    ws.getRow(headerTop + i).height = rowHeight(16 * lines + 4);
  }
  if (model.numbered) {
    layout.leaves.forEach((_, i) => {
      ws.getCell(headerTop + layout.headerRows, i + 1).value = `(${i + 1})`;
    });
  }
  for (let row = headerTop; row < headerTop + headerRows; row++) {
    for (let col = 1; col <= n; col++) {
      const cell = ws.getCell(row, col);
      const numberedRow = model.numbered && row === headerTop + layout.headerRows;
      cell.font = font(numberedRow ? { italic: true, size: 11 } : { bold: true, size: 11 });
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    }
  }
  r = headerTop + headerRows;
  ws.pageSetup.printTitlesRow = `${headerTop}:${headerTop + headerRows - 1}`;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerTop + headerRows - 1, topLeftCell: `A${headerTop + headerRows}`, activeCell: `A${headerTop + headerRows}` }];

  const nameLeaf = layout.leaves.find((l) => l.value === 'name');
  const noteLeaf = layout.leaves.find((l) => l.value === 'note');
  const firstDataRow = r;
  const lastDataRow = r + model.rows.length - 1;
  const writeRow = (stt: number | null, label: string, counts: TableModel['total'] | null, bold: boolean, note?: string, summed = false) => {
    const row = ws.getRow(r);
    layout.leaves.forEach((leaf, i) => {
      const cell = row.getCell(i + 1);
      if (leaf.value === 'stt') {
        cell.value = stt;
        cell.alignment = { horizontal: 'center', vertical: 'middle' };
      } else if (leaf.value === 'name') {
        cell.value = label; // a plain string, never a formula
        cell.alignment = { horizontal: bold ? 'center' : 'left', vertical: 'middle', wrapText: true };
      } else if (leaf.value === 'note') {
        cell.value = note ?? null; // the config's "Ghi chú", a plain string
        cell.alignment = { vertical: 'middle', wrapText: true };
      } else if (counts && isCountValue(leaf.value)) {
        const value = COUNT_VALUES[leaf.value](counts);
        cell.value = summed ? sumOver(i + 1, firstDataRow, lastDataRow, value) : value;
        cell.numFmt = COUNT_FORMAT;
        cell.alignment = { horizontal: 'right', vertical: 'middle' };
      }
      cell.font = font(bold ? { bold: true } : {});
      cell.border = BORDER;
    });
    // The row grows for whichever wraps more: the agency's name or its note ("Ghi chú" is narrow).
    const lines = Math.max(nameLeaf ? linesFor(label, nameLeaf.width) : 1, noteLeaf && note ? linesFor(note, noteLeaf.width, NARROW_CHARS_PER_UNIT) : 1);
    row.height = rowHeight(Math.max(16, 16 * lines));
    r++;
  };
  for (const row of model.rows) writeRow(row.stt, row.name, row.counts, false, row.note);
  writeRow(null, model.totalLabel, model.total, true, undefined, model.rows.length > 0);
  // A note spans the table's width and wraps there: a long line left to overflow would widen the
  // printed area and shrink the whole table to fit it on one page.
  for (const note of [...model.notes, ...footnotes]) {
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    cell.value = note;
    cell.font = font({ italic: true, size: 11 });
    cell.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = rowHeight(15 * linesFor(note, totalWidth));
    r++;
  }
  return ws;
}
