import { builtinProfile, FIELDS, headerKey, type FieldId, type ReportKind } from '../../../shared/sipp-layouts';
import { formatDateId, isIsoDate } from '../../../shared/dates';
import { nikBirthDate, parseNik } from '../../../shared/nik';
import { fieldValues, isMobileNumber, normalizePhone, sexOf } from './values';
import { CHECKED_FIELDS, markBuiltinRequired, requiredFields, requiredProblems, type RequirableColumn } from './required';
import type { CheckedChange, PendingChange, ProblemSeverity, ReportEnv, ReportProblem } from './types';

/**
 * What Sigap checks for each kind of file. Mother's name, birth place and address are warnings (the
 * portal's upload does not mark them required, domain.md section 8) unless the profile requires them.
 */
const REQUIRED: Record<ReportKind, readonly FieldId[]> = {
  new: ['nik', 'fullName', 'birthPlace', 'birthDate', 'motherName', 'sex', 'address', 'wage'],
  continue: ['kpj', 'nik', 'fullName', 'birthDate', 'wage'],
  na: ['kpj', 'fullName', 'birthDate', 'eventDate'],
  wage: ['kpj', 'nik', 'fullName', 'birthDate', 'wage'],
  bpu: ['nik', 'fullName', 'birthPlace', 'birthDate', 'motherName', 'sex', 'address', 'income'],
};

const blank = (s: string | null | undefined) => (s ?? '').trim() === '';

/**
 * What Indonesian sheets write for "no data": `-`, `--`, `.`, `n/a`, `tidak ada`, `tdk ada`, `kosong`,
 * `belum ada`, `0`... The portal takes them as a value and BPJS then rejects the registration at
 * Dukcapil matching, so pre-flight counts them as missing. Punctuation-only text counts too.
 */
const PLACEHOLDER_WORDS = new Set(['NA', 'N A', 'NIL', 'NULL', 'NONE', 'TIDAK ADA', 'TDK ADA', 'TIDAK DIKETAHUI', 'TDK DIKETAHUI', 'BELUM ADA', 'KOSONG', 'TIDAK', 'TDK', 'TAK ADA', '0']);

export function isPlaceholder(s: string | null | undefined): boolean {
  const t = (s ?? '').trim();
  if (t === '') return false;
  if (/^[\p{P}\p{S}\s]+$/u.test(t)) return true;
  return PLACEHOLDER_WORDS.has(t.toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim());
}

/** Empty, or a placeholder for "no data". */
const missing = (s: string | null | undefined) => blank(s) || isPlaceholder(s);

/** The tail of a "missing" message: names what was written when it was a placeholder. */
const written = (s: string | null | undefined) => (isPlaceholder(s) ? ` (tertulis "${(s ?? '').trim()}", bukan data)` : '');

/** The column the clerk sees in the built-in layout for a field (or the field's label). */
function columnOf(kind: ReportKind, field: FieldId): string {
  const col = builtinProfile(kind).columns.find((c) => c.field === field || (field === 'nik' && c.field === 'idNumber'));
  return col?.header ?? FIELDS[field];
}

/** Checked only as warnings unless the profile marks their column required. */
const SOFT: ReadonlySet<FieldId> = new Set<FieldId>(['birthPlace', 'motherName', 'address']);

/**
 * The pre-flight check: per person, what the branch will reject (errors) and what looks wrong but may
 * pass (warnings), for the profile the files are written with (the kind's built-in one by default):
 * a column the profile requires (required.ts) left empty is an error naming the column. The clerk
 * fixes the roster, or fills a column for many people at once (fill-required.ts), and checks again.
 */
