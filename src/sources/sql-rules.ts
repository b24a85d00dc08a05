// THE counting rules of src/core/rules.ts `classify`, written as SQL conditions for the database
// sources. classify is the oracle: every condition below names the branch of classify it mirrors,
// and test/sources/ checks both against each other on random and boundary dossiers.
//
// The conditions read the normalised columns of the derived table built by sql-source.ts:
//   r  received day, s resolved day, d due day (DATE in PostgreSQL/MySQL, yyyy-mm-dd text in SQLite)
//   st national status code (integer 1–10 or NULL), ch channel ('direct' | 'online' | 'postal' | NULL)
//   sat rating (1 satisfied, 0 not satisfied, NULL unknown or no rating column)
//   bad  0 for a usable row, otherwise the reason it is rejected (REJECT_REASONS)
// Period bounds are bound parameters, never spliced.
import type { Period, RuleOptions, TallyKey } from '../core/types.js';
import { TALLY_KEYS } from '../core/types.js';
import { compose, frag, joinFrags, type Frag } from './sql-dialect.js';

/** Why a row cannot be used, in the order the readers check (src/readers/rows.ts). 0 = usable. */
export const REJECT_REASONS = {
  1: 'thiếu mã hồ sơ',
  2: 'thiếu đơn vị',
  3: 'không nhận ra trạng thái',
  4: 'không nhận ra kênh',
  5: 'thiếu ngày tiếp nhận',
  6: 'trạng thái đã giải quyết nhưng không có ngày có kết quả',
  7: 'ngày có kết quả trước ngày tiếp nhận',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

/** The `bad` column: 0 or the first reason (REJECT_REASONS) that applies. `stBad`/`chBad`: raw value present but not understood. */
export function badExpr(stBad: Frag, chBad: Frag): Frag {
  return compose(
    `CASE WHEN code IS NULL THEN 1
      WHEN agency IS NULL THEN 2
      WHEN {} THEN 3
      WHEN {} THEN 4
      WHEN r IS NULL AND COALESCE(st, 0) NOT IN (1, 3) THEN 5
      WHEN st IN (9, 10) AND s IS NULL THEN 6
      WHEN s IS NOT NULL AND r IS NOT NULL AND s < r THEN 7
      ELSE 0 END`,
    stBad,
    chBad,
  );
}

/**
 * WHERE condition for the rows a period can touch: usable, and either never received without a
 * date (counted apart in every period) or in scope — classify's `inScope`: received on or before
 * `to`, and not resolved before `from`.
 */
export function scopeCondition(period: Period): Frag {
  return frag(
    'bad = 0 AND ((r IS NULL AND st IN (1, 3)) OR (r <= ? AND (s IS NULL OR s >= ?)))',
    period.to,
    period.from,
  );
}

/** One condition per tally key, for rows already inside scopeCondition. */
export function tallyConditions(period: Period, rules: RuleOptions): Record<TallyKey, Frag> {
  const { from, to } = period;
  const st = 'COALESCE(st, 0)';
  // classify: status 1/3 → notReceived (in scope, or without a received date).
  const notReceived = frag(`${st} IN (1, 3)`);
  // classify: the rest is counted in the columns unless stopped (8) or withdrawn (7, by policy).
  const stopped = frag(`${st} = 8`);
  const withdrawnOnTime = rules.withdrawn === 'on-time';
  // classify: `options.withdrawn !== 'on-time' || resolvedOn === null || resolvedOn > to` → withdrawn.
  const withdrawn = withdrawnOnTime ? frag(`${st} = 7 AND (s IS NULL OR s > ?)`, to) : frag(`${st} = 7`);
  // Rows that reach the received/resolved/pending columns.
  const counted = withdrawnOnTime
    ? frag(`(${st} NOT IN (1, 3, 7, 8) OR (${st} = 7 AND s IS NOT NULL AND s <= ?))`, to)
    : frag(`${st} NOT IN (1, 3, 7, 8)`);
  const and = (...parts: Frag[]): Frag => joinFrags(parts.map((p) => compose('({})', p)), ' AND ');
  // classify: `receivedOn < from` → carriedOver, else new (+ its channel).
  const isNew = frag('r >= ?', from);
  // classify: resolved in the period when `resolvedOn !== null && resolvedOn <= to` (>= from by scope).
  const resolvedIn = frag(`${st} <> 7 AND s IS NOT NULL AND s <= ?`, to);
  // classify: otherwise pending at the end of the period.
  const pending = frag(`${st} <> 7 AND (s IS NULL OR s > ?)`, to);
  return {
    new: and(counted, isNew),
    carriedOver: and(counted, frag('r < ?', from)),
    online: and(counted, isNew, frag("ch = 'online'")),
    direct: and(counted, isNew, frag("ch = 'direct'")),
    postal: and(counted, isNew, frag("ch = 'postal'")),
    // classify: `resolvedOn < dueOn` → early; no due date → onTime + resolvedWithoutDue.
    early: and(counted, resolvedIn, frag('d IS NOT NULL AND s < d')),
    // classify: withdrawn under on-time → onTime; `resolvedOn === dueOn` or no due date → onTime.
    onTime: and(counted, compose(`${st} = 7 OR ({})`, and(resolvedIn, frag('(d IS NULL OR s = d)')))),
    late: and(counted, resolvedIn, frag('d IS NOT NULL AND s > d')),
    // classify pending: status 5 → notDue; no due date → notDue + pendingWithoutDue; `dueOn < to` → overdue.
    notDue: and(counted, pending, frag(`(${st} = 5 OR d IS NULL OR d >= ?)`, to)),
    overdue: and(counted, pending, frag(`${st} <> 5 AND d IS NOT NULL AND d < ?`, to)),
    withdrawn,
    stopped,
    notReceived,
    resolvedWithoutDue: and(counted, resolvedIn, frag('d IS NULL')),
    pendingWithoutDue: and(counted, pending, frag(`${st} <> 5 AND d IS NULL`)),
    // classify: a rating counts for dossiers resolved in the period (resolvedIn excludes status 7).
    rated: and(counted, resolvedIn, frag('sat IS NOT NULL')),
    satisfied: and(counted, resolvedIn, frag('sat = 1')),
  };
}

/** `sum(case when … then 1 else 0 end) as "key"` for every tally key, in TALLY_KEYS order. */
export function tallySelects(period: Period, rules: RuleOptions): Frag {
  const conditions = tallyConditions(period, rules);
  return joinFrags(
    TALLY_KEYS.map((key) => compose('SUM(CASE WHEN {} THEN 1 ELSE 0 END) AS {}', conditions[key], frag('??', key))),
    ', ',
  );
}
