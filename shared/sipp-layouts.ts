/**
 * The upload workbooks the BPJS branch office expects from SIPP Online (domain.md section 8), as data:
 * the fields Sigap can fill, the built-in layouts, and the header-name matching that turns a branch's
 * blank template into a profile. Pure TypeScript: the core, the CLI and the screens share it.
 *
 * Layout documentation for clerks and reviewers: docs/bpjs-layouts.md.
 */

/**
 * What a set of files reports: registrations, TK lanjutan (people who already hold a KPJ from an earlier
 * employer, registered by KPJ), deactivations, wage changes, BPU collective registration.
 */
export const REPORT_KINDS = ['new', 'continue', 'na', 'wage', 'bpu'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  new: 'Pendaftaran tenaga kerja baru (PU)',
  continue: 'Pendaftaran TK lanjutan (sudah punya KPJ)',
  na: 'Penonaktifan tenaga kerja',
  wage: 'Perubahan upah',
  bpu: 'Pendaftaran kolektif BPU (pekerja rentan)',
};

/** The portal takes at most this many data rows per file (domain.md section 8). */
export const MAX_ROWS_PER_FILE = 10_000;

/** Funding codes BPJS records for collectively registered BPU participants (domain.md section 2). */
export const FUNDING_CODES = ['SG', 'SA', 'SD', 'SL'] as const;
export type FundingCode = (typeof FUNDING_CODES)[number];

/**
 * Every value Sigap can put in a column. A profile maps a header to one of these (or to nothing: the
 * column is written empty). Labels say where the value comes from.
 */
export const FIELDS = {
  rowNo: 'Nomor urut baris dalam berkas',
  employeeNo: 'Nomor pegawai (kosong: tenaga non-ASN tidak bernomor)',
  fullName: 'Nama lengkap',
  firstName: 'Nama depan (kata pertama nama)',
  middleName: 'Nama tengah (kata di antara pertama dan terakhir)',
  lastName: 'Nama belakang (kata terakhir nama)',
  title: 'Gelar, dipisahkan dari nama (mis. Drs., S.Pd.)',
  phoneAreaHome: 'Kode area telepon rumah (kosong)',
  phoneHome: 'Telepon rumah (kosong)',
  phoneAreaOffice: 'Kode area telepon kantor (kosong)',
  phoneOffice: 'Telepon kantor (kosong)',
  phoneExtOffice: 'Ekstensi telepon kantor (kosong)',
  mobile: 'Nomor HP, hanya angka, +62 menjadi 0',
  email: 'Email pegawai (bila dicatat)',
  birthPlace: 'Tempat lahir',
  birthDate: 'Tanggal lahir (dd-mm-yyyy)',
  motherName: 'Nama ibu kandung',
  idType: 'Jenis identitas: KTP',
  idNumber: 'Nomor identitas (NIK)',
  idValidUntil: 'Masa laku identitas: 31-12-3000 (e-KTP seumur hidup)',
  sex: 'Jenis kelamin L/P',
  mailTo: 'Surat-menyurat ke: S (pos)',
  memberSince: 'Tanggal kepesertaan (kosong: diisi BPJS)',
  maritalStatus: 'Status kawin Y/T dari data pegawai',
  bloodType: 'Golongan darah (kosong)',
  npwp: 'NPWP (kosong)',
  countryCode: 'Kode negara: ID',
  wage: 'Upah dilaporkan (rupiah, angka saja)',
  address: 'Alamat',
  postalCode: 'Kode pos pegawai (atau 5 angka di akhir alamat)',
  workLocation: 'Kode lokasi pekerjaan dari data pegawai (daftar templat)',
  employmentStatus: 'Status pegawai: PKWT',
  startDate: 'Tanggal mulai bekerja (TMT keterlibatan)',
  contractEnd: 'Tanggal akhir kontrak (akhir keterlibatan)',
  kpj: 'Nomor KPJ',
  nik: 'NIK',
  naReason: 'Sebab nonaktif: kode portal dari tabel Kode sebab nonaktif (mis. A1)',
  eventDate: 'Tanggal kejadian (akhir keterlibatan)',
  note: 'Keterangan (alasan berakhir seperti tercatat)',
  blth: 'Bulan iuran (mm-yyyy)',
  npp: 'NPP pemberi kerja',
  rapel: 'Rapel: selisih upah bulan-bulan antara bulan iuran perubahan dan bulan laporan (rupiah, angka saja; 0 bila tidak ada)',
  rapelFlag: 'Rapel Y/T (Y bila bulan iuran sudah lewat; templat lama)',
  workerCode: 'Kode TK dari SIPP (kosong: Sigap tidak menyimpannya; KPJ dan NIK menjadi kunci)',
  fundingCode: 'Kode sumber dana SG/SA/SD/SL',
  occupation: 'Jenis pekerjaan (jabatan dalam SK)',
  unitName: 'Nama OPD atau desa',
  unitCode: 'Kode OPD atau desa',
  programs: 'Program (mis. JKK,JKM)',
  income: 'Penghasilan dilaporkan (rupiah, angka saja)',
  coverageStart: 'Tanggal awal kepesertaan yang diminta',
} as const;
export type FieldId = keyof typeof FIELDS;
export const FIELD_IDS = Object.keys(FIELDS) as FieldId[];

