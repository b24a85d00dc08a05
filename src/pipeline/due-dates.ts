// `hcc due-dates`: the source streamed once through the due-date check (core/due-dates.ts decides),
// with the calendar of the run, the source's time-limit column and the config's time limits.
import type { LoadedConfig } from '../config.js';
import { DueDateChecker, type DueDateCheck } from '../core/due-dates.js';
import type { Period } from '../core/types.js';
import { openSource, type SourceChoice } from '../sources/open.js';
import type { Filters } from '../sources/source.js';
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
    for await (const d of source.dossiers(request.filters, rejects.add)) checker.add(d);
    finishReading(source, rejects, request.rejects, ['due_at', 'status', 'procedure', 'time_limit']);
  } finally {
    await source.close();
  }
  return { ...checker.result(), estimatedYears: calendar.estimatesUsed() };
}
