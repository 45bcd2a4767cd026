import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { afterEach, describe, expect, it } from 'vitest';
import {
  runBilling, recordPayment, getInvoice, payableOf, listPayments, arrearsReport, reminderLetter, saveRateParam, issueDrafts, agingBucket, dueDate, monthsLate,
} from '../../electron/core/billing/index';
import { addMonthsToDate, daysBetween } from '../../electron/core/billing/calendar';
import { SigapError } from '../../shared/errors';
import { listAudit } from '../../electron/core/audit-query';
import { addStaff, addUnit, billingDb, tenPuOneBpu, type BillingCtx } from './billing-fixture';
import { outcome, overlapping } from '../store-gates';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

async function caught(f: () => unknown): Promise<SigapError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof SigapError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('payments', () => {
  it('records partial payments by SP2D and refuses an overpayment with a message that names the balance', async () => {
    // Issued on 1 February, paid in February, recorded on 1 March.
    ctx = await billingDb('2026-02-01T03:00:00Z');
    const opd = await addUnit(ctx, '05', 'Dinas Kesehatan');
    await addStaff(ctx, { count: 10, opdId: opd, honor: 1_000_000 });
    const number = (await runBilling(ctx, { month: '2026-01', issue: true })).invoices[0]!.number!;
    ctx.clock = () => new Date('2026-03-01T03:00:00Z');
    const first = await recordPayment(ctx, { invoice: number, amount: 20_000, date: '2026-02-10', sp2d: '00123/SP2D/LS/2026' });
    expect(first.remaining).toBe(34_000);
    const err = await caught(() => recordPayment(ctx, { invoice: number, amount: 34_001, date: '2026-02-20', sp2d: '00124/SP2D/LS/2026' }));
    expect(err.code).toBe('OVERPAYMENT');
    expect(err.message).toBe(`Pembayaran Rp34.001 melebihi sisa tagihan ${number} sebesar Rp34.000. Periksa nilai SP2D; catat paling banyak Rp34.000.`);
    expect((await caught(() => recordPayment(ctx, { invoice: number, amount: 1_000, date: '2026-02-20', sp2d: '00123/SP2D/LS/2026' }))).message).toMatch(/sudah dicatat/);
    expect((await recordPayment(ctx, { invoice: number, amount: 34_000, date: '2026-02-20', sp2d: '00125/SP2D/LS/2026' })).remaining).toBe(0);
    expect((await caught(() => recordPayment(ctx, { invoice: number, amount: 1, date: '2026-02-21', sp2d: 'X' }))).message).toMatch(/sudah lunas/);
    expect((await listPayments(ctx, (await getInvoice(ctx, number)).id)).map((p) => [p.sp2dNumber, p.amount])).toEqual([['00123/SP2D/LS/2026', 20_000], ['00125/SP2D/LS/2026', 34_000]]);
    expect((await getInvoice(ctx, number)).paid).toBe(54_000);
    expect((await listAudit(ctx, { entity: 'payment' })).total).toBe(2);
  });

  it('refuses bad input, drafts, credit notes and dates in the future; a credit note lowers what is payable', async () => {
    ctx = await billingDb('2026-02-01T03:00:00Z');
    const opd = await addUnit(ctx, '05', 'Dinas Kesehatan');
    const staff = await addStaff(ctx, { count: 3, opdId: opd, honor: 1_000_000 });
    const number = (await runBilling(ctx, { month: '2026-01', issue: true })).invoices[0]!.number!;
    ctx.clock = () => new Date('2026-03-01T03:00:00Z');
    expect((await caught(() => recordPayment(ctx, { invoice: number, amount: 0, date: '2026-02-10', sp2d: 'A' }))).code).toBe('INVALID_INPUT');
    expect((await caught(() => recordPayment(ctx, { invoice: number, amount: 1.5, date: '2026-02-10', sp2d: 'A' }))).code).toBe('INVALID_INPUT');
    expect((await caught(() => recordPayment(ctx, { invoice: number, amount: 100, date: '10-02-2026', sp2d: 'A' }))).message).toMatch(/YYYY-MM-DD/);
    expect((await caught(() => recordPayment(ctx, { invoice: number, amount: 100, date: '2026-03-02', sp2d: 'A' }))).message).toMatch(/belum terjadi/);
    expect((await caught(() => recordPayment(ctx, { invoice: number, amount: 100, date: '2026-02-10', sp2d: '  ' }))).message).toMatch(/SP2D wajib/);
    expect((await caught(() => recordPayment(ctx, { invoice: 'IUR/2099/01/05/001', amount: 100, date: '2026-02-10', sp2d: 'A' }))).code).toBe('NOT_FOUND');
    const draft = (await runBilling(ctx, { month: '2026-02' })).invoices.find((i) => i.month === '2026-02')!;
    expect((await caught(() => recordPayment(ctx, { invoice: draft.id, amount: 100, date: '2026-02-10', sp2d: 'A' }))).message).toMatch(/masih draf/);
    await expect(storeOf(ctx).run(sql`INSERT INTO payment (invoice_id, sp2d_number, sp2d_date, amount, created_at, created_by) VALUES (${draft.id}, 'A', '2026-02-10', 1, 'x', 'x')`)).rejects.toThrow(/hanya untuk tagihan terbit/);
    // One person is taken off January: a credit note of Rp5,400 against the invoice.
    await storeOf(ctx).run(sql`UPDATE engagement SET end_date = '2025-12-31' WHERE person_id = ${staff[0]!}`);
    await runBilling(ctx, { month: '2026-01' });
    await issueDrafts(ctx, '2026-01');
    const credit = await getInvoice(ctx, 'IUK/2026/01/05/002');
    expect([credit.total, credit.originalNumber]).toEqual([-5_400, number]);
    expect((await caught(() => recordPayment(ctx, { invoice: credit.number!, amount: 100, date: '2026-02-10', sp2d: 'A' }))).message).toMatch(/nota kredit/);
    expect(await payableOf(ctx, await getInvoice(ctx, number))).toBe(10_800);
    expect((await caught(() => recordPayment(ctx, { invoice: number, amount: 16_200, date: '2026-02-10', sp2d: 'A' }))).code).toBe('OVERPAYMENT');
    expect((await recordPayment(ctx, { invoice: number, amount: 10_800, date: '2026-02-10', sp2d: 'A' })).remaining).toBe(0);
  });
  it('two clerks paying the same invoice at once: the check runs inside the write, so only one payment is recorded', async () => {
    ctx = await billingDb('2026-02-01T03:00:00Z');
    const opd = await addUnit(ctx, '05', 'Dinas Kesehatan');
    await addStaff(ctx, { count: 10, opdId: opd, honor: 1_000_000 });
    const number = (await runBilling(ctx, { month: '2026-01', issue: true })).invoices[0]!.number!;
    ctx.clock = () => new Date('2026-03-01T03:00:00Z');
    // The first payment is written and not yet committed while the second one goes as far as it can.
    const [, second] = await overlapping(
      ctx,
      (c) => recordPayment(c, { invoice: number, amount: 54_000, date: '2026-02-10', sp2d: '00201/SP2D/LS/2026' }),
      (c) => recordPayment(c, { invoice: number, amount: 54_000, date: '2026-02-11', sp2d: '00202/SP2D/LS/2026' }),
    );
    expect(outcome(second)).toBe(`OVERPAYMENT: Tagihan ${number} sudah lunas; pembayaran Rp54.000 tidak dicatat.`);
    expect((await listPayments(ctx, (await getInvoice(ctx, number)).id)).map((p) => p.sp2dNumber)).toEqual(['00201/SP2D/LS/2026']);
  });
});

