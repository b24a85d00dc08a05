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
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

export interface ReadOptions {
  /** Extra header → canonical field mapping from the config file ("columns"). */
  columns?: Record<string, CanonicalField>;
}
