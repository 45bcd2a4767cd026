/**
 * The late fine runs from the statutory due date of the contribution month (PU: the 15th of the next
 * month, a weekend moving to Monday), also for a month billed late; the invoice issued late keeps its own,
 * later deadline for the OPD, and the arrears report shows both and never calls such a month "not yet due".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { arrearsReport, getInvoice, recordPayment, reminderLetter, runBilling } from '../../electron/core/billing/index';
import { statutoryDueDate } from '../../electron/core/billing/statutory-due';
import { reminderPrint } from '../../electron/core/print/reminder';
import { bridge, testHost } from '../api-harness';
import { billingDb, tenPuOneBpu, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

/**
 * Ten PU staff at Rp1.000.000 (JKK class I 0,24% + JKM 0,30% = 5.400 a person, 54.000 a month) in one
 * OPD, and one BPU worker in a village. January 2026 is billed late: on 10 March 2026.
 */
async function billedLate() {
  const seeded = await tenPuOneBpu('2026-03-10T03:00:00Z');
  ctx = seeded.ctx;
  const { opd, pekon } = seeded;
  await runBilling(ctx, { month: '2026-01', issue: true });
  return { opd, pekon, jan: await getInvoice(ctx, 'IUR/2026/01/05/001') };
}

describe('statutory due date', () => {
  it('PU: the 15th of the next month, a Sunday moving to Monday; BPU: the 15th of the same month', async () => {
    ctx = await billingDb();
    // 15 February 2026 is a Sunday -> Monday 16 February. 15 April 2026 is a Wednesday.
    expect(await statutoryDueDate(ctx, '2026-01', 'PU')).toBe('2026-02-16');
    expect(await statutoryDueDate(ctx, '2026-03', 'PU')).toBe('2026-04-15');
    // 15 January 2026 is a Thursday.
    expect(await statutoryDueDate(ctx, '2026-01', 'BPU')).toBe('2026-01-15');
  });
});

describe('a month billed late', () => {
  it('is fined from the statutory date, while the invoice keeps its own deadline for the OPD', async () => {
    const { opd, jan } = await billedLate();
    // Issued 10 March, after 16 February: the OPD gets the 15th of the month after issue, 15 April 2026.
    expect(jan.dueDate).toBe('2026-04-15');
    expect(jan.total).toBe(54_000);
    const item = (await arrearsReport(ctx, '2026-03-20')).units.find((u) => u.opdId === opd)!.items.find((i) => i.month === '2026-01')!;
    // 16 Feb -> 20 Mar: 32 days (12 left in February + 20 in March), bucket 31-60.
    // Started months of delay: 16 Feb -> 16 Mar is one, 16 Mar -> 20 Mar starts a second: 2.
    // Fine: 54.000 x 2% x 2 = 2.160.
    expect(item).toMatchObject({
      dueDate: '2026-04-15', statutoryDueDate: '2026-02-16', daysPastDue: 32, bucket: 'd31_60',
      monthsLate: 2, fineEstimate: 2_160, outstanding: 54_000,
    });
    // The OPD's own deadline is 26 days away (20 March -> 15 April: 11 + 15).
    expect(item.opdDaysPastDue).toBe(-26);
  });

  it('is past due in the totals, never "not yet due", although the OPD deadline has not passed', async () => {
    const { opd } = await billedLate();
    const rep = await arrearsReport(ctx, '2026-03-20');
    const unit = rep.units.find((u) => u.opdId === opd)!;
    expect(unit.buckets.notDue).toBe(0);
    expect(unit.pastDue).toBe(54_000);
    expect(rep.totals.notDue).toBe(0);
  });

  it('a late payment is fined from the statutory date too, even when paid before the OPD deadline', async () => {
    const { opd, jan } = await billedLate();
    ctx.clock = () => new Date('2026-04-10T03:00:00Z');
    // Paid 1 April, before the OPD deadline of 15 April; 16 Feb -> 1 Apr: 16 Mar is one month, a second started: 2.
    // Fine on the payment: 54.000 x 2% x 2 = 2.160.
    await recordPayment(ctx, { invoice: jan.number!, amount: jan.total, date: '2026-04-01', sp2d: 'SP2D-JAN' });
    const unit = (await arrearsReport(ctx, '2026-04-10')).units.find((u) => u.opdId === opd)!;
    expect(unit.items).toEqual([]);
    expect(unit.latePaid).toEqual([{
      month: '2026-01', segment: 'PU', dueDate: '2026-04-15', statutoryDueDate: '2026-02-16', invoiceNumber: jan.number, sp2dNumber: 'SP2D-JAN',
      paidDate: '2026-04-01', amount: 54_000, monthsLate: 2, fineEstimate: 2_160,
    }]);
  });

  it('BPU billed late is aged from the 15th of its own month and never fined', async () => {
    const { pekon } = await billedLate();
    const item = (await arrearsReport(ctx, '2026-03-20')).units.find((u) => u.opdId === pekon)!.items[0]!;
    // 15 Jan -> 20 Mar: 16 + 28 + 20 = 64 days, bucket 61-90; the invoice itself is due 15 April.
    expect(item).toMatchObject({ segment: 'BPU', statutoryDueDate: '2026-01-15', dueDate: '2026-04-15', daysPastDue: 64, bucket: 'd61_90', fineEstimate: 0 });
  });

  it('an on-time month has one date: statutory and invoice deadline agree', async () => {
    const { opd } = await billedLate();
    await runBilling(ctx, { month: '2026-03', issue: true });
    const item = (await arrearsReport(ctx, '2026-03-20')).units.find((u) => u.opdId === opd)!.items.find((i) => i.month === '2026-03')!;
    expect(item).toMatchObject({ dueDate: '2026-04-15', statutoryDueDate: '2026-04-15', daysPastDue: -26, opdDaysPastDue: -26, bucket: 'notDue', fineEstimate: 0 });
  });
});

describe('where it shows', () => {
  it('the reminder letter states the statutory date and the OPD deadline, and the fine from the statutory date', async () => {
    const { opd } = await billedLate();
    const letter = await reminderLetter(ctx, opd, '2026-03-20');
    expect(letter.items.map((i) => [i.month, i.statutoryDueDate, i.dueDate, i.fineEstimate])).toEqual([['2026-01', '2026-02-16', '2026-04-15', 2_160]]);
    const html = (await reminderPrint(ctx, opd, '2026-03-20')).body;
    expect(html).toContain('16 Februari 2026');
    expect(html).toContain('batas tagihan 15 April 2026');
    expect(html).toContain('2.160');
    expect(html).toContain('sejak jatuh tempo menurut ketentuan');
  });

  it('the bridge carries both dates', async () => {
    const { opd } = await billedLate();
    const dto = await bridge(ctx, testHost()).ok('billing.arrears', { asOf: '2026-03-20' });
    const item = dto.units.find((u) => u.opdId === opd)!.items[0]!;
    expect([item.statutoryDueDate, item.dueDate, item.opdDaysPastDue, item.bucket]).toEqual(['2026-02-16', '2026-04-15', -26, 'd31_60']);
  });
});