describe('arrears', () => {
  /** Ten PU staff (Rp54,000 a month) billed January to June 2026, and a village with BPU staff. */
  async function sixMonths() {
    const seeded = await tenPuOneBpu('2026-01-05T03:00:00Z');
    ctx = seeded.ctx;
    const { opd, pekon } = seeded;
    for (const m of ['01', '02', '03', '04', '05', '06']) await runBilling(ctx, { month: `2026-${m}`, issue: true });
    return { opd, pekon };
  }

  it('ages what is unpaid by days past the due date, with the estimated PU fine', async () => {
    const { opd } = await sixMonths();
    ctx.clock = () => new Date('2026-06-20T03:00:00Z');
    await recordPayment(ctx, { invoice: 'IUR/2026/03/05/001', amount: 20_000, date: '2026-05-01', sp2d: 'SP2D-1' });
    // A payment after the report date does not count yet.
    await recordPayment(ctx, { invoice: 'IUR/2026/04/05/001', amount: 54_000, date: '2026-06-20', sp2d: 'SP2D-2' });
    const rep = await arrearsReport(ctx, '2026-06-19');
    const unit = rep.units.find((u) => u.opdId === opd)!;
    // PU due dates: 16 Feb and 16 Mar (the 15th is a Sunday), 15 Apr, 15 May, 15 Jun, 15 Jul.
    expect(unit.items.map((i) => [i.month, i.dueDate, i.daysPastDue, i.bucket, i.outstanding, i.monthsLate, i.fineEstimate])).toEqual([
      ['2026-01', '2026-02-16', 123, 'over90', 54_000, 5, 5_400],
      ['2026-02', '2026-03-16', 95, 'over90', 54_000, 4, 4_320],
      ['2026-03', '2026-04-15', 65, 'd61_90', 34_000, 3, 2_040],
      ['2026-04', '2026-05-15', 35, 'd31_60', 54_000, 2, 2_160],
      ['2026-05', '2026-06-15', 4, 'd0_30', 54_000, 1, 1_080],
      ['2026-06', '2026-07-15', -26, 'notDue', 54_000, 0, 0],
    ]);
    expect(unit.buckets).toEqual({ notDue: 54_000, d0_30: 54_000, d31_60: 54_000, d61_90: 34_000, over90: 108_000 });
    expect([unit.pastDue, unit.outstanding, unit.fineEstimate]).toEqual([250_000, 304_000, 15_000]);
    // The Rp20,000 paid on 1 May for March (due 15 April) was one started month late: 2% of it, apart.
    expect(unit.latePaid.map((f) => [f.month, f.amount, f.monthsLate, f.fineEstimate])).toEqual([['2026-03', 20_000, 1, 400]]);
    expect([unit.latePaidFineEstimate, rep.totals.latePaidFineEstimate]).toEqual([400, 400]);
    expect(rep.fineIsEstimate).toBe(true);
    expect((await arrearsReport(ctx, '2026-06-20')).units.find((u) => u.opdId === opd)!.items.map((i) => i.month)).not.toContain('2026-04');
  });

  it('charges no fine on BPU, flags more than 3 consecutive unpaid BPU months, and follows the fine switch', async () => {
    const { opd, pekon } = await sixMonths();
    const village = (await arrearsReport(ctx, '2026-06-19')).units.find((u) => u.opdId === pekon)!;
    expect(village.items.every((i) => i.fineEstimate === 0)).toBe(true);
    expect(village.items.map((i) => i.dueDate)).toEqual(['2026-01-15', '2026-02-16', '2026-03-16', '2026-04-15', '2026-05-15', '2026-06-15']);
    expect(village.bpuLapseRisk).toBe(true);
    expect((await arrearsReport(ctx, '2026-04-10')).units.find((u) => u.opdId === pekon)!.bpuLapseRisk).toBe(false);
    expect((await arrearsReport(ctx, '2026-04-16')).units.find((u) => u.opdId === pekon)!.bpuLapseRisk).toBe(true);
    await saveRateParam(ctx, { key: 'pu.fine.enabled', effectiveMonth: '2026-03', value: 0, source: 'Denda tidak berlaku bagi Pemda (surat BPJS cabang)', confidence: 'M' });
    const fines = (await arrearsReport(ctx, '2026-06-19')).units.find((u) => u.opdId === opd)!.items.map((i) => i.fineEstimate);
    expect(fines).toEqual([5_400, 4_320, 0, 0, 0, 0]);
  });

  it('ignores invoices issued after the report date and includes credit notes', async () => {
    ctx = await billingDb('2026-03-01T03:00:00Z');
    const opd = await addUnit(ctx, '05', 'Dinas Kesehatan');
    await addStaff(ctx, { count: 2, opdId: opd, honor: 1_000_000 });
    await runBilling(ctx, { month: '2026-01', issue: true });
    expect((await arrearsReport(ctx, '2026-02-28')).units).toEqual([]);
    expect((await arrearsReport(ctx, '2026-03-01')).totals.outstanding).toBe(10_800);
  });

  it('gives a reminder letter the unit, its officials and its past-due months', async () => {
    const { opd, pekon } = await sixMonths();
    const letter = await reminderLetter(ctx, opd, '2026-06-19');
    expect(letter.items.map((i) => i.monthLabel)).toEqual(['Januari 2026', 'Februari 2026', 'Maret 2026', 'April 2026', 'Mei 2026']);
    expect([letter.outstanding, letter.fineEstimate, letter.level, letter.asOfLabel]).toEqual([270_000, 16_200, 3, '19 Juni 2026']);
    expect(letter.amountInWords).toBe('dua ratus tujuh puluh ribu rupiah');
    expect(letter.unit.officials[0]).toEqual({ role: 'Kepala', title: 'Kepala Dinas Kesehatan', name: 'Drs. Kepala', nip: '197001012000011001' });
    expect(letter.letterhead.pemda).toBe('Pemerintah Kabupaten Contoh');
    expect((await reminderLetter(ctx, opd, '2026-03-20')).level).toBe(1);
    await expect(async () => reminderLetter(ctx, pekon, '2026-01-10')).rejects.toThrow(/tidak memiliki tunggakan/);
  });
});

