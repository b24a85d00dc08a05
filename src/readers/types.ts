// The one small interface every file reader (CSV, XLSX) satisfies.
import type { Dossier, Reject } from '../core/types.js';

export type ReadItem = { dossier: Dossier; line: number } | { reject: Reject };

/** Canonical field names a column can be mapped to. */
export const CANONICAL_FIELDS = [
  'code',
  'agency',
  'field',
  'procedure',
  'level',
  'channel',
  'received_at',
  'due_at',
  'resolved_at',
  'returned_at',
  'status',
  'apology_at',
  'rating',
  /** The procedure's time limit in working days ("Thời hạn giải quyết"): used by `hcc due-dates` only, never counted. */
  'time_limit',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** A cell as the readers hand it over: CSV gives strings, exceljs also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null | undefined;

export interface ReadOptions {
  /** Extra header → canonical field mapping from the config file ("columns"). */
  columns?: Record<string, CanonicalField>;
  /** Sees every data row under the header with what it became (`hcc inspect`); off the hot path otherwise. */
  onRow?: (cells: readonly Cell[], item: ReadItem) => void;
}
