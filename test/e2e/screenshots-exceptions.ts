/**
 * The person page's "Iuran dan program" (docs/screenshots/80-82): the JP rule of a person past the
 * retirement age, the dialog adding a per-person exception, and the page with the exception in force.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect } from './harness';
import { exceptionFixture } from './exception-fixture';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

test('person billing rules and exceptions', async ({ page, sigap }) => {
  mkdirSync(OUT, { recursive: true });
  const { old, young } = await exceptionFixture(sigap.ctx, 120);

  await sigap.open(`/pegawai/${old.id}`);
  await expect(page.getByTestId('person-billing-jp')).toContainText('JP berhenti: usia pensiun 58 tercapai 10 Januari 2023');
  await page.getByTestId('person-billing').scrollIntoViewIfNeeded();
  await page.mouse.move(0, 767);
  await page.screenshot({ path: join(OUT, '80-pegawai-iuran-usia-pensiun.png'), animations: 'disabled' });

  await sigap.open(`/pegawai/${young.id}`);
  const section = page.getByTestId('person-billing');
  await section.getByRole('button', { name: 'Tambah pengecualian' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tambah pengecualian iuran' });
  await dialog.getByLabel('Kelas risiko JKK').selectOption('3');
  await dialog.getByLabel('Alasan').fill('Sudah peserta JHT dan JP lewat pemberi kerja lain');
  await dialog.getByLabel('Dasar (nomor SK atau surat)').fill('SK 800/12/2026');
  await page.screenshot({ path: join(OUT, '81-pengecualian-tambah.png'), animations: 'disabled' });
  await dialog.getByRole('button', { name: 'Simpan pengecualian' }).click();
  await expect(dialog).toBeHidden();

  await expect(section.locator('tr[data-testid^="person-exception-"]')).toContainText('hanya JKK+JKM; JKK kelas III mulai Maret 2026, SK 800/12/2026');
  await section.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 767);
  await page.screenshot({ path: join(OUT, '82-pegawai-pengecualian.png'), animations: 'disabled' });
});
