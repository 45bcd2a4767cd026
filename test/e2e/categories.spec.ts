/** Pengaturan > Kategori pegawai: add and edit staff categories, with the program rules explained. */
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { listCategories } from '../../electron/core/roster/units';

test('the administrator adds a category with JHT and JP and a JKK class, then changes the class of one in use', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 30, year: 2026 });
  await sigap.open('/pengaturan');
  await page.getByRole('tab', { name: 'Kategori pegawai' }).click();
  const table = page.getByTestId('category-table');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row', { name: /Tenaga Non-ASN \(Honorer\)/ })).toContainText('Ikut NPP (kelas I)');
  await expect(table.getByRole('row', { name: /Pekerja Rentan/ })).toContainText('BPU');

  await page.getByRole('button', { name: '+ Tambah kategori' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tambah kategori pegawai' });
  await expect(dialog.getByLabel('Nama kategori')).toBeFocused();
  await dialog.getByLabel('Nama kategori').fill('PPPK Paruh Waktu');
  // JKK and JKM are required: ticked and locked.
  await expect(dialog.getByRole('checkbox', { name: /Jaminan Kecelakaan Kerja \(JKK\)/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /Jaminan Kecelakaan Kerja \(JKK\)/ })).toBeDisabled();
  // BPU has no pension: choosing it locks JP and the JKK class.
  await dialog.getByRole('radio', { name: /Bukan Penerima Upah/ }).check();
  await expect(dialog.getByRole('checkbox', { name: /Jaminan Pensiun \(JP\)/ })).toBeDisabled();
  await expect(dialog.getByText('Tidak tersedia untuk BPU')).toBeVisible();
  await expect(dialog.getByLabel('Kelas risiko JKK')).toBeDisabled();
  await dialog.getByRole('radio', { name: /Penerima Upah \(PU\)/ }).check();
  await dialog.getByRole('checkbox', { name: /Jaminan Hari Tua \(JHT\)/ }).check();
  await dialog.getByRole('checkbox', { name: /Jaminan Pensiun \(JP\)/ }).check();
  await dialog.getByLabel('Kelas risiko JKK').selectOption({ label: 'kelas II: risiko rendah' });
  await expect(dialog.getByText('Tagihan yang sudah terbit tidak pernah berubah')).toBeVisible();
  await dialog.getByRole('button', { name: 'Simpan' }).click();

  await expect(page.getByText('Kategori PPPK Paruh Waktu tersimpan')).toBeVisible();
  await expect(page.getByText('Tagihan yang sudah terbit tidak berubah.')).toBeVisible();
  const row = table.getByRole('row', { name: /PPPK Paruh Waktu/ });
  await expect(row).toContainText('JKKJKMJHTJP');
  await expect(row).toContainText('kelas II');
  expect((await listCategories(sigap.ctx)).find((c) => c.name === 'PPPK Paruh Waktu')).toMatchObject({ segment: 'PU', programs: 'JKK,JKM,JHT,JP', jkk_class: 2, enrolled: 1 });

  // A category the SKs use keeps its segment; its class can change.
  await page.getByRole('button', { name: 'Ubah Tenaga Non-ASN (Honorer)' }).click();
  const edit = page.getByRole('dialog', { name: 'Ubah kategori Tenaga Non-ASN (Honorer)' });
  await expect(edit.getByRole('radio', { name: /Bukan Penerima Upah/ })).toBeDisabled();
  await expect(edit.getByText('Tidak dapat dipilih: kategori ini sudah dipakai 1 SK dan 24 penugasan pegawai. Untuk segmen lain, buat kategori baru.')).toBeVisible();
  await edit.getByLabel('Kelas risiko JKK').selectOption('3');
  await edit.getByLabel('Nama kategori').press('Enter'); // Enter in a field saves
  await expect(page.getByText('Kategori Tenaga Non-ASN (Honorer) tersimpan')).toBeVisible();
  await expect(table.getByRole('row', { name: /Tenaga Non-ASN \(Honorer\)/ })).toContainText('kelas III');
  expect((await listCategories(sigap.ctx)).find((c) => c.name === 'Tenaga Non-ASN (Honorer)')!.jkk_class).toBe(3);
});

test('a name already used is refused with the core\'s message, and nothing is written', async ({ page, sigap }) => {
  await sigap.open('/pengaturan');
  await page.getByRole('tab', { name: 'Kategori pegawai' }).click();
  await page.getByRole('button', { name: '+ Tambah kategori' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tambah kategori pegawai' });
  await dialog.getByLabel('Nama kategori').fill('pekerja rentan');
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog.getByText('Nama kategori "Pekerja Rentan" sudah dipakai. Pilih nama lain.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Batal' }).click();
  await expect(page.getByTestId('category-table').getByRole('row')).toHaveCount(3);
  expect(await listCategories(sigap.ctx)).toHaveLength(2);
});

test.describe('as finance', () => {
  test.use({ sigapAuth: 'finance' });
  test('sees the categories but no button to add or change them', async ({ page, sigap }) => {
    await sigap.open('/pengaturan');
    await page.getByRole('tab', { name: 'Kategori pegawai' }).click();
    await expect(page.getByTestId('category-table').getByRole('row')).toHaveCount(3);
    await expect(page.getByRole('button', { name: '+ Tambah kategori' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Ubah / })).toHaveCount(0);
  });
});
