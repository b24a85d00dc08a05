// The one small interface every dossier source satisfies: a file streamed through the pure core,
// the embedded SQLite store, or an external PostgreSQL/MySQL database counted inside the database.
import type { AgencyList } from '../core/agencies.js';
import type { GroupTallies } from '../core/table.js';
import type { Channel, Dossier, GroupBy, IsoDate, MonthCount, Period, Reject, RuleOptions } from '../core/types.js';
import type { Warning } from '../core/warnings.js';
import type { CanonicalField } from '../readers/types.js';

/** The "source" section of the config: the database table and how its columns and codes map to hcc's. */
export interface SourceConfig {
  table?: string;
  columns: Partial<Record<CanonicalField, string>>;
  status: Record<string, number>;
  channel: Record<string, Channel>;
}

/** What the sources need of the config (its typed sections; the loaded config is one). */
export interface SourceSettings {
  /** The config file, for messages (null without one). */
  path: string | null;
  agencies: AgencyList;
  /** Header → canonical field, for export files. */
  columns: Record<string, CanonicalField>;
  /** The store file, absolute. */
  store?: string;
  source: SourceConfig;
}

/** Row filters (`--agency`, `--field`, …): any of the values matches; all filters must match. */
export interface Filters {
  agency?: string[];
  field?: string[];
  procedure?: string[];
  channel?: Channel[];
  level?: string[];
}

/**
 * The dossiers a listing needs (any of the parts matches), so a database can leave the rest where it
 * is. A hint, not a filter: a source may return more (a file returns every row), never fewer, and
 * the caller applies the rules of src/core/overdue.ts again.
 */
export interface DossierScope {
  /** Pending past their due date at this day (overdue.ts `isOverdueAt`). */
  overdueAt?: IsoDate;
  /** Resolved late within this period (overdue.ts `isLateIn`). */
  lateIn?: Period;
  /** Pending at `from` (as overdueAt has it) and due between `from` and `to` (overdue.ts `isDueSoonAt`). */
  dueBetween?: Period;
  /** Every dossier with an apology date (the listing tells data without the column from letters all recorded). */
  withApology?: boolean;
  /**
   * `hcc due-dates` (core/due-dates.ts): received in `receivedIn` (null: any day), not counted apart,
   * and either without a due date or due later than `limit` calendar days after receipt, `limit`
   * being the dossier's own time limit, else `minLimit` (the config's smallest; null: none). A
   * safe bound: the lawful date is the limit-th working day after receipt, never earlier.
   */
  dueDates?: { receivedIn: Period | null; minLimit: number | null };
}

/** Dossiers a due-date check counts, per procedure and by whether their own time limit is known (`hcc due-dates`). */
export interface DueDateGroup {
  procedure: string | null;
  /** The dossiers have a time limit of their own (the source's column). */
  hasLimit: boolean;
  count: number;
}

export interface CountQuery {
  /** One or more periods: a file is read once for all of them. */
  periods: Period[];
  groupBy: GroupBy;
  /** More groupings counted in the same read (`hcc report --forms`: by agency and by field). */
  alsoGroupBy?: GroupBy[];
  rules: RuleOptions;
  filters?: Filters;
  /**
   * Gets every row that was not counted, one at a time, as the source meets it (rows that could not
   * be used, and rows skipped as holding no dossier): the caller streams them to the rejects file,
   * so none is kept in memory here.
   */
  onReject?: (reject: Reject) => void;
  /**
   * Indexes of `periods` whose calendar months' new and resolved dossiers are counted too, in the
   * same read (the monthly chart), by a source with `monthsInCount`; they come back in `months`.
   */
  monthsOf?: number[];
}

export interface CountResult {
  /** One entry per requested period, in the same order, for `groupBy`. */
  perPeriod: GroupTallies[];
  /** The same for every grouping asked (`groupBy` and `alsoGroupBy`). */
  byGrouping: Map<GroupBy, GroupTallies[]>;
  /** How many rows could not be used (the same for every period). */
  rejectedCount: number;
  /** How many rows held no dossier (group or subtotal rows, repeated headers): see core/rejects.ts. */
  skippedCount: number;
  /** For each index of `monthsOf`: the new and resolved dossiers per month of that period (a month without any may be left out). */
  months?: Map<number, MonthCount[]>;
}

export interface DossierSource {
  /** Where the data comes from, for messages (passwords masked). */
  readonly description: string;
  /**
   * What the figures will rest on besides the data (a column the source lacks, a column given twice):
   * known once the source is open (a database) or once it has been read (a file).
   */
  readonly warnings: Warning[];
  count(query: CountQuery): Promise<CountResult>;
  /**
   * New and resolved dossiers per calendar month of `periods` (none sharing a month), the same figures as counting each month
   * as a period, when the source has a cheaper way than that (a database: one statement instead of
   * one per month). Sources without it are counted month by month in the same read.
   */
  countMonths?(periods: Period[], rules: RuleOptions, filters?: Filters): Promise<MonthCount[]>;
  /** Whether count() counts the months of `monthsOf` in its own read, and that is the cheapest way here. */
  readonly monthsInCount?: boolean;
  /**
   * Every usable dossier, one at a time (listings such as `hcc overdue`). Rows that cannot be used
   * go to `onReject`, never silently away (all of them, whatever the scope). With `scope`, a source may
   * skip dossiers outside it.
   */
  dossiers(filters?: Filters, onReject?: (reject: Reject) => void, scope?: DossierScope): AsyncIterable<Dossier>;
  /**
   * The dossiers received in `receivedIn` that a due-date check counts (not counted apart), per
   * procedure, when the source can count them itself (a database: one aggregate); without it the
   * check counts every dossier as it reads it.
   */
  dueDateGroups?(receivedIn: Period | null, filters?: Filters): Promise<DueDateGroup[]>;
  close(): Promise<void>;
}
