// Building the period table from per-group tallies: official order, blank rows for listed agencies
// without dossiers, unlisted agencies after them, totals summed from the rows shown.
import { AgencyList, compareVietnamese, nameKey } from './agencies.js';
import { countsFromTally, excludedFromTally } from './counts.js';
import type { RejectKind } from './rejects.js';
import { emptyTally, mergeTally } from './rules.js';
import type { GroupBy, Period, PeriodTable, Tally, TableRow } from './types.js';
import { dueDateWarnings, unlistedAgenciesWarning, type Warning } from './warnings.js';

/** Per-group tallies keyed by the group's raw spelling in the data, as every source returns them. */
export interface GroupTallies {
  groups: Map<string, Tally>;
  rejected: number;
}

export interface TableOptions {
  period: Period;
  groupBy: GroupBy;
  /** Only for groupBy "agency": the official order and names. */
  agencies?: AgencyList;
  /** Give listed agencies without dossiers their (blank) row; off when the rows are filtered. */
  includeEmptyListed?: boolean;
  /** What reading the source found: warnings (missing columns, …) and the rows not counted by kind. */
  reading?: ReadingCheck;
}

export interface ReadingCheck {
  warnings: Warning[];
  rejectedByKind: Partial<Record<RejectKind, number>>;
  skipped: number;
}

export function buildTable(tallies: GroupTallies, options: TableOptions): PeriodTable {
  const { period, groupBy } = options;
  const agencies = groupBy === 'agency' ? options.agencies ?? new AgencyList([]) : undefined;

  // Merge spellings that are one group (aliases, case, spacing) before ordering.
  const merged = new Map<string, { name: string; index?: number; tally: Tally; weight: number }>();
  if (agencies && options.includeEmptyListed !== false) {
    agencies.names.forEach((name, index) => merged.set(`#${index}`, { name, index, tally: emptyTally(), weight: 0 }));
  }
  for (const [spelling, tally] of tallies.groups) {
    const index = agencies?.indexOf(spelling);
    const id = index !== undefined ? `#${index}` : `=${groupKey(spelling)}`;
    const spelled = spelling.normalize('NFC').replace(/\s+/g, ' ').trim();
    const weight = tally.new + tally.carriedOver;
    let entry = merged.get(id);
    if (!entry) {
      const name = index !== undefined ? agencies!.names[index] : spelled;
      entry = { name, index, tally: emptyTally(), weight };
      merged.set(id, entry);
    } else if (index === undefined && betterSpelling(spelled, weight, entry)) {
      entry.name = spelled;
      entry.weight = weight;
    }
    mergeTally(entry.tally, tally);
  }

  const listed = [...merged.values()].filter((e) => e.index !== undefined).sort((a, b) => a.index! - b.index!);
  const unlisted = [...merged.values()]
    .filter((e) => e.index === undefined)
    .sort((a, b) => (groupBy === 'month' ? (a.name < b.name ? -1 : 1) : compareVietnamese(a.name, b.name)));

  const total = emptyTally();
  const rows: TableRow[] = [...listed, ...unlisted].map((e, i) => {
    mergeTally(total, e.tally);
    return {
      stt: i + 1,
      key: e.name,
      listed: e.index !== undefined,
      counts: countsFromTally(e.tally),
      excluded: excludedFromTally(e.tally),
    };
  });

  return {
    period,
    groupBy,
    rows,
    total: countsFromTally(total),
    excluded: excludedFromTally(total),
    rejected: tallies.rejected,
    waitingForApplicant: total.waitingForApplicant,
    skipped: options.reading?.skipped ?? 0,
    rejectedByKind: options.reading?.rejectedByKind ?? {},
    warnings: [
      ...(options.reading?.warnings ?? []),
      ...dueDateWarnings(total.resolvedWithoutDue, total.pendingWithoutDue),
      // Only meaningful when a list was configured: then every unlisted agency deserves a look.
      ...unlistedAgenciesWarning(agencies && agencies.size > 0 ? unlisted.map((e) => e.name) : []),
    ],
  };
}

/** Spellings that differ only in case, spacing or Unicode form are one group. */
function groupKey(spelling: string): string {
  return nameKey(spelling); // same rule as the agency list
}

/**
 * Without an agency list, a group spelled several ways is shown under its most used spelling;
 * on a tie, a mixed-case one beats SHOUTING.
 */
function betterSpelling(candidate: string, weight: number, current: { name: string; weight: number }): boolean {
  if (weight !== current.weight) return weight > current.weight;
  const shouting = (s: string) => s === s.toLocaleUpperCase('vi');
  return shouting(current.name) && !shouting(candidate);
}
