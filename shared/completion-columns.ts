/**
 * "Lengkapi data pegawai": the person fields an OPD treasurer fills in the completion workbook, with the
 * header the workbook writes and the database column each lands in. One list for the writer, the
 * importer (which reads these headers back, and the roster export's NIK/Nama/Nomor KPJ), the preview
 * screen and the CLI.
 */
import { CONTACT_LABELS } from './person-contact';

export type CompletionField = 'kpj' | 'motherName' | 'address' | 'postalCode' | 'phone' | 'email' | 'maritalStatus' | 'workLocation';

export const COMPLETION_FIELDS: readonly CompletionField[] = ['kpj', 'motherName', 'address', 'postalCode', 'phone', 'email', 'maritalStatus', 'workLocation'];

/** The field's name on screen and in messages. */
export const COMPLETION_LABELS: Record<CompletionField, string> = {
  kpj: 'Nomor KPJ',
  motherName: 'Nama ibu kandung',
  address: 'Alamat',
  postalCode: CONTACT_LABELS.postalCode,
  phone: 'Telepon/HP',
  email: CONTACT_LABELS.email,
  maritalStatus: CONTACT_LABELS.maritalStatus,
  workLocation: CONTACT_LABELS.workLocation,
};

/** The header cell the workbook writes (what the importer finds first). */
export const COMPLETION_HEADERS: Record<CompletionField, string> = {
  ...COMPLETION_LABELS,
  email: 'Surel (e-mail)',
  maritalStatus: 'Status kawin (Y/T)',
};

export const COMPLETION_DB_COLUMNS: Record<CompletionField, string> = {
  kpj: 'kpj',
  motherName: 'mother_name',
  address: 'address',
  postalCode: 'postal_code',
  phone: 'phone',
  email: 'email',
  maritalStatus: 'marital_status',
  workLocation: 'work_location',
};
