import { isIsoDate, parseDateText } from '../../shared/dates';
import { BridgeError } from './bridge';

/**
 * Dates are typed as clerks write them (`31-03-2026`, `31 Maret 2026`) rather than in the browser's
 * date picker, whose format follows the operating system's language instead of Indonesian.
 */
export function toDateText(iso: string | null | undefined): string {
  return iso && isIsoDate(iso) ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : '';
}

/** ISO for a typed date, null for a blank box; a date that cannot be read is refused with a message naming the box. */
export function dateFromText(text: string, label: string): string | null {
  if (text.trim() === '') return null;
  const iso = parseDateText(text);
  if (!iso) throw new BridgeError('INVALID_INPUT', `${label} "${text.trim()}" tidak dapat dibaca. Tulis seperti 31-03-2026 atau 31 Maret 2026.`);
  return iso;
}
