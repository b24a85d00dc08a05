// The count every read command shares, once: the source opened for the command's config, read for
// all the periods and groupings the command asks, the rows not counted listed and summed up, what the
// figures rest on said first, and the tables built. Commands only choose what to ask for and how to
// print what comes back (the table, the export files, the report); the overdue listing streams the
// same source through the same steps.
import type { LoadedConfig } from '../config.js';
import { DataSummary } from '../core/data-summary.js';
import { OverdueCollector, type OverdueListing } from '../core/overdue.js';
import { buildTable, type ReadingCheck } from '../core/table.js';
import type { GroupBy, IsoDate, MonthCount, Period, PeriodTable, RuleOptions } from '../core/types.js';
import { openSource, type SourceChoice } from '../sources/open.js';
import type { DossierScope, DossierSource, Filters } from '../sources/source.js';
import { loadCalendar } from './calendar.js';
import { finishReading, RejectLog, reportWarnings, type RejectOptions } from './reading.js';

export interface TablesRequest {
  config: LoadedConfig;
  /** Where the dossiers come from (--input, --db, --store). */
  source: SourceChoice;
  periods: Period[];
  /** The first is the command's own table, whose warnings are said; all are counted in one read. */
  groupings: GroupBy[];
  rules: RuleOptions;
  filters?: Filters;
  rejects: RejectOptions;
  /**
   * Say the first table's own warnings (no due date, agencies not in the list) on stderr; off for
   * `hcc export`, whose files carry each period's warnings themselves.
   */
  tableWarnings?: boolean;
  /**
   * Calendar months of the first period (the monthly chart): their new and resolved dossiers come
   * back in `months`, counted in the same read, or by the source's cheaper statement (a database).
   */
  months?: Period[];
  /** The comparison period's months (the monthly chart with --compare), counted the same way. */
  compareMonths?: Period[];
}

export interface CountedTables {
  /** The table of each grouping, one per period in the order asked. */
  tables: Map<GroupBy, PeriodTable[]>;
  reading: ReadingCheck;
  /** New and resolved dossiers of each month asked for, in order. */
  months: MonthCount[];
  /** The same for `compareMonths`. */
  compareMonths: MonthCount[];
}

/**
 * Counts the periods and groupings asked for and builds their tables. Listed agencies without
 * dossiers keep their blank row unless the rows are filtered.
 */
export async function countTables(request: TablesRequest): Promise<CountedTables> {
  const { config, groupings, rules, filters } = request;
  const mine = request.months ?? [];
  const theirs = request.compareMonths ?? [];
  const months = [...mine, ...theirs];
  const source = await openSource(request.source, config);
  try {
    // The months in the periods' own statements (PostgreSQL, MariaDB), or by a statement of their own
    // beside them (the store); a source with neither counts each month as one more period of the same read.
    const monthsOf = source.monthsInCount ? periodsOfMonths(request.periods, [mine, theirs]) : null;
    const monthsApart = !monthsOf && months.length > 0 && source.countMonths !== undefined;
    const periods = monthsApart || monthsOf ? request.periods : [...request.periods, ...months];
    // One read for every period and grouping (a file is streamed once).
    const rejects = new RejectLog(request.rejects);
    const [groupBy, ...alsoGroupBy] = groupings;
    // The months' own statement first: a source that can runs it while it counts the periods.
    const monthsCounted = monthsApart ? countMonths(source, [mine, theirs], rules, filters) : Promise.resolve([]);
    monthsCounted.catch(() => undefined);
    const result = await source.count({ periods, groupBy, alsoGroupBy, rules, filters, onReject: rejects.add, monthsOf: monthsOf ?? undefined });
    const monthCounts = monthsOf ? monthsOf.map((i) => countedMonths(result.months, i)) : await monthsCounted;
    const reading = finishReading(source, rejects, request.rejects);
    const tables = new Map<GroupBy, PeriodTable[]>();
    for (const g of groupings) {
      const built = result.byGrouping.get(g)!.map((tallies, i) =>
        buildTable(tallies, { period: periods[i], groupBy: g, agencies: config.agencies, includeEmptyListed: !filters, reading }),
      );
      tables.set(g, built);
    }
    if (request.tableWarnings !== false) reportWarnings(tables.get(groupBy)![0], reading);
    const asked = request.periods.length;
    const monthTables = tables.get(groupBy)!.slice(asked);
    for (const g of groupings) tables.set(g, tables.get(g)!.slice(0, asked));
    const counted = monthsApart || monthsOf ? inMonths(months, monthCounts, mine.length) : monthTables.map(monthOfTable);
    return { tables, reading, months: counted.slice(0, mine.length), compareMonths: counted.slice(mine.length) };
  } finally {
    await source.close();
  }
}