export function isFieldId(s: string): s is FieldId {
  return Object.prototype.hasOwnProperty.call(FIELDS, s);
}

/** One column of a layout: the header as the template writes it, and what fills it (null: left empty). */
export interface ProfileColumn {
  header: string;
  field: FieldId | null;
}

export interface LayoutProfile {
  name: string;
  kind: ReportKind;
  sheetName: string;
  columns: ProfileColumn[];
  builtin: boolean;
}

/** `TANGGAL_LAHIR` -> column with the field the header names in the built-in layouts. */
const cols = (pairs: [string, FieldId | null][]): ProfileColumn[] => pairs.map(([header, field]) => ({ header, field }));

/**
 * The built-in layouts. `data_tk_baru` and `data_tk_na` follow the SIPP templates of domain.md
 * section 8 column for column. The wage-change and BPU layouts have no public template [L]:
 *
 * - Wage change, sheet `data_upah`: KPJ, NIK, NAMA_LENGKAP, TGL_LAHIR, BLTH, NPP, UPAH, RAPEL.
 *   BLTH is the contribution month the new wage applies from, written `mm-yyyy`; RAPEL is an amount:
 *   the wage difference of the months from BLTH up to the month before the report (bpjs/wage-change.ts).
 * - TK lanjutan, sheet `data_tk_lanjutan`: keyed by KPJ, with what the portal asks of a worker who
 *   already holds a card (the person's identity is read from the KPJ; the employer adds the work
 *   profile: status, start date, wage, address, work location) [L: no public template found].
 * - BPU collective (pekerja rentan), sheet `data_tk_bpu`, Sigap's own design: NIK, NAMA_LENGKAP,
 *   TEMPAT_LAHIR, TANGGAL_LAHIR, JENIS_KELAMIN, NAMA_IBU_KANDUNG, ALAMAT, KODE_POS, HP, JENIS_PEKERJAAN,
 *   LOKASI_KERJA, KODE_SUMBER_DANA (SG pemerintah, SA desa dari APBD, SD desa dari APBDes, SL desa
 *   lainnya), PENGHASILAN, PROGRAM, TGL_AWAL_KEPESERTAAN.
 */
