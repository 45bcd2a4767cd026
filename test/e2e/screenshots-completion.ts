/**
 * Pegawai › Lengkapi data pegawai on the demo Pemda: docs/screenshots/70-lengkapi-unduh.png (units
 * chosen, workbooks written with "Buka folder"), 71-lengkapi-pratinjau.png (a filled workbook read
 * back: old -> new, a bad cell, an unknown NIK) and 72-lengkapi-selesai.png (applied).
 * Run with `npx playwright test -c test/e2e/screenshots.config.ts screenshots-completion`.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { COMPLETION_HEADER_ROW, writeCompletionWorkbook } from '../../electron/core/roster/completion-workbook';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

test('Lengkapi data pegawai: download, preview, done', async ({ page, sigap }) => {
  test.setTimeout(120_000);
  mkdirSync(OUT, { recursive: true });
  await seedDemo(sigap.ctx, { persons: 600, year: 2026 });
  const db = sigap.ctx.db;
  const dinkes = db.prepare("SELECT id FROM opd WHERE name = 'Dinas Kesehatan'").pluck().get() as number;

  await sigap.open('/pegawai');
  await page.getByRole('link', { name: 'Lengkapi data' }).click();
  for (const unit of ['Dinas Kesehatan', 'Dinas Pendidikan dan Kebudayaan', 'Dinas Sosial']) {
    await page.getByRole('checkbox', { name: new RegExp(`^\\S+ ${unit}$`) }).check();
  }
  // A fixed folder, so the picture does not change from run to run with a temporary name.
  const folder = join(tmpdir(), 'sigap-lengkapi-data');
  mkdirSync(folder, { recursive: true });
  sigap.folderQueue.push(folder);
  await page.getByRole('button', { name: 'Unduh 3 buku kerja…' }).click();
  await expect(page.getByTestId('completion-written').locator('li')).toHaveCount(3);
  await shot(page, '70-lengkapi-unduh');

  // The Dinas Kesehatan treasurer fills the workbook in Excel (exceljs stands in): a mother's name, a
  // postal code, marital status for several people, one postal code mistyped, one new hire's NIK.
  const path = join(sigap.dir, 'lengkapi-data-dinkes-terisi.xlsx');
  await writeCompletionWorkbook(sigap.ctx, dinkes, path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const row = (i: number) => ws.getRow(COMPLETION_HEADER_ROW + 1 + i);
  const filled = [['Sumiati', '34812', 'Y'], ['', '34813', 'T'], ['Painem', '', 'Y'], ['', '3481', 'kawin'], ['Wartini', '34871', 'belum kawin']];
  filled.forEach(([mother, postal, marital], i) => {
    if (mother) row(i).getCell(6).value = mother;
    if (postal) row(i).getCell(8).value = postal;
    row(i).getCell(11).value = marital;
  });
  const extra = ws.getRow(COMPLETION_HEADER_ROW + 1 + ws.actualRowCount);
  extra.values = ['', '1804015505950005', 'Sri Wahyuni', 'Tenaga Kebersihan', '', 'Painem'];
  await wb.xlsx.writeFile(path);

  await page.getByRole('button', { name: 'Lanjut: baca berkas isian ›' }).click();
  sigap.openQueue.push(path);
  await page.getByRole('button', { name: 'Pilih berkas isian…' }).click();
  await expect(page.getByTestId('completion-problems')).toContainText('Kode pos "3481" harus 5 angka.');
  await expect(page.getByTestId('completion-unknown')).toContainText('1804015505950005');
  await page.getByTestId('skip-invalid').check();
  // The top of the preview: the counts and the first changes, old -> new.
  await page.locator('.stepper').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shot(page, '71-lengkapi-pratinjau');

  await page.getByRole('button', { name: /^Terapkan/ }).click();
  await expect(page.getByTestId('completion-applied')).toContainText('pegawai dari berkas lengkapi-data-dinkes-terisi.xlsx disimpan');
  await shot(page, '72-lengkapi-selesai');
});
