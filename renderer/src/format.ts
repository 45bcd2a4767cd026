import { formatDateId, formatMonthId } from '../../shared/dates';
import { formatNumber, formatRupiah } from '../../shared/money';

export { formatDateId, formatMonthId, formatNumber, formatRupiah };

export const DASH = '—';

/** `2 Januari 2026`, or a dash for a missing date. */
export function dateOrDash(iso: string | null | undefined): string {
  return iso ? formatDateId(iso) : DASH;
}

/** A stored timestamp (UTC) as the office reads it, in WIB: `2 Januari 2026 10.05`. */
export function formatTimestamp(iso: string): string {
  const wib = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return `${formatDateId(wib.slice(0, 10))} ${wib.slice(11, 13)}.${wib.slice(14, 16)}`;
}

/** A file size the way Windows Explorer shows it: `48 KB`, `1,2 MB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`;
}
