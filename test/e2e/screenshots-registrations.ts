/**
 * Employer registrations (NPP) with the demo Pemda of 2,000 staff: docs/screenshots/83-pengaturan-npp.png
 * (the list), 84-pengaturan-npp-unit.png (the unit dialog's NPP select) and 85-iuran-per-npp.png (the
 * month's invoices with the NPP on each row).
 * Run with `npx playwright test -c test/e2e/screenshots.config.ts screenshots-registrations`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { saveRegistration } from '../../electron/core/settings/registrations';
import { runBilling } from '../../electron/core/billing/index';
import { exportBatch } from '../../electron/core/bpjs/index';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

test('the NPP settings, the unit dialog and the month billed per NPP', async ({ page, sigap }) => {
  test.setTimeout(180_000);
  mkdirSync(OUT, { recursive: true });
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 2000, year: 2026 });
  const rsud = await saveRegistration(ctx, { npp: '18040099', name: 'RSUD Alimuddin Umar (BLUD)', jkkClass: 2 });
  await saveRegistration(ctx, { npp: '18040151', name: 'Pemerintah Pekon Sebarus', jkkClass: 1 });
  ctx.db.prepare("UPDATE opd SET registration_id = ? WHERE name = 'RSUD Alimuddin Umar'").run(rsud);
  await runBilling(ctx, { month: '2026-03' });

  await sigap.open('/pengaturan');
  await page.getByRole('tab', { name: 'Pendaftaran BPJS (NPP)' }).click();
  await expect(page.getByTestId('registration-table').getByRole('row')).toHaveCount(4);
  await shot(page, '83-pengaturan-npp');

  await page.getByRole('tab', { name: 'OPD dan pejabat' }).click();
  await page.getByRole('button', { name: 'Ubah RSUD Alimuddin Umar' }).click();
  const unit = page.getByRole('dialog', { name: 'Ubah RSUD Alimuddin Umar' });
  await expect(unit.getByLabel('NPP BPJS Ketenagakerjaan')).toHaveValue(String(rsud));
  await unit.getByLabel('NPP BPJS Ketenagakerjaan').focus();
  await shot(page, '84-pengaturan-npp-unit');
  await unit.getByRole('button', { name: 'Batal' }).click();

  await sigap.open('/iuran?bulan=2026-03');
  await expect(page.getByTestId('invoice-row').filter({ hasText: 'RSUD Alimuddin Umar' }).getByTestId('invoice-npp')).toHaveText('NPP 18040099');
  await page.getByTestId('invoice-row').filter({ hasText: 'RSUD Alimuddin Umar' }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, '85-iuran-per-npp');

  // For a look, not the docs (SIGAP_SHOT_DIR, default /tmp): the pending rows and the batch history per NPP.
  const look = process.env.SIGAP_SHOT_DIR ?? '/tmp';
  ctx.db.exec("UPDATE person SET kpj = coalesce(kpj, '9' || printf('%010d', id))");
  ctx.db.exec("UPDATE person SET kpj = NULL WHERE id IN (SELECT e.person_id FROM engagement e JOIN opd o ON o.id = e.opd_id WHERE o.name IN ('RSUD Alimuddin Umar', 'Inspektorat'))");
  await sigap.open('/pelaporan');
  await expect(page.getByRole('row').filter({ hasText: 'RSUD Alimuddin Umar' }).first()).toContainText('NPP 18040099');
  await page.getByRole('row').filter({ hasText: 'RSUD Alimuddin Umar' }).first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(look, 'npp-pelaporan.png'), animations: 'disabled' });
  await exportBatch(ctx, { kind: 'new', outDir: join(look, `npp-berkas-${Date.now()}`), includeIncomplete: true });
  await sigap.open('/pelaporan');
  await page.getByRole('tab', { name: 'Riwayat batch' }).click();
  await page.getByTestId('batch-npp-filter').selectOption('18040099');
  await page.screenshot({ path: join(look, 'npp-batch.png'), animations: 'disabled' });
});
