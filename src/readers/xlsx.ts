// Streaming XLSX reader (exceljs's worksheet parser over unzipper's central directory): the first
// worksheet only, row by row, so a large workbook never sits in memory.
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { UserError } from '../errors.js';
import type { HeaderMatcher } from './headers.js';
import type { Cell } from './types.js';
import { RowsUnderHeader, type RowsOptions } from './under-header.js';
import { openError } from './sniff.js';
import type { ReadItem } from './types.js';

/** An exceljs cell value reduced to what the row mapper understands. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return v as Cell;
  if (v instanceof Date) return v;
  if (t === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    }
    if ('result' in o) return toCell(o.result); // formula: its cached value
    if ('formula' in o || 'sharedFormula' in o) return null; // formula never calculated
    if ('text' in o) return toCell(o.text); // hyperlink
    if ('error' in o) return String(o.error); // "#N/A", "#VALUE!"
  }
  return String(v);
}

function rowCells(values: unknown): Cell[] {
  if (!Array.isArray(values)) return [];
  // Sparse and 1-based: index i is column i, and header indexes come from the same layout.
  const cells: Cell[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) cells[i] = toCell(values[i]);
  return cells;
}

function xlsxError(path: string, err: unknown): UserError {
  if (err instanceof UserError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') return openError(path, err);
  const message = err instanceof Error ? err.message : String(err);
  // unzipper's word for a zip that stops before its end: a download cut short, a copy not finished.
  const detail = message === 'FILE_ENDED' ? 'tệp bị cắt ngang, chưa chép hoặc tải về hết' : message;
  return new UserError(
    `tệp "${path}" không đọc được như tệp Excel .xlsx (${detail}): mở bằng Excel và lưu lại dạng .xlsx hoặc CSV`,
  );
}

/**
 * The steps of exceljs's streaming WorkbookReader (4.4.0) that hcc drives itself. exceljs reads the
 * zip in stored order and parses a worksheet as soon as it has the shared strings, before
 * xl/workbook.xml (written last) is read: at random it then fails with "Cannot read properties of
 * undefined (reading 'sheets')" (exceljs#3064). It also decodes each chunk of XML on its own, which
 * turns a Vietnamese letter cut by a chunk boundary into two U+FFFD in large workbooks.
 */
interface WorkbookSteps {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
  model?: { sheets?: { rId?: string; name?: string }[] };
  /** workbook.xml's <workbookPr>: date1904="1" for workbooks that count serials from 1904. */
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: { Id?: string; Target?: string }[];
}

type SheetRows = AsyncIterable<{ values: unknown; number: number }>;

/** The zip entry the workbook's first tab points to (by workbook.xml and its rels, not by file name). */
function firstSheetPath(steps: WorkbookSteps, paths: string[]): string | undefined {
  const rId = steps.model?.sheets?.[0]?.rId;
  const target = steps.workbookRels?.find((rel) => rel.Id === rId)?.Target;
  if (target) {
    const resolved = posix.normalize(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    if (paths.includes(resolved)) return resolved;
  }
  const sheetNumber = (p: string): number => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(p)?.[1] ?? NaN);
  return paths.filter((p) => Number.isFinite(sheetNumber(p))).sort((a, b) => sheetNumber(a) - sheetNumber(b))[0];
}

/**
 * Opens the first worksheet for row-by-row reading: the zip's central directory gives each part by
 * name, so rels, workbook, shared strings and styles are parsed before the sheet, whatever their
 * order in the file. Every part is decoded as one UTF-8 stream.
 */
async function openFirstSheet(path: string): Promise<{ rows: SheetRows; close(): void; sheet: string; date1904: boolean } | null> {
  const zip = await unzipper.Open.file(path);
  const entries = new Map(zip.files.filter((f) => f.type === 'File').map((f) => [f.path, f]));
  const open: Readable[] = [];
  const text = (name: string): Readable | undefined => {
    const entry = entries.get(name);
    if (!entry) return undefined;
    const stream = entry.stream();
    stream.setEncoding('utf8');
    open.push(stream);
    return stream;
  };
  const close = (): void => {
    for (const stream of open) stream.destroy();
  };
  let rows: SheetRows | null = null;
  let sheet = '';
  let date1904 = false;
  try {
    const steps = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      // Styles tell date cells from numbers (exceljs then gives a Date); numbers in date columns still work.
      styles: 'cache',
      entries: 'ignore',
    }) as unknown as WorkbookSteps;
    const rels = text('xl/_rels/workbook.xml.rels');
    if (rels) await steps._parseRels(rels);
    const book = text('xl/workbook.xml');
    if (book) await steps._parseWorkbook(book);
    const sharedStrings = text('xl/sharedStrings.xml');
    if (sharedStrings) for await (const _ of steps._parseSharedStrings(sharedStrings)) void _;
    const styles = text('xl/styles.xml');
    if (styles) await steps._parseStyles(styles);
    // exceljs itself applies the 1904 system to date-formatted cells only; plain numbers are ours.
    date1904 = steps.properties?.model?.date1904 === true;
    sheet = steps.model?.sheets?.[0]?.name ?? '';
    const sheetPath = firstSheetPath(steps, [...entries.keys()]);
    if (sheetPath) {
      const sheetNo = /(\d+)\.xml$/.exec(sheetPath)?.[1] ?? '1';
      for (const { eventType, value } of steps._parseWorksheet(text(sheetPath) as AsyncIterable<string>, sheetNo)) {
        if (eventType === 'worksheet') rows = value as SheetRows;
      }
    }
  } finally {
    // On success the caller closes, once the rows are read.
    if (!rows) close();
  }
  return rows ? { rows, close, sheet, date1904 } : null;
}

export interface XlsxOptions extends RowsOptions {
  onFormat?: (format: { kind: 'xlsx'; sheet: string; date1904: boolean }) => void;
  /** The path the user gave (a piped workbook is read from a temporary copy). */
  shownPath?: string;
}

export async function* readXlsx(file: string, matcher: HeaderMatcher, options: XlsxOptions = {}): AsyncGenerator<ReadItem> {
  const path = options.shownPath ?? file;
  let sheet: Awaited<ReturnType<typeof openFirstSheet>>;
  try {
    sheet = await openFirstSheet(file);
  } catch (err) {
    throw xlsxError(path, err);
  }
  if (!sheet) {
    throw new UserError(
      `tệp "${path}" không có trang tính nào (không phải tệp Excel .xlsx hợp lệ): mở bằng Excel và lưu lại dạng .xlsx hoặc CSV`,
    );
  }
  options.onFormat?.({ kind: 'xlsx', sheet: sheet.sheet, date1904: sheet.date1904 });
  const rows = new RowsUnderHeader(path, matcher, { ...options, oneBased: true, date1904: sheet.date1904 });
  try {
    // The first worksheet holds the list; others are summaries or notes.
    for await (const row of sheet.rows) {
      const item = rows.read(rowCells(row.values), row.number);
      if (item) yield item;
    }
  } catch (err) {
    throw xlsxError(path, err);
  } finally {
    sheet.close();
  }
  rows.end();
}
