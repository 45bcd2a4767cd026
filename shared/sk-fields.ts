/**
 * The columns an SK appendix can have, and what the clerk calls them: one list for the importer
 * (electron/core/skimport/header.ts), the bridge contract (shared/contract/sk.ts) and the wizard's labels.
 */
export const SK_FIELDS = [
  'no', 'name', 'nik', 'birth', 'birthPlace', 'birthDate', 'sex', 'education', 'position', 'unit',
  'village', 'honor', 'tmt', 'note', 'address', 'phone', 'mother', 'kpj',
] as const;
export type SkField = (typeof SK_FIELDS)[number];

export const SK_FIELD_LABELS: Record<SkField, string> = {
  no: 'No', name: 'Nama', nik: 'NIK', birth: 'Tempat/Tgl Lahir', birthPlace: 'Tempat Lahir',
  birthDate: 'Tanggal Lahir', sex: 'L/P', education: 'Pendidikan', position: 'Jabatan/Tugas',
  unit: 'Unit Kerja (OPD)', village: 'Desa/Pekon', honor: 'Honor', tmt: 'TMT', note: 'Keterangan',
  address: 'Alamat', phone: 'Telepon/HP', mother: 'Nama Ibu Kandung', kpj: 'Nomor KPJ',
};
