import ExcelJS from 'exceljs';
import { writeAtomically } from '../files/atomic';
import { matchField, type Field } from './header';

/** The template's instruction sheet; the preview does not report it as a sheet without a header. */
export const TEMPLATE_GUIDE_SHEET = 'Petunjuk Pengisian';
export const TEMPLATE_DATA_SHEET = 'Lampiran';
/** Rows of the title block above the header; the header is the row after them. */
export const TEMPLATE_HEADER_ROW = 7;
/** Rows below the header given the column formats (NIK as text, dates, rupiah). */
const FORMATTED_ROWS = 1000;

/** The columns Sigap reads best, in its field order, each with its label and what the clerk writes. */
export const TEMPLATE_COLUMNS: { label: string; field: Field; width: number; numFmt?: string; note: string }[] = [
  { label: 'NO', field: 'no', width: 5, note: 'Nomor urut (boleh dikosongkan).' },
  { label: 'NIK', field: 'nik', width: 20, numFmt: '@', note: '16 angka NIK dari KTP. Kolom ini sudah berformat Teks: ketik atau tempel angkanya apa adanya.' },
  { label: 'NAMA', field: 'name', width: 30, note: 'Nama lengkap seperti di KTP, boleh dengan gelar (mis. Drs. H. Ahmad Fauzi, S.Pd.).' },
  { label: 'TEMPAT LAHIR', field: 'birthPlace', width: 16, note: 'Kota/kabupaten tempat lahir.' },
  { label: 'TANGGAL LAHIR', field: 'birthDate', width: 14, numFmt: 'dd-mm-yyyy', note: 'Tanggal Excel, atau teks seperti 12-05-1990 atau 12 Mei 1990.' },
  { label: 'L/P', field: 'sex', width: 5, note: 'L untuk laki-laki, P untuk perempuan.' },
  { label: 'PENDIDIKAN', field: 'education', width: 12, note: 'Pendidikan terakhir (mis. SMA, D3, S1).' },
  { label: 'JABATAN/TUGAS', field: 'position', width: 22, note: 'Tugas atau jabatan.' },
  { label: 'UNIT KERJA (OPD)', field: 'unit', width: 28, note: 'Nama OPD tempat bertugas. Bila satu sheet per OPD, boleh kosong: nama sheet dipakai.' },
  { label: 'HONOR PER BULAN (Rp)', field: 'honor', width: 16, numFmt: '#,##0', note: 'Honor sebulan dalam rupiah, tanpa titik pun boleh (mis. 1500000).' },
  { label: 'TMT', field: 'tmt', width: 12, numFmt: 'dd-mm-yyyy', note: 'Hanya bila berbeda dari TMT SK (mis. pegawai yang mulai belakangan).' },
  { label: 'KETERANGAN', field: 'note', width: 18, note: 'Catatan bebas.' },
  { label: 'ALAMAT', field: 'address', width: 28, note: 'Alamat tempat tinggal.' },
  { label: 'TELEPON/HP', field: 'phone', width: 15, numFmt: '@', note: 'Nomor HP; berformat Teks agar angka 0 di depan tidak hilang.' },
  { label: 'NAMA IBU KANDUNG', field: 'mother', width: 24, note: 'Diminta BPJS Ketenagakerjaan untuk pendaftaran peserta baru.' },
  { label: 'NOMOR KPJ', field: 'kpj', width: 15, numFmt: '@', note: 'Nomor kartu peserta BPJS Ketenagakerjaan bila sudah terdaftar.' },
];

/** Who signs a Pemda's decree, from the Pemda's name (`Pemerintah Kabupaten Lampung Barat` -> `BUPATI LAMPUNG BARAT`). */
export function signatoryOf(pemda: string | null | undefined): string {
  const m = /\b(KABUPATEN|KOTA|PROVINSI)\s+(.+)$/i.exec(pemda?.trim() ?? '');
  if (!m) return 'BUPATI/WALI KOTA ..........';
  const office = { KABUPATEN: 'BUPATI', KOTA: 'WALI KOTA', PROVINSI: 'GUBERNUR' }[m[1]!.toUpperCase() as 'KABUPATEN' | 'KOTA' | 'PROVINSI'];
  return `${office} ${m[2]!.toUpperCase()}`;
}

