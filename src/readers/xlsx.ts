// Streaming XLSX reader (exceljs WorkbookReader): the first worksheet only, row by row, so a large
// workbook never sits in memory.
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { UserError } from '../errors.js';
import { HEADER_SCAN_ROWS, noHeaderError, type HeaderMatch, type HeaderMatcher } from './headers.js';
import { cellText, RowMapper, type Cell } from './rows.js';
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
  const detail = err instanceof Error ? err.message : String(err);
  return new UserError(
    `tệp "${path}" không đọc được như tệp Excel .xlsx (${detail}): mở bằng Excel và lưu lại dạng .xlsx hoặc CSV`,
  );
}

export async function* readXlsx(path: string, matcher: HeaderMatcher): AsyncGenerator<ReadItem> {
  const input = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles tell date cells from numbers (exceljs then gives a Date); numbers in date columns still work.
    styles: 'cache',
    entries: 'ignore',
  });
  let sawSheet = false;
  let mapper: RowMapper | null = null;
  let scanned = 0;
  let best: { line: number; match: HeaderMatch } | null = null;
  try {
    for await (const worksheet of workbook) {
      sawSheet = true;
      for await (const row of worksheet) {
        const cells = rowCells(row.values);
        if (mapper) {
          const item = mapper.map(cells, row.number);
          if (item) yield item;
          continue;
        }
        const texts = cells.map((c) => cellText(c));
        if (texts.every((t) => t.trim() === '')) continue;
        const match = matcher.match(texts);
        if (match.missing.length === 0) {
          mapper = new RowMapper(path, match);
          continue;
        }
        if (!best || match.recognised > best.match.recognised) best = { line: row.number, match };
        if (++scanned >= HEADER_SCAN_ROWS) throw noHeaderError(path, best);
      }
      break; // the first worksheet holds the list; others are summaries or notes
    }
  } catch (err) {
    throw xlsxError(path, err);
  } finally {
    input.destroy();
  }
  if (!sawSheet) {
    throw new UserError(
      `tệp "${path}" không có trang tính nào (không phải tệp Excel .xlsx hợp lệ): mở bằng Excel và lưu lại dạng .xlsx hoặc CSV`,
    );
  }
  if (!mapper) throw noHeaderError(path, best);
}
