// `hcc due-dates`: the source streamed once through the due-date check (core/due-dates.ts decides; a
// database counts in SQL and sends only the dossiers that may be listed),
// with the calendar of the run, the source's time-limit column and the config's time limits.
import type { LoadedConfig } from '../config.js';
import { DueDateChecker, type DueDateCheck } from '../core/due-dates.js';
import type { Period, Reject } from '../core/types.js';
import { openSource, type SourceChoice } from '../sources/open.js';
import type { DossierSource, Filters } from '../sources/source.js';
import { loadCalendar } from './calendar.js';
import { finishReading, RejectLog, type RejectOptions } from './reading.js';

export interface DueDatesRequest {
  config: LoadedConfig;
  source: SourceChoice;
  /** Dossiers received in this period (null: all). */
  period: Period | null;
  filters?: Filters;
  rejects: RejectOptions;
}

export async function checkDueDates(request: DueDatesRequest): Promise<DueDateCheck & { estimatedYears: number[] }> {
  const { config } = request;
  const calendar = loadCalendar(config);
  const checker = new DueDateChecker(config.timeLimits, calendar, config.agencies, request.period);
  const source = await openSource(request.source, config);
  try {
    const rejects = new RejectLog(request.rejects);
    await feedChecker(checker, source, request.period, request.filters, rejects.add);
    finishReading(source, rejects, request.rejects, ['due_at', 'status', 'procedure', 'time_limit']);
  } finally {
    await source.close();
  }
  return { ...checker.result(), estimatedYears: calendar.estimatesUsed() };
}

/**
 * Feeds one source to the checker: a database counts the dossiers itself (one aggregate per
 * procedure) and sends only those that may be listed; a file is read whole. Returns how many
 * dossiers came out of the source.
 */
export async function feedChecker(checker: DueDateChecker, source: DossierSource, period: Period | null, filters?: Filters, onReject?: (r: Reject) => void): Promise<number> {
  let read = 0;
  if (source.dueDateGroups) {
    for (const g of await source.dueDateGroups(period, filters)) checker.addGroup(g.procedure, g.hasLimit, g.count);
    const scope = { dueDates: { receivedIn: period, minLimit: checker.minConfigLimit() } };
    for await (const d of source.dossiers(filters, onReject, scope)) {
      read++;
      checker.addCandidate(d);
    }
  } else {
    for await (const d of source.dossiers(filters, onReject)) {
      read++;
      checker.add(d);
    }
  }
  return read;
}
