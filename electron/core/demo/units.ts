/** A realistic set of paying units for a regency, with officials. */
export interface DemoUnit {
  code: string;
  name: string;
  kind: 'opd' | 'village';
  budgetAccount: string;
  weight: number;
}

const OPDS: [string, number][] = [
  ['Sekretariat Daerah', 6], ['Sekretariat DPRD', 3], ['Inspektorat', 2], ['Dinas Pendidikan dan Kebudayaan', 14],
  ['Dinas Kesehatan', 10], ['RSUD Alimuddin Umar', 9], ['Dinas Pekerjaan Umum dan Penataan Ruang', 6],
  ['Dinas Perumahan dan Kawasan Permukiman', 2], ['Satuan Polisi Pamong Praja', 5], ['Badan Penanggulangan Bencana Daerah', 3],
  ['Dinas Sosial', 3], ['Dinas Tenaga Kerja dan Transmigrasi', 2], ['Dinas Lingkungan Hidup', 6],
  ['Dinas Kependudukan dan Pencatatan Sipil', 3], ['Dinas Pemberdayaan Masyarakat dan Pekon', 2],
  ['Dinas Perhubungan', 3], ['Dinas Komunikasi dan Informatika', 2], ['Dinas Koperasi, UKM, Perindustrian dan Perdagangan', 2],
  ['Dinas Penanaman Modal dan PTSP', 2], ['Dinas Pariwisata', 2], ['Dinas Pertanian', 4], ['Dinas Perikanan', 2],
  ['Badan Perencanaan Pembangunan Daerah', 2], ['Badan Pengelolaan Keuangan dan Aset Daerah', 3],
  ['Badan Pendapatan Daerah', 2], ['Badan Kepegawaian dan Pengembangan SDM', 2], ['Badan Kesatuan Bangsa dan Politik', 1],
  ['Kecamatan Balik Bukit', 2], ['Kecamatan Belalau', 1], ['Kecamatan Sumber Jaya', 1],
];

const VILLAGES = ['Pekon Way Empulau Ulu', 'Pekon Sebarus', 'Pekon Padang Cahya', 'Pekon Canggu', 'Pekon Kenali', 'Pekon Bakhu', 'Pekon Tanjung Raya', 'Pekon Sukarami'];

export function demoOpds(): DemoUnit[] {
  return OPDS.map(([name, weight], i) => ({
    code: `${String(i + 1).padStart(2, '0')}`,
    name,
    kind: 'opd',
    budgetAccount: `5.1.02.02.01.${String(26 + i).padStart(4, '0')}`,
    weight,
  }));
}

export function demoVillages(): DemoUnit[] {
  return VILLAGES.map((name, i) => ({ code: `P${String(i + 1).padStart(2, '0')}`, name, kind: 'village', budgetAccount: `5.4.02.05.01.${String(1 + i).padStart(4, '0')}`, weight: 1 }));
}
