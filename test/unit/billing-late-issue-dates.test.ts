/**
 * Invoices issued after their month fell due (their own deadline, their fine from the statutory date),
 * payments dated before the contribution month, and `sigap pay`'s argument messages.
 */
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { afterEach, describe, expect, it } from 'vitest';
import { arrearsReport, getInvoice, issueDrafts, recordPayment, runBilling } from '../../electron/core/billing/index';
import { dueDateAtIssue } from '../../electron/core/billing/issue';
import { SigapError } from '../../shared/errors';
import { runCli } from '../cli-harness';
import { addStaff, addUnit, billingDb, RENTAN, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

const setClock = (iso: string) => {
  ctx.clock = () => new Date(iso);
};

describe('due dates of invoices issued after their month fell due', () => {
  it('keeps the rule date for a regular invoice issued on time', async () => {
    ctx = await billingDb('2026-03-20T03:00:00Z');
    const opd = await addUnit(ctx, '05', 'Dinas Kesehatan');
    await addStaff(ctx, { count: 2, opdId: opd, honor: 1_000_000 });
    const inv = (await runBilling(ctx, { month: '2026-03', issue: true })).invoices[0]!;
    expect([inv.kind, inv.dueDate]).toEqual(['regular', '2026-04-15']);
  });

  it('a supplementary invoice issued in November for March keeps its own deadline for the OPD, but is aged and fined from the statutory date', async () => {
    ctx = await billingDb('2026-03-20T03:00:00Z');
    const opd = await addUnit(ctx, '05', 'Dinas Kesehatan');
    await addStaff(ctx, { count: 2, opdId: opd, honor: 1_000_000 });
    const regular = (await runBilling(ctx, { month: '2026-03', issue: true })).invoices[0]!;

    // Back-billed: someone who worked in March was entered in November.
    setClock('2026-11-22T03:00:00Z');
    await addStaff(ctx, { count: 1, opdId: opd, honor: 1_000_000, start: '2026-03-01' });
    const run = await runBilling(ctx, { month: '2026-03' });
    const draft = run.invoices.find((i) => i.status === 'draft')!;
    // The draft already shows the date it gets when issued today.
    expect([draft.kind, draft.dueDate]).toEqual(['supplementary', '2026-12-15']);
    await issueDrafts(ctx, '2026-03');
    const sup = await getInvoice(ctx, draft.id);
    expect([sup.number, sup.dueDate, sup.total]).toEqual(['IUT/2026/03/05/002', '2026-12-15', 5_400]);
    expect((await getInvoice(ctx, regular.id)).dueDate).toBe('2026-04-15');

    // BPJS counts March late from 15 April whatever day it was billed (billing/statutory-due.ts): on 22 November
    // both invoices are 221 days past it (15 + 31 + 30 + 31 + 31 + 30 + 31 + 22), 8 started months, and the
    // supplementary one is never "not yet due"; its own deadline (15 December) is the OPD's, 23 days away.
    const items = (await arrearsReport(ctx, '2026-11-22')).units[0]!.items;
    expect(items.map((i) => [i.dueDate, i.statutoryDueDate, i.bucket, i.outstanding, i.fineEstimate, i.invoiceNumbers])).toEqual([
      ['2026-04-15', '2026-04-15', 'over90', 10_800, applyFine(10_800, 8), [regular.number]],
      ['2026-12-15', '2026-04-15', 'over90', 5_400, applyFine(5_400, 8), ['IUT/2026/03/05/002']],
    ]);
    expect(items[1]!.opdDaysPastDue).toBe(-23);
    // A day past the OPD's deadline: 245 days past the statutory date, a ninth started month, 5.400 x 2% x 9 = 972.
    const late = (await arrearsReport(ctx, '2026-12-16')).units[0]!.items.find((i) => i.dueDate === '2026-12-15')!;
    expect([late.opdDaysPastDue, late.daysPastDue, late.bucket, late.monthsLate, late.fineEstimate]).toEqual([1, 245, 'over90', 9, 972]);
  });

  it('a month billed for the first time after its due date gets a date from the issue day; a late credit note ages with its original', async () => {
    ctx = await billingDb('2026-05-02T03:00:00Z');
    const opd = await addUnit(ctx, '05', 'Dinas Kesehatan');
    const pekon = await addUnit(ctx, 'P01', 'Pekon Sebarus', 'village');
    const staff = await addStaff(ctx, { count: 2, opdId: opd, honor: 1_000_000 });
    await addStaff(ctx, { count: 1, opdId: pekon, categoryId: RENTAN, honor: 0 });
    const invs = (await runBilling(ctx, { month: '2026-02', issue: true })).invoices;
    // PU Feb was due 16 Mar, BPU Feb 16 Feb: both passed on 2 May, so both are due on the 15th of June.
    expect(invs.map((i) => [i.segment, i.dueDate])).toEqual([['PU', '2026-06-15'], ['BPU', '2026-06-15']]);

    setClock('2026-07-01T03:00:00Z');
    await storeOf(ctx).run(sql`UPDATE engagement SET end_date = '2026-01-31' WHERE person_id = ${staff[0]!}`);
    await runBilling(ctx, { month: '2026-02' });
    await issueDrafts(ctx, '2026-02');
    const credit = await getInvoice(ctx, 'IUK/2026/02/05/002');
    expect([credit.total, credit.dueDate]).toEqual([-5_400, '2026-06-15']);
    const pu = (await arrearsReport(ctx, '2026-07-01')).units.find((u) => u.opdId === opd)!.items;
    expect(pu.map((i) => [i.dueDate, i.outstanding])).toEqual([['2026-06-15', 5_400]]);
  });

  it('computes the late date from the month after the issue month, rolled past a weekend', async () => {
    const pu = { monthOffset: 1, day: 15, rollWeekend: true };
    expect(dueDateAtIssue('2026-04-15', '2026-04-15', pu)).toBe('2026-04-15');
    expect(dueDateAtIssue('2026-04-15', '2026-04-16', pu)).toBe('2026-05-15');
    expect(dueDateAtIssue('2026-04-15', '2026-07-31', pu)).toBe('2026-08-17'); // 15 Aug 2026 is a Saturday
    expect(dueDateAtIssue('2026-01-15', '2026-11-22', { monthOffset: 0, day: 15, rollWeekend: false })).toBe('2026-12-15');
  });
});

/** 2% a month, half-up, as arrears.ts computes it. */
function applyFine(outstanding: number, months: number): number {
  return Math.floor((outstanding * 200 * months + 5000) / 10000);
}

describe('payments dated before the contribution month', () => {
  it('refuses an SP2D dated before the month of the invoice began', async () => {
    ctx = await billingDb('2026-05-20T03:00:00Z');
    const opd = await addUnit(ctx, '05', 'Dinas Kesehatan');
    await addStaff(ctx, { count: 1, opdId: opd, honor: 1_000_000 });
    const number = (await runBilling(ctx, { month: '2026-04', issue: true })).invoices[0]!.number!;
    let err: unknown;
    try {
      await recordPayment(ctx, { invoice: number, amount: 1_000, date: '2026-03-31', sp2d: 'SP2D-1' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SigapError);
    expect((err as SigapError).code).toBe('INVALID_INPUT');
    expect((err as SigapError).message).toBe(`Tanggal SP2D 31 Maret 2026 sebelum bulan iuran April 2026 dimulai; tagihan ${number} belum bisa dibayar pada tanggal itu. Periksa tanggal SP2D.`);
    // 1 April is in the month but before the invoice was issued (20 May): recorded once the date is confirmed.
    expect((await recordPayment(ctx, { invoice: number, amount: 1_000, date: '2026-04-01', sp2d: 'SP2D-1', confirmEarlyDate: true })).remaining).toBe(4_400);
  });
});

describe('sigap pay argument messages', () => {
  it('answers a negative or bad amount, a missing option and a date before the month in Indonesian, exit 2', async () => {
    ctx = await billingDb('2026-05-20T03:00:00Z');
    const opd = await addUnit(ctx, '05', 'Dinas Kesehatan');
    await addStaff(ctx, { count: 1, opdId: opd, honor: 1_000_000 });
    const number = (await runBilling(ctx, { month: '2026-04', issue: true })).invoices[0]!.number!;
    const at = '2026-05-20T03:00:00Z';
    const pay = (...args: string[]) => runCli(['pay', number, ...args, '--db', ctx.dbPath], { at });

    const neg = await pay('--amount', '-5', '--date', '2026-05-10', '--sp2d', 'A');
    expect(neg.code).toBe(2);
    expect(neg.stderr).toMatch(/^Jumlah pembayaran "-5" tidak boleh negatif; tulis rupiah bulat lebih dari 0\.\nPenggunaan: sigap pay /);
    expect(neg.stderr).not.toMatch(/ambiguous|sigap bill|sigap invoice/);
    const frac = await pay('--amount', '1,5', '--date', '2026-05-10', '--sp2d', 'A');
    expect([frac.code, frac.stderr.split('\n')[0]]).toEqual([2, 'Jumlah pembayaran "1,5" bukan rupiah bulat; tulis mis. 1500000 atau 1.500.000.']);
    const zero = await pay('--amount', '0', '--date', '2026-05-10', '--sp2d', 'A');
    expect([zero.code, zero.stderr.split('\n')[0]]).toEqual([2, 'Jumlah pembayaran harus lebih dari 0.']);
    const noSp2d = await pay('--amount', '5000', '--date', '2026-05-10');
    expect([noSp2d.code, noSp2d.stderr.split('\n')[0]]).toEqual([2, 'Nomor SP2D (--sp2d) wajib diisi.']);
    const badDate = await pay('--amount', '5000', '--date', '10 Mei', '--sp2d', 'A');
    expect([badDate.code, badDate.stderr.split('\n')[0]]).toEqual([2, 'Tanggal SP2D "10 Mei" tidak sah; tulis hari-bulan-tahun, mis. 10-04-2026 (atau 2026-04-10).']);
    const noSuchDay = await pay('--amount', '5000', '--date', '31-04-2026', '--sp2d', 'A');
    expect([noSuchDay.code, noSuchDay.stderr.split('\n')[0]]).toEqual([2, 'Galat (INVALID_INPUT): Tanggal 31-04-2026 tidak sah (tidak ada di kalender); tulis hari-bulan-tahun, mis. 10-04-2026, atau 2026-04-10.']);
    const unknown = await pay('--amout', '5000');
    expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([2, 'Pilihan "--amout" tidak dikenal atau tanpa nilai.']);
    const early = await pay('--amount', '5000', '--date', '2026-03-31', '--sp2d', 'A');
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/sebelum bulan iuran April 2026 dimulai/);
    // The date as the app shows it (dd-mm-yyyy) is the same date.
    const ok = await pay('--amount', 'Rp5.400', '--date', '20-05-2026', '--sp2d', 'A', '--json');
    expect(ok.code).toBe(0);
    expect(ok.json<{ remaining: number }>().remaining).toBe(0);
  });
});
