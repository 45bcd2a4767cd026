import { join } from 'node:path';
import { billOnTime } from '../billing-seed';
import { existsSync, readFileSync } from 'node:fs';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { arrearsReport, listInvoices, listPayments, listRateParams, recordPayment, saveRateParam } from '../../electron/core/billing/index';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { formatRupiah } from '../../shared/money';
import type { CoreContext } from '../../electron/core/context';

/** January and February billed and issued through the core, so the arrears view has past-due months. */
async function seedBilledPemda(ctx: CoreContext) {
  await seedDemo(ctx, { persons: 300, year: 2026 });
  await billOnTime(ctx, ['2026-01', '2026-02']);
  const jan = byId(await listInvoices(ctx, { month: '2026-01' }))[0]!;
  await recordPayment(ctx, { invoice: jan.number!, amount: jan.total, date: '2026-02-10', sp2d: '00001/SP2D/LS/2026' });
}

/** Invoices in the order they were made (by id). */
const byId = <T extends { id: number }>(list: T[]): T[] => [...list].sort((a, b) => a.id - b.id);

const monthSum = async (ctx: CoreContext, month: string) => {
  const list = await listInvoices(ctx, { month });
  return { s: list.reduce((t, i) => t + i.total, 0), n: list.length };
};

test('bills the month, issues one invoice, records a partial payment and refuses an overpayment', async ({ page, sigap }) => {
  await seedBilledPemda(sigap.ctx);
  await sigap.open('/iuran');
  await expect(page.getByRole('heading', { level: 1, name: 'Iuran' })).toBeVisible();
  await expect(page.getByLabel('Bulan iuran: bulan')).toHaveValue('03');
  await expect(page.getByRole('heading', { name: 'Belum ada tagihan Maret 2026' })).toBeVisible();

  await page.getByRole('button', { name: 'Hitung iuran' }).click();
  await expect(page.getByTestId('run-result')).toContainText('orang ditagih');
  const march = await monthSum(sigap.ctx, '2026-03');
  expect(march.n).toBeGreaterThan(30);
  await expect(page.getByTestId('invoice-row')).toHaveCount(march.n);
  await expect(page.getByTestId('month-totals')).toContainText(formatRupiah(march.s));
  await expect(page.getByTestId('invoice-row').first()).toHaveAttribute('data-status', 'draft');

  // Issue Dinas Sosial's draft alone; the dialog says issued invoices never change.
  const sosial = page.getByTestId('invoice-row').filter({ hasText: 'Dinas Sosial' });
  await sosial.getByRole('button', { name: /Terbitkan tagihan Dinas Sosial/ }).click();
  const issue = page.getByRole('dialog', { name: 'Terbitkan tagihan' });
  await expect(issue).toContainText('tidak dapat diubah atau dihapus');
  await issue.getByRole('button', { name: 'Terbitkan' }).click();
  await expect(issue).toBeHidden();
  const inv = (await listInvoices(sigap.ctx, { month: '2026-03' })).find((i) => i.opd === 'Dinas Sosial')! as { id: number; number: string; total: number };
  expect(inv.number).toMatch(/^IUR\/2026\/03\/.+\/001$/);
  await expect(sosial).toHaveAttribute('data-status', 'issued');
  await expect(sosial).toContainText(inv.number);
  await expect(sosial).toContainText('Belum dibayar');
  await expect(page.getByTestId('invoice-row').and(page.locator('[data-status="draft"]'))).toHaveCount(march.n - 1);

  // Open it: header, totals per program, person lines, then a partial payment.
  await sosial.getByRole('link', { name: 'Dinas Sosial' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tagihan Dinas Sosial' })).toBeVisible();
  await expect(page.getByTestId('invoice-status')).toHaveText('Terbit');
  await expect(page.getByTestId('invoice-facts')).toContainText('Maret 2026');
  await expect(page.getByTestId('invoice-facts')).toContainText('15 April 2026');
  await expect(page.getByTestId('invoice-total')).toHaveText(formatRupiah(inv.total));
  const persons = (await storeOf(sigap.ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM invoice_line WHERE invoice_id = ${inv.id}`))!.n;
  await expect(page.getByTestId('lines-range')).toHaveText(`1–${persons} dari ${persons} orang`);
  await expect(page.getByTestId('invoice-lines').locator('tbody tr')).toHaveCount(persons);

  const half = Math.floor(inv.total / 2);
  await page.getByRole('button', { name: 'Catat pembayaran' }).first().click();
  const pay = page.getByRole('dialog', { name: 'Catat pembayaran' });
  await expect(pay.getByLabel('Nomor SP2D')).toBeFocused();
  await pay.getByLabel('Nomor SP2D').fill('00321/SP2D/LS/2026');
  // The invoice was issued today (10 March): an SP2D of the same day needs no confirmation.
  await pay.getByLabel('Tanggal SP2D').fill('10-03-2026');
  await pay.getByLabel('Jumlah dibayar (Rp)').fill(half.toLocaleString('id-ID'));
  await expect(pay.getByText(formatRupiah(half))).toBeVisible();
  await pay.getByRole('button', { name: 'Catat' }).click();
  await expect(pay).toBeHidden();
  await expect(page.getByTestId('saved-message')).toHaveText(`Pembayaran dicatat. Sisa tagihan ${formatRupiah(inv.total - half)}.`);
  await expect(page.getByTestId('invoice-paid')).toHaveText(formatRupiah(half));
  await expect(page.getByTestId('invoice-payable')).toHaveText(formatRupiah(inv.total - half));
  await expect(page.getByTestId('payments')).toContainText('00321/SP2D/LS/2026');
  await expect(page.getByTestId('payments')).toContainText('10 Maret 2026');

  // More than what is left: the core's message, nothing recorded.
  await page.getByRole('button', { name: 'Catat pembayaran' }).first().click();
  await pay.getByLabel('Nomor SP2D').fill('00322/SP2D/LS/2026');
  await pay.getByLabel('Jumlah dibayar (Rp)').fill(String(inv.total));
  await pay.getByRole('button', { name: 'Catat' }).click();
  await expect(pay.getByTestId('error-message')).toHaveText(
    `Pembayaran ${formatRupiah(inv.total)} melebihi sisa tagihan ${inv.number} sebesar ${formatRupiah(inv.total - half)}. Periksa nilai SP2D; catat paling banyak ${formatRupiah(inv.total - half)}.`,
  );
  await pay.getByRole('button', { name: 'Batal' }).click();
  expect(await listPayments(sigap.ctx, inv.id)).toHaveLength(1);

  // Back on the month: what is still payable went down by the payment.
  await page.getByRole('link', { name: '← Kembali ke Iuran Maret 2026' }).click();
  await expect(page.getByTestId('month-payable')).toContainText(formatRupiah(inv.total - half));
  await expect(sosial).toContainText('Dibayar sebagian');

  // Issue the rest in one go.
  await page.getByRole('button', { name: `Terbitkan semua draf (${march.n - 1})` }).click();
  await page.getByRole('dialog', { name: 'Terbitkan semua draf' }).getByRole('button', { name: 'Terbitkan' }).click();
  await expect(page.getByTestId('invoice-row').and(page.locator('[data-status="issued"]'))).toHaveCount(march.n);
});

test('arrears per unit with aging buckets and the estimated fine', async ({ page, sigap }) => {
  await seedBilledPemda(sigap.ctx);
  const report = await arrearsReport(sigap.ctx, '2026-03-10');
  await sigap.open('/iuran?tab=tunggakan');
  await expect(page.getByRole('tab', { name: 'Tunggakan' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('arrears-past-due')).toHaveText(formatRupiah(report.totals.pastDue));
  await expect(page.getByTestId('arrears-row')).toHaveCount(report.units.length);
  // The first unit (largest past-due amount) with its buckets, and its months when opened.
  const u = report.units[0]!;
  const row = page.getByTestId('arrears-row').first();
  await expect(row).toHaveAttribute('data-opd', u.opdCode);
  await expect(row).toContainText(formatRupiah(u.pastDue));
  await expect(page.getByRole('columnheader', { name: 'Denda (perkiraan)', exact: true })).toBeVisible();
  await row.getByRole('button', { name: u.opd, exact: true }).click();
  const items = page.getByTestId('arrears-items');
  await expect(items.locator('tbody tr')).toHaveCount(u.items.length);
  await expect(items).toContainText('Januari 2026');

  // A later date ages the same debts into older buckets.
  await page.getByLabel('Per tanggal').fill('30-06-2026');
  const later = await arrearsReport(sigap.ctx, '2026-06-30');
  await expect(page.getByTestId('arrears-past-due')).toHaveText(formatRupiah(later.totals.pastDue));
  expect(later.totals.over90).toBeGreaterThan(0);
  await expect(page.locator('tfoot')).toContainText(formatRupiah(later.totals.over90));
});

test('arrears show the estimated fine on a PU month paid late, per unit and per payment', async ({ page, sigap }) => {
  await seedBilledPemda(sigap.ctx);
  // A January PU invoice (due 16 February) paid in full on 9 March: one started month late.
  const inv = (await storeOf(sigap.ctx).one<{ number: string; total: number; opdId: number }>(
    sql`SELECT number, total, opd_id AS "opdId" FROM invoice WHERE month = '2026-01' AND segment = 'PU' AND id NOT IN (SELECT invoice_id FROM payment) ORDER BY id LIMIT 1`,
  ))!;
  await recordPayment(sigap.ctx, { invoice: inv.number, amount: inv.total, date: '2026-03-09', sp2d: '00777/SP2D/LS/2026' });
  const report = await arrearsReport(sigap.ctx, '2026-03-10');
  const unit = report.units.find((u) => u.opdId === inv.opdId)!;
  const expected = Math.round((inv.total * 2) / 100); // 2% x 1 month
  expect(unit.latePaidFineEstimate).toBe(expected);
  await sigap.open('/iuran?tab=tunggakan');
  await expect(page.getByTestId('arrears-late-paid-fine')).toHaveText(formatRupiah(report.totals.latePaidFineEstimate));
  await expect(page.getByRole('columnheader', { name: 'Denda (perkiraan)', exact: true })).toBeVisible(); // one fine column, the late-paid part inside it
  const row = page.getByTestId('arrears-row').and(page.locator(`[data-opd="${unit.opdCode}"]`));
  await expect(row.getByTestId('arrears-late-paid-unit')).toHaveText(formatRupiah(expected));
  await row.getByRole('button', { name: unit.opd, exact: true }).click();
  const detail = page.getByTestId('arrears-late-paid');
  await expect(detail).toContainText('Denda atas pembayaran terlambat (perkiraan)');
  await expect(detail.locator('tbody tr')).toHaveCount(1);
  await expect(detail.locator('tbody tr')).toContainText(inv.number);
  await expect(detail.locator('tbody tr')).toContainText('00777/SP2D/LS/2026');
  await expect(detail.locator('tbody tr')).toContainText('1 bln');
  await expect(detail.locator('tbody tr')).toContainText(formatRupiah(expected));
});

test('rates: a new dated row is added with its source and a future row deleted; issued invoices keep their snapshot', async ({ page, sigap }) => {
  await seedBilledPemda(sigap.ctx);
  // With their rate snapshots, which no core read lists for every invoice at once.
  const issuedRates = () => storeOf(sigap.ctx).all(sql`SELECT id, total, rates_json FROM invoice WHERE status = 'issued' ORDER BY id`);
  const issuedBefore = await issuedRates();
  await sigap.open('/pengaturan');
  await page.getByRole('tab', { name: 'Tarif iuran' }).click();
  const cap = page.locator('tr[data-key="pu.jp.wage_cap"][data-month="2026-03"]');
  await expect(cap).toContainText('Rp11.086.300');
  await expect(cap).toContainText('B/1226/022026');
  await expect(cap).toContainText('berlaku sekarang');

  await page.getByRole('button', { name: '+ Tambah tarif berlaku' }).click();
  const dlg = page.getByRole('dialog', { name: 'Tambah tarif berlaku' });
  await dlg.getByLabel('Tarif', { exact: true }).selectOption({ label: 'JKM (pemberi kerja)' });
  await expect(dlg.getByLabel('Nilai')).toHaveValue('0,3');
  await dlg.getByLabel('Nilai').fill('0,35');
  await expect(dlg.getByText('= 0,35%')).toBeVisible();
  await dlg.getByRole('button', { name: 'Simpan tarif' }).click();
  await expect(dlg.getByTestId('error-message')).toContainText('Sumber wajib diisi');
  await dlg.getByLabel('Sumber (peraturan atau surat)').fill('Uji: surat BPJS B/999/2026');
  await dlg.getByRole('button', { name: 'Simpan tarif' }).click();
  await expect(dlg).toBeHidden();
  const row = page.locator('tr[data-key="pu.jkm"][data-month="2026-04"]');
  await expect(row).toContainText('0,35%');
  await expect(row).toContainText('Uji: surat BPJS B/999/2026');
  await expect(row).toContainText('akan berlaku');
  expect((await listRateParams(sigap.ctx)).find((r) => r.key === 'pu.jkm' && r.effectiveMonth === '2026-04')?.value).toBe(35);

  // Rows already in force offer no delete; the future one does.
  await expect(page.locator('tr[data-key="pu.jkm"]:not([data-month="2026-04"])').getByRole('button', { name: /^Hapus/ })).toHaveCount(0);
  await row.getByRole('button', { name: /^Hapus JKM/ }).click();
  await page.getByRole('dialog', { name: 'Hapus tarif yang akan berlaku' }).getByRole('button', { name: 'Hapus' }).click();
  await expect(row).toHaveCount(0);
  expect(await issuedRates()).toEqual(issuedBefore);
  await expect(page.getByTestId('bpu-brackets')).toContainText('Rp1.000.000');
});

test('prints an invoice: preview in a sandboxed frame with its own stylesheet, PDF saved where chosen', async ({ page, sigap }) => {
  await seedBilledPemda(sigap.ctx);
  const inv = byId(await listInvoices(sigap.ctx, { month: '2026-02' }))[0]! as { id: number; number: string };
  await sigap.open(`/iuran/tagihan/${inv.id}`);
  await page.getByRole('button', { name: 'Cetak / simpan PDF' }).click();
  const dlg = page.getByRole('dialog', { name: /^Cetak tagihan/ });
  const frame = dlg.locator('iframe.print-frame');
  await expect(frame).toHaveAttribute('data-ready', 'true');
  await expect(frame).toHaveAttribute('sandbox', 'allow-same-origin');
  const inner = page.frameLocator('iframe.print-frame');
  await expect(inner.locator('body')).toContainText(inv.number);
  // The document's CSS applies inside the frame (adopted, not inline).
  const sheets = await frame.evaluate((f) => (f as unknown as { contentDocument: { adoptedStyleSheets: unknown[] } }).contentDocument.adoptedStyleSheets.length);
  expect(sheets).toBe(1);

  await expect(frame).toHaveAttribute('data-paper', 'A4');
  await dlg.getByLabel('Ukuran kertas').selectOption('F4');
  await expect(frame).toHaveAttribute('data-paper', 'F4');
  await expect(frame).toHaveAttribute('data-ready', 'true');
  const out = join(sigap.dir, 'tagihan.pdf');
  sigap.saveQueue.push(out);
  await dlg.getByRole('button', { name: 'Simpan PDF…' }).click();
  await expect(dlg.getByTestId('pdf-saved')).toHaveText(out, { timeout: 30_000 }); // headless Chromium prints the PDF
  expect(existsSync(out)).toBe(true);
  expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');

  await dlg.getByRole('button', { name: 'Batal' }).click();

  // The month's recap and a reminder letter preview the same way.
  await sigap.open('/iuran?bulan=2026-02');
  await page.getByRole('button', { name: 'Rekap bulan: cetak / PDF' }).click();
  await expect(page.locator('iframe.print-frame')).toHaveAttribute('data-ready', 'true');
  await expect(page.frameLocator('iframe.print-frame').locator('body')).toContainText('Februari 2026');
  await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();

  await sigap.open('/iuran?tab=tunggakan');
  const unit = (await arrearsReport(sigap.ctx, '2026-03-10')).units[0]!;
  await page.getByRole('button', { name: `Surat teguran untuk ${unit.opd}` }).click();
  await expect(page.locator('iframe.print-frame')).toHaveAttribute('data-ready', 'true');
  await expect(page.frameLocator('iframe.print-frame').locator('body')).toContainText(unit.opd);
});

test('billing an issued month again after a rate change makes supplementary invoices that point at the originals', async ({ page, sigap }) => {
  await seedBilledPemda(sigap.ctx);
  const feb = async (status?: 'issued') => byId(await listInvoices(sigap.ctx, { month: '2026-02', ...(status ? { status } : {}) })).map(({ id, number, total }) => ({ id, number: number!, total }));
  const before = await feb();
  await saveRateParam(sigap.ctx, { key: 'pu.jkm', effectiveMonth: '2026-02', value: 35, source: 'Uji koreksi', confidence: 'L' });
  await sigap.open('/iuran?bulan=2026-02');
  await expect(page.getByTestId('invoice-row')).toHaveCount(before.length);
  await page.getByRole('button', { name: 'Hitung ulang iuran' }).click();
  await expect(page.getByTestId('run-result')).toContainText('draf tagihan dibuat');
  const drafts = { n: (await listInvoices(sigap.ctx, { month: '2026-02', status: 'draft' })).filter((i) => i.kind === 'supplementary').length };
  expect(drafts.n).toBeGreaterThan(20); // every PU unit; BPU has no JKM percentage
  const supp = page.getByTestId('invoice-row').and(page.locator('[data-status="draft"]'));
  await expect(supp).toHaveCount(drafts.n);
  await expect(supp.first()).toContainText('Tagihan tambahan');
  await expect(supp.first()).toContainText(`koreksi atas ${before[0]!.number}`);
  // The originals did not change.
  expect(await feb('issued')).toEqual(before);

  await supp.first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Tagihan tambahan/ })).toBeVisible();
  await expect(page.getByTestId('invoice-facts')).toContainText(`Koreksi atas${before[0]!.number}`);
  await expect(page.getByTestId('invoice-lines').locator('tbody tr').first()).toContainText('Perubahan');
  await page.getByTestId('invoice-facts').getByRole('link', { name: before[0]!.number }).click();
  await expect(page.getByTestId('corrections')).toContainText('Tagihan tambahan');
  await page.getByText('Tarif yang dipakai').click();
  await expect(page.getByTestId('rates-used').locator('tr', { hasText: 'JKM (pemberi kerja)' })).toContainText('0,3%');
});
