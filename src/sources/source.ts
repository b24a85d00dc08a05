// The one small interface every dossier source satisfies: a file streamed through the pure core,
// the embedded SQLite store, or an external PostgreSQL/MySQL database counted inside the database.
import type { GroupTallies } from '../core/table.js';
import type { Channel, Dossier, GroupBy, Period, Reject, RuleOptions } from '../core/types.js';

/** Row filters (`--agency`, `--field`, …): any of the values matches; all filters must match. */
export interface Filters {
  agency?: string[];
  field?: string[];
  procedure?: string[];
  channel?: Channel[];
  level?: string[];
}

export interface CountQuery {
  /** One or more periods: a file is read once for all of them. */
  periods: Period[];
  groupBy: GroupBy;
  rules: RuleOptions;
  filters?: Filters;
}

export interface CountResult {
  /** One entry per requested period, in the same order. */
  perPeriod: GroupTallies[];
  /** Rows that could not be used (same for every period). */
  rejects: Reject[];
  /** How many rejected rows there were in all (rejects may be capped). */
  rejectedCount: number;
}

export interface DossierSource {
  /** Where the data comes from, for messages (passwords masked). */
  readonly description: string;
  count(query: CountQuery): Promise<CountResult>;
  /**
   * Every usable dossier, one at a time (listings such as `hcc overdue`). Rows that cannot be used
   * go to `onReject`, never silently away.
   */
  dossiers(filters?: Filters, onReject?: (reject: Reject) => void): AsyncIterable<Dossier>;
  close(): Promise<void>;
}
