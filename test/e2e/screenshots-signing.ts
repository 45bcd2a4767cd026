/**
 * The signing settings and the documents they sign, with the demo Pemda (Lampung Barat, seat Liwa):
 * docs/screenshots/19b-pengaturan-penandatangan.png (the profile form), 32-recap-pdf.png and
 * 33-reminder-pdf.png (the PDFs' pages at 80 dpi).
 * Run with `npx playwright test -c test/e2e/screenshots.config.ts screenshots-signing`.
 */
import { billOnTime } from '../billing-seed';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { recordPayment } from '../../electron/core/billing/index';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

/**
 * The pages of a PDF at 80 dpi, side by side, as docs/screenshots/<name>.png: the recap's signatures
 * fall on its last page, so one page alone would not show them. Composed in the browser (no ImageMagick).
 */
async function pdfPages(page: Page, pdf: string, name: string): Promise<void> {
  const dir = join(dirname(pdf), `${name}-pages`);
  mkdirSync(dir, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(dir, 'p')]);
  const files = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  const imgs = files.map((f) => `<img src="data:image/png;base64,${readFileSync(join(dir, f)).toString('base64')}">`).join('');
  const shotPage = await page.context().newPage();
  await shotPage.setViewportSize({ width: 662 * files.length + 8 * (files.length - 1), height: 936 });
  await shotPage.setContent(`<body style="margin:0;background:#9aa4ae;display:flex;gap:8px;align-items:flex-start">${imgs}</body>`);
  await shotPage.screenshot({ path: join(OUT, `${name}.png`) });
  await shotPage.close();
}

test('the signing settings and the recap and reminder they sign', async ({ page, sigap }) => {
  test.setTimeout(180_000);
  mkdirSync(OUT, { recursive: true });
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 600, year: 2026 });
  await billOnTime(ctx, ['2026-01', '2026-02']);
  // Most units paid January; the last few did not, so they get a reminder.
  const jan = ctx.db.prepare("SELECT number, total FROM invoice WHERE month = '2026-01' ORDER BY id").all() as { number: string; total: number }[];
  for (const [k, i] of jan.slice(0, jan.length - 4).entries()) {
    await recordPayment(ctx, { invoice: i.number, amount: i.total, date: '2026-02-12', sp2d: `${String(100 + k).padStart(5, '0')}/SP2D/LS/2026` });
  }

  await sigap.open('/pengaturan');
  const form = page.locator('form[data-state="ready"]');
  await expect(form).toBeVisible();
  const section = page.getByRole('group', { name: 'Penandatanganan dokumen' });
  await section.getByLabel('Tempat penandatanganan').fill('Liwa');
  await section.getByLabel('Kantor keuangan penagih').fill('Badan Pengelolaan Keuangan dan Aset Daerah');
  await section.getByLabel('Kepala kantor keuangan').fill('Drs. Hendra Wijaya, M.Si.');
  await section.getByLabel('NIP kepala').fill('19700101 199503 1 002');
  await section.getByLabel('Sebutan jabatan kepala').fill('Kepala BPKAD');
  await section.getByLabel('Pembuat rekapitulasi', { exact: true }).fill('Sri Wahyuni, S.E.');
  await section.getByLabel('NIP pembuat rekapitulasi').fill('198505052010012003');
  await section.getByLabel('Jabatan pembuat rekapitulasi').fill('Bendahara Pengeluaran BPKAD');
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(page.getByText('Profil Pemda tersimpan')).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await shot(page, '19b-pengaturan-penandatangan');

  // The documents, printed the way the app prints them (print.*Pdf through the bridge's printer).
  const recap = join(sigap.dir, 'rekap.pdf');
  sigap.saveQueue.push(recap);
  const unpaid = ctx.db.prepare('SELECT opd_id AS opdId FROM invoice WHERE number = ?').get(jan.at(-1)!.number) as { opdId: number };
  const letter = join(sigap.dir, 'surat.pdf');
  sigap.saveQueue.push(letter);
  const replies = await page.evaluate(async ({ opdId }) => {
    const s = (globalThis as unknown as { sigap: Record<string, (i: unknown) => Promise<{ ok: boolean }>> }).sigap;
    return [await s['print.recapPdf']!({ month: '2026-02', paper: 'A4' }), await s['print.reminderPdf']!({ opdId, paper: 'A4', asOf: '2026-03-10' })];
  }, unpaid);
  expect(replies).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
  await pdfPages(page, recap, '32-recap-pdf');
  await pdfPages(page, letter, '33-reminder-pdf');
});
