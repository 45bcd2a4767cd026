/** Indonesian words for the codes that cross the bridge. */
import type { FIELD_NAMES } from '../../shared/contract/sk';
import { SK_FIELD_LABELS } from '../../shared/sk-fields';

export type FieldName = (typeof FIELD_NAMES)[number];

/** The appendix columns the importer knows, as the clerk calls them (shared/sk-fields.ts). */
export const FIELD_LABELS: Record<FieldName, string> = SK_FIELD_LABELS;
export const FIELD_ORDER = Object.keys(FIELD_LABELS) as FieldName[];

export const MODE_LABELS = { replace: 'Ganti seluruh', amend: 'Perubahan' } as const;

export const STATUS_LABELS = { active: 'Aktif', ended: 'Berakhir', all: 'Semua' } as const;

export const SEX_LABELS = { L: 'Laki-laki', P: 'Perempuan' } as const;

export const UNIT_KIND_LABELS = { opd: 'OPD', village: 'Desa/Pekon' } as const;

export const UNIT_SOURCE_LABELS = {
  column: 'dari kolom unit kerja',
  'group-rows': 'dari baris kelompok (mis. "A. DINAS SOSIAL")',
  'sheet-name': 'dari nama sheet',
  default: 'OPD bawaan yang dipilih',
  none: 'tidak diketahui',
} as const;

const ACTIONS: Record<string, string> = { create: 'Dibuat', update: 'Diubah', end: 'Diakhiri', import: 'Impor SK', delete: 'Dihapus' };
const ENTITIES: Record<string, string> = { person: 'data pribadi', engagement: 'keterlibatan', decree: 'SK' };

/** `Diubah · data pribadi` for an audit row; unknown codes are shown as they are. */
export function auditLabel(action: string, entity: string): string {
  return `${ACTIONS[action] ?? action} · ${ENTITIES[entity] ?? entity}`;
}

/** Who made a change: the desktop app, or a user of the `sigap` command line. */
export function actorLabel(actor: string): string {
  if (actor === 'app') return 'pengguna aplikasi';
  if (actor.startsWith('cli:')) return `${actor.slice(4)} (baris perintah)`;
  return actor;
}

/** Short Indonesian names for the importer's problem codes, for the problem filter. */
const PROBLEM_LABELS: Record<string, string> = {
  NIK_NUMERIC: 'NIK tersimpan sebagai angka',
  NIK_FORMAT: 'NIK bukan 16 angka',
  NIK_EMPTY: 'NIK kosong',
  NIK_PROVINCE: 'Kode provinsi NIK tidak dikenal',
  NIK_DATE: 'Tanggal dalam NIK tidak sah',
  NIK_DUPLICATE: 'NIK ganda dalam berkas',
  NIK_ACTIVE_OTHER: 'NIK masih aktif di kategori lain',
  NAME_EMPTY: 'Nama kosong',
  NAME_INVALID: 'Nama tidak wajar',
  HONOR_EMPTY: 'Honor kosong',
  HONOR_INVALID: 'Honor bukan jumlah rupiah',
  BIRTHDATE_INVALID: 'Tanggal lahir tidak terbaca',
  BIRTHDATE_IMPLAUSIBLE: 'Tanggal lahir tidak wajar',
  BIRTHDATE_MISMATCH: 'Tanggal lahir berbeda dengan NIK',
  SEX_INVALID: 'Jenis kelamin tidak terbaca',
  SEX_MISMATCH: 'Jenis kelamin berbeda dengan NIK',
  KPJ_FORMAT: 'Nomor KPJ tidak sah',
  UNIT_MISSING: 'Unit kerja tidak diketahui',
  NO_HEADER: 'Sheet tanpa judul kolom',
};

export function problemLabel(code: string): string {
  return PROBLEM_LABELS[code] ?? code;
}
