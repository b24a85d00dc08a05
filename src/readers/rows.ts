// Turns one body row (cells by column index) into a dossier or a reject. Shared by the CSV and XLSX
// readers; kept light because it runs a million times per big file.
import { FIRST_YEAR, formatDayMonthYear, isoDate, LAST_YEAR, parseDateText, parseExcelSerial } from '../core/dates.js';
import { REJECT_KINDS, type RejectKind } from '../core/rejects.js';
import type { Channel, Dossier, IsoDate, StatusCode } from '../core/types.js';
import { unreadTimeLimitWarning, type Warning } from '../core/warnings.js';
import { CodeIndex } from './code-index.js';
import { parseChannel, parseRating, parseStatus, parseTimeLimit } from './codes.js';
import { columnName } from './header-warnings.js';
import { FIELD_LABELS, type HeaderMatch } from './headers.js';
import { cleanText, memo } from './text.js';
import type { CanonicalField, Cell, ReadItem } from './types.js';

export type { Cell };

interface DateError {
  error: string;
}

/** Number as text without a spurious ".0" and without exponent for long integer codes. */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  return String(n);
}

/** Raw text of a cell (not yet trimmed). */
export function cellText(v: Cell): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return dateCellDay(v);
}

/** exceljs gives a date cell as a JS Date whose UTC fields are the wall clock written in the sheet. */
function dateCellDay(d: Date): IsoDate {
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const parseDayMemo = memo(parseDateText, 50_000);

function readDate(v: Cell, date1904: boolean): IsoDate | null | DateError {
  if (typeof v === 'string') {
    // Plain days repeat (due dates), timestamps hardly ever: only the former are worth remembering.
    const r = v.length <= 10 ? parseDayMemo(v) : parseDateText(v);
    return r.ok ? r.date : { error: r.error };
  }
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    // A number cell in a date column: a serial in the workbook's date system.
    const r = parseExcelSerial(v, undefined, date1904);
    return r.ok ? r.date : { error: r.error };
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { error: 'ô ngày không hợp lệ' };
    const y = v.getUTCFullYear();
    if (y < FIRST_YEAR || y > LAST_YEAR) return { error: `năm ngoài khoảng hợp lý ${FIRST_YEAR}–${LAST_YEAR} "${dateCellDay(v)}"` };
    return dateCellDay(v);
  }
  return { error: `không đọc được ngày "${String(v)}"` };
}

function isDateError(r: IsoDate | null | DateError): r is DateError {
  return r !== null && typeof r === 'object';
}

const NO_COLUMN = -1;

export class RowMapper {
  private readonly iCode: number;
  private readonly iAgency: number;
  private readonly iField: number;
  private readonly iProcedure: number;
  private readonly iLevel: number;
  private readonly iChannel: number;
  private readonly iReceived: number;
  private readonly iDue: number;
  private readonly iResolved: number;
  private readonly iReturned: number;
  private readonly iStatus: number;
  private readonly iApology: number;
  private readonly iRating: number;
  private readonly iTimeLimit: number;
  /** Where the header's warnings go: unreadable time limits are added there as they are met. */
  private readonly warnings: Warning[];
  private unreadTimeLimits: { count: number; where: string; examples: string[]; warning: Warning | null } = { count: 0, where: '', examples: [], warning: null };
  private readonly codes = new CodeIndex();
  /** The header's text in the code column, on each header row: a body row with it is the header again. */
  private readonly headerCodes: string[];
  private readonly date1904: boolean;
  private readonly oneBased: boolean;
  /** The header rows as read (cleaned): printed again on each page of some exports. */
  private readonly headerRows: string[][];
  // Repeated values (agency, field, status…) are cleaned or parsed once.
  private readonly groupText = memo(cleanText);
  private readonly status = memo(parseStatus);
  private readonly channel = memo(parseChannel);
  private readonly rating = memo(parseRating);
  private readonly timeLimit = memo(parseTimeLimit);

