import { columnLetter, type Cell } from '../sheets/cells';
import { excelSerialToIso, parseDateText } from '../../../shared/dates';
import { headerKey } from '../../../shared/sipp-layouts';
import type { Problem } from '../skimport/types';

/** A problem in a file sent back by the branch, located the way the clerk finds it: an SK problem without severity. */
export type ImportProblem = Omit<Problem, 'severity'>;

/** `Berkas "x.xlsx", sheet "Data", baris 12, kolom C (NIK): ...` */
export function locate(file: string, p: ImportProblem): string {
  return `Berkas "${file}", sheet "${p.sheet}", baris ${p.row}${p.column ? `, kolom ${p.column} (${p.columnName})` : ''}: ${p.message}`;
}

/** Finds the columns a file's header names, by header key and known spellings. */
export function findColumns<K extends string>(headers: string[], names: Record<K, readonly string[]>): Partial<Record<K, number>> {
  const keys = headers.map(headerKey);
  const out: Partial<Record<K, number>> = {};
  for (const [field, aliases] of Object.entries(names) as [K, readonly string[]][]) {
    const i = keys.findIndex((k) => aliases.includes(k));
    if (i >= 0) out[field] = i;
  }
  return out;
}

export function columnRef(headers: string[], index: number): { column: string; columnName: string } {
  return { column: columnLetter(index), columnName: headers[index] ?? '' };
}

/** A date cell as ISO: a real date cell, an Excel serial, or text as clerks and portals write it. */
export function dateOfCell(c: Cell): string | null | 'invalid' {
  if (c === null || c === '') return null;
  if (typeof c === 'object') return c.iso;
  if (typeof c === 'number') return excelSerialToIso(c) ?? 'invalid';
  if (typeof c === 'boolean') return 'invalid';
  const t = c.trim();
  if (t === '') return null;
  return parseDateText(t) ?? 'invalid';
}

/** A digits-only identifier from a text cell, or from a whole number a spreadsheet kept exactly. */
export function digitsOfCell(c: Cell): string | null {
  if (c === null) return null;
  if (typeof c === 'number') return Number.isSafeInteger(c) && c >= 0 ? String(c) : null;
  if (typeof c !== 'string') return null;
  const t = c.trim().replace(/^'+/, '').replace(/[\s.-]/g, '');
  return t === '' ? null : t;
}

/**
 * A name reduced for comparison: upper case, letters only, without the academic degrees written
 * after a comma (`Siti Aminah, S.Pd.`) and the usual honorifics in front (`H.`, `Hj.`, `Drs.`).
 */
export function nameKey(name: string): string {
  return name
    .split(',')[0]!
    .toUpperCase()
    .replace(/^((H|HJ|DR|DRS|IR|PROF)\.?\s+)+/, '')
    .replace(/[^A-Z]+/g, ' ')
    .trim();
}
