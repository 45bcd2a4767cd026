/**
 * Sheet names Excel accepts. A workbook whose sheet is named `A/B:C*?`, longer than 31 characters, or
 * twice the same name apart from case opens in Excel only after "We found a problem with some
 * content" and a repair that renames or drops sheets; LibreOffice may refuse it. The names come from
 * the clerk's own files (an ODS or a workbook written by another program allows more, a CSV's sheet is
 * its file name), so they are made safe where a workbook is written.
 */

// Control characters too: an XML 1.0 attribute cannot hold most of them.
// eslint-disable-next-line no-control-regex -- matching them is the point
const FORBIDDEN = /[[\]:*?/\\\u0000-\u001f\u007f]/g;
const MAX = 31;

/** One name made acceptable: forbidden characters become `-`, no apostrophe at either end, not empty. */
export function safeSheetName(name: string, fallback = 'Sheet'): string {
  let s = name.replace(FORBIDDEN, '-').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  // "History" is reserved by Excel for its change-tracking sheet.
  if (s.toLowerCase() === 'history') s = `${s} (1)`;
  if (s === '') s = fallback;
  return cut(s, MAX);
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair, and without a trailing apostrophe. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = s.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  return out.replace(/'+$/, '').trimEnd();
}

/**
 * Acceptable names for sheets written in this order, unique ignoring case (as Excel compares them):
 * a name that clashes with an earlier one after cleaning and cutting gets ` (2)`, ` (3)`… within the
 * 31 characters.
 */
export function uniqueSheetNames(names: readonly string[], fallback = 'Sheet'): string[] {
  const taken = new Set<string>();
  return names.map((n) => {
    const base = safeSheetName(n, fallback);
    let name = base;
    for (let k = 2; taken.has(name.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      name = `${cut(base, MAX - suffix.length)}${suffix}`;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}