/**
 * The source's month statement for the report's months and the comparison's, in one statement when
 * no month is in both (its figures are keyed by month), else one each.
 */
async function countMonths(source: DossierSource, lists: Period[][], rules: RuleOptions, filters?: Filters): Promise<MonthCount[][]> {
  const ranges = lists.filter((l) => l.length > 0).map((l) => ({ from: l[0].from, to: l[l.length - 1].to }));
  const keys = lists.map((l) => new Set(l.map((p) => p.from.slice(0, 7))));
  const shared = [...keys[0]].some((k) => keys[1].has(k));
  return shared ? Promise.all(ranges.map((r) => source.countMonths!([r], rules, filters))) : [await source.countMonths!(ranges, rules, filters)];
}

/**
 * The index in `periods` of the period each non-empty list of months covers (the report's, the
 * comparison's); null when there are no months or one list covers none of them.
 */
function periodsOfMonths(periods: Period[], lists: Period[][]): number[] | null {
  const at = lists.filter((l) => l.length > 0).map((l) => periods.findIndex((p) => p.from === l[0].from && p.to === l[l.length - 1].to));
  return at.length > 0 && at.every((i) => i >= 0) ? at : null;
}

/** The months a source counted with the period at `index`: a source that was asked must answer. */
function countedMonths(months: Map<number, MonthCount[]> | undefined, index: number): MonthCount[] {
  const counted = months?.get(index);
  if (!counted) throw new Error(`the source did not count the months of period ${index}`);
  return counted;
}

/** A month counted as a period: its new and resolved dossiers. */
function monthOfTable(t: PeriodTable): MonthCount {
  return { month: t.period.from.slice(0, 7), new: t.total.received.new, resolved: t.total.resolved.total };
}

/**
 * The source's month figures in the order of `months`, a month without any dossier as zeros; with
 * one answer per list (a month in both lists), the months from `split` on take the second.
 */
function inMonths(months: Period[], answers: MonthCount[][], split: number): MonthCount[] {
  const byMonth = answers.map((counted) => new Map(counted.map((c) => [c.month, c])));
  return months.map((p, i) => {
    const key = p.from.slice(0, 7);
    return byMonth[answers.length > 1 && i >= split ? 1 : 0].get(key) ?? { month: key, new: 0, resolved: 0 };
  });
}

/** The fields the overdue listings rest on (the channel does not change them). */
const LISTING_FIELDS = ['due_at', 'resolved_at', 'status'];

export interface ListingRequest {
  config: LoadedConfig;
  source: SourceChoice;
  /** The day at which pending dossiers are overdue. */
  asOf: IsoDate;
  /** The period whose late-resolved dossiers are checked for an apology letter. */
  period: Period;
  filters?: Filters;
  rejects: RejectOptions;
  /** --due-within N: only the dossiers due within the next N working days. */
  dueWithin?: number;
}

/** The overdue listings: the source streamed once through the collector (core/overdue.ts decides). */
export async function collectOverdue(request: ListingRequest): Promise<OverdueListing> {
  const { config, asOf, period } = request;
  const source = await openSource(request.source, config);
  const calendar = loadCalendar(config);
  const collector = new OverdueCollector(asOf, period, config.agencies, calendar, request.dueWithin ?? null);
  try {
    const rejects = new RejectLog(request.rejects);
    // A database returns only the rows the lists can take; the collector applies the rules again.
    // The due-soon window is a range of dates computed here from the calendar, so SQL needs no calendar.
    const scope: DossierScope =
      request.dueWithin === undefined
        ? { overdueAt: asOf, lateIn: period, withApology: true }
        : { dueBetween: { from: asOf, to: calendar.addWorkdays(asOf, request.dueWithin) } };
    for await (const d of source.dossiers(request.filters, rejects.add, scope)) collector.add(d);
    finishReading(source, rejects, request.rejects, LISTING_FIELDS);
  } finally {
    await source.close();
  }
  return collector.result();
}

/** The fields `hcc init --input` reads: the agency and the received date. */
const SUMMARY_FIELDS = ['agency', 'received_at'];

/** What a new config needs from the data (`hcc init --input`): the source streamed once into a DataSummary. */
export async function summarizeData(config: LoadedConfig, source: SourceChoice, rejects: RejectOptions): Promise<DataSummary> {
  const opened = await openSource(source, config);
  const summary = new DataSummary(config.agencies);
  try {
    const log = new RejectLog(rejects);
    for await (const d of opened.dossiers(undefined, log.add)) summary.add(d);
    finishReading(opened, log, rejects, SUMMARY_FIELDS);
  } finally {
    await opened.close();
  }
  return summary;
}