export const BUILTIN_PROFILES: readonly LayoutProfile[] = [
  {
    name: 'sipp-tk-baru', kind: 'new', sheetName: 'data_tk_baru', builtin: true,
    columns: cols([
      ['NO_PEGAWAI', 'employeeNo'], ['NAMA_LENGKAP', 'fullName'], ['GELAR', 'title'],
      ['TELEPON_AREA_RUMAH', 'phoneAreaHome'], ['TELEPON_RUMAH', 'phoneHome'], ['TELEPON_AREA_KANTOR', 'phoneAreaOffice'],
      ['TELEPON_KANTOR', 'phoneOffice'], ['TELEPON_EXT_KANTOR', 'phoneExtOffice'], ['HP', 'mobile'], ['EMAIL', 'email'],
      ['TEMPAT_LAHIR', 'birthPlace'], ['TANGGAL_LAHIR', 'birthDate'], ['NAMA_IBU_KANDUNG', 'motherName'],
      ['JENIS_IDENTITAS', 'idType'], ['NOMOR_IDENTITAS', 'idNumber'], ['MASA_LAKU_IDENTITAS', 'idValidUntil'],
      ['JENIS_KELAMIN', 'sex'], ['SURAT_MENYURAT_KE', 'mailTo'], ['TANGGAL_KEPESERTAAN', 'memberSince'],
      ['STATUS_KAWIN', 'maritalStatus'], ['GOLONGAN_DARAH', 'bloodType'], ['NPWP', 'npwp'], ['KODE_NEGARA', 'countryCode'],
      ['UPAH', 'wage'], ['ALAMAT', 'address'], ['KODE_POS', 'postalCode'], ['LOKASI_PEKERJAAN', 'workLocation'],
      ['STATUS_PEGAWAI', 'employmentStatus'], ['TGL_AWAL_BEKERJA', 'startDate'], ['TGL_AKHIR_KONTRAK', 'contractEnd'],
    ]),
  },
  {
    name: 'sipp-tk-lanjutan', kind: 'continue', sheetName: 'data_tk_lanjutan', builtin: true,
    columns: cols([
      ['NO_PEGAWAI', 'employeeNo'], ['KPJ', 'kpj'], ['NOMOR_IDENTITAS', 'idNumber'], ['NAMA_LENGKAP', 'fullName'],
      ['TANGGAL_LAHIR', 'birthDate'], ['HP', 'mobile'], ['EMAIL', 'email'], ['STATUS_KAWIN', 'maritalStatus'],
      ['UPAH', 'wage'], ['ALAMAT', 'address'], ['KODE_POS', 'postalCode'], ['LOKASI_PEKERJAAN', 'workLocation'],
      ['STATUS_PEGAWAI', 'employmentStatus'], ['TGL_AWAL_BEKERJA', 'startDate'], ['TGL_AKHIR_KONTRAK', 'contractEnd'],
    ]),
  },
  {
    name: 'sipp-tk-na', kind: 'na', sheetName: 'data_tk_na', builtin: true,
    columns: cols([['KPJ', 'kpj'], ['NAMA_LENGKAP', 'fullName'], ['TGL_LAHIR', 'birthDate'], ['SEBAB_NA', 'naReason'], ['TGL_KEJADIAN', 'eventDate'], ['KETERANGAN', 'note']]),
  },
  {
    name: 'sipp-upah', kind: 'wage', sheetName: 'data_upah', builtin: true,
    columns: cols([['KPJ', 'kpj'], ['NIK', 'nik'], ['NAMA_LENGKAP', 'fullName'], ['TGL_LAHIR', 'birthDate'], ['BLTH', 'blth'], ['NPP', 'npp'], ['UPAH', 'wage'], ['RAPEL', 'rapel']]),
  },
  {
    name: 'sigap-bpu', kind: 'bpu', sheetName: 'data_tk_bpu', builtin: true,
    columns: cols([
      ['NIK', 'nik'], ['NAMA_LENGKAP', 'fullName'], ['TEMPAT_LAHIR', 'birthPlace'], ['TANGGAL_LAHIR', 'birthDate'],
      ['JENIS_KELAMIN', 'sex'], ['NAMA_IBU_KANDUNG', 'motherName'], ['ALAMAT', 'address'], ['KODE_POS', 'postalCode'], ['HP', 'mobile'],
      ['JENIS_PEKERJAAN', 'occupation'], ['LOKASI_KERJA', 'unitName'], ['KODE_SUMBER_DANA', 'fundingCode'],
      ['PENGHASILAN', 'income'], ['PROGRAM', 'programs'], ['TGL_AWAL_KEPESERTAAN', 'coverageStart'],
    ]),
  },
];

export function builtinProfile(kind: ReportKind): LayoutProfile {
  return BUILTIN_PROFILES.find((p) => p.kind === kind)!;
}

/** File names start with the built-in sheet name of their kind, whatever profile wrote them. */
export function filePrefix(kind: ReportKind): string {
  return builtinProfile(kind).sheetName;
}

/**
 * `data_tk_baru_18040012_20260115_01.xlsx`: kind, NPP, batch date, number within the day. The clerk
 * recognises the kind and the day; the number continues across the day's batches so names never clash.
 */
export function batchFileName(kind: ReportKind, npp: string, isoDate: string, n: number): string {
  const safeNpp = npp.replace(/[^0-9A-Za-z-]/g, '');
  return `${filePrefix(kind)}_${safeNpp}_${isoDate.replace(/-/g, '')}_${String(n).padStart(2, '0')}.xlsx`;
}

/**
 * A header as templates write it, reduced to a key: upper case, words joined by `_`, without the
 * required-field star or a note in brackets (`Tanggal Lahir* (dd-mm-yyyy)` -> `TANGGAL_LAHIR`).
 */
