/** Deterministic generators for realistic demo people. */

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

const MALE = ['Ahmad', 'Budi', 'Dedi', 'Eko', 'Fajar', 'Gunawan', 'Hendra', 'Irfan', 'Joko', 'Kurniawan', 'Lukman', 'Muhammad', 'Nanang', 'Oki', 'Putra', 'Rahmat', 'Slamet', 'Taufik', 'Udin', 'Wahyu', 'Yusuf', 'Zainal', 'Agus', 'Bambang', 'Rudi', 'Heri', 'Arif', 'Dimas', 'Rizky', 'Andi'];
const FEMALE = ['Ani', 'Bunga', 'Citra', 'Dewi', 'Eka', 'Fitri', 'Gita', 'Hani', 'Indah', 'Juwita', 'Kartika', 'Lestari', 'Maya', 'Nur', 'Okta', 'Putri', 'Rina', 'Sari', 'Tuti', 'Umi', 'Wulan', 'Yuni', 'Zahra', 'Siti', 'Ratna', 'Novi', 'Desi', 'Mega', 'Ayu', 'Lina'];
const LAST = ['Saputra', 'Wijaya', 'Pratama', 'Hidayat', 'Santoso', 'Kusuma', 'Nugroho', 'Setiawan', 'Lestari', 'Handayani', 'Susanto', 'Siregar', 'Harahap', 'Purba', 'Rahayu', 'Utami', 'Firmansyah', 'Maulana', 'Ramadhan', 'Sari', 'Anggraini', 'Putri', 'Yulianti', 'Marpaung', 'Syahputra', 'Gultom', 'Hakim', 'Fauzi', 'Munthe', 'Alamsyah'];
export const PLACES = ['Liwa', 'Bandar Lampung', 'Krui', 'Kotabumi', 'Metro', 'Pringsewu', 'Kalianda', 'Way Tenong', 'Sumber Jaya', 'Belalau', 'Balik Bukit', 'Sekincau', 'Palembang', 'Baturaja', 'Bengkulu'];
const MOTHERS = ['Siti Aminah', 'Sulastri', 'Rohani', 'Mariam', 'Suharti', 'Nurhayati', 'Sumiati', 'Kasmini', 'Rukiah', 'Halimah', 'Jumiati', 'Sarinah'];
export const POSITIONS = ['Tenaga Administrasi', 'Operator Komputer', 'Pramu Kantor', 'Pengemudi', 'Petugas Kebersihan', 'Petugas Keamanan', 'Tenaga Teknis', 'Guru Honorer', 'Tenaga Kesehatan', 'Penyuluh Lapangan', 'Juru Ukur', 'Petugas Pemadam'];

export interface DemoPerson {
  nik: string;
  name: string;
  sex: 'L' | 'P';
  birthPlace: string;
  birthDate: string;
  mother: string;
  address: string;
  phone: string;
}

/**
 * A person with a valid NIK for Lampung Barat (18 04 xx). `serial` makes the NIK unique: it is spread
 * over the district code and the last four digits.
 */
export function demoPerson(r: () => number, serial: number): DemoPerson {
  const sex = r() < 0.55 ? 'L' : 'P';
  const year = 1966 + Math.floor(r() * 40);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const district = 1 + (Math.floor(serial / 9999) % 99);
  const seq = (serial % 9999) + 1;
  const dd = sex === 'P' ? day + 40 : day;
  const nik = `1804${pad(district)}${pad(dd)}${pad(month)}${pad(year % 100)}${String(seq).padStart(4, '0')}`;
  const first = pick(r, sex === 'L' ? MALE : FEMALE);
  const name = r() < 0.15 ? first : `${first} ${pick(r, LAST)}`;
  return {
    nik,
    name,
    sex,
    birthPlace: pick(r, PLACES),
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    mother: pick(r, MOTHERS),
    address: `Jl. ${pick(r, ['Raden Intan', 'Soekarno Hatta', 'Pemuda', 'Merdeka', 'Pasar', 'Way Besai'])} No. ${1 + Math.floor(r() * 120)}, ${pick(r, PLACES)}`,
    phone: `08${String(Math.floor(1e9 + r() * 8.9e9))}`.slice(0, 12),
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
