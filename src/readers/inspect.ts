// What `hcc inspect` learns of an export in one streaming read: which columns serve which field, how
// full each field is, the date forms and the range of the dates, the status and channel values and
// how each is understood, and what happened to every row. Memory stays bounded: value lists are capped.
import { isSkipped, type RejectKind } from '../core/rejects.js';
import type { Dossier, Reject } from '../core/types.js';
import { parseChannel, parseRating, parseStatus, parseTimeLimit } from './codes.js';
import { columnName } from './header-warnings.js';
import { unusedColumns, type HeaderColumn } from './headers.js';
import { readDossierFile, type ReadInfo } from './index.js';
import { cellText } from './rows.js';
import { cleanText, detach } from './text.js';
import { CANONICAL_FIELDS, type CanonicalField, type Cell, type ReadItem, type ReadOptions } from './types.js';

const DATE_FIELDS = ['received_at', 'due_at', 'resolved_at', 'returned_at', 'apology_at'] as const;
type DateField = (typeof DATE_FIELDS)[number];
const DOSSIER_DATE: Record<DateField, 'receivedOn' | 'dueOn' | 'resolvedOn' | 'returnedOn' | 'apologyOn'> = {
  received_at: 'receivedOn',
  due_at: 'dueOn',
  resolved_at: 'resolvedOn',
  returned_at: 'returnedOn',
  apology_at: 'apologyOn',
};
const CODED = ['status', 'channel', 'rating', 'time_limit'] as const;
type CodedField = (typeof CODED)[number];

/** Distinct values kept per coded field; the rest are counted as "other values". */
const MAX_VALUES = 200;

export interface FieldStats {
  field: CanonicalField;
  /** The column serving it, as headed in the file. */
  header: string;
  filled: number;
  /** Date fields: the forms seen ("dd/MM/yyyy HH:mm:ss", "ô ngày Excel", …) with how many cells. */
  forms?: Record<string, number>;
  /** Date fields: the earliest and latest day among the rows counted. */
  earliest?: string | null;
  latest?: string | null;
  /** Status, channel, rating, time limit: each value as written, how many rows, and how hcc understood it (null: not understood). */
  values?: { value: string; rows: number; understood: string | null }[];
  /** Distinct values beyond MAX_VALUES, not listed. */
  otherValues?: number;
}

export interface Inspection {
  file: string;
  format: ReadInfo['format'];
  header: {
    line: number;
    rows: number;
    columns: (HeaderColumn & { letter: string })[];
  } | null;
  fields: FieldStats[];
  rows: {
    /** Rows under the header, blank ones aside. */
    data: number;
    counted: number;
    rejected: number;
    skipped: number;
    byKind: Partial<Record<RejectKind, number>>;
    /** The first row of each kind, as an example. */
    examples: Reject[];
  };
  warnings: import('../core/warnings.js').Warning[];
  /** The "columns" section that pins today's reading, with the guesses for what is missing. */
  columns: Record<string, string>;
  /** Headers in `columns` that are guesses (an unused column most like a missing field). */
  guessed: string[];
}

/** The shape of a date as written, from its digits and separators: "dd/MM/yyyy HH:mm:ss". */
export function dateForm(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return 'ô ngày Excel';
  if (typeof v === 'number') return 'số sê-ri Excel';
  const text = String(v).trim();
  if (text === '') return null;
  if (/^\d{4,6}(?:\.\d+)?$/.test(text)) return 'số sê-ri Excel';
  if (/^\d{14}$/.test(text)) return 'yyyyMMddHHmmss';
  if (/^\d{8}$/.test(text)) return 'yyyyMMdd';
  const runs = text.match(/\d+/g);
  if (!runs || runs.length < 3) return 'khác';
  const names = runs[0].length === 4 ? ['yyyy', 'MM', 'dd', 'HH', 'mm', 'ss'] : ['dd', 'MM', 'yyyy', 'HH', 'mm', 'ss'];
  let i = 0;
  return text.replace(/\d+/g, (run) => {
    const name = names[i++] ?? 'f';
    return run.length === 1 && name.length === 2 ? name[0] : name;
  });
}

/** How one field is watched, set up once the header is known: the hot loop only reads arrays. */
interface Watch {
  stats: FieldStats;
  column: number;
  kind: 'plain' | 'date' | 'coded';
  /** Date fields: the dossier's day, and the form by a cheap key (timestamps differ, their shapes are few). */
  dossierDate?: (typeof DOSSIER_DATE)[DateField];
  formByKey?: Map<number | string, string>;
  formCounts?: Map<string, number>;
  /** Coded fields: how many rows per value as written (cleaned at the end). */
  raw?: Map<string, number>;
}

