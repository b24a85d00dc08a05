// Vietnamese number style: thousands with ".", decimals with "," (35.591; 98,3%).

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
