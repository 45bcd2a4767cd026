/**
 * NIK (Nomor Induk Kependudukan) rules, domain.md section 7:
 * 16 digits `PPKKCC DDMMYY SSSS`; women add 40 to the birth day.
 */

import { codePointName, firstInvisible, visibleName } from './person-name';

/** Province codes in use (domain.md section 7). */
const PROVINCES = new Set<number>([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72,
  73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
]);

export type NikProblemCode = 'NIK_EMPTY' | 'NIK_FORMAT' | 'NIK_PROVINCE' | 'NIK_DATE';

export interface NikInfo {
  nik: string;
  province: string;
  sex: 'L' | 'P';
  birthDay: number;
  birthMonth: number;
  /** Two-digit year as written in the NIK. */
  birthYear2: number;
}

export type NikResult =
  | { ok: true; info: NikInfo }
  | { ok: false; code: NikProblemCode; message: string; nik: string };

/** Removes the spaces, dots, dashes and leading apostrophe clerks type around a NIK. */
export function cleanNik(raw: string): string {
  return raw.trim().replace(/^'+/, '').replace(/[\s.-]/g, '');
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function parseNik(raw: string): NikResult {
  const nik = cleanNik(raw);
  if (nik === '') return { ok: false, code: 'NIK_EMPTY', message: 'NIK kosong.', nik };
  // Copied NIKs bring characters no one can see, and phones and Arabic keyboards type digits that look
  // like 0-9 but are not: say which, so the clerk retypes rather than stares at 16 digits that look right.
  // (Only when the NIK is not plain 0-9 already: the walk over the characters is for the odd case.)
  const plain = /^\d{16}$/.test(nik);
  const hidden = plain ? null : firstInvisible(nik);
  if (hidden) {
    return { ok: false, code: 'NIK_FORMAT', message: `NIK "${visibleName(raw.trim(), 30)}" memuat karakter tak terlihat (${codePointName(hidden)}), biasanya terbawa saat menyalin dari dokumen lain. Ketik ulang NIK dari KTP.`, nik };
  }
  const foreignDigit = plain ? undefined : Array.from(nik).find((ch) => /\p{Nd}/u.test(ch) && !/[0-9]/.test(ch));
  if (foreignDigit) {
    return { ok: false, code: 'NIK_FORMAT', message: `NIK "${visibleName(raw.trim(), 30)}" memuat angka "${foreignDigit}" (${codePointName(foreignDigit)}) yang bukan angka 0-9 biasa (misalnya angka Arab atau angka lebar). Ketik ulang NIK dengan angka 0-9.`, nik };
  }
  if (!plain) {
    return { ok: false, code: 'NIK_FORMAT', message: `NIK harus 16 angka, tertulis "${raw.trim()}" (${nik.length} karakter).`, nik };
  }
  const province = nik.slice(0, 2);
  if (!PROVINCES.has(Number(province))) {
    return { ok: false, code: 'NIK_PROVINCE', message: `Kode provinsi NIK "${province}" tidak dikenal.`, nik };
  }
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const year2 = Number(nik.slice(10, 12));
  const sex = rawDay > 40 ? 'P' : 'L';
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  // Year 2000 is a leap year, so a 29 Feb with 2-digit year 00 is valid in either century;
  // checking against 2000 + yy covers every year a living person can have (1900 was not leap: 29-02-00
  // then only means 2000, which is still a real date).
  if (!isRealDate(2000 + year2, month, day)) {
    return { ok: false, code: 'NIK_DATE', message: `Tanggal lahir dalam NIK (${nik.slice(6, 12)}) bukan tanggal yang sah.`, nik };
  }
  if (nik.slice(12) === '0000') {
    return { ok: false, code: 'NIK_FORMAT', message: 'Nomor urut NIK (4 angka terakhir) tidak boleh 0000.', nik };
  }
  return { ok: true, info: { nik, province, sex, birthDay: day, birthMonth: month, birthYear2: year2 } };
}

/**
 * The full birth year for a NIK's two-digit year, choosing the century that gives a plausible working
 * age (at least 14) on the reference date.
 */
export function nikBirthYear(year2: number, referenceYear: number): number {
  const recent = 2000 + year2;
  return recent <= referenceYear - 14 ? recent : 1900 + year2;
}

/** The birth date a NIK encodes, as ISO `YYYY-MM-DD`. */
export function nikBirthDate(info: NikInfo, referenceYear: number): string {
  const y = nikBirthYear(info.birthYear2, referenceYear);
  return `${y}-${pad2(info.birthMonth)}-${pad2(info.birthDay)}`;
}

/** Masks the middle of a NIK or KPJ for roles that do not need it: `1804********0001`. */
export function maskId(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
