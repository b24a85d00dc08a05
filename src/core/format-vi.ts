// Vietnamese number style: thousands with ".", decimals with "," (35.591; 98,3%); and the sentences
// that several documents print alike.
import type { Excluded } from './types.js';

export function formatCount(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${grouped}` : grouped;
}

/** A count as the annex prints it: zero as "-". */
export function formatCell(n: number): string {
  return n === 0 ? '-' : formatCount(n);
}

/** 98.3 → "98,3%"; null (no base) → "-". Decimals are kept as computed (see counts.percent). */
export function formatPercent(p: number | null, decimals = 1): string {
  if (p === null) return '-';
  const [int, frac] = p.toFixed(decimals).split('.');
  return `${formatCount(Number(int))}${frac ? `,${frac}` : ''}%`;
}

/**
 * The note under a table on the dossiers counted apart (README rule 6), worded as the signed annex
 * words it, so the terminal says the same: "Không tính trong bảng: 20 hồ sơ rút theo yêu cầu; 9 hồ sơ
 * dừng xử lý." Only the kinds there are; null when there are none.
 */
export function excludedNote(ex: Excluded): string | null {
  const apart = [
    ex.withdrawn ? `${formatCount(ex.withdrawn)} hồ sơ rút theo yêu cầu` : '',
    ex.stopped ? `${formatCount(ex.stopped)} hồ sơ dừng xử lý` : '',
    ex.notReceived ? `${formatCount(ex.notReceived)} hồ sơ không được tiếp nhận` : '',
  ].filter(Boolean);
  return apart.length ? `Không tính trong bảng: ${apart.join('; ')}.` : null;
}
