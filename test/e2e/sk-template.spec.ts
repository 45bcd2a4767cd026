import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect } from './harness';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

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

test('the person page shows the name the BPJS files use and the titles taken off it', async ({ page, sigap }) => {
  const { seedDemo } = await import('../../electron/core/demo/index');
  await seedDemo(sigap.ctx, { persons: 5, year: 2026 });
  const store = storeOf(sigap.ctx);
  const id = (await store.one<{ id: number }>(sql`SELECT id FROM person ORDER BY id LIMIT 1`))!.id;
  await personRepo.update(store, id, { name: 'Drs. H. Ahmad Fauzi, S.Pd.' }, sigap.ctx.clock().toISOString());
  await sigap.open(`/pegawai/${id}`);
  await expect(page.getByRole('heading', { name: 'Drs. H. Ahmad Fauzi, S.Pd.' })).toBeVisible();
  await expect(page.getByTestId('name-without-title')).toHaveText('Ahmad Fauzi · gelar: Drs. H., S.Pd.');
  if (process.env.SIGAP_SHOTS) await page.screenshot({ path: join(process.env.SIGAP_SHOTS, 'person-title.png'), fullPage: true });
});