  constructor(
    private readonly file: string,
    private readonly header: HeaderMatch,
    options: { date1904?: boolean; oneBased?: boolean; headerRows?: string[][]; warnings?: Warning[] } = {},
  ) {
    this.warnings = options.warnings ?? [];
    this.headerRows = options.headerRows ?? [];
    this.date1904 = options.date1904 ?? false;
    this.oneBased = options.oneBased ?? false;
    const at = (f: CanonicalField): number => header.index[f] ?? NO_COLUMN;
    this.iCode = at('code');
    this.iAgency = at('agency');
    this.iField = at('field');
    this.iProcedure = at('procedure');
    this.iLevel = at('level');
    this.iChannel = at('channel');
    this.iReceived = at('received_at');
    this.iDue = at('due_at');
    this.iResolved = at('resolved_at');
    this.iReturned = at('returned_at');
    this.iStatus = at('status');
    this.iApology = at('apology_at');
    this.iRating = at('rating');
    this.iTimeLimit = at('time_limit');
    this.headerCodes = this.headerRows.map((r) => r[this.iCode] ?? '').filter((t) => t !== '');
    if (this.headerRows.length === 0 && header.label.code) this.headerCodes.push(header.label.code);
  }

  /** A whole row rejected for what the reader found in it (bad bytes, a stray quote), named with its code. */
  rejectRow(cells: readonly Cell[], line: number, problem: RowProblem): ReadItem {
    const code = cleanText(cellText(cells[this.iCode]));
    const column = problem.column === undefined ? '' : `cột "${this.columnAt(problem.column)}": `;
    return this.reject(line, problem.kind, column + problem.reason, code);
  }

  /** The header of column `i` as written, or its letter. */
  private columnAt(i: number): string {
    return this.header.columns.find((c) => c.index === i)?.text ?? columnName(i, this.oneBased);
  }

  /** The row repeats a header row: the same text in every cell. */
  private isHeaderRepeat(cells: readonly Cell[]): boolean {
    return this.headerRows.some((h) => {
      const n = Math.max(h.length, cells.length);
      for (let i = 0; i < n; i++) if (cleanText(cellText(cells[i])) !== (h[i] ?? '')) return false;
      return true;
    });
  }

  private reject(line: number, kind: RejectKind, reason: string, code?: string): ReadItem {
    return code === undefined || code === ''
      ? { reject: { file: this.file, line, kind, reason } }
      : { reject: { file: this.file, line, code, kind, reason } };
  }

  private column(field: CanonicalField): string {
    return this.header.label[field] ?? FIELD_LABELS[field];
  }

  private optionalText(cells: readonly Cell[], i: number): string | null {
    if (i === NO_COLUMN) return null;
    const t = this.groupText(cellText(cells[i]));
    return t === '' ? null : t;
  }

