/** Parsing of person fields as clerks write them in an SK appendix. */
import { parseDateText } from './dates';

export type Sex = 'L' | 'P';

export function parseSex(text: string): Sex | null {
  const s = text.trim().toUpperCase().replace(/[\s.-]/g, '');
  if (s === 'L' || s === 'LK' || s === 'LAKILAKI' || s === 'PRIA' || s === 'LAKI') return 'L';
  if (s === 'P' || s === 'PR' || s === 'PEREMPUAN' || s === 'WANITA' || s === 'W') return 'P';
  return null;
}

export interface BirthCell {
  place: string | null;
  date: string | null;
}

/**
 * Splits `Liwa, 12-05-1990`, `LIWA,12 Mei 1990`, `Liwa / 12/05/1990` into place and ISO date.
 * The date is taken from the end of the cell; the place is what stands before the separator.
 */
export function parseBirthCell(text: string): BirthCell {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s === '') return { place: null, date: null };
  const whole = parseDateText(s);
  if (whole) return { place: null, date: whole };
  const dateAtEnd =
    /(\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}|\d{1,2}[\s-]*[A-Za-z]+\.?[\s-]*\d{2,4}|\d{4}-\d{1,2}-\d{1,2})$/.exec(s);
  if (!dateAtEnd) return { place: tidyPlace(s), date: null };
  const date = parseDateText(dateAtEnd[1]!);
  const place = s.slice(0, dateAtEnd.index).replace(/[\s,/;:-]+$/, '');
  return { place: tidyPlace(place), date };
}

function tidyPlace(s: string): string | null {
  const t = s.trim();
  if (t === '') return null;
  // Clerks write places in capitals; store them as names are written.
  return t === t.toUpperCase() ? titleCase(t) : t;
}

export function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s\-'(./])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Collapses white space in a name. Names keep their case as written. */
export function tidyName(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}

/** A key for matching OPD names: upper case, no list prefix (`A.`, `I.`, `1.`), single spaces. */
export function unitKey(s: string): string {
  return s
    .trim()
    .replace(/^((?:[A-Z]|[IVXL]+|\d+)[.)]\s+)/i, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Removes the list prefix of a group row: `A. DINAS SOSIAL` -> `DINAS SOSIAL`. */
export function stripListPrefix(s: string): string {
  return s.trim().replace(/^((?:[A-Z]|[IVXL]+|\d+)[.)]\s+)/i, '').trim();
}
