import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect } from './harness';

test('the import wizard saves the blank SK appendix template', async ({ page, sigap }) => {
  const out = join(sigap.dir, 'templat-lampiran-sk.xlsx');
  sigap.saveQueue.push(out);
  await sigap.open('/sk/impor');
  const area = page.getByTestId('sk-template');
  await expect(area).toContainText('kolom NIK sudah berformat Teks');
  if (process.env.SIGAP_SHOTS) await page.screenshot({ path: join(process.env.SIGAP_SHOTS, 'sk-wizard-template.png'), fullPage: true });
  await area.getByRole('button', { name: 'Unduh templat lampiran SK' }).click();
  await expect(area.getByText('Templat disimpan')).toBeVisible();
  await expect(area).toContainText(out);
  expect(existsSync(out)).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Lampiran', 'Petunjuk Pengisian']);
  if (process.env.SIGAP_SHOTS) await page.screenshot({ path: join(process.env.SIGAP_SHOTS, 'sk-wizard-template-saved.png'), fullPage: true });
});
