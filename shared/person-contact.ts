/**
 * The person fields the BPJS registration upload asks for beyond the SK (migration 0120): postal code,
 * e-mail, marital status (the portal's Y/T) and work location (a code from the branch template's list).
 * One rule for every way they come in: the person form, the bulk completion workbook, a bulk edit on a
 * selection. Each parser takes what a clerk types and gives the stored value or an Indonesian message.
 */
export type ContactField = 'postalCode' | 'email' | 'maritalStatus' | 'workLocation';

export const CONTACT_FIELDS: readonly ContactField[] = ['postalCode', 'email', 'maritalStatus', 'workLocation'];

export const CONTACT_LABELS: Record<ContactField, string> = {
  postalCode: 'Kode pos',
  email: 'Surel (e-mail)',
  maritalStatus: 'Status kawin',
  workLocation: 'Lokasi pekerjaan',
};

/** The database column of each field. */
export const CONTACT_COLUMNS: Record<ContactField, 'postal_code' | 'email' | 'marital_status' | 'work_location'> = {
  postalCode: 'postal_code',
  email: 'email',
  maritalStatus: 'marital_status',
  workLocation: 'work_location',
};

export type Parsed = { ok: true; value: string | null } | { ok: false; message: string };

const MARRIED = new Set(['Y', 'YA', 'KAWIN', 'MENIKAH', 'SUDAH KAWIN', 'SUDAH MENIKAH', 'K']);
const SINGLE = new Set(['T', 'TIDAK', 'BELUM KAWIN', 'BELUM MENIKAH', 'TIDAK KAWIN', 'LAJANG', 'TK', 'BK', 'CERAI', 'CERAI HIDUP', 'CERAI MATI', 'JANDA', 'DUDA']);

/** `Kawin`, `Y`, `belum kawin`, `T` ... as the portal codes them (Y = kawin, T = tidak kawin). Empty is null. */
export function parseMaritalStatus(text: string): Parsed {
  const t = text.trim().toUpperCase().replace(/\s+/g, ' ').replace(/\.$/, '');
  if (t === '') return { ok: true, value: null };
  if (MARRIED.has(t)) return { ok: true, value: 'Y' };
  if (SINGLE.has(t)) return { ok: true, value: 'T' };
  return { ok: false, message: `Status kawin "${text.trim()}" tidak dikenal: tulis Y (kawin) atau T (tidak kawin).` };
}

/** Five digits; `34812`, `34.812` and ` 34812 ` are the same code. */
export function parsePostalCode(text: string): Parsed {
  const t = text.trim().replace(/[\s.]/g, '');
  if (t === '') return { ok: true, value: null };
  if (/^\d{5}$/.test(t)) return { ok: true, value: t };
  return { ok: false, message: `Kode pos "${text.trim()}" harus 5 angka.` };
}

/** A plain address check (one @, a dot in the domain, no spaces); the portal checks no more. */
export function parseEmail(text: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (t.length <= 120 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) return { ok: true, value: t.toLowerCase() };
  return { ok: false, message: `Alamat surel "${t}" tidak sah (contoh: nama@contoh.go.id).` };
}

/** A code from the branch template's list, kept as written (upper case); no formula characters. */
export function parseWorkLocation(text: string): Parsed {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return { ok: true, value: null };
  if (t.length > 60) return { ok: false, message: 'Lokasi pekerjaan paling panjang 60 karakter.' };
  if (/^[=+\-@]/.test(t)) return { ok: false, message: `Lokasi pekerjaan "${t}" tidak boleh diawali = + - atau @.` };
  return { ok: true, value: t.toUpperCase() };
}

export const CONTACT_PARSERS: Record<ContactField, (text: string) => Parsed> = {
  postalCode: parsePostalCode,
  email: parseEmail,
  maritalStatus: parseMaritalStatus,
  workLocation: parseWorkLocation,
};
