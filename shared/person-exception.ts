/**
 * A per-person exception to the category (domain.md §2): another program set and/or JKK class for a
 * span of months. The words used for it are built here once, for the invoice line's note, the printed
 * invoice, the person page and the CLI.
 */
import { formatMonthId } from './dates';
import { PROGRAMS, type Program } from './contract/settings';

export interface PersonException {
  id: number;
  personId: number;
  fromMonth: string;
  /** The last month it covers; null while open-ended. */
  toMonth: string | null;
  /** The person's programs instead of the category's; null keeps the category's. */
  programs: Program[] | null;
  /** The person's JKK class; null keeps the class the line would get otherwise. */
  jkkClass: number | null;
  reason: string;
  source: string | null;
  createdAt: string;
  createdBy: string;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V'] as const;
export const jkkClassRoman = (c: number): string => ROMAN[c - 1] ?? String(c);

/** Programs in the stored order ('JKK,JKM' -> ['JKK', 'JKM']); unknown words are dropped. */
export function parsePrograms(text: string): Program[] {
  const words = new Set(text.toUpperCase().split(/[,+\s]+/).map((w) => w.trim()));
  return PROGRAMS.filter((p) => words.has(p));
}

/** "hanya JKK+JKM; JKK kelas III": what the exception changes. */
export function exceptionWhat(e: Pick<PersonException, 'programs' | 'jkkClass'>): string {
  const parts: string[] = [];
  if (e.programs) parts.push(e.programs.length ? `hanya ${e.programs.join('+')}` : 'tanpa program');
  if (e.jkkClass !== null) parts.push(`JKK kelas ${jkkClassRoman(e.jkkClass)}`);
  return parts.join('; ');
}

/** "Pengecualian: hanya JKK+JKM (SK 800/12/2026)": the note an invoice line keeps. */
export function exceptionNote(e: Pick<PersonException, 'programs' | 'jkkClass' | 'source'>): string {
  return `Pengecualian: ${exceptionWhat(e)}${e.source ? ` (${e.source})` : ''}`;
}

/** "Pengecualian: hanya JKK+JKM mulai Maret 2026 sampai Desember 2026, SK 800/12/2026": with its months. */
export function exceptionSentence(e: Pick<PersonException, 'programs' | 'jkkClass' | 'source' | 'fromMonth' | 'toMonth'>): string {
  const span = e.toMonth === null
    ? `mulai ${formatMonthId(e.fromMonth)}`
    : e.toMonth === e.fromMonth ? `untuk ${formatMonthId(e.fromMonth)}` : `${formatMonthId(e.fromMonth)} sampai ${formatMonthId(e.toMonth)}`;
  return `Pengecualian: ${exceptionWhat(e)} ${span}${e.source ? `, ${e.source}` : ''}`;
}

/** Whether the exception covers `month`. */
export const exceptionCovers = (e: Pick<PersonException, 'fromMonth' | 'toMonth'>, month: string): boolean =>
  e.fromMonth <= month && (e.toMonth === null || e.toMonth >= month);