/** Reads the whole file once and gathers what `hcc inspect` prints. */
export async function inspectFile(path: string, options: ReadOptions = {}): Promise<Inspection> {
  const info: ReadInfo = {};
  let watches = null as Watch[] | null;
  const rows: Inspection['rows'] = { data: 0, counted: 0, rejected: 0, skipped: 0, byKind: {}, examples: [] };

  const setUp = (): Watch[] => {
    const { index, label } = info.header!.match;
    return CANONICAL_FIELDS.filter((f) => index[f] !== undefined).map((f) => {
      const w: Watch = { stats: { field: f, header: label[f]!, filled: 0 }, column: index[f]!, kind: 'plain' };
      if ((DATE_FIELDS as readonly string[]).includes(f)) {
        w.kind = 'date';
        w.dossierDate = DOSSIER_DATE[f as DateField];
        w.formByKey = new Map();
        w.formCounts = new Map();
      } else if ((CODED as readonly string[]).includes(f)) {
        w.kind = 'coded';
        w.raw = new Map();
      }
      return w;
    });
  };

  const onRow = (cells: readonly Cell[], item: ReadItem): void => {
    watches ??= setUp();
    rows.data++;
    let dossier: Dossier | null = null;
    if ('reject' in item) {
      const kind = item.reject.kind;
      rows.byKind[kind] = (rows.byKind[kind] ?? 0) + 1;
      if (rows.byKind[kind] === 1) rows.examples.push(item.reject);
      if (isSkipped(kind)) {
        rows.skipped++;
        return; // a group row fills no field
      }
      rows.rejected++;
    } else {
      rows.counted++;
      dossier = item.dossier;
    }
    for (const w of watches) {
      const v = cells[w.column];
      if (v === null || v === undefined || v === '' || (typeof v === 'string' && v.charCodeAt(0) <= 32 && v.trim() === '')) continue;
      const s = w.stats;
      s.filled++;
      if (w.kind === 'date') {
        const key =
          typeof v === 'string'
            ? v.length * 0x1000000 + (v.charCodeAt(2) & 0xff) * 0x10000 + (v.charCodeAt(4) & 0xff) * 0x100 + (v.charCodeAt(10) & 0xff)
            : typeof v;
        let form = w.formByKey!.get(key);
        if (form === undefined) w.formByKey!.set(key, (form = dateForm(v) ?? 'khác'));
        w.formCounts!.set(form, (w.formCounts!.get(form) ?? 0) + 1);
        const day = dossier ? (dossier[w.dossierDate!] ?? null) : null;
        if (day !== null) {
          if (!s.earliest || day < s.earliest) s.earliest = day;
          if (!s.latest || day > s.latest) s.latest = day;
        }
      } else if (w.kind === 'coded') {
        const raw = typeof v === 'string' ? v : cellText(v);
        const n = w.raw!.get(raw);
        if (n !== undefined) w.raw!.set(raw, n + 1);
        else if (w.raw!.size < MAX_VALUES) w.raw!.set(detach(raw), 1);
        else s.otherValues = (s.otherValues ?? 0) + 1;
      }
    }
  };

  for await (const _ of readDossierFile(path, { ...options, onRow }, info)) void _;

  for (const w of watches ?? []) {
    if (w.formCounts) w.stats.forms = Object.fromEntries(w.formCounts);
    if (!w.raw) continue;
    // Spellings that differ only in spaces are one value, as the reader takes them.
    const byValue = new Map<string, number>();
    for (const [raw, n] of w.raw) {
      const value = cleanText(raw);
      byValue.set(value, (byValue.get(value) ?? 0) + n);
    }
    const field = w.stats.field as CodedField;
    w.stats.values = [...byValue].sort((a, b) => b[1] - a[1]).map(([value, n]) => ({ value, rows: n, understood: understood(field, value) }));
  }
  const header = info.header ?? null;
  const oneBased = info.format?.kind === 'xlsx';
  if (header) unusedColumns(header.match); // fills `nearest`
  const { columns, guessed } = header ? columnsSnippet(header.match.columns, header.match.depth) : { columns: {}, guessed: [] };
  return {
    file: path,
    format: info.format,
    header: header && {
      line: header.line,
      rows: header.match.depth,
      columns: header.match.columns.map((c) => ({ ...c, letter: columnName(c.index, oneBased) })),
    },
    fields: (watches ?? []).map((w) => w.stats),
    rows,
    warnings: header?.warnings ?? [],
    columns,
    guessed,
  };
}

function understood(field: CodedField, value: string): string | null {
  if (field === 'status') {
    const s = parseStatus(value);
    return s === undefined ? null : s === null ? 'trống' : String(s);
  }
  if (field === 'channel') {
    const c = parseChannel(value);
    return c === undefined ? null : (c ?? 'trống');
  }
  if (field === 'time_limit') {
    // Never a reason to reject the row: an unreadable limit is unknown, as a blank one.
    const n = parseTimeLimit(value);
    return n === null ? 'trống' : n === undefined ? 'không đọc được: chưa biết thời hạn (dòng vẫn được tính)' : `${n} ngày làm việc`;
  }
  const r = parseRating(value);
  return r === null ? (value === '' ? 'trống' : 'không tính') : r ? 'hài lòng' : 'không hài lòng';
}

/** Every column hcc uses, pinned; for a missing field that changes figures, the unused column most like it. */
function columnsSnippet(columns: HeaderColumn[], depth: number): { columns: Record<string, string>; guessed: string[] } {
  // A two-level header's columns are named "group label" in the config, as hcc looks them up.
  const name = (c: HeaderColumn) => (depth === 2 ? c.text.replace(' / ', ' ') : c.text);
  const out: Record<string, string> = {};
  const guessed: string[] = [];
  for (const c of columns) if (c.field) out[name(c)] = c.field;
  const served = new Set(columns.filter((c) => c.field).map((c) => c.field));
  for (const c of columns) {
    if (c.field || c.alsoFor || !c.nearest || served.has(c.nearest)) continue;
    out[name(c)] = c.nearest;
    guessed.push(name(c));
    served.add(c.nearest);
  }
  return { columns: out, guessed };
}
