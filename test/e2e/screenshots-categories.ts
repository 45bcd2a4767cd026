/**
 * Pengaturan > Kategori pegawai with the demo Pemda and a PPPK paruh waktu category that takes JHT and JP:
 * docs/screenshots/18b-pengaturan-kategori.png. The edit dialog goes to SIGAP_SHOT_DIR (default /tmp)
 * for a look, not into the docs.
 * Run with `npx playwright test -c test/e2e/screenshots.config.ts screenshots-categories`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { saveCategory } from '../../electron/core/roster/categories';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, path: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path, animations: 'disabled' });
}

test('the staff categories tab and its dialog', async ({ page, sigap }) => {
  test.setTimeout(120_000);
  mkdirSync(OUT, { recursive: true });
  await seedDemo(sigap.ctx, { persons: 2000, year: 2026 });
  await saveCategory(sigap.ctx, { name: 'PPPK Paruh Waktu', segment: 'PU', programs: ['JKK', 'JKM', 'JHT', 'JP'], jkkClass: null });
  await saveCategory(sigap.ctx, { name: 'Petugas Pemadam Kebakaran', segment: 'PU', programs: ['JKK', 'JKM'], jkkClass: 3 });
  await saveCategory(sigap.ctx, { name: 'Kader Posyandu', segment: 'BPU', programs: ['JKK', 'JKM', 'JHT'], enrolled: false });

  await sigap.open('/pengaturan');
  await page.getByRole('tab', { name: 'Kategori pegawai' }).click();
  await expect(page.getByTestId('category-table').getByRole('row')).toHaveCount(6);
  await shot(page, join(OUT, '18b-pengaturan-kategori.png'));

  await page.getByRole('button', { name: 'Ubah Tenaga Non-ASN (Honorer)' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await shot(page, join(process.env.SIGAP_SHOT_DIR ?? '/tmp', '18c-pengaturan-kategori-ubah.png'));
});
