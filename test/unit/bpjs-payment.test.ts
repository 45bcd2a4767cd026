/**
 * The Pemda's monthly payment to BPJS per NPP, month and segment: the branch's bill (typed or read from
 * its file), the fine, the payment, whether the units' SP2D cover it; rows never change, corrections
 * are new rows with a reason; audited; gated by role; on the command line.
 */
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { opdRepo } from '../../electron/core/settings/employer-repository';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFileSync } from 'node:fs';
import { recordPayment, runBilling } from '../../electron/core/billing/index';
import { bpjsMonthStatus, bpjsPaymentHistory, recordBpjsPayment } from '../../electron/core/billing/bpjs-payment';
import { saveRegistration } from '../../electron/core/settings/registrations';
import { SigapError } from '../../shared/errors';
import { listAudit } from '../../electron/core/audit-query';
import { bridge, testHost } from '../api-harness';
import { runCli } from '../cli-harness';
import { writeBill } from '../fixtures/bpjs-files';
import { pdfText } from './print-pdf-tools';
import { outcome, overlapping } from '../store-gates';
import { addStaff, addUnit, billingDb, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

const OWN = '18040012';
const RSUD_NPP = '18040099';

/**
 * January 2026, issued 2 February. JKK class I 0,24% + JKM 0,30% = 0,54% of the wage:
 * - Dinas Kesehatan, 10 x Rp1.000.000: 10 x 5.400 = 54.000 (Pemda's NPP);
 * - Dinas Sosial, 3 x Rp2.000.000: 3 x 10.800 = 32.400 (Pemda's NPP); together 86.400;
 * - RSUD (its own NPP 18040099, class I), 2 x Rp1.500.000: 2 x 8.100 = 16.200.
 * SP2D: Dinkes 54.000 on 10 February, Dinsos 32.400 on 20 February; the RSUD pays nothing.
 */
async function january() {
  ctx = await billingDb('2026-02-02T03:00:00Z');
  const dinkes = await addUnit(ctx, '05', 'Dinas Kesehatan');
  const dinsos = await addUnit(ctx, '07', 'Dinas Sosial');
  const rsud = await addUnit(ctx, '20', 'RSUD Tulang Bawang');
  const reg = await saveRegistration(ctx, { npp: RSUD_NPP, name: 'RSUD Tulang Bawang (BLUD)', jkkClass: 1 });
  await opdRepo.update(storeOf(ctx), rsud, { registration_id: reg });
  await addStaff(ctx, { count: 10, opdId: dinkes, honor: 1_000_000 });
  await addStaff(ctx, { count: 3, opdId: dinsos, honor: 2_000_000 });
  await addStaff(ctx, { count: 2, opdId: rsud, honor: 1_500_000 });
  const run = await runBilling(ctx, { month: '2026-01', issue: true });
  const inv = (code: string) => run.invoices.find((i) => i.opdCode === code)!.number!;
  ctx.clock = () => new Date('2026-02-25T03:00:00Z');
  await recordPayment(ctx, { invoice: inv('05'), amount: 54_000, date: '2026-02-10', sp2d: 'SP2D/05' });
  await recordPayment(ctx, { invoice: inv('07'), amount: 32_400, date: '2026-02-20', sp2d: 'SP2D/07' });
  return { run };
}

async function caught(f: () => unknown): Promise<SigapError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof SigapError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

const own = async () => (await bpjsMonthStatus(ctx, '2026-01')).find((s) => s.npp === OWN && s.segment === 'PU')!;

describe('the month per NPP', () => {
  it('lists the Pemda NPP and the RSUD NPP with what Sigap billed and the SP2D received, before any bill is recorded', async () => {
    await january();
    const rows = await bpjsMonthStatus(ctx, '2026-01');
    expect(rows.map((r) => [r.npp, r.segment, r.sigapBilled, r.sp2dReceived, r.record, r.covered])).toEqual([
      [OWN, 'PU', 86_400, 86_400, null, null],
      [RSUD_NPP, 'PU', 16_200, 0, null, null],
    ]);
    expect(rows[1]!.name).toBe('RSUD Tulang Bawang (BLUD)');
  });

  it('a typed bill equal to the SP2D received is covered; the payment to BPJS shows what had arrived by its date', async () => {
    await january();
    await recordBpjsPayment(ctx, { month: '2026-01', billTotal: 86_400 });
    expect(await own()).toMatchObject({ owed: 86_400, shortfall: 0, covered: true, unpaidToBpjs: null, sp2dByPaidDate: null, versions: 1 });
    // Paid on 16 February: only Dinkes' 54.000 (10 February) had arrived; Dinsos' came on the 20th.
    await recordBpjsPayment(ctx, { month: '2026-01', paidAmount: 86_400, paidDate: '2026-02-16', paidReference: 'NTPN 0A1B2C3D' });
    expect(await own()).toMatchObject({ owed: 86_400, sp2dByPaidDate: 54_000, sp2dReceived: 86_400, covered: true, unpaidToBpjs: 0, versions: 2 });
    expect((await own()).record).toMatchObject({ billTotal: 86_400, billSource: 'typed', paidAmount: 86_400, paidDate: '2026-02-16', paidReference: 'NTPN 0A1B2C3D' });
  });

  it('a fine on the bill is owed too: 86.400 + 1.728 (2% of 86.400) is not covered by 86.400 of SP2D', async () => {
    await january();
    await recordBpjsPayment(ctx, { month: '2026-01', billTotal: 86_400, fine: 1_728 });
    expect(await own()).toMatchObject({ owed: 88_128, shortfall: 1_728, covered: false });
  });

  it('the RSUD NPP is recorded on its own; the units of the Pemda NPP do not cover it', async () => {
    await january();
    await recordBpjsPayment(ctx, { npp: '1804-0099', month: '2026-01', billTotal: 16_200 });
    const rsud = (await bpjsMonthStatus(ctx, '2026-01')).find((s) => s.npp === RSUD_NPP)!;
    expect(rsud).toMatchObject({ owed: 16_200, sp2dReceived: 0, shortfall: 16_200, covered: false });
    expect((await caught(() => recordBpjsPayment(ctx, { npp: '99999999', month: '2026-01', billTotal: 1 }))).message).toMatch(/NPP "99999999" belum terdaftar/);
  });
});

describe('corrections are new rows with a reason, never silent', () => {
  it('two clerks recording different bills at once: the second is checked against the first, so it needs a reason and one chain remains', async () => {
    await january();
    // The first clerk's record is written and not yet committed while the second one's goes as far as it can.
    const [a, b] = await overlapping(
      ctx,
      (c) => recordBpjsPayment(c, { month: '2026-01', billTotal: 86_400 }),
      (c) => recordBpjsPayment(c, { month: '2026-01', billTotal: 90_000 }),
    );
    expect(a.billTotal).toBe(86_400);
    expect(outcome(b)).toMatch(/sudah ada\. Mengubah total tagihan Rp86\.400 → Rp90\.000 adalah koreksi/);
    expect((await bpjsPaymentHistory(ctx, OWN, '2026-01')).map((h) => [h.billTotal, h.supersedesId])).toEqual([[86_400, null]]);
  });

  it('two corrections of the same record at once: the second is checked against the first correction', async () => {
    await january();
    const first = await recordBpjsPayment(ctx, { month: '2026-01', billTotal: 86_400 });
    const [second, b] = await overlapping(
      ctx,
      (c) => recordBpjsPayment(c, { month: '2026-01', billTotal: 90_000, reason: 'tagihan ulang cabang' }),
      (c) => recordBpjsPayment(c, { month: '2026-01', billTotal: 91_000, reason: 'salah ketik' }),
    );
    // Checked against 90,000 (and still a correction with its reason): it supersedes the first correction, not the first row.
    expect(b.status === 'fulfilled' ? b.value : outcome(b)).toMatchObject({ billTotal: 91_000, supersedesId: second.id });
    expect((await bpjsPaymentHistory(ctx, OWN, '2026-01')).map((h) => [h.billTotal, h.supersedesId])).toEqual([[86_400, null], [90_000, first.id], [91_000, second.id]]);
  });

  it('changing the bill total needs a reason; the history keeps every row; rows cannot be updated or deleted', async () => {
    await january();
    await recordBpjsPayment(ctx, { month: '2026-01', billTotal: 86_400 });
    await recordBpjsPayment(ctx, { month: '2026-01', paidAmount: 86_400, paidDate: '2026-02-16', paidReference: 'NTPN-1' });
    const err = await caught(() => recordBpjsPayment(ctx, { month: '2026-01', billTotal: 90_000 }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toBe('Catatan NPP 18040012 PU Januari 2026 sudah ada. Mengubah total tagihan Rp86.400 → Rp90.000 adalah koreksi: tulis alasannya.');
    await recordBpjsPayment(ctx, { month: '2026-01', billTotal: 90_000, reason: 'Tagihan susulan 1 orang dari kantor cabang' });
    // Owed 90.000, received 86.400: short by 3.600; paid 86.400 to BPJS leaves 3.600 open.
    expect(await own()).toMatchObject({ owed: 90_000, shortfall: 3_600, covered: false, unpaidToBpjs: 3_600, versions: 3 });
    const history = await bpjsPaymentHistory(ctx, OWN, '2026-01');
    expect(history.map((h) => [h.billTotal, h.paidAmount, h.supersedesId === null, h.reason])).toEqual([
      [86_400, null, true, null], [86_400, 86_400, false, null], [90_000, 86_400, false, 'Tagihan susulan 1 orang dari kantor cabang'],
    ]);
    await expect(storeOf(ctx).run(sql`UPDATE bpjs_payment SET bill_total = 1`)).rejects.toThrow(/tidak dapat diubah/);
    await expect(storeOf(ctx).run(sql`DELETE FROM bpjs_payment`)).rejects.toThrow(/tidak dapat dihapus/);
    // The audit trail lists newest first.
    const audits = (await listAudit(ctx, { entity: 'bpjs_payment' })).rows.reverse();
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(audits[2]!.summary).toContain('alasan: Tagihan susulan 1 orang dari kantor cabang');
  });

  it('refuses a repeat with the same values, half a payment, a date before the month or in the future, and a step before any bill', async () => {
    await january();
    expect((await caught(() => recordBpjsPayment(ctx, { month: '2026-01', fine: 100 }))).message).toMatch(/isi dulu total tagihan/);
    await recordBpjsPayment(ctx, { month: '2026-01', billTotal: 86_400 });
    expect((await caught(() => recordBpjsPayment(ctx, { month: '2026-01', billTotal: 86_400 }))).code).toBe('CONFLICT');
    expect((await caught(() => recordBpjsPayment(ctx, { month: '2026-01', paidAmount: 86_400 }))).message).toMatch(/dicatat lengkap/);
    expect((await caught(() => recordBpjsPayment(ctx, { month: '2026-01', paidAmount: 86_400, paidDate: '2025-12-31', paidReference: 'X' }))).message).toMatch(/sebelum bulan iuran Januari 2026/);
    expect((await caught(() => recordBpjsPayment(ctx, { month: '2026-01', paidAmount: 86_400, paidDate: '2026-02-26', paidReference: 'X' }))).message).toMatch(/belum terjadi/);
    expect(await bpjsPaymentHistory(ctx, OWN, '2026-01')).toHaveLength(1);
  });
});

describe('over the bridge and the command line', () => {
  it('reads the bill total from the branch file (the sum of its lines), records it, and lets a viewer read but not write', async () => {
    await january();
    const host = testHost();
    const path = join(ctx.dir, 'rincian-januari.xlsx');
    // Two lines: 3.600 + 4.500 and 5.400 + 6.750 -> 8.100 + 12.150 = 20.250.
    await writeBill(path, '2026-01', [
      { nik: '3201000000000001', kpj: '11000000001', name: 'A', jkk: 3_600, jkm: 4_500 },
      { nik: '3201000000000002', kpj: '11000000002', name: 'B', jkk: 5_400, jkm: 6_750 },
    ]);
    host.openQueue.push(path);
    const api = bridge(ctx, host, { as: 'finance' });
    const bill = (await api.ok('bpjsPayment.readBill', { month: '2026-01' }))!;
    expect([bill.name, bill.total, bill.lines, bill.segment]).toEqual(['rincian-januari.xlsx', 20_250, 2, 'PU']);
    const rec = await api.ok('bpjsPayment.record', { month: '2026-01', billToken: bill.token });
    expect([rec.billTotal, rec.billSource, rec.billFile]).toEqual([20_250, 'file', 'rincian-januari.xlsx']);
    const month = await api.ok('bpjsPayment.month', { month: '2026-01' });
    expect(month[0]).toMatchObject({ npp: OWN, owed: 20_250, covered: true });

    const viewer = bridge(ctx, testHost(), { as: 'viewer' });
    expect((await viewer.ok('bpjsPayment.month', { month: '2026-01' }))[0]!.owed).toBe(20_250);
    expect(await viewer.raw('bpjsPayment.record', { month: '2026-01', fine: 5 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('sigap bpjs-payment record and list', async () => {
    await january();
    const at = { at: '2026-02-25T03:00:00Z' };
    const rec = await runCli(['bpjs-payment', 'record', '--month', '2026-01', '--bill', '86.400', '--fine', '1.728', '--db', ctx.dbPath], at);
    expect(rec.code).toBe(0);
    expect(rec.stdout).toContain('Rp86.400');
    const corr = await runCli(['bpjs-payment', 'record', '--month', '2026-01', '--bill', '90000', '--db', ctx.dbPath], at);
    expect(corr.code).toBe(2);
    expect(corr.stderr).toContain('tulis alasannya');
    const paid = await runCli(['bpjs-payment', 'record', '--month', '2026-01', '--paid', '88.128', '--date', '2026-02-16', '--ref', 'NTPN-1', '--db', ctx.dbPath], at);
    expect(paid.code).toBe(0);
    const list = await runCli(['bpjs-payment', 'list', '--month', '2026-01', '--json', '--db', ctx.dbPath], at);
    expect(list.code).toBe(0);
    const rows = list.json<{ npp: string; owed: number | null; shortfall: number | null; covered: boolean | null }[]>();
    // 86.400 + 1.728 = 88.128 owed; 86.400 received: short by 1.728, the fine.
    expect(rows.find((r) => r.npp === OWN)).toMatchObject({ owed: 88_128, shortfall: 1_728, covered: false });
    const help = await runCli(['bpjs-payment', '--help'], at);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('sigap bpjs-payment record --month YYYY-MM');
    expect(help.stdout).toContain('[--paid N --date YYYY-MM-DD --ref TEKS]');
    const text = await runCli(['bpjs-payment', 'list', '--month', '2026-01', '--db', ctx.dbPath], at);
    expect(text.stdout).toContain('18040099');
    expect(text.stdout).toContain('kurang Rp1.728');
  });
});

describe('in the recap', () => {
  it('the month recap lists the payment to BPJS per NPP with its cover, and the PDF shows it', async () => {
    await january();
    const { recapPrint } = await import('../../electron/core/print/recap');
    // Nothing recorded: no section.
    expect((await recapPrint(ctx, '2026-01')).body).not.toContain('Pembayaran ke BPJS Ketenagakerjaan per NPP');
    await recordBpjsPayment(ctx, { month: '2026-01', billTotal: 86_400, fine: 1_728 });
    await recordBpjsPayment(ctx, { month: '2026-01', paidAmount: 88_128, paidDate: '2026-02-16', paidReference: 'NTPN-1' });
    const html = (await recapPrint(ctx, '2026-01')).body;
    expect(html).toContain('Pembayaran ke BPJS Ketenagakerjaan per NPP');
    // Billed 86.400, received 86.400, bill 86.400 + fine 1.728 = 88.128 paid; short by the fine, 1.728.
    expect(html).toMatch(/<td class="nowrap">18040012<\/td><td>Pemerintah Kabupaten Contoh<\/td><td class="center">PU<\/td><td class="num">86\.400<\/td><td class="num">86\.400<\/td><td class="num">86\.400<\/td><td class="num">1\.728<\/td><td class="num">88\.128<br><span class="small">16 Februari 2026 &middot; NTPN-1<\/span><\/td><td>kurang 1\.728<\/td><\/tr>/);
    const host = testHost();
    const path = join(ctx.dir, 'rekap.pdf');
    host.saveQueue.push(path);
    await bridge(ctx, host).ok('print.recapPdf', { month: '2026-01', paper: 'A4' });
    const text = pdfText(path);
    expect(text).toContain('Pembayaran ke BPJS Ketenagakerjaan per NPP');
    // The name wraps in its cell, so pdftotext reads its first word in the row.
    expect(text).toMatch(/18040012 Pemerintah PU 86\.400 86\.400 86\.400 1\.728 88\.128 kurang/);
    expect(text).toContain("16 Februari 2026 · NTPN-1");
    copyFileSync(path, join(process.env.H7_PDF_DIR ?? ctx.dir, "rekap-bpjs.pdf"));
  });
});

describe('arrears per NPP', () => {
  it('the arrears report, the bridge and sigap arrears can be limited to one NPP', async () => {
    await january();
    const { arrearsReport } = await import('../../electron/core/billing/arrears');
    // As of 25 February: the RSUD owes its 16.200 (due 16 February); Dinas Sosial paid 32.400 on 20 February,
    // 4 days late: one started month, 32.400 x 2% = 648. Dinas Kesehatan paid on time.
    const rsud = await arrearsReport(ctx, '2026-02-25', RSUD_NPP);
    expect(rsud.units.map((u) => [u.opdCode, u.outstanding, u.latePaidFineEstimate])).toEqual([['20', 16_200, 0]]);
    expect(rsud.npp).toBe(RSUD_NPP);
    const own = await arrearsReport(ctx, '2026-02-25', OWN);
    expect(own.units.map((u) => [u.opdCode, u.outstanding, u.latePaidFineEstimate])).toEqual([['07', 0, 648]]);
    const all = await arrearsReport(ctx, '2026-02-25');
    expect(all.units.map((u) => u.opdCode).sort()).toEqual(['07', '20']);
    expect(all.totals.outstanding).toBe(rsud.totals.outstanding + own.totals.outstanding);

    const dto = await bridge(ctx, testHost(), { as: 'viewer' }).ok('billing.arrears', { asOf: '2026-02-25', npp: RSUD_NPP });
    expect(dto.units.map((u) => u.opdCode)).toEqual(['20']);
    const cli = await runCli(['arrears', '--as-of', '2026-02-25', '--npp', '1804.0099', '--json', '--db', ctx.dbPath], { at: '2026-02-25T03:00:00Z' });
    expect(cli.code).toBe(0);
    expect(cli.json<{ npp: string; units: { opdCode: string }[] }>()).toMatchObject({ npp: RSUD_NPP, units: [{ opdCode: '20' }] });
  });
});

describe('the bill from the branch file LibreOffice wrote (Formulir 2a)', () => {
  it('reads its total, 554.400 (14.400 + 18.000 + 120.000 + 222.000 + 60.000 + 120.000), and refuses it for another NPP', async () => {
    await january();
    const file = join(import.meta.dirname, '../fixtures/files/formulir-2a-lo.xls');
    const at = { at: '2026-04-20T03:00:00Z' };
    // The file is the March 2026 bill of NPP 18040012 (its title block says so).
    const wrong = await runCli(['bpjs-payment', 'record', '--month', '2026-03', '--npp', RSUD_NPP, '--bill-file', file, '--db', ctx.dbPath], at);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('adalah tagihan NPP 18040012, bukan NPP 18040099');
    const ok = await runCli(['bpjs-payment', 'record', '--month', '2026-03', '--bill-file', file, '--json', '--db', ctx.dbPath], at);
    expect(ok.code).toBe(0);
    expect(ok.json<{ billTotal: number; billSource: string; billFile: string }>()).toMatchObject({ billTotal: 554_400, billSource: 'file', billFile: 'formulir-2a-lo.xls' });
  });
});
