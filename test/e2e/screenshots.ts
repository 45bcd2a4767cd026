/**
 * Writes a PNG of every screen, with a demo Pemda of 2,000 staff, to docs/screenshots/ at 1366x768.
 * Run with `npm run screenshots`; the README shows them.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { updatePerson } from '../../electron/core/roster/person';
import { fxPersons, writeMessyAppendix, type FxPerson } from '../fixtures/sk-workbook';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

/** A letterhead emblem, drawn once as SVG and saved as the PNG the clerk would choose. */
async function drawLogo(page: Page, path: string): Promise<void> {
  const p = await page.context().newPage();
  await p.setContent(`<svg xmlns="http://www.w3.org/2000/svg" width="160" height="180" viewBox="0 0 160 180">
    <path d="M80 6 L150 30 L150 92 C150 132 118 160 80 174 C42 160 10 132 10 92 L10 30 Z" fill="#1d5c8f" stroke="#d4a514" stroke-width="6"/>
    <path d="M80 44 l9 27 h28 l-23 17 9 27 -23 -17 -23 17 9 -27 -23 -17 h28 z" fill="#f3c531"/>
    <text x="80" y="146" font-family="sans-serif" font-size="15" font-weight="700" fill="#fff" text-anchor="middle">LAMBAR</text>
  </svg>`);
  await p.locator('svg').screenshot({ path, omitBackground: true });
  await p.close();
}

