// The figures a template may quote about the Decision 766 progress figures ({i766.score}, …), present
// only when the config asks for them ("report": {"indicators766": true}) and the period had dossiers.
import { formatDayMonthYear } from '../core/dates.js';
import { formatCount, formatPercent } from '../core/format-vi.js';
import { DECIMALS_766, type IndicatorsTable766 } from '../core/indicators766.js';
import type { Figures } from './figures.js';

/** Every i766.* figure; with `figures` null (not asked for) all of them are absent, so `when` leaves their paragraph out. */
export function indicatorFigures(figures: IndicatorsTable766 | null): Figures {
  const t = figures?.total;
  const present = t !== undefined && t.received > 0;
  const count = (n: number | undefined) => ({ text: formatCount(n ?? 0), present, value: n ?? null });
  const pct = (p: number | null | undefined) => ({ text: formatPercent(p ?? null, DECIMALS_766), present, value: p ?? null });
  const score = t?.score ?? null;
  return {
    'i766.period': {
      text: figures ? `từ ngày ${formatDayMonthYear(figures.period.from)} đến ngày ${formatDayMonthYear(figures.period.to)}` : '',
      present,
    },
    'i766.received': count(t?.received),
    'i766.resolvedInTime': count(t?.resolvedInTime),
    'i766.pendingInTime': count(t?.pendingInTime),
    'i766.progressPct': pct(t?.progressPct),
    'i766.score': { text: score === null ? '-' : score.toFixed(DECIMALS_766).replace('.', ','), present, value: score },
    'i766.resolvedInTimePct': pct(t?.resolvedInTimePct),
    'i766.pendingInTimePct': pct(t?.pendingInTimePct),
    'i766.onlinePct': pct(t?.onlinePct),
    'i766.satisfiedPct': pct(t?.satisfiedPct),
  };
}
