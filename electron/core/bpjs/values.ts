import type { FieldId } from '../../../shared/sipp-layouts';
import { formatDateDmy, monthOf } from '../../../shared/dates';
import { parseNik } from '../../../shared/nik';
import type { PendingChange, ReportEnv } from './types';
import { splitAcademicTitle } from '../../../shared/academic-title';
import { wageChangeFields } from './wage-change';
import { DEFAULT_NA_CODES, naReasonKind, type NaReasonKind } from './na-reasons';

/**
 * A phone number as the portal takes it: digits only, the country code +62 / 62 written as a leading 0,
 * and the leading 0 put back when a spreadsheet dropped it (`812...` -> `0812...`).
 */
export function normalizePhone(raw: string | null): string {
  const digits = (raw ?? '').replace(/\D/g, '');
  if (digits === '') return '';
  if (digits.startsWith('62')) return `0${digits.slice(2)}`;
  if (digits.startsWith('8')) return `0${digits}`;
  return digits;
}

/** A plausible Indonesian mobile number after normalising: 08 and 10 to 13 digits in all. */
export function isMobileNumber(normalized: string): boolean {
  return /^08\d{8,11}$/.test(normalized);
}

/** The postal code at the end of an address (`..., Liwa 34812`), or '': the fallback for a person without a postal code of their own. */
export function postalCodeOf(address: string | null): string {
  const m = /(?:^|\D)(\d{5})\s*\.?\s*$/.exec(address ?? '');
  return m ? m[1]! : '';
}

/** First, middle and last name for older templates that split the name (one word: first name only). */
export function splitName(full: string): { first: string; middle: string; last: string } {
  const words = full.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { first: words[0] ?? '', middle: '', last: '' };
  return { first: words[0]!, middle: words.slice(1, -1).join(' '), last: words[words.length - 1]! };
}

/**
 * SEBAB_NA for an end reason: the portal's code for its kind, from the editable table the report
 * environment carries (bpjs/na-reasons.ts, migration 0200), the seeded codes without one.
 */
export function naReasonOf(endReason: string | null, codes: Record<NaReasonKind, string> = DEFAULT_NA_CODES): string {
  return codes[naReasonKind(endReason)];
}

const dmy = (iso: string | null): string => (iso ? formatDateDmy(iso) : '');

/** `2026-03` -> `03-2026` */
function blthOf(month: string): string {
  return `${month.slice(5, 7)}-${month.slice(0, 4)}`;
}

/** The contribution month of a row: a wage change's own month (a new engagement's or a floor row's), else the start. */
const contributionMonth = (c: PendingChange): string => (c.kind === 'wage' ? c.month : monthOf(c.startDate));

/** The sex the portal gets: the roster's, else the one the NIK encodes. */
export function sexOf(c: Pick<PendingChange, 'sex' | 'nik'>): 'L' | 'P' | null {
  if (c.sex) return c.sex;
  const n = parseNik(c.nik);
  return n.ok ? n.info.sex : null;
}

/**
 * Every field's text for one change. UPAH and PENGHASILAN are `reportedWage`: the base billing bills
 * for the row's month (billing/base.ts), so the files and the invoices never disagree. Fields that belong to another kind of report come out as they
 * would for that kind (a profile may mix them); empty means Sigap has nothing to say.
 */
export function fieldValues(c: PendingChange, env: ReportEnv, rowNo: number): Record<FieldId, string> {
  // NAMA_LENGKAP is the name as on the KTP; the SK's titles (Drs., S.Pd.) go to GELAR.
  const titled = splitAcademicTitle(c.name);
  const name = splitName(titled.name);
  return {
    rowNo: String(rowNo),
    employeeNo: '',
    fullName: titled.name,
    firstName: name.first,
    middleName: name.middle,
    lastName: name.last,
    title: titled.title ?? '',
    phoneAreaHome: '',
    phoneHome: '',
    phoneAreaOffice: '',
    phoneOffice: '',
    phoneExtOffice: '',
    mobile: normalizePhone(c.phone),
    email: c.email ?? '',
    birthPlace: c.birthPlace ?? '',
    birthDate: dmy(c.birthDate),
    motherName: c.motherName ?? '',
    idType: 'KTP',
    idNumber: c.nik,
    idValidUntil: '31-12-3000',
    sex: sexOf(c) ?? '',
    mailTo: 'S',
    memberSince: '',
    maritalStatus: c.maritalStatus ?? '',
    bloodType: '',
    npwp: '',
    countryCode: 'ID',
    wage: c.reportedWage > 0 ? String(c.reportedWage) : '',
    address: c.address ?? '',
    postalCode: c.postalCode ?? postalCodeOf(c.address),
    workLocation: c.workLocation ?? '',
    employmentStatus: 'PKWT',
    startDate: dmy(c.startDate),
    contractEnd: dmy(c.endDate),
    kpj: c.kpj ?? '',
    nik: c.nik,
    naReason: naReasonOf(c.endReason, env.naCodes),
    eventDate: dmy(c.endDate),
    note: c.endReason ?? '',
    blth: blthOf(contributionMonth(c)),
    npp: env.npp ?? '',
    ...wageChangeFields(c, env, contributionMonth(c)),
    fundingCode: c.opdKind === 'village' ? env.villageFunding : 'SG',
    occupation: c.position ?? '',
    unitName: c.opdName,
    unitCode: c.opdCode,
    programs: c.programs,
    income: c.reportedWage > 0 ? String(c.reportedWage) : '',
    coverageStart: dmy(c.startDate),
  };
}