describe('calendar rules', () => {
  it('puts the due date on the rule day, moved past a weekend, clamped to short months', async () => {
    const pu = { monthOffset: 1, day: 15, rollWeekend: true };
    expect(dueDate('2026-01', pu)).toBe('2026-02-16');
    expect(dueDate('2026-03', pu)).toBe('2026-04-15');
    expect(dueDate('2026-07', pu)).toBe('2026-08-17'); // 15 Aug 2026 is a Saturday
    expect(dueDate('2026-07', { ...pu, rollWeekend: false })).toBe('2026-08-15');
    expect(dueDate('2025-12', pu)).toBe('2026-01-15');
    expect(dueDate('2026-01', { monthOffset: 1, day: 31, rollWeekend: false })).toBe('2026-02-28');
    expect(dueDate('2026-01', { monthOffset: 0, day: 15, rollWeekend: true })).toBe('2026-01-15');
  });

  it('counts any started month of delay as a month', async () => {
    expect(monthsLate('2026-02-16', '2026-02-16')).toBe(0);
    expect(monthsLate('2026-02-16', '2026-02-17')).toBe(1);
    expect(monthsLate('2026-02-16', '2026-03-16')).toBe(1);
    expect(monthsLate('2026-02-16', '2026-03-17')).toBe(2);
    expect(monthsLate('2026-01-31', '2026-02-28')).toBe(1);
    expect(monthsLate('2026-01-31', '2026-03-01')).toBe(2);
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-02-16', '2026-06-19')).toBe(123);
  });

  it('ages 1-30 days as 0-30, then 31-60, 61-90 and over 90', async () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, -5].map(agingBucket)).toEqual(['notDue', 'd0_30', 'd0_30', 'd31_60', 'd31_60', 'd61_90', 'd61_90', 'over90', 'notDue']);
  });
});
