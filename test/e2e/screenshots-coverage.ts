/**
 * Screens of the coverage area (docs/screenshots/55-*.png .. 64-*.png) with a demo Pemda of 2,000
 * staff and a year of billing: Beranda, the incident log, reports and next year's budget.
 */
import { billOnTime } from '../billing-seed';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { listInvoices, recordPayment } from '../../electron/core/billing/index';
import { saveCoverageSettings, saveIncident } from '../../electron/core/coverage/index';
import { addMonths } from '../../shared/dates';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.mouse.move(0, 767);
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled', fullPage });
}

test('coverage screens, with demo data', async ({ page, sigap }) => {
  test.setTimeout(240_000);
  mkdirSync(OUT, { recursive: true });
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 2000, year: 2026 });
  // A year of history: the demo's SK taken back to April 2025, billed every month, paid late or not yet.
  ctx.db.prepare("UPDATE engagement SET start_date = '2025-04-01'").run();
  const months: string[] = [];
  for (let m = '2025-04'; m <= '2026-03'; m = addMonths(m, 1)) months.push(m);
  await billOnTime(ctx, months);
  for (const i of (await listInvoices(ctx, {})).filter((x) => x.status === 'issued')) {
    const paidBy = i.month <= '2025-12' ? true : i.month === '2026-01' ? i.id % 3 !== 0 : i.month === '2026-02' ? i.id % 2 === 0 : false;
    if (paidBy) await recordPayment(ctx, { invoice: i.number!, amount: i.total, date: `${addMonths(i.month, 1)}-08`, sp2d: `SP2D/${i.id}/BPKAD` });
  }
  await saveCoverageSettings(ctx, { villageQuota: 50, semestaYear: 2025, semestaPekerja: 92_913, regionCoveredPu: 15_230, regionCoveredBpu: 7_450 });
  const people = ctx.db.prepare("SELECT p.id FROM person p JOIN engagement e ON e.person_id = p.id JOIN category c ON c.id = e.category_id WHERE c.segment = 'PU' AND p.kpj IS NOT NULL ORDER BY p.id LIMIT 4").all() as { id: number }[];
  await saveIncident(ctx, { personId: people[0]!.id, kind: 'accident', date: '2026-03-05', place: 'Gudang Dinas PUPR', description: 'Tangan terjepit pintu gudang saat menurunkan material.' });
  await saveIncident(ctx, { personId: people[1]!.id, kind: 'accident', date: '2026-02-16', place: 'Jalan Liwa - Krui km 12', description: 'Jatuh dari sepeda motor saat mengantar surat dinas.', reportedDate: '2026-02-17' });
  await saveIncident(ctx, { personId: people[2]!.id, kind: 'death', date: '2026-02-03', place: 'RSUD Alimuddin Umar', description: 'Meninggal karena sakit.', reportedDate: '2026-02-09' });

  await sigap.open('/');
  await expect(page.locator('[data-state="ready"]')).toBeVisible();
  await expect(page.getByTestId('chart-trend').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await shot(page, '55-beranda-cakupan');
  await page.getByRole('heading', { name: 'Iuran 12 bulan terakhir' }).scrollIntoViewIfNeeded();
  await shot(page, '56-beranda-iuran-tunggakan');
  await page.getByRole('heading', { name: 'Pekerjaan menunggu' }).evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.locator('main#main').evaluate((el) => el.scrollTo(0, 1e6));
  await shot(page, '57-beranda-pekerjaan-desa');

  await sigap.open('/kejadian');
  await expect(page.locator('[data-state="ready"]')).toBeVisible();
  await page.locator('tr[data-testid^="incident-"]').nth(1).getByRole('button', { name: 'Rincian' }).click();
  await shot(page, '58-kejadian');
  await page.getByRole('button', { name: '+ Catat kejadian' }).click();
  const dialog = page.getByRole('dialog', { name: 'Catat kejadian' });
  await dialog.getByLabel('Cari pegawai').fill('Sari');
  await dialog.getByRole('list', { name: 'Hasil pencarian pegawai' }).getByRole('button').first().click();
  await dialog.getByLabel('Jenis kejadian').selectOption('work_death');
  await dialog.getByLabel('Tempat').fill('Jalan Liwa - Krui km 20');
  await shot(page, '59-kejadian-catat');
  await dialog.getByRole('button', { name: 'Batal' }).click();

  await sigap.open('/laporan');
  await page.getByRole('button', { name: 'Pratinjau dan simpan PDF…' }).click();
  await expect(page.locator('iframe.print-frame')).toHaveAttribute('data-ready', 'true');
  await shot(page, '60-laporan-cakupan');
  await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();

  await page.getByRole('tab', { name: 'Iuran setahun' }).click();
  await page.getByLabel('Tahun').selectOption('2025');
  await expect(page.locator('table[data-state="ready"]')).toBeVisible();
  await shot(page, '61-iuran-setahun');

  await page.getByRole('tab', { name: 'Anggaran tahun depan' }).click();
  await page.getByLabel('Cadangan per unit (%)').fill('5');
  await page.getByLabel('Tambahan pegawai baru (orang)').fill('25');
  await page.getByRole('button', { name: 'Hitung' }).click();
  await expect(page.getByTestId('forecast-total')).toBeVisible();
  await shot(page, '62-anggaran');
  await page.getByRole('button', { name: 'Pratinjau dan simpan PDF…' }).click();
  await expect(page.locator('iframe.print-frame')).toHaveAttribute('data-ready', 'true');
  await shot(page, '63-anggaran-pratinjau');
  await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();

  await sigap.open('/pengaturan');
  await page.getByRole('tab', { name: 'Cakupan' }).click();
  await expect(page.getByLabel('Semesta pekerja (penduduk bekerja)')).toHaveValue('92913');
  await shot(page, '64-pengaturan-cakupan');
});
