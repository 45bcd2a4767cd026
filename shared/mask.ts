/**
 * What a role that may not see identity (finance, viewer: see SEES_IDENTITY in roles.ts) gets of a
 * person. Pure: the bridge applies `maskForRole` to every reply, whatever the call, so a new call that
 * returns persons is masked without anyone remembering to.
 *
 * - NIK and KPJ: `1804********0001` (maskId), in fields and inside any text, also when written with
 *   spaces or dots (`3201 0101 9000 0001`).
 * - Birth date: only the year. Day and month are NIK digits 7-10 (with the sex, +40 on the day); with
 *   them the mask would hide two digits only.
 * - Mother's name, address, phone, postal code, e-mail, marital status and work location: hidden.
 *   None of finance's or viewer's work needs them, and the mother's name is what BPJS asks to prove identity.
 * Name, sex, birth place, OPD, honor and KPJ presence stay: the work needs them, and none is a NIK digit
 * the mask hides (sex alone is one bit of the day).
 */
import { maskId } from './nik';

/** The word the screens show for a value this role may not see. */
export const HIDDEN = 'disembunyikan';

/** Fields of a person that these roles never get. */
const PRIVATE_KEYS = new Set([
  'address', 'phone', 'motherName', 'mother_name', 'mother',
  // Migration 0120's contact fields (shared/person-contact.ts), private like the address and phone.
  'postalCode', 'postal_code', 'email', 'maritalStatus', 'marital_status', 'workLocation', 'work_location',
]);
/** Keys that exist only on persons: an object with one of them is a person's record. */
const PERSON_ONLY_KEYS = new Set(['birthDate', 'birth_date', 'motherName', 'mother_name']);
const BIRTH_KEYS = new Set(['birthDate', 'birth_date']);
/** A NIK or KPJ field under any name (`nik`, `kpj`, `previousKpj`, `ownerNik`); counts are numbers and stay. */
const ID_KEY = /(nik|kpj)$/i;
/**
 * Left as they are: office numbers (the employer's NPP, budget account codes, officials' NIPs) and
 * opaque values the renderer sends back (file tokens, preview ids, hashes), which digits must not break.
 */
const KEPT_KEYS = /^(npp|budgetAccount|\w*Nip|logo|token|previewId|sha256|\w*Token)$/;

/**
 * A run of 8 or more digits, whole or in groups split by one space or dot: every length the code takes
 * for a KPJ (8-13 digits, import-kpj.ts, preflight.ts) or a NIK (16), and phone numbers too. Digits
 * glued to letters are part of a word or a token (`a1b2…`), not a number someone wrote.
 */
const DIGIT_RUN = /(?<![\dA-Za-z])\d(?:[ .]?\d){7,}(?![\dA-Za-z])/g;
/** Rupiah with thousand dots (`1.250.000.000`): money, not an identity. */
const MONEY = /^\d{1,3}(?:\.\d{3})+$/;
/** Budget account codes (`5.1.02.02.01.0026`) have one-digit groups; no NIK or KPJ is written so. */
const CODE_GROUPS = /(?:^|[ .])\d(?:[ .]|$)/;
/** A number right after the NPP or NIP label is the employer's or an official's, printed on letters. */
const OFFICE_LABEL = /\b(?:NPP|NIP)\b[^\d\n]{0,40}$/i;
/** Embedded images (the Pemda logo) must not be touched: base64 has digit runs by chance. */
const DATA_URI = /(data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+)/;

/**
 * Masks one digit run as maskId does, keeping its spaces and dots where they were. A run longer than a
 * NIK (a NIK and a KPJ side by side) is masked whole: only its first and last four digits show.
 */
function maskRun(run: string): string {
  const digits = run.replace(/[ .]/g, '');
  const masked = maskId(digits);
  let i = 0;
  return run.replace(/\d/g, () => masked[i++]!);
}

/** Every NIK, KPJ or phone number in a text masked; money, codes and labelled office numbers left. */
export function maskIdsInText(text: string): string {
  if (!/\d{2}/.test(text)) return text; // most strings (names, units, labels): nothing to do
  // Odd parts of the split are the embedded images, kept as they are.
  return (text.includes('data:') ? text.split(DATA_URI) : [text])
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(DIGIT_RUN, (run, offset: number, whole: string) => {
            if (MONEY.test(run) || CODE_GROUPS.test(run)) return run;
            if (OFFICE_LABEL.test(whole.slice(Math.max(0, offset - 60), offset))) return run;
            return maskRun(run);
          }),
    )
    .join('');
}

/** The year of an ISO date, or null. */
export function birthYearOf(iso: unknown): number | null {
  return typeof iso === 'string' && /^\d{4}/.test(iso) ? Number(iso.slice(0, 4)) : null;
}

type Mode = 'plain' | 'person' | 'snapshot';

function isAuditRow(o: Record<string, unknown>): boolean {
  return 'entity' in o && ('before' in o || 'after' in o);
}

/**
 * A person's record (`person`, a roster row): private fields and the birth date become null, `birthYear`
 * is added and `identityHidden: true` tells the screen to write "disembunyikan" instead of a dash.
 * An audit snapshot (before/after of a person): the same fields become the word HIDDEN, so a change of
 * phone still shows as a change, without the numbers.
 */
function maskObject(o: Record<string, unknown>, mode: Mode): Record<string, unknown> {
  const keys = Object.keys(o);
  const person = mode !== 'plain' || keys.some((k) => PERSON_ONLY_KEYS.has(k)) || typeof o.nik === 'string';
  const snapshot = mode === 'snapshot';
  const personAudit = isAuditRow(o) && (o.entity === 'person' || o.entity === 'engagement' || o.entity === 'incident');
  const out: Record<string, unknown> = {};
  let hid = false;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string' && ID_KEY.test(k)) out[k] = maskId(v);
    else if (person && (PRIVATE_KEYS.has(k) || BIRTH_KEYS.has(k))) {
      if (BIRTH_KEYS.has(k) && !snapshot && !('birthYear' in o)) out.birthYear = birthYearOf(v);
      if (v === null || v === undefined || v === '') out[k] = v;
      else {
        out[k] = snapshot ? HIDDEN : null;
        hid = true;
      }
    } else if (typeof v === 'string' && KEPT_KEYS.test(k)) out[k] = v;
    else if (personAudit && (k === 'before' || k === 'after')) out[k] = maskValue(v, 'snapshot');
    else out[k] = maskValue(v, 'plain');
  }
  if (person && !snapshot && (hid || keys.some((k) => PRIVATE_KEYS.has(k) || BIRTH_KEYS.has(k)))) out.identityHidden = true;
  return out;
}

function maskValue(value: unknown, mode: Mode): unknown {
  if (typeof value === 'string') return maskIdsInText(value);
  if (Array.isArray(value)) return value.map((v) => maskValue(v, mode));
  if (value === null || typeof value !== 'object') return value;
  return maskObject(value as Record<string, unknown>, mode);
}

/**
 * A copy of a reply as a role that may not see identity gets it: NIK and KPJ masked in every field and
 * every text, persons' private fields hidden, birth dates cut to the year. Roles that may see identity
 * get the reply as it is (the caller decides; see dispatch.ts).
 */
export function maskForRole<T>(value: T): T {
  return maskValue(value, 'plain') as T;
}