test('every screen, with demo data', async ({ page, sigap }) => {
  test.setTimeout(180_000);
  mkdirSync(OUT, { recursive: true });
  await seedDemo(sigap.ctx, { persons: 2000, year: 2026 });
  const db = sigap.ctx.db;
  const nav = (name: string | RegExp) => page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name });

  await sigap.open('/');
  await expect(page.locator('[data-state="ready"]')).toBeVisible();
  await shot(page, '01-beranda');

  await nav('Pegawai').click();
  await expect(page.getByTestId('roster-count')).toHaveText('Menampilkan 2.000 pegawai');
  await expect(page.locator('[role="row"][aria-rowindex="2"]')).toHaveAttribute('data-loaded', 'true');
  await shot(page, '02-pegawai');

  await page.getByLabel('Cari nama, NIK atau KPJ').fill('Sari');
  await page.getByLabel('Kategori').selectOption({ label: 'Tenaga Non-ASN (Honorer)' });
  await page.getByRole('button', { name: /Honor/ }).click();
  await page.getByRole('button', { name: /Honor/ }).click();
  await expect(page.getByTestId('roster-count')).not.toHaveText('Menampilkan 2.000 pegawai');
  await expect(page.locator('[role="row"][aria-rowindex="2"]')).toHaveAttribute('data-loaded', 'true');
  await shot(page, '03-pegawai-cari');

  // A person someone has corrected by hand, with a birth date that disagrees with the NIK.
  const p = db.prepare('SELECT id, nik, name, birth_place AS birthPlace, birth_date AS birthDate, sex, mother_name AS motherName, kpj FROM person WHERE id = 120').get() as {
    id: number; nik: string; name: string; birthPlace: string; birthDate: string; sex: 'L' | 'P'; motherName: string | null; kpj: string | null;
  };
  await updatePerson(sigap.ctx, p.id, { ...p, phone: '0812 7788 2041', address: 'Jl. Raden Intan No. 12, Way Mengaku, Liwa' });
  await updatePerson(sigap.ctx, p.id, { ...p, phone: '0812 7788 2041', address: 'Jl. Raden Intan No. 12, Way Mengaku, Liwa', birthDate: `${p.birthDate.slice(0, 8)}${p.birthDate.slice(8) === '01' ? '02' : '01'}` });
  await page.goto(`/pegawai/${p.id}`);
  await expect(page.getByRole('heading', { level: 1, name: p.name })).toBeVisible();
  await shot(page, '04-pegawai-rincian');

  await page.getByRole('button', { name: 'Ubah data pribadi' }).click();
  const edit = page.getByRole('dialog', { name: 'Ubah data pribadi' });
  await edit.getByLabel('NIK').fill(`${p.nik.slice(0, 6)}32${p.nik.slice(8)}`);
  await edit.getByRole('button', { name: 'Simpan' }).click();
  await expect(edit.getByTestId('error-message')).toBeVisible();
  await shot(page, '05-pegawai-ubah-nik-salah');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Akhiri keterlibatan' }).click();
  const end = page.getByRole('dialog', { name: 'Akhiri keterlibatan' });
  await end.getByLabel('Tanggal berakhir').fill('31-03-2026');
  await end.getByLabel('Alasan').fill('Mengundurkan diri');
  await shot(page, '06-pegawai-akhiri');
  await page.keyboard.press('Escape');

  await page.goto('/pegawai');
  await page.getByRole('button', { name: '+ Tambah pegawai' }).click();
  const add = page.getByRole('dialog', { name: 'Tambah pegawai' });
  await add.getByLabel('NIK').fill('1804015205900002');
  await add.getByLabel('Nama lengkap').fill('Siti Rahmawati');
  await add.getByLabel('Tempat lahir').fill('Liwa');
  await add.getByLabel('OPD / pekon').selectOption({ label: 'Dinas Sosial' });
  await add.getByLabel('Kategori').selectOption({ index: 1 });
  await add.getByLabel('Jabatan/tugas').fill('Pendamping Sosial');
  await add.getByLabel('Honor per bulan').fill('1.500.000');
  await shot(page, '07-pegawai-tambah');
  await page.keyboard.press('Escape');

  // An amending SK in March: newcomers, two people moved or raised, and rows with problems.
  const existing = db
    .prepare(`SELECT p.nik, p.name, p.sex, p.birth_place AS birthPlace, p.birth_date AS birthDate, e.position, o.name AS unit, e.honor
              FROM person p JOIN engagement e ON e.person_id = p.id JOIN opd o ON o.id = e.opd_id WHERE e.category_id = 1 ORDER BY p.id LIMIT 2 OFFSET 40`)
    .all() as FxPerson[];
  const persons = [
    ...fxPersons(46, ['Dinas Kesehatan', 'RSUD Alimuddin Umar', 'Dinas Pendidikan dan Kebudayaan', 'UPTD Puskesmas Kenali']),
    { ...existing[0]!, unit: 'Dinas Sosial' },
    { ...existing[1]!, honor: existing[1]!.honor + 250_000 },
  ];
  const file = await writeMessyAppendix(join(sigap.dir, 'Lampiran SK Perubahan Maret 2026.xlsx'), persons, {
    number: '800/045/KPTS/III.01/2026', date: '2026-02-24', twoRowHeader: true, numberRow: true,
    cell: (i, x) => (i === 5 ? { nik: Number(x.nik) } : i === 12 ? { honor: 'satu juta' } : i === 20 ? { nik: x.nik.slice(0, 15) } : {}),
  });
  sigap.openQueue.push(file.path);
  await nav('SK').click();
  await page.getByRole('link', { name: 'Impor SK' }).click();
  await page.getByRole('button', { name: 'Pilih berkas…' }).click();
  await page.getByLabel('TMT (terhitung mulai tanggal)').fill('01-03-2026');
  await page.getByText('Perubahan', { exact: true }).click();
  await expect(page.getByText('1 Maret 2026')).toBeVisible();
  await shot(page, '08-impor-sk-berkas');

  await page.getByRole('button', { name: 'Baca berkas' }).click();
  await expect(page.getByTestId('problem-table')).toBeVisible();
  await shot(page, '09-impor-sk-baris-bermasalah');
  await page.getByRole('tab', { name: /Ringkasan/ }).click();
  await shot(page, '10-impor-sk-ringkasan');
  await page.getByRole('tab', { name: /Kolom dan sheet/ }).click();
  await shot(page, '11-impor-sk-kolom');
  await page.getByRole('button', { name: 'Sesuaikan kolom…' }).click();
  await expect(page.getByRole('dialog', { name: 'Sesuaikan kolom' }).getByLabel('Isi kolom C')).toBeVisible();
  await shot(page, '12-impor-sk-sesuaikan-kolom');
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: /Perubahan daftar pegawai/ }).click();
  await shot(page, '13-impor-sk-perubahan');
  await page.getByLabel(/Terapkan baris yang sah saja/).check();
  await page.getByLabel('Buat unit baru “UPTD Puskesmas Kenali”').check();
  await page.getByRole('button', { name: 'Terapkan SK' }).click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await shot(page, '14-impor-sk-selesai');

  await page.getByRole('link', { name: 'Lihat daftar SK' }).click();
  await expect(page.getByTestId('decree-table')).toBeVisible();
  await shot(page, '15-sk');

  const logo = join(sigap.dir, 'logo-lampung-barat.png');
  await drawLogo(page, logo);
  sigap.openQueue.push(logo);
  await nav('Pengaturan').click();
  await page.getByRole('button', { name: 'Pilih gambar…' }).click();
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(page.getByText('Profil Pemda tersimpan')).toBeVisible();
  await shot(page, '16-pengaturan-profil');
  await page.getByRole('tab', { name: 'OPD dan pejabat' }).click();
  await expect(page.getByTestId('opd-table')).toBeVisible();
  await shot(page, '17-pengaturan-opd');
  await page.getByRole('button', { name: 'Ubah Dinas Sosial' }).click();
  await shot(page, '18-pengaturan-opd-ubah');
  await page.keyboard.press('Escape');

  await nav('Iuran').click();
  await shot(page, '19-iuran');
  await nav('Pelaporan BPJS').click();
  await shot(page, '20-pelaporan-bpjs');
});
