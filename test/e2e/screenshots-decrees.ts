/**
 * The decree record (issue #18, "the decree's scan" and "undo an SK") on the demo Pemda:
 * docs/screenshots/76-sk-impor-pindaian.png (the wizard's first step with the signed scan chosen),
 * 77-sk-rincian-pindaian.png (an SK's record with its scan shown), 78-sk-batalkan.png (withdrawing an
 * SK: what goes back, the reason) and 79-sk-batalkan-ditolak.png (refused: the issued invoices named).
 * Run with `npx playwright test -c test/e2e/screenshots.config.ts screenshots-decrees`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { previewSk, applyImport } from '../../electron/core/skimport/index';
import { runBilling } from '../../electron/core/billing/index';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');
const FIX = resolve(import.meta.dirname, '../fixtures/files');

async function shot(page: Page, path: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path, animations: 'disabled' });
}

test('the decree scan in the wizard and on the SK page, and withdrawing an SK', async ({ page, sigap }) => {
  test.setTimeout(120_000);
  mkdirSync(OUT, { recursive: true });
  await seedDemo(sigap.ctx, { persons: 300, year: 2026 });
  const apply = async (number: string, seed: number, count: number) => {
    const w = await writeMessyAppendix(join(sigap.dir, `${seed}.xlsx`), fxPersons(count, ['Dinas Sosial', 'Dinas Kesehatan'], seed, 950_000), { number, date: '2026-02-25' });
    await applyImport(sigap.ctx, await previewSk(sigap.ctx, { path: w.path, tmt: '2026-03-01', mode: 'amend' }), {});
  };
  await apply('800/051/KPTS/III.01/2026', 51, 6); // billed below: cannot be withdrawn
  await runBilling(sigap.ctx, { month: '2026-03', issue: true });
  await apply('800/052/KPTS/III.01/2026', 52, 4); // nothing issued on it yet

  // 76: the wizard's first step, appendix and signed scan chosen.
  const w = await writeMessyAppendix(join(sigap.dir, 'lampiran-sk-april.xlsx'), fxPersons(5, ['Dinas Sosial'], 53, 900_000), { number: '800/060/KPTS/IV.01/2026', date: '2026-03-28' });
  sigap.openQueue.push(w.path, join(FIX, 'sk-scan.pdf'));
  await sigap.open('/sk/impor');
  await page.getByRole('button', { name: 'Pilih berkas…' }).click();
  await page.getByRole('button', { name: 'Pilih pindaian…' }).click();
  await expect(page.getByTestId('chosen-scan')).toContainText('sk-scan.pdf');
  await page.getByLabel('TMT (terhitung mulai tanggal)').fill('01-04-2026');
  await page.getByText('Perubahan', { exact: true }).click();
  await page.getByTestId('scan-field').scrollIntoViewIfNeeded();
  await shot(page, join(OUT, '76-sk-impor-pindaian.png'));

  // 77: an SK's record with its scan (a PNG page) shown in the page.
  sigap.openQueue.push(join(FIX, 'sk-scan.png'));
  await sigap.open('/sk');
  const row = (n: string) => page.locator(`tr[data-decree="${n}"]`);
  await row('800/052/KPTS/III.01/2026').getByRole('button', { name: '800/052/KPTS/III.01/2026' }).click();
  const detail = page.getByTestId('decree-detail');
  await detail.getByRole('button', { name: 'Lampirkan pindaian…' }).click();
  await detail.getByRole('button', { name: 'Lihat pindaian' }).click();
  await expect(detail.getByRole('img', { name: /Pindaian SK/ })).toBeVisible();
  await shot(page, join(OUT, '77-sk-rincian-pindaian.png'));

  // 78: withdrawing it: what goes back, and the reason.
  await detail.locator('.scan-shown').getByRole('button', { name: 'Tutup pratinjau' }).click();
  await detail.getByRole('button', { name: 'Periksa pembatalan…' }).click();
  await detail.getByLabel('Alasan pembatalan').fill('Lampiran salah unggah; diganti SK 800/053');
  await detail.getByTestId('decree-undo').scrollIntoViewIfNeeded();
  await shot(page, join(OUT, '78-sk-batalkan.png'));
  await page.keyboard.press('Escape');

  // 79: refused for the SK already billed in issued invoices.
  await row('800/051/KPTS/III.01/2026').getByRole('button', { name: '800/051/KPTS/III.01/2026' }).click();
  await page.getByRole('button', { name: 'Periksa pembatalan…' }).click();
  await expect(page.getByTestId('undo-blockers')).toContainText('Tagihan yang sudah terbit');
  await page.getByTestId('decree-undo').scrollIntoViewIfNeeded();
  await shot(page, join(OUT, '79-sk-batalkan-ditolak.png'));
  await page.keyboard.press('Escape');

  // For a look, not the docs: the list after 800/052 is withdrawn (SIGAP_SHOT_DIR, default /tmp).
  await row('800/052/KPTS/III.01/2026').getByRole('button', { name: '800/052/KPTS/III.01/2026' }).click();
  await page.getByRole('button', { name: 'Periksa pembatalan…' }).click();
  await page.getByLabel('Alasan pembatalan').fill('Lampiran salah unggah');
  await page.getByRole('button', { name: 'Batalkan penerapan SK' }).click();
  await expect(page.getByTestId('decree-status')).toContainText('Dibatalkan');
  await shot(page, join(process.env.SIGAP_SHOT_DIR ?? '/tmp', 'sk-rincian-dibatalkan.png'));
  await page.keyboard.press('Escape');
  await expect(row('800/052/KPTS/III.01/2026')).toContainText('Dibatalkan');
  await shot(page, join(process.env.SIGAP_SHOT_DIR ?? '/tmp', 'sk-daftar-dibatalkan.png'));
});
