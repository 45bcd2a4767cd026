/**
 * The roster export's column headers and the default choice, in shared/ so the core writes them and the
 * renderer's column chooser (Pegawai › Unduh Excel) shows the same words.
 */
import type { ROSTER_EXPORT_COLUMNS } from './contract/roster';
import { COMPLETION_HEADERS } from './completion-columns';

export type RosterColumn = (typeof ROSTER_EXPORT_COLUMNS)[number];
/** The columns the roster's own rows carry (all but the contact fields, read per person). */
export type RosterRowColumn = Exclude<RosterColumn, 'postalCode' | 'email' | 'maritalStatus' | 'workLocation'>;

/** Each column's header; the keys are the contract's list (ROSTER_EXPORT_COLUMNS), checked by the type. */
export const ROSTER_COLUMN_HEADERS: Record<RosterColumn, string> = {
  nik: 'NIK',
  name: 'Nama',
  sex: 'L/P',
  birthPlace: 'Tempat lahir',
  birthDate: 'Tanggal lahir',
  kpj: 'Nomor KPJ',
  opdCode: 'Kode unit',
  opd: 'Unit kerja (OPD/desa)',
  category: 'Kategori',
  segment: 'Segmen',
  position: 'Jabatan',
  honor: 'Honor',
  reportedWage: 'Upah dilaporkan',
  startDate: 'Mulai (TMT)',
  endDate: 'Selesai',
  decreeNumber: 'Nomor SK',
  // The completion workbook's headers, so its importer reads an export with these columns back.
  postalCode: COMPLETION_HEADERS.postalCode,
  email: COMPLETION_HEADERS.email,
  maritalStatus: COMPLETION_HEADERS.maritalStatus,
  workLocation: COMPLETION_HEADERS.workLocation,
};

/** The person's contact fields (migration 0120): private like the address, hidden from finance and viewer. */
export const CONTACT_EXPORT_COLUMNS: ReadonlySet<RosterColumn> = new Set(['postalCode', 'email', 'maritalStatus', 'workLocation']);

/** What the file holds when the clerk does not choose: everything on the screen and a bit more. */
export const DEFAULT_ROSTER_COLUMNS: readonly RosterRowColumn[] = ['nik', 'name', 'sex', 'birthPlace', 'birthDate', 'kpj', 'opd', 'category', 'position', 'honor', 'startDate', 'endDate', 'decreeNumber'];
