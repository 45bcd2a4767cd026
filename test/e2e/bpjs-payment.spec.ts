import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { unitRepo } from '../../electron/core/roster/unit-repository';
import { listInvoices, listPayments } from '../../electron/core/billing/index';
import { test, expect } from './harness';
import { formatRupiah } from '../../shared/money';
import { bpjsMonthStatus } from '../../electron/core/billing/bpjs-payment';
import { OWN_NPP, RSUD_NPP, seedBpjsPayment } from './bpjs-payment-seed';

test('Pembayaran ke BPJS: record the bill, find the SP2D short by two units, pay, correct with a reason, read the history', async ({ page, sigap }) => {
  const { unpaid } = await seedBpjsPayment(sigap.ctx);
  const before = (await bpjsMonthStatus(sigap.ctx, '2026-01')).find((s) => s.npp === OWN_NPP && s.segment === 'PU')!;
  const short = unpaid.reduce((s, i) => s + i.total, 0);
  // What came in is what was billed less the two unpaid invoices.
  expect(before.sp2dReceived).toBe(before.sigapBilled - short);

  await sigap.open('/iuran?bulan=2026-01&tab=bpjs');
  await expect(page.getByRole('tab', { name: 'Pembayaran ke BPJS' })).toHaveAttribute('aria-selected', 'true');
  const own = page.getByTestId('bpjs-payment-row').and(page.locator(`[data-npp="${OWN_NPP}"][data-segment="PU"]`));
  await expect(own).toContainText('tagihan BPJS belum dicatat');
  await expect(own).toContainText(formatRupiah(before.sigapBilled));
  await expect(page.getByTestId('bpjs-payment-row').and(page.locator(`[data-npp="${RSUD_NPP}"]`))).toContainText('RSUD Alimuddin Umar (BLUD)');

  // The bill as the branch sent it: the same total Sigap billed (the field starts with it).
  await own.getByRole('button', { name: /Catat tagihan atau pembayaran/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Tagihan BPJS Januari 2026' });
  await expect(dialog.getByLabel('Total tagihan BPJS')).toHaveValue(before.sigapBilled.toLocaleString('id-ID'));
  await dialog.getByRole('button', { name: 'Catat' }).click();
  await expect(dialog).toBeHidden();
  await expect(own.getByTestId('bpjs-shortfall')).toHaveText(`kurang ${formatRupiah(short)}`);

  // The payment to BPJS.
  await own.getByRole('button', { name: /Catat tagihan atau pembayaran/ }).click();
  await expect(own.getByRole('button', { name: /Catat tagihan atau pembayaran/ })).toHaveText('Catat pembayaran');
  await dialog.getByLabel('Dibayar ke BPJS (Rp)').fill(before.sigapBilled.toLocaleString('id-ID'));
  await dialog.getByLabel('Tanggal bayar').fill('05-03-2026');
  await dialog.getByLabel('Nomor referensi (NTPN / bukti setor)').fill('NTPN 0A1B2C3D4E5F');
  await dialog.getByRole('button', { name: 'Catat' }).click();
  await expect(dialog).toBeHidden();
  await expect(own.getByTestId('bpjs-paid')).toContainText(formatRupiah(before.sigapBilled));
  await expect(own.getByTestId('bpjs-paid')).toContainText('5 Maret 2026');

  // A correction of the bill total needs a reason; without one the core says so and nothing is written.
  await own.getByRole('button', { name: /Catat tagihan atau pembayaran/ }).click();
  await dialog.getByLabel('Total tagihan BPJS').fill((before.sigapBilled + 5_400).toLocaleString('id-ID'));
  await dialog.getByRole('button', { name: 'Catat' }).click();
  await expect(dialog.getByTestId('error-message')).toContainText('adalah koreksi: tulis alasannya');
  await dialog.getByLabel('Alasan koreksi').fill('Tagihan susulan satu pegawai dari kantor cabang');
  await dialog.getByRole('button', { name: 'Catat' }).click();
  await expect(dialog).toBeHidden();
  await expect(own.getByTestId('bpjs-shortfall')).toHaveText(`kurang ${formatRupiah(short + 5_400)}`);
  await expect(own.getByTestId('bpjs-bill-differs')).toContainText(formatRupiah(5_400));
  await own.getByRole('button', { name: 'Riwayat (3)' }).click();
  await expect(page.getByTestId('bpjs-history').locator('li')).toHaveCount(3);
  await expect(page.getByTestId('bpjs-history')).toContainText('alasan: Tagihan susulan satu pegawai dari kantor cabang');
  expect((await storeOf(sigap.ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'bpjs_payment'`))!.n).toBe(3);
});

test('Tunggakan: a month billed late shows the statutory date and the OPD deadline, and is late for BPJS already', async ({ page, sigap }) => {
  const { unpaid } = await seedBpjsPayment(sigap.ctx);
  const unit = (await unitRepo.byId(storeOf(sigap.ctx), unpaid[0]!.opdId))!;
  await sigap.open('/iuran?tab=tunggakan');
  const row = page.getByTestId('arrears-row').and(page.locator(`[data-opd="${unit.code}"]`));
  await row.getByRole('button', { name: unit.name, exact: true }).click();
  const dates = page.getByTestId('arrears-items').getByTestId('arrears-due-dates').first();
  // January: statutory 16 February 2026 (the 15th is a Sunday); issued 20 February, the OPD has until 16 March.
  await expect(dates).toContainText('16 Februari 2026');
  await expect(dates).toContainText('batas tagihan OPD 16 Maret 2026');
  await expect(dates.getByTestId('arrears-bpjs-late')).toHaveText('terlambat bagi BPJS, batas OPD belum lewat');

  // One NPP at a time: the RSUD's registration shows only the RSUD.
  await page.getByTestId('arrears-npp').selectOption(RSUD_NPP);
  await expect(page.getByTestId('arrears-row')).toHaveCount(1);
  await expect(page.getByTestId('arrears-row')).toContainText('RSUD Alimuddin Umar');
});

test('an SP2D dated before the invoice was issued is asked about, then recorded when confirmed', async ({ page, sigap }) => {
  await seedBpjsPayment(sigap.ctx);
  const inv = (await listInvoices(sigap.ctx, { month: '2026-02' })).filter((i) => i.segment === 'PU').sort((a, b) => a.id - b.id)[0]! as { id: number; number: string; total: number };
  await sigap.open(`/iuran/tagihan/${inv.id}`);
  await page.getByRole('button', { name: 'Catat pembayaran' }).first().click();
  const pay = page.getByRole('dialog', { name: 'Catat pembayaran' });
  await pay.getByLabel('Nomor SP2D').fill('00999/SP2D/LS/2026');
  // Issued 10 February; the SP2D says 5 February.
  await pay.getByLabel('Tanggal SP2D').fill('05-02-2026');
  await pay.getByRole('button', { name: 'Catat' }).click();
  await expect(pay.getByTestId('early-date-message')).toHaveText(`Tanggal SP2D 5 Februari 2026 lebih awal dari tanggal terbit tagihan ${inv.number} (10 Februari 2026). Periksa tanggalnya; bila SP2D memang terbit sebelum tagihan, konfirmasi bahwa tanggal itu benar.`);
  expect(await listPayments(sigap.ctx, inv.id)).toHaveLength(0);
  await pay.getByRole('button', { name: 'Catat' }).click();
  await expect(pay.getByTestId('error-message')).toContainText('Centang konfirmasi tanggal SP2D');
  await pay.getByTestId('confirm-early-date').check();
  await pay.getByRole('button', { name: 'Catat' }).click();
  await expect(pay).toBeHidden();
  await expect(page.getByTestId('payments')).toContainText('5 Februari 2026');
});