  /**
   * A row without a dossier: an empty row (nothing: null), or a row with one non-empty cell, a group
   * or subtotal row ("Lĩnh vực: Đất đai", "Tổng cộng: 12"), listed as skipped with its text. A lone
   * value in the code column that looks like a code (no spaces) is a broken dossier row, not a group
   * label: undefined, and the caller rejects it.
   */
  private filler(cells: readonly Cell[], line: number): ReadItem | null | undefined {
    let filled = 0;
    let at = -1;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
      if (++filled > 1) return undefined;
      at = i;
    }
    if (filled === 0) return null;
    const text = cleanText(cellText(cells[at]));
    if (at === this.iCode && !/\s/.test(text)) return undefined;
    return this.reject(line, 'group-row', `${REJECT_KINDS['group-row']} ("${text}")`);
  }

  /**
   * The time limit of a row; a cell that is no number of working days leaves it unknown and is
   * counted in one warning naming the first (the row is counted all the same: the limit is no figure).
   */
  private readTimeLimit(cell: Cell, line: number): number | null {
    const raw = cellText(cell);
    const n = this.timeLimit(raw);
    if (n !== undefined) return n;
    const u = this.unreadTimeLimits;
    u.count++;
    if (u.count === 1) u.where = `dòng ${line}, cột "${this.column('time_limit')}"`;
    const text = cleanText(raw);
    if (u.examples.length < 3 && !u.examples.includes(text)) u.examples.push(text);
    const warning = unreadTimeLimitWarning(u.count, u.where, u.examples);
    if (u.warning) Object.assign(u.warning, warning);
    else this.warnings.push((u.warning = warning));
    return null;
  }

  /** The dossier of a body row, its reject, or null for an empty row. */
  map(cells: readonly Cell[], line: number): ReadItem | null {
    const code = cleanText(cellText(cells[this.iCode]));
    const agency = this.groupText(cellText(cells[this.iAgency]));
    // The header printed again on every page of the export (each of its rows, for a two-level one).
    if (this.headerCodes.includes(code) || (code === '' && this.headerRows.length > 1 && this.isHeaderRepeat(cells))) {
      return this.reject(line, 'repeated-header', REJECT_KINDS['repeated-header']);
    }
    if (code === '' || agency === '') {
      const filler = this.filler(cells, line);
      if (filler !== undefined) return filler;
    }
    if (code === '') return this.reject(line, 'missing-code', 'thiếu mã hồ sơ');
    const first = this.codes.seen(code, line);
    if (first !== undefined) return this.reject(line, 'duplicate-code', `mã hồ sơ "${code}" trùng với dòng ${first}`, code);
    if (agency === '') return this.reject(line, 'missing-agency', `thiếu đơn vị (cột "${this.column('agency')}")`, code);

    let status: StatusCode | null = null;
    if (this.iStatus !== NO_COLUMN) {
      const raw = cellText(cells[this.iStatus]);
      const s = this.status(raw);
      if (s === undefined) {
        return this.reject(line, 'unknown-status', `cột "${this.column('status')}": không nhận ra trạng thái "${raw.trim()}"`, code);
      }
      status = s;
    }
    let channel: Channel | null = null;
    if (this.iChannel !== NO_COLUMN) {
      const raw = cellText(cells[this.iChannel]);
      const c = this.channel(raw);
      if (c === undefined) {
        return this.reject(
          line,
          'unknown-channel',
          `cột "${this.column('channel')}": không nhận ra kênh "${raw.trim()}" (trực tiếp, trực tuyến, bưu chính công ích hoặc 1, 2, 3)`,
          code,
        );
      }
      channel = c;
    }

    const received = readDate(cells[this.iReceived], this.date1904);
    if (isDateError(received)) return this.reject(line, 'bad-date', `cột "${this.column('received_at')}": ${received.error}`, code);
    if (received === null && status !== 1 && status !== 3) {
      return this.reject(line, 'missing-received', `thiếu ngày tiếp nhận (cột "${this.column('received_at')}")`, code);
    }
    let due: IsoDate | null = null;
    let resolved: IsoDate | null = null;
    let returned: IsoDate | null = null;
    let apology: IsoDate | null = null;
    if (this.iDue !== NO_COLUMN) {
      const r = readDate(cells[this.iDue], this.date1904);
      if (isDateError(r)) return this.reject(line, 'bad-date', `cột "${this.column('due_at')}": ${r.error}`, code);
      due = r;
    }
    if (this.iResolved !== NO_COLUMN) {
      const r = readDate(cells[this.iResolved], this.date1904);
      if (isDateError(r)) return this.reject(line, 'bad-date', `cột "${this.column('resolved_at')}": ${r.error}`, code);
      resolved = r;
    }
    if (this.iReturned !== NO_COLUMN) {
      const r = readDate(cells[this.iReturned], this.date1904);
      if (isDateError(r)) return this.reject(line, 'bad-date', `cột "${this.column('returned_at')}": ${r.error}`, code);
      returned = r;
    }
    if (this.iApology !== NO_COLUMN) {
      const r = readDate(cells[this.iApology], this.date1904);
      if (isDateError(r)) return this.reject(line, 'bad-date', `cột "${this.column('apology_at')}": ${r.error}`, code);
      apology = r;
    }
    if (status === 9 || status === 10) {
      // Exports that only record the hand-back date still resolved the dossier by then.
      if (resolved === null) resolved = returned;
      if (resolved === null) {
        return this.reject(line, 'finished-without-date', 'trạng thái đã giải quyết nhưng không có ngày có kết quả', code);
      }
    }
    if (resolved !== null && received !== null && resolved < received) {
      return this.reject(
        line,
        'resolved-before-received',
        `ngày có kết quả ${formatDayMonthYear(resolved)} trước ngày tiếp nhận ${formatDayMonthYear(received)}`,
        code,
      );
    }

    const dossier: Dossier = {
      code,
      agency,
      field: this.optionalText(cells, this.iField),
      procedure: this.optionalText(cells, this.iProcedure),
      level: this.optionalText(cells, this.iLevel),
      channel,
      receivedOn: received,
      dueOn: due,
      resolvedOn: resolved,
      returnedOn: returned,
      status,
      apologyOn: apology,
      satisfied: this.iRating === NO_COLUMN ? null : this.rating(cellText(cells[this.iRating])),
      timeLimit: this.iTimeLimit === NO_COLUMN ? null : this.readTimeLimit(cells[this.iTimeLimit], line),
    };
    return { dossier, line };
  }
}

/** Something the reader found wrong with a whole row before mapping it. */
export interface RowProblem {
  kind: RejectKind;
  reason: string;
  /** The column concerned (named in the reason), when there is one. */
  column?: number;
}
