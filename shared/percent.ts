/**
 * Shares (coverage, enrolment) always with one decimal, the id-ID way: `89,0%` beside `84,6%`, never
 * `89%` beside `84,6%`. A dash when there is nothing to divide by.
 */
export function formatPercent(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return `${p.toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

export function formatShare(part: number, whole: number): string {
  return whole > 0 ? formatPercent(Math.round((part / whole) * 1000) / 10) : '—';
}
