/**
 * Demo officials (Kepala, PPTK, Bendahara) who look like real civil servants: a name that matches the
 * person's sex, and an 18-digit NIP built as BKN builds it: birth date YYYYMMDD, appointment (TMT
 * CPNS) YYYYMM, sex (1 male, 2 female), and a 3-digit serial.
 *
 * Draws: exactly 8 from the demo's random stream per official with a NIP and 1 per village official
 * (who has none), as the demo always drew. The staff generated after the units therefore stay the same
 * for a given seed, and so do every figure computed from them.
 */
export interface DemoOfficial {
  name: string;
  sex: 'L' | 'P';
  nip: string | null;
}

/** Given names by sex (exported for the demo's own tests). */
export const MALE = ['Hendra', 'Bambang', 'Suparman', 'Zulkarnain', 'Hasanudin', 'Sudarmadi', 'Arif', 'Dedy', 'Irwan', 'Mulyadi', 'Syafrudin', 'Joni', 'Rusli', 'Nasrul', 'Edi', 'Herman', 'Sukirman', 'Firdaus', 'Darmawan', 'Ridwan'];
export const FEMALE = ['Yuliana', 'Nurmala', 'Rika', 'Fitriani', 'Sri', 'Endang', 'Lusiana', 'Erna', 'Yeni', 'Dian', 'Rosmalia', 'Hartati', 'Susilawati', 'Elly', 'Novita', 'Marlina', 'Farida', 'Ratna', 'Wiwik', 'Yusnani'];
/** Second names that suit a man, and those that suit a woman (some, like Wijaya or Hakim, suit both). */
const FAMILY_L = ['Wijaya', 'Budiman', 'Irawan', 'Saputra', 'Hidayat', 'Kurniawan', 'Setiawan', 'Pratama', 'Susanto', 'Syahputra', 'Effendi', 'Gunawan', 'Hakim', 'Ansori', 'Fauzi', 'Ramadhan', 'Purnama', 'Marzuki', 'Sobirin', 'Nugroho'];
const FAMILY_P = ['Wijaya', 'Rahmawati', 'Andriani', 'Wahyuni', 'Lestari', 'Handayani', 'Yuliani', 'Susanti', 'Anggraini', 'Kusumawati', 'Utami', 'Puspitasari', 'Hakim', 'Purnama', 'Novitasari', 'Safitri', 'Maharani', 'Oktaviani', 'Permatasari', 'Ramadhani'];
/** Degrees before and after the name; `Drs.` reads `Dra.` for a woman. */
const DEGREES: [string, string][] = [
  ['', 'S.E.'], ['', 'S.Sos.'], ['', 'S.H.'], ['', 'S.Kom.'], ['', 'S.T.'], ['', 'S.IP.'], ['Drs.', 'M.Si.'], ['Ir.', 'M.T.'],
  ['', 'S.E., M.M.'], ['', 'S.Pd., M.Pd.'], ['', 'S.Ak.'], ['', 'S.H., M.H.'], ['', 'S.P.'], ['', 'S.Kep.'], ['', 'A.Md.'], ['', 'S.STP., M.Si.'],
];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The name drawn from one random number: sex, given name, family name and degrees all come from its bits. */
function nameOf(u: number, bump: number, haji: boolean, village: boolean): { name: string; sex: 'L' | 'P'; echo: boolean } {
  const sex = (u & 1) === 0 ? 'L' : 'P';
  const given = (sex === 'L' ? MALE : FEMALE)[(u >>> 1) % 20]!;
  const families = sex === 'L' ? FAMILY_L : FAMILY_P;
  const family = families[((u >>> 6) + bump) % families.length]!;
  // Village officials are rarely graduates; they go by their plain name.
  const [pre, post] = village ? ['', ''] : DEGREES[(u >>> 12) % DEGREES.length]!;
  // The academic prefix comes first: `Drs. H. Hasanudin`, `Ir. Hj. Nurmala`.
  const before = [pre === 'Drs.' && sex === 'P' ? 'Dra.' : pre, haji ? (sex === 'L' ? 'H.' : 'Hj.') : ''].filter(Boolean).join(' ');
  const core = `${given} ${family}`;
  // `Yuliana Yuliani` reads as a mistake.
  const echo = family.slice(0, 4) === given.slice(0, 4);
  return { name: `${before ? `${before} ` : ''}${core}${post ? `, ${post}` : ''}`, sex, echo };
}

/**
 * One official. `taken` holds the names already given in the Pemda: a clash takes the next family
 * name, so no person signs twice (not even for two units).
 */
export function demoOfficial(r: () => number, withNip: boolean, taken: Set<string>): DemoOfficial {
  const u = Math.floor(r() * 2 ** 32);
  let nip: string | null = null;
  let haji = false;
  if (withNip) {
    const birthYear = 1968 + Math.floor(r() * 18);
    const birthMonth = 1 + Math.floor(r() * 12);
    const birthDay = 1 + Math.floor(r() * 28);
    // Appointed as CPNS between 23 and 30 years old.
    const tmtYear = birthYear + 23 + Math.floor(r() * 8);
    const tmtMonth = 1 + Math.floor(r() * 12);
    haji = r() < 0.2;
    const serial = 1 + Math.floor(r() * 12);
    const sex = (u & 1) === 0 ? 1 : 2;
    nip = `${birthYear}${pad(birthMonth)}${pad(birthDay)}${tmtYear}${pad(tmtMonth)}${sex}${pad(serial, 3)}`;
  }
  let bump = 0;
  let n = nameOf(u, bump, haji, !withNip);
  while ((n.echo || taken.has(bareName(n.name))) && bump < 20) n = nameOf(u, ++bump, haji, !withNip);
  taken.add(bareName(n.name));
  return { name: n.name, sex: n.sex, nip };
}

/** The person behind the titles: two officials with the same given and family name are the same person. */
function bareName(name: string): string {
  return name.replace(/^((H|Hj|Drs|Dra|Ir)\.\s+)+/, '').replace(/,.*$/, '');
}

/** The three officials of a unit, distinct people; village officials have no NIP. */
export function demoUnitOfficials(r: () => number, village: boolean, taken: Set<string>): { head: DemoOfficial; pptk: DemoOfficial; treasurer: DemoOfficial } {
  const head = demoOfficial(r, !village, taken);
  const pptk = demoOfficial(r, !village, taken);
  const treasurer = demoOfficial(r, !village, taken);
  return { head, pptk, treasurer };
}
