/** Rate values as typed by the clerk: a percent for basis points, rupiah for amounts, whole numbers otherwise. */
import { parseRupiahText } from '../../../../shared/money';

/** `0,24` (percent) -> 24 basis points; null when not a percent with at most two decimals. */
export function percentToBp(text: string): number | null {
  const s = text.trim().replace(/%$/, '').trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

export function bpToPercentText(bp: number): string {
  return (bp / 100).toLocaleString('id-ID', { maximumFractionDigits: 2 });
}

/** The stored integer for a typed value of a unit, or null when it does not read. */
export function parseRateValue(unit: string, text: string): number | null {
  if (unit === 'bp') return percentToBp(text);
  if (unit === 'rupiah') return parseRupiahText(text);
  const s = text.trim();
  return /^\d{1,4}$/.test(s) ? Number(s) : null;
}

export function rateValueText(unit: string, value: number): string {
  if (unit === 'bp') return bpToPercentText(value);
  if (unit === 'rupiah') return value.toLocaleString('id-ID');
  return String(value);
}

/**
 * The row of `key` in force in `month`: the latest effective month on or before it. The one rule for
 * "berlaku sekarang" on Pengaturan › Tarif and the value a new row starts from.
 */
export function rowInForce<T extends { key: string; effectiveMonth: string }>(params: readonly T[], key: string, month: string): T | undefined {
  let best: T | undefined;
  for (const p of params) if (p.key === key && p.effectiveMonth <= month && (!best || p.effectiveMonth > best.effectiveMonth)) best = p;
  return best;
}
