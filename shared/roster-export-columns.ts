/**
 * The roster export's column headers and the default choice, in shared/ so the core writes them and the
 * renderer's column chooser (Pegawai › Unduh Excel) shows the same words.
 */
import type { ROSTER_EXPORT_COLUMNS } from './contract/roster';

export type RosterColumn = (typeof ROSTER_EXPORT_COLUMNS)[number];

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
};

/** What the file holds when the clerk does not choose: everything on the screen and a bit more. */
export const DEFAULT_ROSTER_COLUMNS: readonly RosterColumn[] = ['nik', 'name', 'sex', 'birthPlace', 'birthDate', 'kpj', 'opd', 'category', 'position', 'honor', 'startDate', 'endDate', 'decreeNumber'];
