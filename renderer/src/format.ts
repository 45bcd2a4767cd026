import { formatDateId, formatMonthId } from '../../shared/dates';
import { formatNumber, formatRupiah } from '../../shared/money';
import { wallClock, type OfficeZone } from '../../shared/zone';

export { formatDateId, formatMonthId, formatNumber, formatRupiah };

export const DASH = '—';

/** `2 Januari 2026`, or a dash for a missing date. */
export function dateOrDash(iso: string | null | undefined): string {
  return iso ? formatDateId(iso) : DASH;
}

let zone: OfficeZone = 'WIB';

/** The Pemda's time zone, set once the app's information is loaded (and again after it changes). */
export function setOfficeZone(z: OfficeZone): void {
  zone = z;
}

export function officeZone(): OfficeZone {
  return zone;
}

/** A stored timestamp (UTC) on the Pemda's wall clock (WIB, WITA or WIT): `2 Januari 2026 10.05`. */
export function formatTimestamp(iso: string): string {
  const t = wallClock(iso, zone);
  return `${formatDateId(t.slice(0, 10))} ${t.slice(11, 13)}.${t.slice(14, 16)}`;
}

/** A file size the way Windows Explorer shows it: `48 KB`, `1,2 MB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`;
}
