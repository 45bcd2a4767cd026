/**
 * The Pemda's payment to BPJS and the statutory due date, with the demo Pemda of 2,000 staff:
 * docs/screenshots/86-iuran-pembayaran-bpjs.png (the month per NPP: bill, fine, payment, SP2D cover),
 * 87-iuran-pembayaran-bpjs-dialog.png (recording the payment) and 88-tunggakan-jatuh-tempo.png (a month
 * billed late: the statutory date, the OPD's own deadline, late for BPJS already).
 * Run with `npx playwright test -c test/e2e/screenshots.config.ts screenshots-bpjs-payment`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { bpjsMonthStatus, recordBpjsPayment } from '../../electron/core/billing/bpjs-payment';
import { OWN_NPP, RSUD_NPP, seedBpjsPayment } from './bpjs-payment-seed';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

test('the payment to BPJS per NPP, its dialog, and the arrears of a month billed late', async ({ page, sigap }) => {
  test.setTimeout(180_000);
  mkdirSync(OUT, { recursive: true });
  const ctx = sigap.ctx;
  const { unpaid } = await seedBpjsPayment(ctx, 2000);
  const own = (await bpjsMonthStatus(ctx, '2026-01')).find((s) => s.npp === OWN_NPP && s.segment === 'PU')!;
  // The branch billed the Pemda's NPP what Sigap billed plus one late registration, and a fine; paid on 5 March.
  await recordBpjsPayment(ctx, { month: '2026-01', billTotal: own.sigapBilled + 10_800, fine: 0 });
  await recordBpjsPayment(ctx, { month: '2026-01', fine: Math.round(own.sigapBilled * 0.02) });
  await recordBpjsPayment(ctx, { month: '2026-01', paidAmount: own.sigapBilled + 10_800 + Math.round(own.sigapBilled * 0.02), paidDate: '2026-03-05', paidReference: 'NTPN 0A1B2C3D4E5F' });

  await sigap.open('/iuran?bulan=2026-01&tab=bpjs');
  // The Pemda's NPP (PU, and BPU when the demo has BPU workers) and the RSUD's.
  await expect(page.getByTestId('bpjs-payment-row').and(page.locator(`[data-npp="${RSUD_NPP}"]`))).toBeVisible();
  await expect(page.getByTestId('bpjs-payment-row').and(page.locator(`[data-npp="${OWN_NPP}"][data-segment="PU"]`)).getByTestId('bpjs-shortfall')).toBeVisible();
  await page.getByRole('button', { name: 'Riwayat (3)' }).click();
  await expect(page.getByTestId('bpjs-history').locator('li')).toHaveCount(3);
  await shot(page, '86-iuran-pembayaran-bpjs');

  const rsud = page.getByTestId('bpjs-payment-row').and(page.locator(`[data-npp="${RSUD_NPP}"]`));
  await rsud.getByRole('button', { name: /Catat tagihan atau pembayaran/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Tagihan BPJS Januari 2026' });
  await dialog.getByLabel('Dibayar ke BPJS (Rp)').fill('0');
  await dialog.getByLabel('Dibayar ke BPJS (Rp)').fill('');
  await dialog.getByLabel('Nomor referensi (NTPN / bukti setor)').fill('NTPN 9Z8Y7X6W5V4U');
  await shot(page, '87-iuran-pembayaran-bpjs-dialog');
  await dialog.getByRole('button', { name: 'Batal' }).click();

  const unit = ctx.db.prepare('SELECT code, name FROM opd WHERE id = ?').get(unpaid[0]!.opdId) as { code: string; name: string };
  await sigap.open('/iuran?tab=tunggakan');
  const row = page.getByTestId('arrears-row').and(page.locator(`[data-opd="${unit.code}"]`));
  await row.getByRole('button', { name: unit.name, exact: true }).click();
  await expect(page.getByTestId('arrears-bpjs-late').first()).toBeVisible();
  await row.scrollIntoViewIfNeeded();
  await shot(page, '88-tunggakan-jatuh-tempo');
});
