/** Pegawai › Unduh Excel: the list on screen, as a workbook to send. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';

test('the filtered roster on screen is saved to Excel as it is shown', async ({ page, sigap }) => {
  seedDemo(sigap.ctx, { persons: 60, year: 2026 });
  const opdId = sigap.ctx.db.prepare("SELECT id FROM opd WHERE name = 'Dinas Kesehatan'").pluck().get() as number;
  await sigap.open(`/pegawai?opd=${opdId}`);
  const count = page.getByTestId('roster-count');
  await expect(count).toHaveText(/Menampilkan \d+ pegawai/);
  const shown = Number((await count.textContent())!.replace(/\D/g, ''));
  const file = join(sigap.dir, 'pegawai-dinkes.xlsx');
  sigap.saveQueue.push(file);
  await page.getByRole('button', { name: 'Unduh Excel' }).click();
  await expect(page.getByTestId('roster-saved')).toHaveText(`${shown} pegawai ditulis ke ${file}`);
  await page.screenshot({ path: 'test-results/roster-export.png' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  expect(ws.rowCount).toBe(shown + 1);
  expect(ws.getRow(1).getCell(2).value).toBe('NIK');
  for (let r = 2; r <= ws.rowCount; r++) expect(ws.getRow(r).getCell(8).value).toBe('Dinas Kesehatan');
});