export function checkChange(c: PendingChange, env: ReportEnv, profile: { columns: RequirableColumn[] } = builtinRequired(c.kind)): CheckedChange {
  const problems: ReportProblem[] = [];
  const byProfile = requiredFields(profile.columns);
  const add = (code: string, field: FieldId, message: string, severity: ProblemSeverity = 'error') =>
    problems.push({ code, field, column: columnOf(c.kind, field), message, severity: SOFT.has(field) && !byProfile.has(field) ? 'warning' : severity });
  const required = new Set([...REQUIRED[c.kind], ...[...byProfile].filter((f) => CHECKED_FIELDS.has(f))]);

  if (required.has('nik')) {
    const nik = parseNik(c.nik);
    if (!nik.ok) add('NIK_INVALID', 'nik', `NIK ${c.nik} tidak sah: ${nik.message}`);
    else if (c.birthDate && isIsoDate(c.birthDate)) {
      const fromNik = nikBirthDate(nik.info, env.referenceYear);
      if (fromNik.slice(5) !== c.birthDate.slice(5)) {
        add('BIRTH_DATE_NIK', 'birthDate', `Tanggal lahir ${formatDateId(c.birthDate)} berbeda dengan tanggal dalam NIK (${formatDateId(fromNik).replace(/\s\d{4}$/, '')}); BPJS mencocokkan data dengan Dukcapil.`, 'warning');
      }
      if (c.sex && c.sex !== nik.info.sex) add('SEX_NIK', 'sex', `Jenis kelamin ${c.sex} berbeda dengan NIK (${nik.info.sex}).`, 'warning');
    }
  }
  if (required.has('kpj')) {
    if (blank(c.kpj)) add('KPJ_MISSING', 'kpj', 'Nomor KPJ belum ada: impor daftar peserta dari kantor cabang (sigap import-kpj) lebih dulu.');
    else if (!/^\d{8,13}$/.test(c.kpj!)) add('KPJ_INVALID', 'kpj', `Nomor KPJ "${c.kpj}" harus 8 sampai 13 angka.`);
  }
  if (missing(c.name)) add('NAME_MISSING', 'fullName', `Nama lengkap kosong${written(c.name)}.`);
  else if (/\d/.test(c.name)) add('NAME_INVALID', 'fullName', `Nama "${c.name}" memuat angka; tulis nama sesuai KTP.`);
  if (required.has('birthPlace') && missing(c.birthPlace)) add('BIRTH_PLACE_MISSING', 'birthPlace', `Tempat lahir belum diisi${written(c.birthPlace)}.`);
  if (blank(c.birthDate)) add('BIRTH_DATE_MISSING', 'birthDate', 'Tanggal lahir belum diisi.');
  else if (!isIsoDate(c.birthDate!) || c.birthDate! >= env.asOf) add('BIRTH_DATE_INVALID', 'birthDate', `Tanggal lahir "${c.birthDate}" tidak sah.`);
  if (required.has('motherName') && missing(c.motherName)) add('MOTHER_MISSING', 'motherName', `Nama ibu kandung belum diisi${written(c.motherName)}; wajib untuk pendaftaran BPJS.`);
  if (required.has('sex') && sexOf(c) === null) add('SEX_MISSING', 'sex', 'Jenis kelamin belum diisi dan tidak dapat dibaca dari NIK.');
  if (required.has('address') && missing(c.address)) add('ADDRESS_MISSING', 'address', `Alamat belum diisi${written(c.address)}.`);
  if (required.has('wage') || required.has('income')) {
    const field = required.has('wage') ? 'wage' : 'income';
    if (c.baseError !== null) add('WAGE_BASE', field, `Upah yang dilaporkan tidak dapat dihitung: ${c.baseError}`);
    else if (c.reportedWage <= 0) add('WAGE_MISSING', field, 'Upah yang dilaporkan masih 0; isi honor atau upah dilaporkan.');
  }
  if (required.has('eventDate') && blank(c.endDate)) add('END_DATE_MISSING', 'eventDate', 'Tanggal berakhir belum tercatat.');
  if ((c.kind === 'new' || c.kind === 'bpu') && !blank(c.phone) && !isMobileNumber(normalizePhone(c.phone))) {
    add('PHONE_INVALID', 'mobile', `Nomor HP "${c.phone}" tidak seperti nomor seluler (08..., 10 sampai 13 angka); kolom tetap diisi apa adanya.`, 'warning');
  }
  if (byProfile.size > 0) problems.push(...requiredProblems(profile.columns, fieldValues(c, env, 1)));
  return { change: c, problems, ok: !problems.some((p) => p.severity === 'error') };
}

/** A remark on a whole batch (its profile), said once rather than for every person. */
export interface ProfileWarning {
  code: string;
  column: string;
  message: string;
}

/** The built-in profile's columns of a kind with their required marks, read once per kind. */
const builtinColumns = new Map<ReportKind, RequirableColumn[]>();
function builtinRequired(kind: ReportKind): { columns: RequirableColumn[] } {
  let cols = builtinColumns.get(kind);
  if (!cols) {
    const p = builtinProfile(kind);
    cols = markBuiltinRequired(p.name, p.columns);
    builtinColumns.set(kind, cols);
  }
  return { columns: cols };
}

/** Registration columns the portal may ask for, and what Sigap keeps for them since migration 0120. */
const CONSTANT_HINTS: Record<string, { code: string; what: string }> = {
  STATUS_KAWIN: { code: 'MARITAL_EMPTY', what: 'status kawin pegawai (maritalStatus) atau nilai tetap Y/T' },
  LOKASI_PEKERJAAN: { code: 'WORK_LOCATION_EMPTY', what: 'lokasi pekerjaan pegawai (workLocation) atau kode tetap dari daftar templat' },
};

/**
 * What a profile leaves empty for everyone, said once per batch: a registration column the portal
 * may ask for (STATUS_KAWIN, LOKASI_PEKERJAAN) or a column the profile requires, filled by neither a
 * field nor a constant. Columns filled from the person's record are checked person by person instead.
 */
export function profileWarnings(profile: { name: string; kind: ReportKind; builtin?: boolean; columns: RequirableColumn[] }): ProfileWarning[] {
  const out: ProfileWarning[] = [];
  for (const col of profile.columns) {
    if (col.field !== null || (col.value ?? '').trim() !== '') continue;
    const hint = profile.kind === 'new' ? CONSTANT_HINTS[headerKey(col.header)] : undefined;
    if (!hint && !col.required) continue;
    out.push({
      code: hint?.code ?? 'REQUIRED_UNMAPPED', column: col.header,
      message: `Kolom ${col.header}${col.required ? ' (wajib)' : ''} ditulis kosong untuk semua orang: profil "${profile.name}" tidak mengisinya. Petakan ke ${hint?.what ?? 'isian data pegawai atau beri nilai tetap'} di Pelaporan BPJS › Profil templat (perintah: sigap profile edit "${profile.name}" --set ${col.header}=...).`,
    });
  }
  return out;
}
