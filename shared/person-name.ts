/**
 * The one rule for a person's name, for the SK importer and for names typed in by hand (issue 17).
 * A name is what stands on the KTP: Latin letters (with their accents), spaces, the punctuation of
 * titles and apostrophes (`Drs. H. Ma'ruf, S.Pd.`). Refused:
 * - a start Excel reads as a formula (`=HYPERLINK(…)`, `+1+1`, `-`, `@`), also in full-width form;
 * - control, format and invisible characters (U+200B, U+FEFF, the direction overrides U+202A-U+202E
 *   and U+2066-U+2069, variation selectors, Hangul fillers): the name would look like another;
 * - letters of other scripts (Cyrillic `а`, Greek `ο`...), alone or mixed with Latin, and compatibility
 *   forms (full-width `Ｂ`, mathematical `𝐁`): look-alikes that make one person two;
 * - digits other than 0-9, emoji and other symbols, a pile of accents on one letter;
 * - no letter at all, or more than 150 characters.
 */

export const NAME_MAX_LENGTH = 150;

export type NameCheck = { ok: true; name: string } | { ok: false; code: 'NAME_EMPTY' | 'NAME_INVALID'; message: string };

/** Collapses white space. Names keep their case as written. */
export function tidyPersonName(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}

/**
 * Invisible characters that Unicode does not class as format (Cf) but that still hide in a name:
 * the combining grapheme joiner, Hangul and Khmer fillers, Mongolian selectors, the blank braille
 * cell, variation selectors. Kept as code point ranges: several are combining marks.
 */
const INVISIBLE_EXTRA: [number, number][] = [
  [0x034f, 0x034f], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f], [0x2800, 0x2800],
  [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xffa0, 0xffa0], [0xe0100, 0xe01ef],
];
const FORMAT_OR_CONTROL = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]/u;

function isInvisible(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return FORMAT_OR_CONTROL.test(ch) || INVISIBLE_EXTRA.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/** What Excel, LibreOffice and Google Sheets take as the start of a formula, in ASCII or full width. */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\u2212]/u;
const SCRIPT_NAMES: [RegExp, string][] = [
  [/\p{Script=Cyrillic}/u, 'huruf Kiril'],
  [/\p{Script=Greek}/u, 'huruf Yunani'],
  [/\p{Script=Armenian}/u, 'huruf Armenia'],
  [/\p{Script=Cherokee}/u, 'huruf Cherokee'],
  [/\p{Script=Arabic}/u, 'huruf Arab'],
  [/\p{Script=Hangul}/u, 'huruf Korea'],
];

const hex = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The name as it can be shown in a message: invisible characters named by their code, not hidden or obeyed. */
export function visibleName(name: string, max = 40): string {
  const chars = Array.from(name.slice(0, 2 * max + 2));
  const shown = chars.slice(0, max).map((ch) => (isInvisible(ch) ? `[${hex(ch)}]` : ch)).join('');
  return chars.length > max ? `${shown}…` : shown;
}

/** The first invisible, format or control character in a text (not ordinary white space), or null. */
export function firstInvisible(s: string): string | null {
  return Array.from(s.replace(/[\t\n\r\v\f ]/g, ' ')).find((ch) => isInvisible(ch)) ?? null;
}

/** `U+200B` for a character. */
export function codePointName(ch: string): string {
  return hex(ch);
}

function scriptOf(ch: string): string {
  return SCRIPT_NAMES.find(([re]) => re.test(ch))?.[1] ?? 'bukan huruf Latin';
}

/**
 * Nearly every name on an SK is plain ASCII letters, spaces and the punctuation of titles: nothing the
 * character-by-character checks below could refuse. Checked first, so a 100,000-row SK does not spend a
 * second on Unicode property tests (measured: about 10 µs a name the long way, well under 1 µs this way).
 */
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9 .,'`()/-]*$/;
/** The same, before tidying: ASCII spaces and tabs only (JavaScript's trim would also eat U+FEFF). */
const PLAIN_RAW = /^[ \t]*[A-Za-z][A-Za-z0-9 \t.,'`()/-]*$/;

/** Why a tidied, non-empty name is refused, or null. `raw` is the name before white space was tidied. */
function problemOf(name: string, raw: string): string | null {
  if (name.length <= NAME_MAX_LENGTH && raw.length <= NAME_MAX_LENGTH + 20 && PLAIN_NAME.test(name) && PLAIN_RAW.test(raw)) return null;
  if (FORMULA_START.test(name)) return 'tidak boleh diawali = + - @ (Excel membacanya sebagai rumus)';
  // Checked before anything walks the name character by character: a pasted 10 MB cell stops here.
  if (name.length > 2 * NAME_MAX_LENGTH || Array.from(name).length > NAME_MAX_LENGTH) return `paling panjang ${NAME_MAX_LENGTH} karakter`;
  // On the text before tidying: JavaScript counts U+FEFF as white space, Unicode as a format character.
  const hidden = firstInvisible(raw);
  if (hidden) return `memuat karakter tak terlihat atau pengubah arah teks (${hex(hidden)}); ketik ulang nama tanpa menyalin dari dokumen lain`;
  const chars = Array.from(name);
  const compat = chars.find((ch) => ch.normalize('NFKC') !== ch.normalize('NFC'));
  if (compat) return `memuat "${compat}" (${hex(compat)}), bentuk khusus yang mirip huruf atau angka biasa; ketik ulang dengan huruf biasa`;
  const foreign = chars.find((ch) => /\p{L}/u.test(ch) && !/\p{Script=Latin}/u.test(ch));
  if (foreign) return `memuat "${foreign}" (${hex(foreign)}, ${scriptOf(foreign)}) yang mirip huruf Latin; tulis nama dengan huruf Latin seperti di KTP`;
  const digit = chars.find((ch) => /\p{N}/u.test(ch) && !/[0-9]/.test(ch));
  if (digit) return `memuat angka "${digit}" (${hex(digit)}) yang bukan angka 0-9 biasa`;
  const symbol = chars.find((ch) => /[\p{So}\p{Co}\p{Cn}\p{Cs}]/u.test(ch));
  if (symbol) return `memuat simbol "${symbol}" (${hex(symbol)}) yang bukan bagian dari nama`;
  if (/\p{M}{2,}/u.test(name) || /(^|[^\p{L}\p{M}])\p{M}/u.test(name)) return 'memuat tanda aksen yang tidak menempel pada huruf atau bertumpuk';
  if (!/\p{L}/u.test(name)) return 'harus berisi huruf';
  return null;
}

/**
 * Checks a name typed or read from a file. On success returns it tidied and in NFC (one code point
 * for `é`, as typed on most keyboards), so the same name is stored the same way.
 */
export function checkPersonName(raw: string): NameCheck {
  const name = tidyPersonName(raw).normalize('NFC');
  if (name === '') return { ok: false, code: 'NAME_EMPTY', message: 'Nama wajib diisi.' };
  const problem = problemOf(name, raw.length > 4 * NAME_MAX_LENGTH ? name : raw);
  if (problem) return { ok: false, code: 'NAME_INVALID', message: `Nama "${visibleName(name)}" tidak sah: ${problem}.` };
  return { ok: true, name };
}
