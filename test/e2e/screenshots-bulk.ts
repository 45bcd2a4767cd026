/**
 * Pegawai with a selection, bulk edit and the export's column chooser, on the demo Pemda:
 * docs/screenshots/73-pegawai-pilih.png (ticked people, the selection bar, a saved list with "Buka folder"),
 * 74-ubah-massal-pratinjau.png (the bulk edit's preview) and 75-unduh-pilih-kolom.png (the column chooser).
 * Run with `npx playwright test -c test/e2e/screenshots.config.ts screenshots-bulk`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { queryRoster } from '../../electron/core/roster/query';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

test('Pegawai: selection, bulk edit preview, export columns', async ({ page, sigap }) => {
  test.setTimeout(120_000);
  mkdirSync(OUT, { recursive: true });
  await seedDemo(sigap.ctx, { persons: 600, year: 2026 });
  const db = sigap.ctx.db;
  const opdId = db.prepare("SELECT id FROM opd WHERE name = 'Dinas Kesehatan'").pluck().get() as number;
  const list = (await queryRoster(sigap.ctx, { month: '2026-03', opdId, sort: 'name' })).rows;
  // A few already recorded, so the preview shows more than one old value.
  db.prepare("UPDATE person SET marital_status = 'T' WHERE id = ?").run(list[1]!.personId);
  db.prepare("UPDATE person SET marital_status = 'Y' WHERE id = ?").run(list[4]!.personId);

  await sigap.open(`/pegawai?opd=${opdId}`);
  await expect(page.getByTestId('roster-count')).toHaveText(`Menampilkan ${list.length} pegawai`);
  // A saved list first, so its "Buka folder" shows above the table.
  // A fixed folder, so the picture does not change from run to run with a temporary name.
  const folder = join(tmpdir(), 'sigap-daftar-pegawai');
  mkdirSync(folder, { recursive: true });
  sigap.saveQueue.push(join(folder, 'daftar-pegawai-dinkes-2026-03.xlsx'));
  await page.getByRole('button', { name: 'Unduh Excel' }).click();
  await page.getByRole('dialog', { name: 'Unduh daftar pegawai' }).getByRole('button', { name: 'Unduh Excel' }).click();
  await expect(page.getByRole('button', { name: 'Buka folder' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Pilih semua yang tampil' }).check();
  await page.getByRole('checkbox', { name: `Pilih ${list[2]!.name}`, exact: true }).uncheck();
  await expect(page.getByTestId('bulk-count')).toHaveText(`${list.length - 1} pegawai dipilih`);
  await shot(page, '73-pegawai-pilih');

  await page.getByRole('button', { name: 'Ubah massal…' }).click();
  await page.getByRole('dialog', { name: 'Ubah massal' }).getByRole('button', { name: 'Pratinjau' }).click();
  const check = page.getByRole('dialog', { name: 'Periksa ubah massal' });
  await expect(check.getByTestId('bulk-summary')).toHaveText(`${list.length - 1} pegawai dipilih: ${list.length - 2} berubah, 1 sudah Kawin (Y).`);
  await shot(page, '74-ubah-massal-pratinjau');
  await check.getByRole('button', { name: 'Batal' }).click();

  await page.getByRole('button', { name: 'Unduh Excel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unduh daftar pegawai' });
  await dialog.getByRole('checkbox', { name: 'Kode unit', exact: true }).check();
  await dialog.getByRole('button', { name: 'Naikkan Nama' }).click();
  await expect(dialog.getByTestId('chosen-columns')).toContainText('Kolom berkas: No, Nama, NIK');
  await shot(page, '75-unduh-pilih-kolom');
});
