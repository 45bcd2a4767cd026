import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

test('finds a person by NIK, refuses a bad NIK with the core message, edits and ends the engagement', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 300, year: 2026 });
  const p = (await storeOf(sigap.ctx).one<{ id: number; nik: string; name: string }>(sql`SELECT p.id, p.nik, p.name FROM person p ORDER BY p.id LIMIT 1 OFFSET 57`))!;

  await sigap.open('/pegawai');
  await expect(page.getByTestId('roster-count')).toHaveText('Menampilkan 300 pegawai');
  await page.getByLabel('Cari nama, NIK atau KPJ').fill(p.nik);
  await expect(page.getByTestId('roster-count')).toHaveText('Menampilkan 1 pegawai');
  const row = page.locator('[role="row"][data-loaded="true"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(p.nik);
  await row.getByRole('link', { name: p.name }).click();

  await expect(page.getByRole('heading', { level: 1, name: p.name })).toBeVisible();
  await expect(page.getByTestId('current-engagement')).toContainText('800/001/KPTS/I.01/2026');

  // A NIK whose day (32) is no date: the core refuses it, the message stays beside the form, nothing changes.
  await page.getByRole('button', { name: 'Ubah data pribadi' }).click();
  const edit = page.getByRole('dialog', { name: 'Ubah data pribadi' });
  const nik = edit.getByLabel('NIK');
  await expect(nik).toBeFocused();
  await nik.fill('1804013205900002');
  await nik.press('Enter');
  await expect(edit.getByTestId('error-message')).toContainText('bukan tanggal yang sah');
  await nik.press('Escape');
  await expect(edit).toBeHidden();
  await expect(page.getByText(`NIK ${p.nik}`)).toBeVisible();

  // A valid edit is saved and shows in the audit trail.
  await page.getByRole('button', { name: 'Ubah data pribadi' }).click();
  await edit.getByLabel('Telepon/HP').fill('081234567890');
  await edit.getByRole('button', { name: 'Simpan' }).click();
  await expect(edit).toBeHidden();
  const audit = page.getByTestId('audit-trail');
  await expect(audit.locator('li').first()).toContainText('Diubah · data pribadi');
  await expect(audit.locator('li').first()).toContainText('081234567890');

  // Ending before the start date is refused with the core's message; a valid date ends it.
  await page.getByRole('button', { name: 'Akhiri keterlibatan' }).click();
  const end = page.getByRole('dialog', { name: 'Akhiri keterlibatan' });
  await end.getByLabel('Tanggal berakhir').fill('31-12-2025');
  await end.getByLabel('Alasan').fill('Mengundurkan diri');
  await end.getByRole('button', { name: 'Akhiri' }).click();
  await expect(end.getByTestId('error-message')).toContainText('tidak boleh sebelum tanggal mulai (1 Januari 2026)');
  await end.getByLabel('Tanggal berakhir').fill('9 Maret 2026');
  await end.getByRole('button', { name: 'Akhiri' }).click();
  await expect(end).toBeHidden();
  await expect(page.getByTestId('current-engagement')).toContainText('Tidak aktif saat ini');
  const history = page.getByTestId('engagement-history');
  await expect(history).toContainText('9 Maret 2026');
  await expect(history).toContainText('Mengundurkan diri');

  // Back in the roster, April no longer has them.
  await page.getByRole('link', { name: '← Kembali ke daftar pegawai' }).click();
  await expect(page.getByLabel('Cari nama, NIK atau KPJ')).toHaveValue(p.nik);
  await page.getByLabel('Bulan: bulan').selectOption({ label: 'April' });
  await expect(page.getByTestId('roster-count')).toHaveText('Menampilkan 0 pegawai');
});

test('adds a person by hand; a NIK already registered is refused', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 20, year: 2026 });
  const taken = (await storeOf(sigap.ctx).one<{ nik: string; name: string }>(sql`SELECT nik, name FROM person LIMIT 1`))!;
  await sigap.open('/pegawai');
  await page.getByRole('button', { name: '+ Tambah pegawai' }).click();
  const add = page.getByRole('dialog', { name: 'Tambah pegawai' });
  await add.getByLabel('NIK').fill(taken.nik);
  await add.getByLabel('Nama lengkap').fill('Siti Rahma');
  await add.getByLabel('OPD / pekon').selectOption({ label: 'Dinas Sosial' });
  await add.getByLabel('Kategori').selectOption({ index: 1 });
  await add.getByLabel('Honor per bulan').fill('1.500.000');
  await expect(add.getByText('Rp1.500.000')).toBeVisible();
  await add.getByRole('button', { name: 'Simpan' }).click();
  await expect(add.getByTestId('error-message')).toHaveText(`NIK ${taken.nik} sudah terdaftar atas nama ${taken.name}.`);

  await add.getByLabel('NIK').fill('1804015205900002');
  await add.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Siti Rahma' })).toBeVisible();
  await expect(page.getByTestId('current-engagement')).toContainText('Dinas Sosial');
  await expect(page.getByTestId('current-engagement')).toContainText('Input manual');
});
