/** Pegawai › Unduh Excel: the list on screen, as a workbook to send. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { listOpds } from '../../electron/core/roster/units';
import { queryRoster } from '../../electron/core/roster/query';

test('the filtered roster on screen is saved to Excel as it is shown', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 60, year: 2026 });
  const opdId = (await listOpds(sigap.ctx)).find((o) => o.name === 'Dinas Kesehatan')!.id;
  await sigap.open(`/pegawai?opd=${opdId}`);
  const count = page.getByTestId('roster-count');
  await expect(count).toHaveText(/Menampilkan \d+ pegawai/);
  const shown = Number((await count.textContent())!.replace(/\D/g, ''));
  const file = join(sigap.dir, 'pegawai-dinkes.xlsx');
  sigap.saveQueue.push(file);
  await page.getByRole('button', { name: 'Unduh Excel' }).click();
  // The column chooser opens with the default columns; "Unduh Excel" there writes them.
  await page.getByRole('dialog', { name: 'Unduh daftar pegawai' }).getByRole('button', { name: 'Unduh Excel' }).click();
  await expect(page.getByTestId('roster-saved')).toHaveText(`${shown} pegawai ditulis ke ${file}`);
  await page.screenshot({ path: 'test-results/roster-export.png' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  expect(ws.rowCount).toBe(shown + 1);
  expect(ws.getRow(1).getCell(2).value).toBe('NIK');
  for (let r = 2; r <= ws.rowCount; r++) expect(ws.getRow(r).getCell(8).value).toBe('Dinas Kesehatan');
});

test('the clerk chooses and orders the columns; the choice is remembered; Buka folder shows the file', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 30, year: 2026 });
  await sigap.open('/pegawai');
  await expect(page.getByTestId('roster-count')).toHaveText('Menampilkan 30 pegawai');
  await page.getByRole('button', { name: 'Unduh Excel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unduh daftar pegawai' });
  const columns = dialog.getByRole('list', { name: 'Kolom berkas Excel' });
  // Keep Nama, NIK and Honor, add Kode unit, and move Nama above NIK: Nama, NIK, Honor, Kode unit.
  for (const label of ['L/P', 'Tempat lahir', 'Tanggal lahir', 'Nomor KPJ', 'Unit kerja (OPD/desa)', 'Kategori', 'Jabatan', 'Mulai (TMT)', 'Selesai', 'Nomor SK']) {
    await columns.getByRole('checkbox', { name: label, exact: true }).uncheck();
  }
  await columns.getByRole('checkbox', { name: 'Kode unit', exact: true }).check();
  await dialog.getByRole('button', { name: 'Naikkan Nama' }).click();
  // Unchecked columns stay in the list below; the checked ones keep the order shown.
  await expect(columns.locator('li input:checked')).toHaveCount(4);
  await expect(dialog.getByTestId('chosen-columns')).toHaveText('Kolom berkas: No, Nama, NIK, Honor, Kode unit');
  await page.screenshot({ path: 'test-results/roster-export-columns.png' });
  const file = join(sigap.dir, 'pegawai-kolom.xlsx');
  sigap.saveQueue.push(file);
  await dialog.getByRole('button', { name: 'Unduh Excel' }).click();
  await expect(page.getByTestId('roster-saved')).toHaveText(`30 pegawai ditulis ke ${file}`);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['No', 'Nama', 'NIK', 'Honor', 'Kode unit']);
  expect(ws.rowCount).toBe(31);
  // The first of all thirty by name, as the core lists them (the screen's month, its default order).
  const first = (await queryRoster(sigap.ctx, { month: '2026-03', sort: 'name', limit: 1 })).rows[0]!;
  expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([1, first.name, first.nik, first.honor, first.opdCode]);

  // "Buka folder": the core asks the host to show exactly the file it wrote; the page never named a path.
  await page.getByRole('button', { name: 'Buka folder' }).click();
  await expect.poll(() => sigap.revealed).toEqual([file]);

  // The choice is remembered for this user: the dialog opens with it.
  await page.reload();
  await page.getByRole('button', { name: 'Unduh Excel' }).click();
  const again = page.getByRole('dialog', { name: 'Unduh daftar pegawai' }).getByRole('list', { name: 'Kolom berkas Excel' });
  await expect(again.locator('li').nth(0)).toContainText('Nama');
  await expect(again.locator('li input:checked')).toHaveCount(4);
  await expect(again.getByRole('checkbox', { name: 'Kode unit', exact: true })).toBeChecked();
  await expect(again.getByRole('checkbox', { name: 'Nomor SK', exact: true })).not.toBeChecked();
});
