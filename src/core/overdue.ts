// The listings behind `hcc overdue`: dossiers pending past their due date at a day, dossiers resolved
// late in a period without an apology letter, and (--due-within) dossiers due within the next N
// working days. Days late in calendar and in working days. Pure; same rules as rules.ts `classify`.
import type { AgencyList } from './agencies.js';
import type { WorkCalendar } from './calendar.js';
import { daysBetween } from './dates.js';
import type { Dossier, IsoDate, Period } from './types.js';

export interface ListedDossier {
  code: string;
  /** Display name (configured name for an alias). */
  agency: string;
  field: string | null;
  procedure: string | null;
  receivedOn: IsoDate;
  dueOn: IsoDate;
  resolvedOn: IsoDate | null;
  apologyOn: IsoDate | null;
  /** Calendar days past the due date: at the as-of day (pending) or at resolution (late). */
  daysOverdue: number;
  /** The same in working days (core/calendar.ts workdaysBetween: weekends and days off skipped). */
  workdaysOverdue: number;
  /** Due-soon list: working days from the as-of day to the due date (0 = due that day). */
  workdaysLeft?: number;
}

/** `--due-within N`: pending, not yet overdue, due between the as-of day and N working days after it. */
export interface DueSoonListing {
  within: number;
  /** The last due date listed: addWorkdays(asOf, within). */
  until: IsoDate;
  /** Earliest due date first. */
  dossiers: ListedDossier[];
}

export interface OverdueListing {
  asOf: IsoDate;
  /** The period whose late-resolved dossiers were checked for an apology letter. */
  period: Period;
  /** Pending past their due date at `asOf`, most overdue first. */
  overdue: ListedDossier[];
  /** Resolved late in `period` with no apology letter recorded by `asOf`; null when the data records no apology date at all. */
  lateWithoutApology: ListedDossier[] | null;
  /** All dossiers resolved late in `period` (with or without a letter). */
  lateResolved: number;
  /** Set under --due-within: then this is the listing, and the two lists above are empty. */
  dueSoon: DueSoonListing | null;
  /** Years whose working days were estimated (no announced calendar): the command warns. */
  estimatedYears: number[];
}

/** Never received (1, 3), withdrawn (7) and stopped (8) dossiers are in no column, so in no listing. */
function countedApart(d: Dossier): boolean {
  const s = d.status ?? null;
  return s === 1 || s === 3 || s === 7 || s === 8;
}

/**
 * Overdue at day D (README rule 4 with D as the last day): received on or before D, not resolved by
 * D, not waiting for the applicant (status 5), due date before D.
 */
function isOverdueAt(d: Dossier, asOf: IsoDate): boolean {
  if (countedApart(d) || d.receivedOn === null || d.receivedOn > asOf) return false;
  if (d.resolvedOn != null && d.resolvedOn <= asOf) return false;
  if (d.status === 5) return false;
  return d.dueOn != null && d.dueOn < asOf;
}

/** Due soon (--due-within): pending at D as isOverdueAt has it, but due on D or later, up to `until`. */
export function isDueSoonAt(d: Dossier, asOf: IsoDate, until: IsoDate): boolean {
  if (countedApart(d) || d.receivedOn === null || d.receivedOn > asOf) return false;
  if (d.resolvedOn != null && d.resolvedOn <= asOf) return false;
  if (d.status === 5) return false;
  return d.dueOn != null && d.dueOn >= asOf && d.dueOn <= until;
}

/** Resolved late within the period (README rule 3): resolved date in [from, to] and after the due date. */
function isLateIn(d: Dossier, period: Period): boolean {
  if (countedApart(d) || d.receivedOn === null || d.resolvedOn == null || d.dueOn == null) return false;
  return d.resolvedOn >= period.from && d.resolvedOn <= period.to && d.resolvedOn > d.dueOn;
}

/** Most overdue first; then the earliest due date, then the code, so the order never depends on the input. */
function compareListed(a: ListedDossier, b: ListedDossier): number {
  return b.daysOverdue - a.daysOverdue || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Earliest due date first, then the code. */
function compareDue(a: ListedDossier, b: ListedDossier): number {
  return (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Collects the listings while the dossiers stream past (one pass over a file or a database). */
export class OverdueCollector {
  private readonly overdue: ListedDossier[] = [];
  private readonly late: ListedDossier[] = [];
  private readonly soon: ListedDossier[] = [];
  private apologyDates = 0;
  /** The last due date of the due-soon list, when asked for. */
  private readonly until: IsoDate | null;

  constructor(
    private readonly asOf: IsoDate,
    private readonly period: Period,
    private readonly agencies: AgencyList,
    private readonly calendar: WorkCalendar,
    /** --due-within N: list only the dossiers due within N working days. */
    private readonly dueWithin: number | null = null,
  ) {
    this.until = dueWithin === null ? null : calendar.addWorkdays(asOf, dueWithin);
  }

  add(d: Dossier): void {
    if (this.until !== null) {
      if (isDueSoonAt(d, this.asOf, this.until)) this.soon.push({ ...this.listed(d, this.asOf), workdaysLeft: this.calendar.workdaysBetween(this.asOf, d.dueOn!) });
      return;
    }
    if (d.apologyOn != null) this.apologyDates++;
    if (isOverdueAt(d, this.asOf)) this.overdue.push(this.listed(d, this.asOf));
    if (isLateIn(d, this.period)) this.late.push(this.listed(d, d.resolvedOn!));
  }

  /** `at`: the day the lateness is counted to (the as-of day, or the resolution). */
  private listed(d: Dossier, at: IsoDate): ListedDossier {
    const late = d.dueOn! < at;
    return {
      code: d.code,
      agency: this.agencies.resolve(d.agency),
      field: d.field ?? null,
      procedure: d.procedure ?? null,
      receivedOn: d.receivedOn!,
      dueOn: d.dueOn!,
      resolvedOn: d.resolvedOn ?? null,
      apologyOn: d.apologyOn ?? null,
      daysOverdue: late ? daysBetween(d.dueOn!, at) : 0,
      workdaysOverdue: late ? this.calendar.workdaysBetween(d.dueOn!, at) : 0,
    };
  }

  result(): OverdueListing {
    // A letter dated after the as-of day was not yet recorded then.
    const missing = this.late.filter((x) => x.apologyOn === null || x.apologyOn > this.asOf);
    return {
      asOf: this.asOf,
      period: this.period,
      overdue: [...this.overdue].sort(compareListed),
      lateWithoutApology: this.apologyDates > 0 ? missing.sort(compareListed) : null,
      lateResolved: this.late.length,
      dueSoon: this.until === null ? null : { within: this.dueWithin!, until: this.until, dossiers: [...this.soon].sort(compareDue) },
      estimatedYears: this.calendar.estimatesUsed(),
    };
  }
}
