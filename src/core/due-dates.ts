// Due dates against the law's time limit (`hcc due-dates`): from the received day and the procedure's
// time limit in working days, the latest lawful due date; the dossiers whose recorded due date is
// later (an appointment that quietly extends the time limit) or missing. Pure.
//
// The rule (README "Working days and dossiers about to be late"): a time limit in days starts on the
// day after the day of receipt (Bộ luật Dân sự 2015, Điều 147 khoản 2), and counts working days
// only; exports give the day, not the hour, so the day after is the next working day whatever the
// hour of receipt. Latest lawful due date = the N-th working day after the received day (N = 0,
// "trong ngày": the received day itself, or the next working day when it was received on a day off).
import type { AgencyList } from './agencies.js';
import { nameKey } from './agencies.js';
import type { WorkCalendar } from './calendar.js';
import type { Dossier, IsoDate, Period } from './types.js';

export interface DueDateIssue {
  code: string;
  agency: string;
  procedure: string | null;
  receivedOn: IsoDate;
  /** The procedure's time limit in working days. */
  timeLimit: number;
  /** Where the limit came from: the source's own column ("Thời hạn giải quyết"), or the config's "timeLimits". */
  timeLimitSource: LimitSource;
  /** The latest due date the time limit allows. */
  lawfulDueOn: IsoDate;
  /** The due date the dossier records (null: none). */
  dueOn: IsoDate | null;
  /** Working days past the lawful due date (null when there is no due date). */
  workdaysBeyond: number | null;
}

export type LimitSource = 'column' | 'config';

export interface DueDateCheck {
  period: Period | null;
  /** Dossiers received in the period whose procedure has a known time limit. */
  checked: number;
  /** Of the checked: how many had their limit from the source's column, how many from the config. */
  limitFrom: Record<LimitSource, number>;
  /** Recorded due date later than the lawful one, or missing; most working days beyond first, then missing. */
  issues: DueDateIssue[];
  /** Dossiers whose procedure has no known time limit (not checked), and the most frequent such procedures. */
  unknownLimit: number;
  unknownProcedures: { procedure: string; count: number }[];
}

export function lawfulDueDate(calendar: WorkCalendar, receivedOn: IsoDate, timeLimit: number): IsoDate {
  return timeLimit === 0 ? calendar.nextWorkday(receivedOn) : calendar.addWorkdays(receivedOn, timeLimit);
}

/** Never received (1, 3), withdrawn (7) and stopped (8) dossiers have no appointment to check. */
function countedApart(d: Dossier): boolean {
  const s = d.status ?? null;
  return s === 1 || s === 3 || s === 7 || s === 8;
}

export class DueDateChecker {
  private readonly limits = new Map<string, number>();
  private readonly issues: DueDateIssue[] = [];
  private readonly unknown = new Map<string, number>();
  private checked = 0;
  private readonly limitFrom: Record<LimitSource, number> = { column: 0, config: 0 };
  private unknownLimit = 0;

  constructor(
    /** Time limits by procedure code or name (config "timeLimits"), matched as names are (case, spaces). */
    timeLimits: Record<string, number>,
    private readonly calendar: WorkCalendar,
    private readonly agencies: AgencyList,
    private readonly period: Period | null,
  ) {
    for (const [k, v] of Object.entries(timeLimits)) this.limits.set(nameKey(k), v);
  }

  /** The dossier's own time limit (an export column), else the config's for its procedure. */
  private limitWithSource(d: Dossier): { limit: number; source: LimitSource } | null {
    if (d.timeLimit != null) return { limit: d.timeLimit, source: 'column' };
    const limit = d.procedure ? this.limits.get(nameKey(d.procedure)) : undefined;
    return limit === undefined ? null : { limit, source: 'config' };
  }

  /** The smallest of the config's limits (null: none): a database lists only the dossiers due later than that after receipt. */
  minConfigLimit(): number | null {
    return this.limits.size === 0 ? null : Math.min(...this.limits.values());
  }

  /** One dossier: counted, and listed when its due date is beyond its limit or missing. */
  add(d: Dossier): void {
    if (!this.inScope(d)) return;
    this.addGroup(d.procedure ?? null, d.timeLimit != null, 1);
    this.addCandidate(d);
  }

  /**
   * `count` dossiers in scope of one procedure, with or without a limit of their own, counted as
   * `add` counts them (a database counts them itself, then lists only the candidates).
   */
  addGroup(procedure: string | null, hasLimit: boolean, count: number): void {
    const source = hasLimit ? 'column' : procedure && this.limits.has(nameKey(procedure)) ? 'config' : null;
    if (source === null) {
      this.unknownLimit += count;
      const p = procedure ?? '(không có tên thủ tục)';
      this.unknown.set(p, (this.unknown.get(p) ?? 0) + count);
      return;
    }
    this.checked += count;
    this.limitFrom[source] += count;
  }

  /** Lists the dossier when its due date is beyond its limit or missing; counts nothing (addGroup did). */
  addCandidate(d: Dossier): void {
    if (!this.inScope(d)) return;
    const found = this.limitWithSource(d);
    if (found === null) return;
    const { limit, source } = found;
    const lawful = lawfulDueDate(this.calendar, d.receivedOn, limit);
    const due = d.dueOn ?? null;
    if (due !== null && due <= lawful) return;
    this.issues.push({
      code: d.code,
      agency: this.agencies.resolve(d.agency),
      procedure: d.procedure ?? null,
      receivedOn: d.receivedOn,
      timeLimit: limit,
      timeLimitSource: source,
      lawfulDueOn: lawful,
      dueOn: due,
      workdaysBeyond: due === null ? null : this.calendar.workdaysBetween(lawful, due),
    });
  }

  private inScope(d: Dossier): d is Dossier & { receivedOn: IsoDate } {
    if (countedApart(d) || d.receivedOn === null) return false;
    return !this.period || (d.receivedOn >= this.period.from && d.receivedOn <= this.period.to);
  }

  result(): DueDateCheck {
    const issues = [...this.issues].sort(
      (a, b) => (b.workdaysBeyond ?? -1) - (a.workdaysBeyond ?? -1) || (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0) || (a.code < b.code ? -1 : 1),
    );
    const unknownProcedures = [...this.unknown].map(([procedure, count]) => ({ procedure, count })).sort((a, b) => b.count - a.count || (a.procedure < b.procedure ? -1 : 1));
    return { period: this.period, checked: this.checked, limitFrom: { ...this.limitFrom }, issues, unknownLimit: this.unknownLimit, unknownProcedures: unknownProcedures.slice(0, 10) };
  }
}
