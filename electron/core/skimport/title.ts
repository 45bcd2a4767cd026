import { parseDateText } from '../../../shared/dates';
import { cellText, isBlank, type SheetRow } from '../sheets/cells';
import type { DecreeTitle } from './types';

/** Words that start a new part of an SK's title block; a value ends where the next one begins. */
const NEXT_PART = String.raw`(?=\s+(?:NOMOR|NO\.|TANGGAL|TGL\.?|TENTANG|TMT|TERHITUNG|TAHUN\s+ANGGARAN)\b|\s*$)`;
const NUMBER = new RegExp(String.raw`\b(?:NOMOR|NO\.)\s*:?\s*(.+?)${NEXT_PART}`, 'i');
// "TANGGAL" of the decree, not "TERHITUNG MULAI TANGGAL" (the TMT) nor "PADA TANGGAL" (the signature).
const DATE = new RegExp(String.raw`(?<!MULAI\s+|PADA\s+)\b(?:TANGGAL|TGL\.?)\s*:?\s*(.+?)${NEXT_PART}`, 'i');
const TMT = new RegExp(String.raw`\b(?:TMT|TERHITUNG\s+MULAI\s+TANGGAL|TERHITUNG\s+MULAI)\s*:?\s*(.+?)${NEXT_PART}`, 'i');
const SUBJECT = /^TENTANG\s*:?\s*(.*)$/i;
const SIGNATORY = /(BUPATI|WALI\s?KOTA|GUBERNUR)\s+([A-Z][A-Z .]*?[A-Z])(?=\s*,?\s+(?:NOMOR|NO\.)\b|\s*,?\s*$)/i;
/** A date at the start of a value: `2 MARET 2026`, `02-03-2026`, `2026-03-02`. */
const LEADING_DATE = /^(\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}|\d{1,2}[\s\-/.]*[A-Za-z]+\.?[\s\-/.]*\d{4}|\d{4}-\d{1,2}-\d{1,2})\b/;

export function emptyTitle(): DecreeTitle {
  return { number: null, date: null, subject: null, signatory: null, tmt: null };
}

/** A row's text as one line: its non-empty cells joined, so `NOMOR` | `:` | `B/1/2026` over cells reads as one. */
function lineOf(r: SheetRow): string {
  return r.cells.filter((c) => !isBlank(c)).map(cellText).join(' ').replace(/\s+/g, ' ').trim();
}

function dateIn(value: string): string | null {
  const v = value.replace(/^[\s:,]+/, '').replace(/[\s,;.]+$/, '');
  return parseDateText(v) ?? (LEADING_DATE.exec(v) ? parseDateText(LEADING_DATE.exec(v)![1]!) : null);
}

/** A decree number as written: spaces around its slashes dropped (`800/ 12 /KPTS` -> `800/12/KPTS`). */
function tidyNumber(value: string): string | null {
  const v = value.replace(/^[\s:]+/, '').replace(/[\s,;:]+$/, '').replace(/\s*\/\s*/g, '/').trim();
  // A number has a digit or is one code (`SK-BPU`); `NOMOR :` followed by nothing, or by words, is not one.
  const isNumber = /\d/.test(v) || (/^[\p{L}\p{N}./-]+$/u.test(v) && /[./-]/.test(v));
  return isNumber && v.length <= 120 ? v : null;
}

/**
 * The decree's number, date, subject, signatory and TMT from the rows above a sheet's header, in the
 * forms clerks write: `NOMOR : B/1/2026` on its own row or inside `KEPUTUSAN BUPATI ... NOMOR : ...`,
 * label and value in separate cells (with empty cells between), `TANGGAL : 2 MARET 2026`.
 */
export function titleOf(rows: SheetRow[]): DecreeTitle {
  const t = emptyTitle();
  const lines = rows.map(lineOf);
  lines.forEach((line, i) => {
    if (line === '') return;
    let m: RegExpExecArray | null;
    if (!t.tmt && (m = TMT.exec(line))) t.tmt = dateIn(m[1]!);
    const subject = SUBJECT.exec(line);
    if (subject) {
      // The subject runs on over the following rows until the next part of the title.
      if (!t.subject) {
        const more: string[] = [];
        for (const l of lines.slice(i + 1)) {
          if (/^(NOMOR|NO\.|TANGGAL|TGL|TMT|TERHITUNG|LAMPIRAN|KEPUTUSAN)\b/i.test(l)) break;
          if (l !== '') more.push(l);
        }
        const rest = [subject[1]!, ...more].join(' ').trim();
        t.subject = rest === '' ? null : rest;
      }
      return;
    }
    if (!t.number && (m = NUMBER.exec(line))) t.number = tidyNumber(m[1]!);
    if (!t.date && (m = DATE.exec(line))) t.date = dateIn(m[1]!);
    if (!t.signatory && /KEPUTUSAN|LAMPIRAN/i.test(line) && (m = SIGNATORY.exec(line))) {
      t.signatory = `${m[1]!.toUpperCase().replace(/\s+/g, ' ')} ${m[2]!.toUpperCase()}`;
    }
  });
  return t;
}

/** The first title with what a later sheet's title adds where the first had nothing. */
export function fillTitle(first: DecreeTitle | null, next: DecreeTitle): DecreeTitle {
  if (!first) return next;
  return {
    number: first.number ?? next.number,
    date: first.date ?? next.date,
    subject: first.subject ?? next.subject,
    signatory: first.signatory ?? next.signatory,
    tmt: first.tmt ?? next.tmt,
  };
}