const GUIDE: string[] = [
  'PETUNJUK PENGISIAN TEMPLAT LAMPIRAN SK',
  '',
  '1. Isi sheet "Lampiran": satu baris untuk satu orang, mulai dari baris di bawah judul kolom. Jangan mengubah judul kolom.',
  '2. Di bagian judul, isi NOMOR, TANGGAL dan TMT SK sesudah tanda titik dua (mis. B/123/KPTS/III.05/2026 dan 2 Januari 2026). Sigap membacanya dari sana; bila kosong, isi di layar impor.',
  '3. NIK: 16 angka dari KTP. Kolomnya sudah berformat Teks. Jangan mengubahnya menjadi Angka: Excel hanya menyimpan 15 digit, sehingga digit terakhir NIK hilang.',
  '4. Bila menyalin dari berkas lain, gunakan Tempel Khusus > Nilai (Paste Special > Values) agar format Teks kolom NIK tetap.',
  '5. Unit kerja: isi kolom UNIT KERJA (OPD) pada setiap baris, atau buat satu sheet per OPD dengan nama sheet = nama OPD (salin sheet "Lampiran").',
  '6. Baris kelompok seperti "A. DINAS SOSIAL", baris JUMLAH dan blok tanda tangan di bawah daftar boleh ada; Sigap melewatinya.',
  '7. Kolom yang tidak diperlukan boleh dikosongkan, tetapi jangan dihapus atau diberi judul lain.',
  '8. Simpan sebagai Excel (.xlsx), lalu buka menu Impor SK di Sigap.',
  '',
  'ISI SETIAP KOLOM',
];

/** Writes the blank SK appendix template: a title block the reader understands, the header, formatted rows and a guide. */
export async function writeSkTemplate(path: string, opts: { pemda?: string | null } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sigap';
  const ws = wb.addWorksheet(TEMPLATE_DATA_SHEET, { views: [{ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW }] });
  const bold = { bold: true };
  ws.addRow([`LAMPIRAN KEPUTUSAN ${signatoryOf(opts.pemda)}`]).font = bold;
  ws.addRow(['NOMOR', ':', '']);
  ws.addRow(['TANGGAL', ':', '']);
  ws.addRow(['TENTANG', ':', 'PENETAPAN TENAGA NON ASN']);
  ws.addRow(['TMT', ':', '']);
  ws.addRow([]);
  const header = ws.addRow(TEMPLATE_COLUMNS.map((c) => c.label));
  if (header.number !== TEMPLATE_HEADER_ROW) throw new Error('template header row moved');
  header.font = bold;
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    // The column's own style covers rows typed past the formatted ones; the cells below the header carry it too.
    if (c.numFmt) {
      col.numFmt = c.numFmt;
      for (let r = TEMPLATE_HEADER_ROW + 1; r <= TEMPLATE_HEADER_ROW + FORMATTED_ROWS; r++) ws.getCell(r, i + 1).numFmt = c.numFmt;
    }
  });
  // The title rows' value cells keep the number and date as the clerk types them.
  for (const r of [2, 3, 5]) ws.getCell(r, 3).numFmt = '@';
  const sexCol = TEMPLATE_COLUMNS.findIndex((c) => c.field === 'sex') + 1;
  const sexLetter = ws.getColumn(sexCol).letter;
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
    `${sexLetter}${TEMPLATE_HEADER_ROW + 1}:${sexLetter}${TEMPLATE_HEADER_ROW + FORMATTED_ROWS}`,
    { type: 'list', allowBlank: true, formulae: ['"L,P"'], showErrorMessage: true, errorTitle: 'L/P', error: 'Isi L atau P.' },
  );

  const guide = wb.addWorksheet(TEMPLATE_GUIDE_SHEET);
  guide.getColumn(1).width = 120;
  // One text per row: a guide line never looks like a header row (label | label) to the reader.
  for (const line of GUIDE) guide.addRow([line]);
  guide.getRow(1).font = { bold: true, size: 13 };
  guide.getRow(GUIDE.length).font = bold;
  for (const c of TEMPLATE_COLUMNS) guide.addRow([`${c.label}: ${c.note}`]).getCell(1).alignment = { wrapText: true };
  await writeAtomically(path, (tmp) => wb.xlsx.writeFile(tmp));
}

/** Checks at load time that every template label is read as the field it stands for. */
export function templateLabelsRead(): boolean {
  return TEMPLATE_COLUMNS.every((c) => matchField(c.label) === c.field);
}
