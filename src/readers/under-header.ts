// The rows of a file under its header: title rows skipped until the header row (one or two levels)
// is found, then every row handed to the RowMapper of that header, with what the reader found wrong
// with a row (bad bytes, a stray quote) turned into its reject.
import type { Warning } from '../core/warnings.js';
import { headerWarnings, noHeaderError } from './header-warnings.js';
import { HEADER_SCAN_ROWS, type HeaderMatch, type HeaderMatcher } from './headers.js';
import { cellText, RowMapper, type RowProblem } from './rows.js';
import { cleanText } from './text.js';
import type { Cell, ReadItem } from './types.js';

/** The header row(s) found, and what they give and lack. */
export interface HeaderFound {
  /** Line (row) of the header's first row. */
  line: number;
  match: HeaderMatch;
  warnings: Warning[];
}

export interface RowsOptions {
  /** XLSX rows keep Excel's 1-based column numbers (index 0 is empty). */
  oneBased?: boolean;
  /** The workbook counts serial numbers from 1904 (old Mac Excel). */
  date1904?: boolean;
  /** Called once, when the header is found. */
  onHeader?: (header: HeaderFound) => void;
  /** Called with every data row and what it became. */
  onRow?: (cells: readonly Cell[], item: ReadItem) => void;
}

/**
 * The rows of a CSV file or worksheet in order: title rows are skipped until the header row (found
 * among the first HEADER_SCAN_ROWS non-blank rows), then every row is mapped by that header. A
 * two-level header (group labels over their columns) is read as one: a row that completes the
 * header of the row above, or that adds fields to a complete header above it.
 */
export class RowsUnderHeader {
  private mapper: RowMapper | null = null;
  private scanned = 0;
  /** The row that came closest to a header, for the error message. */
  private best: { line: number; match: HeaderMatch } | null = null;
  /** The last non-blank row before the header: the first level of a two-level header, perhaps. */
  private previous: { texts: string[]; line: number } | null = null;
  /** A complete header row, waiting for the next row: it may be its second level. */
  private pending: { texts: string[]; line: number; match: HeaderMatch } | null = null;
  header: HeaderFound | null = null;

  constructor(
    private readonly path: string,
    private readonly matcher: HeaderMatcher,
    private readonly options: RowsOptions = {},
  ) {}

  /** The dossier or reject of a body row; null for title, header and blank rows. */
  read(cells: readonly Cell[], line: number, problem?: RowProblem): ReadItem | null {
    if (this.mapper) {
      const item = problem ? this.mapper.rejectRow(cells, line, problem) : this.mapper.map(cells, line);
      if (item && this.options.onRow) this.options.onRow(cells, item);
      return item;
    }
    const texts = cells.map((c) => cleanText(cellText(c)));
    if (texts.every((t) => t === '')) return null;
    if (this.pending) {
      const { pending } = this;
      this.pending = null;
      const two = this.matcher.matchTwoLevel(pending.texts, texts);
      // A second level adds fields, and holds no dossier code (the code column is merged down).
      if (two.missing.length === 0 && two.recognised > pending.match.recognised && (texts[pending.match.index.code!] ?? '') === '') {
        this.start(two, pending.line, [pending.texts, texts]);
        return null;
      }
      this.start(pending.match, pending.line, [pending.texts]);
      return this.read(cells, line, problem);
    }
    const match = this.matcher.match(texts);
    if (match.missing.length === 0) {
      this.pending = { texts, line, match };
      return null;
    }
    if (this.previous) {
      const two = this.matcher.matchTwoLevel(this.previous.texts, texts);
      if (two.missing.length === 0) {
        this.start(two, this.previous.line, [this.previous.texts, texts]);
        return null;
      }
    }
    if (!this.best || match.recognised > this.best.match.recognised) this.best = { line, match };
    this.previous = { texts, line };
    if (++this.scanned >= HEADER_SCAN_ROWS) throw noHeaderError(this.path, this.best);
    return null;
  }

  /** At the end of the file: fails when no header row was found. */
  end(): void {
    if (this.pending) this.start(this.pending.match, this.pending.line, [this.pending.texts]);
    this.pending = null;
    if (!this.mapper) throw noHeaderError(this.path, this.best);
  }

  private start(match: HeaderMatch, line: number, rows: string[][]): void {
    this.header = { line, match, warnings: headerWarnings(match, `tệp "${this.path}"`, this.options.oneBased) };
    this.mapper = new RowMapper(this.path, match, {
      date1904: this.options.date1904,
      oneBased: this.options.oneBased,
      headerRows: rows,
      warnings: this.header.warnings,
    });
    this.options.onHeader?.(this.header);
  }
}
