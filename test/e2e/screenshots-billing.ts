/**
 * The Iuran screens at 1366x768 with a demo Pemda of 2,000 staff: docs/screenshots/21-*.png to 29-*.png.
 * Run with `npx playwright test -c test/e2e/screenshots.config.ts screenshots-billing`.
 */
import { billOnTime } from '../billing-seed';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { recordPayment } from '../../electron/core/billing/index';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

test('the Iuran screens, with demo data', async ({ page, sigap }) => {
  test.setTimeout(180_000);
  mkdirSync(OUT, { recursive: true });
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 2000, year: 2026 });
  await billOnTime(ctx, ['2026-01', '2026-02']);
  // Most units paid January (three OPDs and six villages did not); a few paid part of February.
  const jan = ctx.db.prepare("SELECT number, total FROM invoice WHERE month = '2026-01' ORDER BY id").all() as { number: string; total: number }[];
  for (const [k, i] of jan.slice(0, jan.length - 6).entries()) {
    if (k % 9 !== 4) await recordPayment(ctx, { invoice: i.number, amount: i.total, date: '2026-02-12', sp2d: `${String(100 + k).padStart(5, '0')}/SP2D/LS/2026` });
  }
  const feb = ctx.db.prepare("SELECT number, total FROM invoice WHERE month = '2026-02' ORDER BY id LIMIT 8").all() as { number: string; total: number }[];
  for (const [k, i] of feb.entries()) await recordPayment(ctx, { invoice: i.number, amount: Math.round(i.total / 2), date: '2026-03-05', sp2d: `${String(300 + k).padStart(5, '0')}/SP2D/LS/2026` });

  await sigap.open('/iuran');
  await page.getByRole('button', { name: 'Hitung iuran' }).click();
  await expect(page.getByTestId('run-result')).toBeVisible();
  const rows = page.getByTestId('invoice-row');
  for (const name of ['Dinas Kesehatan', 'Dinas Sosial']) {
    await rows.filter({ hasText: name }).getByRole('button', { name: /Terbitkan tagihan/ }).click();
    await page.getByRole('dialog', { name: 'Terbitkan tagihan' }).getByRole('button', { name: 'Terbitkan' }).click();
    await expect(rows.filter({ hasText: name })).toHaveAttribute('data-status', 'issued');
  }
  await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
  await shot(page, '21-iuran-bulan');

  await page.getByRole('button', { name: /Terbitkan semua draf/ }).click();
  await expect(page.getByRole('dialog', { name: 'Terbitkan semua draf' })).toBeVisible();
  await shot(page, '22-iuran-terbitkan');
  await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();

  await rows.filter({ hasText: 'Dinas Kesehatan' }).getByRole('link', { name: 'Dinas Kesehatan' }).click();
  await expect(page.getByTestId('invoice-lines').locator('tbody tr').first()).toBeVisible();
  await shot(page, '23-tagihan');

  await page.getByRole('button', { name: 'Catat pembayaran' }).first().click();
  const pay = page.getByRole('dialog', { name: 'Catat pembayaran' });
  await pay.getByLabel('Nomor SP2D').fill('00412/SP2D/LS/2026');
  await pay.getByLabel('Tanggal SP2D').fill('10-03-2026'); // the issue day: an earlier SP2D is asked about
  await shot(page, '24-tagihan-bayar');
  await pay.getByLabel('Jumlah dibayar (Rp)').fill('1.000.000');
  await pay.getByRole('button', { name: 'Catat' }).click();
  await expect(pay).toBeHidden();

  await page.getByRole('button', { name: 'Cetak / simpan PDF' }).click();
  await expect(page.locator('iframe.print-frame')).toHaveAttribute('data-ready', 'true');
  await shot(page, '25-tagihan-cetak');
  await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();

  await sigap.open('/iuran?tab=tunggakan');
  const first = page.getByTestId('arrears-row').first();
  await first.locator('button[aria-expanded]').click();
  await expect(page.getByTestId('arrears-items')).toBeVisible();
  await shot(page, '26-tunggakan');

  await first.getByRole('button', { name: /Surat teguran/ }).click();
  await expect(page.locator('iframe.print-frame')).toHaveAttribute('data-ready', 'true');
  await shot(page, '27-surat-teguran');
  await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();

  await sigap.open('/pengaturan');
  await page.getByRole('tab', { name: 'Tarif iuran' }).click();
  await expect(page.getByTestId('rate-group').first()).toBeVisible();
  await shot(page, '28-tarif');

  await page.locator('tr[data-key="pu.jp.wage_cap"]').last().getByRole('button', { name: /Tambah tarif baru/ }).click();
  const dlg = page.getByRole('dialog', { name: 'Tambah tarif berlaku' });
  await dlg.getByLabel('Berlaku sejak: tahun').selectOption('2027');
  await dlg.getByLabel('Berlaku sejak: bulan').selectOption({ label: 'Maret' });
  await dlg.getByLabel('Nilai').fill('11.650.000');
  await dlg.getByLabel('Sumber (peraturan atau surat)').fill('PP 45/2015 Ps.29 (perkiraan, menunggu surat BPJS)');
  await dlg.getByLabel('Tingkat keyakinan').selectOption('L');
  await shot(page, '29-tarif-tambah');
});
