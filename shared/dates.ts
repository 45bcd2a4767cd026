/** Calendar helpers on ISO text dates (`YYYY-MM-DD`) and months (`YYYY-MM`). No Date time zones. */
import { daysInMonth, isRealDate } from './nik';

export const MONTHS_ID = [
  'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
  'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
] as const;

const MONTH_WORDS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, feb: 2, pebruari: 2, peb: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, aug: 8, august: 8, agust: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nov: 11, nopember: 11, nop: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function isoDate(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

export function firstDay(month: string): string {
  return `${month}-01`;
}

export function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad2(daysInMonth(y, m))}`;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${pad2((idx % 12) + 1)}`;
}

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (d > 1) return isoDate(y, m, d - 1);
  const prev = addMonths(`${y}-${pad2(m)}`, -1);
  return lastDay(prev);
}

/** Excel's serial day number (1900 date system, with its phantom 29 Feb 1900) to ISO. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const days = Math.floor(serial) - (serial >= 60 ? 1 : 0);
  // Day 1 is 1900-01-01; compute via UTC epoch arithmetic, which has no time zone issues.
  const ms = Date.UTC(1899, 11, 31) + days * 86400000;
  const dt = new Date(ms);
  return isoDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

function expandYear(y: number): number {
  if (y >= 100) return y;
  // Two-digit years in an SK are birth years or recent dates; 30 or above means 19xx.
  return y >= 30 ? 1900 + y : 2000 + y;
}

/**
 * Parses a date the way clerks write it: `12-05-1990`, `12/05/1990`, `12.5.90`, `12 Mei 1990`,
 * `2 Januari 2026`, `1990-05-12`. Returns ISO or null.
 */
export function parseDateText(text: string): string | null {
  const s = text.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})$/.exec(s);
  if (m) return checked(expandYear(Number(m[3])), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[\s\-/.]*([A-Za-z]+)\.?[\s\-/.]*(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const month = MONTH_WORDS[m[2]!.toLowerCase()];
    if (month === undefined) return null;
    return checked(expandYear(Number(m[3])), month, Number(m[1]));
  }
  return null;
}

function checked(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100) return null;
  return isRealDate(y, m, d) ? isoDate(y, m, d) : null;
}

/** `2 Januari 2026` */
export function formatDateId(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS_ID[m - 1]} ${y}`;
}

/** `Januari 2026` */
export function formatMonthId(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS_ID[m - 1]} ${y}`;
}

/** `dd-mm-yyyy`, the SIPP portal's date format. */
export function formatDateDmy(iso: string): string {
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}