export function headerKey(header: string): string {
  return header
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/\*/g, ' ')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Other spellings seen in branch templates and older template versions, by header key. */
const ALIASES: Record<string, FieldId> = {
  NO: 'rowNo', NOMOR: 'rowNo', NO_URUT: 'rowNo',
  NAMA: 'fullName', NAMA_TK: 'fullName', NAMA_PESERTA: 'fullName', NAMA_TENAGA_KERJA: 'fullName',
  NAMA_DEPAN: 'firstName', NAMA_TENGAH: 'middleName', NAMA_BELAKANG: 'lastName',
  NO_HP: 'mobile', NOMOR_HP: 'mobile', HANDPHONE: 'mobile', NO_HANDPHONE: 'mobile', TELEPON_SELULER: 'mobile',
  TGL_LAHIR: 'birthDate', NAMA_IBU: 'motherName', IBU_KANDUNG: 'motherName',
  NO_IDENTITAS: 'idNumber', NO_KTP: 'nik', NOMOR_INDUK_KEPENDUDUKAN: 'nik',
  NO_KPJ: 'kpj', NOMOR_KPJ: 'kpj', NO_PESERTA: 'kpj', NOMOR_PESERTA: 'kpj',
  TGL_KEPESERTAAN: 'memberSince', UPAH_TERAKHIR: 'wage', UPAH_BARU: 'wage', GAJI: 'wage',
  TANGGAL_AWAL_BEKERJA: 'startDate', TGL_MULAI_BEKERJA: 'startDate', TANGGAL_AKHIR_KONTRAK: 'contractEnd',
  SEBAB_NON_AKTIF: 'naReason', ALASAN_NA: 'naReason', ALASAN: 'naReason', TANGGAL_KEJADIAN: 'eventDate', TGL_NA: 'eventDate',
  BULAN_TAHUN: 'blth', PERIODE: 'blth', BLN_THN: 'blth', BULAN_IURAN: 'blth',
  KODE_TK: 'workerCode', NILAI_RAPEL: 'rapel', UPAH_RAPEL: 'rapel', NO_KARTU: 'kpj', NOMOR_KARTU: 'kpj',
  SUMBER_DANA: 'fundingCode', KODE_DANA: 'fundingCode', PEKERJAAN: 'occupation', JABATAN: 'occupation',
  LOKASI: 'unitName', UNIT_KERJA: 'unitName', OPD: 'unitName', DESA: 'unitName', KODE_UNIT: 'unitCode',
  PROGRAM_KEPESERTAAN: 'programs', PENGHASILAN_DILAPORKAN: 'income', TGL_AWAL_KEPESERTAAN: 'coverageStart',
};

/**
 * The field a template header names: first the headers of the built-in layouts (for the kind at hand,
 * then the others), then the known alternative spellings. Null when Sigap does not know the header.
 */
export function fieldForHeader(header: string, kind?: ReportKind): FieldId | null {
  const key = headerKey(header);
  if (key === '') return null;
  const order = kind ? [builtinProfile(kind), ...BUILTIN_PROFILES.filter((p) => p.kind !== kind)] : BUILTIN_PROFILES;
  for (const p of order) {
    const c = p.columns.find((col) => headerKey(col.header) === key);
    if (c) return c.field;
  }
  return ALIASES[key] ?? null;
}

/** NIK and NOMOR_IDENTITAS name the same number (the registration layouts use the latter). */
const sameNumber = (f: FieldId): FieldId => (f === 'idNumber' ? 'nik' : f);

/**
 * The kind a template is for: the layout that holds the largest share of the fields the template's
 * headers name (aliases included), then the layout the template covers most of. A KPJ column tells a
 * registration by KPJ (TK lanjutan) from one of people without a card: the two layouts share most other
 * headers. Null when no kind stands out (the clerk then names it).
 */
export function guessKind(headers: string[]): ReportKind | null {
  const fields = [...new Set(headers.map((h) => fieldForHeader(h)).filter((f): f is FieldId => f !== null).map(sameNumber))];
  if (fields.length === 0) return null;
  const hasKpj = fields.includes('kpj');
  const candidates = BUILTIN_PROFILES.filter((p) => (hasKpj ? p.kind !== 'new' && p.kind !== 'bpu' : p.kind !== 'continue'));
  const scores = candidates.map((p) => {
    const layout = new Set(p.columns.flatMap((c) => (c.field ? [sameNumber(c.field)] : [])));
    const hit = fields.filter((f) => layout.has(f)).length;
    return { kind: p.kind, precision: hit / fields.length, recall: hit / layout.size };
  });
  scores.sort((a, b) => b.precision - a.precision || b.recall - a.recall);
  const [best, next] = scores;
  // A few generic headers (NIK, NAMA) fit several layouts equally: the template must cover a good part of one.
  if (!best || best.precision < 0.5 || best.recall < 0.4 || (next && next.precision === best.precision && next.recall === best.recall)) return null;
  return best.kind;
}
