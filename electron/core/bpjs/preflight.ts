import { builtinProfile, FIELDS, type FieldId, type ReportKind } from '../../../shared/sipp-layouts';
import { formatDateId, isIsoDate } from '../../../shared/dates';
import { nikBirthDate, parseNik } from '../../../shared/nik';
import { isMobileNumber, normalizePhone, sexOf } from './values';
import type { CheckedChange, PendingChange, ProblemSeverity, ReportEnv, ReportProblem } from './types';

/** What each kind of file must carry for the portal to accept a row. */
const REQUIRED: Record<ReportKind, readonly FieldId[]> = {
  new: ['nik', 'fullName', 'birthPlace', 'birthDate', 'motherName', 'sex', 'address', 'wage'],
  na: ['kpj', 'fullName', 'birthDate', 'eventDate'],
  wage: ['kpj', 'nik', 'fullName', 'birthDate', 'wage'],
  bpu: ['nik', 'fullName', 'birthPlace', 'birthDate', 'motherName', 'sex', 'address', 'income'],
};

const blank = (s: string | null | undefined) => (s ?? '').trim() === '';

/** The column the clerk sees in the built-in layout for a field (or the field's label). */
function columnOf(kind: ReportKind, field: FieldId): string {
  const col = builtinProfile(kind).columns.find((c) => c.field === field || (field === 'nik' && c.field === 'idNumber'));
  return col?.header ?? FIELDS[field];
}

/**
 * The pre-flight check: per person, what the branch will reject (errors) and what looks wrong but may
 * pass (warnings). The clerk fixes the roster and checks again.
 */
export function checkChange(c: PendingChange, env: ReportEnv): CheckedChange {
  const problems: ReportProblem[] = [];
  const add = (code: string, field: FieldId, message: string, severity: ProblemSeverity = 'error') =>
    problems.push({ code, field, column: columnOf(c.kind, field), message, severity });
  const required = new Set(REQUIRED[c.kind]);

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
  if (blank(c.name)) add('NAME_MISSING', 'fullName', 'Nama lengkap kosong.');
  else if (/\d/.test(c.name)) add('NAME_INVALID', 'fullName', `Nama "${c.name}" memuat angka; tulis nama sesuai KTP.`);
  if (required.has('birthPlace') && blank(c.birthPlace)) add('BIRTH_PLACE_MISSING', 'birthPlace', 'Tempat lahir belum diisi.');
  if (blank(c.birthDate)) add('BIRTH_DATE_MISSING', 'birthDate', 'Tanggal lahir belum diisi.');
  else if (!isIsoDate(c.birthDate!) || c.birthDate! >= env.asOf) add('BIRTH_DATE_INVALID', 'birthDate', `Tanggal lahir "${c.birthDate}" tidak sah.`);
  if (required.has('motherName') && blank(c.motherName)) add('MOTHER_MISSING', 'motherName', 'Nama ibu kandung belum diisi (wajib untuk pendaftaran BPJS).');
  if (required.has('sex') && sexOf(c) === null) add('SEX_MISSING', 'sex', 'Jenis kelamin belum diisi dan tidak dapat dibaca dari NIK.');
  if (required.has('address') && blank(c.address)) add('ADDRESS_MISSING', 'address', 'Alamat belum diisi.');
  if ((required.has('wage') || required.has('income')) && c.reportedWage <= 0) {
    add('WAGE_MISSING', required.has('wage') ? 'wage' : 'income', 'Upah yang dilaporkan masih 0; isi honor atau upah dilaporkan.');
  }
  if (required.has('eventDate') && blank(c.endDate)) add('END_DATE_MISSING', 'eventDate', 'Tanggal berakhir belum tercatat.');
  if ((c.kind === 'new' || c.kind === 'bpu') && !blank(c.phone) && !isMobileNumber(normalizePhone(c.phone))) {
    add('PHONE_INVALID', 'mobile', `Nomor HP "${c.phone}" tidak seperti nomor seluler (08..., 10 sampai 13 angka); kolom tetap diisi apa adanya.`, 'warning');
  }
  return { change: c, problems, ok: !problems.some((p) => p.severity === 'error') };
}
