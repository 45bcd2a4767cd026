/**
 * An SP2D dated before its invoice was issued is refused unless confirmed: in the core
 * (`confirmEarlyDate`), over the bridge (CONFIRM_REQUIRED) and on the command line (--confirm-early-date).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getInvoice, listPayments, recordPayment, runBilling } from '../../electron/core/billing/index';
import { listAudit } from '../../electron/core/audit-query';
import { SigapError } from '../../shared/errors';
import { bridge, testHost } from '../api-harness';
import { runCli } from '../cli-harness';
import { addStaff, addUnit, billingDb, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

/** Ten PU staff at Rp1.000.000: January 2026 is 54.000 (JKK 0,24% + JKM 0,30% of 10.000.000), issued 10 February 2026 WIB. */
async function issuedTenthOfFebruary() {
  // 03:00 UTC is 10:00 WIB on 10 February.
  ctx = await billingDb('2026-02-10T03:00:00Z');
  const opd = await addUnit(ctx, '05', 'Dinas Kesehatan');
  await addStaff(ctx, { count: 10, opdId: opd, honor: 1_000_000 });
  await runBilling(ctx, { month: '2026-01', issue: true });
  ctx.clock = () => new Date('2026-03-01T03:00:00Z');
  return await getInvoice(ctx, 'IUR/2026/01/05/001');
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

const payments = async () => (await listPayments(ctx)).length;

describe('payment dated before the invoice was issued', () => {
  it('is refused without confirmation, with a message naming both dates, and nothing is written', async () => {
    const inv = await issuedTenthOfFebruary();
    const err = await caught(() => recordPayment(ctx, { invoice: inv.number!, amount: 54_000, date: '2026-02-09', sp2d: 'SP2D-1' }));
    expect(err.code).toBe('CONFIRM_REQUIRED');
    expect(err.message).toBe('Tanggal SP2D 9 Februari 2026 lebih awal dari tanggal terbit tagihan IUR/2026/01/05/001 (10 Februari 2026). Periksa tanggalnya; bila SP2D memang terbit sebelum tagihan, konfirmasi bahwa tanggal itu benar.');
    expect(await payments()).toBe(0);
  });

  it('is recorded when confirmed, and the audit row says the early date was confirmed', async () => {
    const inv = await issuedTenthOfFebruary();
    const r = await recordPayment(ctx, { invoice: inv.number!, amount: 20_000, date: '2026-02-09', sp2d: 'SP2D-1', confirmEarlyDate: true });
    // 54.000 - 20.000 = 34.000 left.
    expect(r.remaining).toBe(34_000);
    const { rows: [row, ...more] } = await listAudit(ctx, { entity: 'payment' });
    expect(more).toEqual([]);
    expect(row!.summary).toContain('sebelum tagihan terbit 2026-02-10, dikonfirmasi');
    expect(row!.after).toMatchObject({ earlyDateConfirmed: true, date: '2026-02-09' });
  });

  it('the issue day itself and later need no confirmation; the office day counts, not UTC', async () => {
    const inv = await issuedTenthOfFebruary();
    expect((await recordPayment(ctx, { invoice: inv.number!, amount: 10_000, date: '2026-02-10', sp2d: 'SP2D-1' })).remaining).toBe(44_000);
    // Issued at 23:30 UTC on 10 March = 06:30 WIB on 11 March: an SP2D of 10 March is a day early in WIB.
    ctx.clock = () => new Date('2026-03-10T23:30:00Z');
    await runBilling(ctx, { month: '2026-02', issue: true });
    const feb = await getInvoice(ctx, 'IUR/2026/02/05/001');
    expect((await caught(() => recordPayment(ctx, { invoice: feb.number!, amount: 1_000, date: '2026-03-10', sp2d: 'SP2D-2' }))).code).toBe('CONFIRM_REQUIRED');
    expect((await recordPayment(ctx, { invoice: feb.number!, amount: 1_000, date: '2026-03-11', sp2d: 'SP2D-2' })).remaining).toBe(53_000);
  });

  it('a refusal for another reason comes first: an overpayment is never asked about its date', async () => {
    const inv = await issuedTenthOfFebruary();
    expect((await caught(() => recordPayment(ctx, { invoice: inv.number!, amount: 54_001, date: '2026-02-09', sp2d: 'SP2D-1' }))).code).toBe('OVERPAYMENT');
  });

  it('over the bridge: CONFIRM_REQUIRED, then recorded with confirmEarlyDate', async () => {
    const inv = await issuedTenthOfFebruary();
    const api = bridge(ctx, testHost());
    const input = { invoiceId: inv.id, sp2d: 'SP2D-1', date: '2026-02-09', amount: 54_000 };
    expect(await api.raw('payment.record', input)).toMatchObject({ ok: false, error: { code: 'CONFIRM_REQUIRED', message: expect.stringContaining('10 Februari 2026') } });
    expect((await api.ok('payment.record', { ...input, confirmEarlyDate: true })).remaining).toBe(0);
  });

  it('on the command line: refused with a hint to --confirm-early-date, recorded with it', async () => {
    const inv = await issuedTenthOfFebruary();
    const args = ['pay', inv.number!, '--amount', '54.000', '--date', '2026-02-09', '--sp2d', 'SP2D-1', '--db', ctx.dbPath];
    const refused = await runCli(args, { at: '2026-03-01T03:00:00Z' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('lebih awal dari tanggal terbit tagihan');
    expect(refused.stderr).toContain('ulangi dengan --confirm-early-date');
    const ok = await runCli([...args, '--confirm-early-date'], { at: '2026-03-01T03:00:00Z' });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Sisa tagihan: Rp0.');
  });
});
