/**
 * Pelaporan BPJS, required columns and SEBAB_NA codes, at 1366x768 with a demo Pemda:
 * docs/screenshots/92-*.png to 94-*.png (the one line per empty required column; the one-step fill,
 * per person; the SEBAB_NA codes in the reporting settings). Run with
 * `npx playwright test -c test/e2e/screenshots.config.ts screenshots-bpjs-required.ts`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { addRequiredStaff, completeDemo } from './bpjs-required-fixture';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

test('Pelaporan BPJS: required columns filled in one step, SEBAB_NA codes', async ({ page, sigap }) => {
  test.setTimeout(120_000);
  mkdirSync(OUT, { recursive: true });
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 400, year: 2026 });
  await completeDemo(ctx);
  await addRequiredStaff(ctx, [
    { marital: null, location: 'LIWA' }, { marital: null, location: null }, { marital: null, location: 'LIWA' }, { marital: null, location: 'LIWA' },
    { marital: null, location: null }, { marital: 'Y', location: null }, { marital: null, location: 'LIWA' },
  ]);

  await sigap.open('/pelaporan');
  await expect(page.getByTestId('required-missing')).toContainText('STATUS_KAWIN kosong untuk 6 orang');
  await shot(page, '92-pelaporan-kolom-wajib');

  await page.getByTestId('fill-STATUS_KAWIN').click();
  const dialog = page.getByRole('dialog', { name: 'Isi STATUS_KAWIN sekaligus' });
  await dialog.getByLabel('Per orang').check();
  const rows = dialog.getByTestId('fill-people').locator('tbody tr');
  await expect(rows).toHaveCount(6);
  await rows.nth(0).getByRole('combobox').selectOption('Y');
  await rows.nth(1).getByRole('combobox').selectOption('T');
  await rows.nth(2).getByRole('combobox').selectOption('Y');
  await shot(page, '93-pelaporan-isi-sekaligus');
  await dialog.getByRole('button', { name: 'Batal' }).click();

  await page.getByRole('tab', { name: 'Kode sebab nonaktif' }).click();
  const row = page.getByTestId('na-contract_end');
  await row.getByLabel(/Kode SEBAB_NA untuk Habis kontrak/).fill('A3');
  await row.getByLabel(/Sumber kode untuk Habis kontrak/).fill('Templat kantor cabang Liwa 2026');
  await expect(page.getByTestId('na-reasons')).toBeVisible();
  await shot(page, '94-pelaporan-kode-sebab-nonaktif');
});
