// THE counting rules (README "How dossiers are counted"). Pure: one dossier and one period in,
// the counters it adds out. The SQL sources mirror this function and are tested against it.
import type { Dossier, MonthCount, Period, RuleOptions, Tally, TallyKey } from './types.js';
import { TALLY_KEYS } from './types.js';

type Dates = Pick<Dossier, 'receivedOn' | 'dueOn' | 'resolvedOn' | 'status' | 'channel' | 'satisfied'>;

/**
 * The counters one dossier adds to its group for the period, or an empty list when the dossier
 * is outside the period (received after `to`, or finished before `from`).
 *
 * Dates compare as `yyyy-mm-dd` text, which orders like the calendar.
 */
export function classify(d: Dates, period: Period, options: RuleOptions): TallyKey[] {
  const { from, to } = period;
  const status = d.status ?? null;
  const resolvedOn = d.resolvedOn ?? null;
  const dueOn = d.dueOn ?? null;

  // Never received (1 Mới đăng ký, 3 Không được tiếp nhận): counted apart; without a received
  // date they cannot be placed in time, so they are counted apart in every period.
  if (status === 1 || status === 3) {
    if (d.receivedOn === null) return ['notReceived'];
    return inScope(d.receivedOn, resolvedOn, period) ? ['notReceived'] : [];
  }
  if (d.receivedOn === null) return []; // readers reject these; never counted
  if (!inScope(d.receivedOn, resolvedOn, period)) return [];

  if (status === 8) return ['stopped'];
  if (status === 7) {
    // Biểu II.06a counts a withdrawn dossier as resolved on time, in the period of its resolved date.
    if (options.withdrawn !== 'on-time' || resolvedOn === null || resolvedOn > to) return ['withdrawn'];
  }

  const out: TallyKey[] = [];
  if (d.receivedOn < from) {
    out.push('carriedOver');
  } else {
    out.push('new');
    if (d.channel) out.push(d.channel);
  }

  if (status === 7) {
    out.push('onTime');
  } else if (resolvedOn !== null && resolvedOn <= to) {
    // Resolved in the period (resolvedOn >= from is guaranteed by the scope test).
    if (dueOn === null) out.push('onTime', 'resolvedWithoutDue');
    else if (resolvedOn < dueOn) out.push('early');
    else if (resolvedOn === dueOn) out.push('onTime');
    else out.push('late');
    // Satisfaction is rated on dossiers resolved in the period (withdrawn ones were not served).
    if (d.satisfied != null) {
      out.push('rated');
      if (d.satisfied) out.push('satisfied');
    }
  } else {
    // Pending at the end of the period (a dossier resolved after `to` is still pending here).
    if (status === 5) out.push('notDue', 'waitingForApplicant'); // waiting for the applicant: in time by rule
    else if (dueOn === null) out.push('notDue', 'pendingWithoutDue');
    else if (dueOn < to) out.push('overdue');
    else out.push('notDue');
  }
  return out;
}

/** In the period's scope: received on or before `to`, and not resolved before `from`. */
function inScope(receivedOn: string, resolvedOn: string | null, period: Period): boolean {
  return receivedOn <= period.to && (resolvedOn === null || resolvedOn >= period.from);
}

export function emptyTally(): Tally {
  const t = {} as Tally;
  for (const k of TALLY_KEYS) t[k] = 0;
  return t;
}

export function addToTally(target: Tally, keys: readonly TallyKey[]): void {
  for (const k of keys) target[k]++;
}

export function mergeTally(target: Tally, source: Partial<Tally>): void {
  for (const k of TALLY_KEYS) target[k] += Number(source[k] ?? 0);
}

/** The months of a period (each inside one calendar month, as calendarMonths cuts them) and their figures so far. */
export type MonthTallies = Map<string, { period: Period; count: MonthCount }>;

export function monthTallies(months: Period[]): MonthTallies {
  return new Map(months.map((p) => [p.from.slice(0, 7), { period: p, count: { month: p.from.slice(0, 7), new: 0, resolved: 0 } }]));
}

/**
 * Adds one dossier to the new and resolved figures of its months: the same figures as classifying it
 * in every month, with at most two classifications. Only the month of its received date can count it
 * new (new means received in the period) and only the month of its resolved date can count it
 * resolved (resolved in the period, a withdrawn one counted on time included), so no other month
 * needs asking.
 */
export function addToMonths(months: MonthTallies, d: Dates, options: RuleOptions): void {
  const received = d.receivedOn?.slice(0, 7);
  const resolved = d.resolvedOn?.slice(0, 7);
  if (received) addInMonth(months.get(received), d, options);
  if (resolved && resolved !== received) addInMonth(months.get(resolved), d, options);
}

function addInMonth(month: { period: Period; count: MonthCount } | undefined, d: Dates, options: RuleOptions): void {
  if (!month) return;
  const keys = classify(d, month.period, options);
  if (keys.includes('new')) month.count.new++;
  if (keys.includes('early') || keys.includes('onTime') || keys.includes('late')) month.count.resolved++;
}
