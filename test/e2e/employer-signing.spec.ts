/** Pengaturan > Profil Pemda: the "Penandatanganan dokumen" section saves and survives a reload. */
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { getSigning } from '../../electron/core/settings/employer';

test('the clerk enters the signing place and finance office officials; a bad NIP is explained', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 20, year: 2026, signing: false }); // the demo's finance office left out: nothing configured yet
  await sigap.open('/pengaturan');
  const section = page.getByRole('group', { name: 'Penandatanganan dokumen' });
  // Nothing configured yet: the guess from the Pemda name is the suggestion.
  await expect(section.getByLabel('Tempat penandatanganan')).toHaveAttribute('placeholder', 'Lampung Barat');
  await expect(section.getByText('Bila kosong: Lampung Barat')).toBeVisible();

  await section.getByLabel('Tempat penandatanganan').fill('Liwa');
  await section.getByLabel('Kantor keuangan penagih').fill('Badan Keuangan Daerah');
  await section.getByLabel('Kepala kantor keuangan').fill('Drs. Hendra Wijaya, M.Si.');
  await section.getByLabel('NIP kepala').fill('19700101 19950');
  await section.getByLabel('Sebutan jabatan kepala').fill('Kepala Badan Keuangan Daerah');
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(page.getByText('NIP kepala kantor keuangan harus 18 angka (tertulis 13 karakter).')).toBeVisible();
  expect((await getSigning(sigap.ctx)).place).toBeNull();

  await section.getByLabel('NIP kepala').fill('19700101 199503 1 002');
  await section.getByLabel('Pembuat rekapitulasi', { exact: true }).press('Tab'); // keyboard reaches every field
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(page.getByText('Profil Pemda tersimpan')).toBeVisible();
  expect(await getSigning(sigap.ctx)).toMatchObject({ place: 'Liwa', office: 'Badan Keuangan Daerah', headNip: '197001011995031002', preparerName: null });

  await page.reload();
  await expect(section.getByLabel('Tempat penandatanganan')).toHaveValue('Liwa');
  await expect(section.getByLabel('NIP kepala')).toHaveValue('197001011995031002');
  await expect(section.getByLabel('Sebutan jabatan kepala')).toHaveValue('Kepala Badan Keuangan Daerah');
});
