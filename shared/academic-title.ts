/**
 * Academic and religious titles written around a name in an SK ("Drs. H. Ahmad Fauzi, S.Pd."): BPJS
 * wants the name as on the KTP in NAMA_LENGKAP and the titles in GELAR. The roster keeps the name as the
 * SK wrote it; the split is made where a file asks for it, so nothing is lost and nothing is stored twice.
 */

/** Titles before a name, written with a dot (`Dr.`, `dr.`, `H.`) or, for the unmistakable ones, without. */
const FRONT_DOTTED = /^(prof|drs|dra|drg|dr|ir|hj|h|kh|ns|apt|bd)\.\s*/i;
const FRONT_BARE = /^(prof|drs|dra|drg|ir|hj|kh)\s+/i;

/** Degrees written after a name, by their letters alone (`S.Pd.` and `SPd` are both `SPD`). */
const DEGREES = new Set([
  'SPD', 'SPDI', 'SPDSD', 'SE', 'SEI', 'SH', 'SHI', 'ST', 'STP', 'SKM', 'SKOM', 'SSOS', 'SIP', 'SIKOM', 'SAG', 'SSI', 'SPSI', 'SHUT', 'SPT',
  'SKEP', 'SFARM', 'SKG', 'SKED', 'STR', 'STRKEP', 'SST', 'SSTP', 'SIAN', 'SHUM', 'SS', 'SKH', 'SPI',
  'AMD', 'AMDKEP', 'AMDKEB', 'AMDKES', 'AMDGZ', 'AMDAK', 'AMDFARM', 'AMDKL', 'AMDPAR', 'AMDRO', 'AMAPD',
  'MM', 'MT', 'MSI', 'MPD', 'MPDI', 'MH', 'MKES', 'MKOM', 'MAG', 'MA', 'MAP', 'MSC', 'MBA', 'MTI', 'MAK', 'MSIS', 'ME',
  'SPA', 'SPOG', 'SPPD', 'SPB', 'SPAN', 'SPM', 'SPRAD', 'SPJP', 'SPKK', 'SPTHT', 'SPS', 'SPP',
  'LC', 'NERS', 'PHD', 'APT', 'DR',
]);

const lettersOf = (s: string): string => s.toUpperCase().replace(/[^A-Z]/g, '');

/** A piece after the name's comma that is a degree: a known one, or a short dotted form (`S.Pd.Gr`). */
function isDegree(piece: string): boolean {
  const p = piece.trim();
  if (p === '' || p.length > 16) return false;
  if (DEGREES.has(lettersOf(p))) return true;
  return /\./.test(p) && /^[A-Za-z][A-Za-z.\s]*$/.test(p) && p.split(/\s+/).length <= 2 && lettersOf(p).length <= 8;
}

export interface TitledName {
  /** The name without titles, as on the KTP. */
  name: string;
  /** Titles before and after the name as written (`Drs. H., S.Pd.`), or null when there are none. */
  title: string | null;
}

/** Splits `Drs. H. Ahmad Fauzi, S.Pd.` into `Ahmad Fauzi` and `Drs. H., S.Pd.`; a name without titles is returned as is. */
export function splitAcademicTitle(written: string): TitledName {
  const whole = written.trim().replace(/\s+/g, ' ');
  const front: string[] = [];
  let rest = whole;
  for (;;) {
    const m = FRONT_DOTTED.exec(rest) ?? FRONT_BARE.exec(rest);
    // A title needs a name after it: "H." alone, or "Dr" as a name, stays.
    if (!m || rest.slice(m[0].length).trim() === '') break;
    front.push(m[0].trim());
    rest = rest.slice(m[0].length);
  }
  const back: string[] = [];
  const comma = rest.indexOf(',');
  if (comma > 0) {
    const pieces = rest.slice(comma + 1).split(',').map((p) => p.trim()).filter((p) => p !== '');
    if (pieces.length > 0 && pieces.every(isDegree)) {
      back.push(...pieces);
      rest = rest.slice(0, comma);
    }
  }
  // Degrees without a comma: `Ahmad Fauzi S.Pd`, only the known ones, at the end.
  if (back.length === 0) {
    const words = rest.split(' ');
    while (words.length > 1 && /\./.test(words[words.length - 1]!) && DEGREES.has(lettersOf(words[words.length - 1]!)) && lettersOf(words[words.length - 1]!) !== 'DR') {
      back.unshift(words.pop()!);
    }
    rest = words.join(' ');
  }
  const name = rest.trim().replace(/[\s,]+$/, '');
  if (name === '' || (front.length === 0 && back.length === 0)) return { name: whole, title: null };
  const title = [front.join(' '), back.join(', ')].filter((t) => t !== '').join(', ');
  return { name, title };
}
