/**
 * The estimated late fine on PU months: on what is still outstanding, and on months (or parts of them)
 * already paid after the due date, each payment stopping the fine on what it paid from its SP2D date.
 */
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { arrearsReport, getInvoice, recordPayment, reminderLetter, runBilling, saveRateParam } from '../../electron/core/billing/index';
import { latePaymentFines } from '../../electron/core/billing/arrears';
import { monthsLate } from '../../electron/core/billing/calendar';
import { bridge, testHost } from '../api-harness';
import { runCli } from '../cli-harness';
import { tenPuOneBpu, type BillingCtx } from './billing-fixture';
import { pdfText } from './print-pdf-tools';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

/** The fine rule as seeded: 2% (200 basis points) a month, computed here independently of the core. */
const FINE_BP = 200;
const fine = (amount: number, months: number) => Math.round((amount * FINE_BP * months) / 10_000);
const rp = (v: number) => new Intl.NumberFormat('id-ID').format(v);

/** Ten PU staff at Rp1.000.000 in an OPD and one BPU worker in a village, billed and issued January to June 2026. */
async function pemda() {
  const seeded = await tenPuOneBpu('2026-01-05T03:00:00Z');
  ctx = seeded.ctx;
  const { opd, pekon } = seeded;
  for (const m of ['01', '02', '03', '04', '05', '06']) await runBilling(ctx, { month: `2026-${m}`, issue: true });
  ctx.clock = () => new Date('2026-06-20T03:00:00Z');
  const pu = (month: string) => getInvoice(ctx, `IUR/2026/${month}/05/001`);
  return { opd, pekon, pu };
}

describe('fine on PU months paid late', () => {
  it('a month paid in full 3 months late accrues 3 x 2% of its PU iuran, and leaves the arrears list', async () => {
    const { opd, pu } = await pemda();
    const jan = await pu('01');
    expect(jan.dueDate).toBe('2026-02-16');
    expect(monthsLate(jan.dueDate, '2026-05-16')).toBe(3);
    await recordPayment(ctx, { invoice: jan.number!, amount: jan.total, date: '2026-05-16', sp2d: 'SP2D-JAN' });
    const unit = (await arrearsReport(ctx, '2026-06-19')).units.find((u) => u.opdId === opd)!;
    expect(unit.items.map((i) => i.month)).not.toContain('2026-01');
    expect(unit.latePaid).toEqual([{
      month: '2026-01', segment: 'PU', dueDate: '2026-02-16', statutoryDueDate: '2026-02-16', invoiceNumber: jan.number, sp2dNumber: 'SP2D-JAN', paidDate: '2026-05-16',
      amount: jan.total, monthsLate: 3, fineEstimate: fine(jan.total, 3),
    }]);
    expect(fine(jan.total, 3)).toBe(3 * 0.02 * jan.total);
    expect(unit.latePaidFineEstimate).toBe(fine(jan.total, 3));
    // One day more is a fourth started month.
    await storeOf(ctx).run(sql`UPDATE payment SET sp2d_date = '2026-05-17' WHERE sp2d_number = 'SP2D-JAN'`);
    expect((await arrearsReport(ctx, '2026-06-19')).units.find((u) => u.opdId === opd)!.latePaidFineEstimate).toBe(fine(jan.total, 4));
  });

  it('a partial payment stops the fine on the part it paid; the rest keeps accruing to the report date', async () => {
    const { opd, pu } = await pemda();
    const feb = await pu('02');
    expect(feb.dueDate).toBe('2026-03-16');
    const part = 30_000;
    await recordPayment(ctx, { invoice: feb.number!, amount: part, date: '2026-04-20', sp2d: 'SP2D-FEB-1' });
    const unit = (await arrearsReport(ctx, '2026-06-19')).units.find((u) => u.opdId === opd)!;
    const item = unit.items.find((i) => i.month === '2026-02')!;
    const rest = feb.total - part;
    expect([item.outstanding, item.monthsLate, item.fineEstimate]).toEqual([rest, 4, fine(rest, 4)]);
    const paidLate = unit.latePaid.filter((f) => f.month === '2026-02');
    expect(paidLate.map((f) => [f.amount, f.monthsLate, f.fineEstimate])).toEqual([[part, 2, fine(part, 2)]]);
    // Less than if nothing had been paid: the paid part stopped accruing on 20 April.
    expect(item.fineEstimate + paidLate[0]!.fineEstimate).toBe(fine(rest, 4) + fine(part, 2));
    expect(item.fineEstimate + paidLate[0]!.fineEstimate).toBeLessThan(fine(feb.total, 4));
    // The rest paid on 1 June: both parts are now fines on late payments, none is outstanding.
    await recordPayment(ctx, { invoice: feb.number!, amount: rest, date: '2026-06-01', sp2d: 'SP2D-FEB-2' });
    const after = (await arrearsReport(ctx, '2026-06-19')).units.find((u) => u.opdId === opd)!;
    expect(after.items.map((i) => i.month)).not.toContain('2026-02');
    expect(after.latePaid.filter((f) => f.month === '2026-02').map((f) => [f.sp2dNumber, f.amount, f.monthsLate, f.fineEstimate]))
      .toEqual([['SP2D-FEB-1', part, 2, fine(part, 2)], ['SP2D-FEB-2', rest, 3, fine(rest, 3)]]);
  });

  it('an on-time payment gives no fine; BPU is never fined', async () => {
    const { opd, pekon, pu } = await pemda();
    const mar = await pu('03');
    await recordPayment(ctx, { invoice: mar.number!, amount: mar.total, date: mar.dueDate, sp2d: 'SP2D-MAR' });
    const bpu = await getInvoice(ctx, 'IUR/2026/01/P01/001');
    expect(bpu.segment).toBe('BPU');
    await recordPayment(ctx, { invoice: bpu.number!, amount: bpu.total, date: '2026-06-10', sp2d: 'SP2D-BPU' });
    const rep = await arrearsReport(ctx, '2026-06-19');
    expect(rep.units.find((u) => u.opdId === opd)!.latePaid).toEqual([]);
    const village = rep.units.find((u) => u.opdId === pekon)!;
    expect([village.latePaid, village.latePaidFineEstimate]).toEqual([[], 0]);
    expect(village.items.every((i) => i.fineEstimate === 0)).toBe(true);
    expect(rep.totals.latePaidFineEstimate).toBe(0);
  });

  it('the switch pu.fine.enabled, dated by contribution month, turns the fine off', async () => {
    const { opd, pu } = await pemda();
    const jan = await pu('01');
    const feb = await pu('02');
    await recordPayment(ctx, { invoice: jan.number!, amount: jan.total, date: '2026-05-16', sp2d: 'SP2D-JAN' });
    await recordPayment(ctx, { invoice: feb.number!, amount: feb.total, date: '2026-05-16', sp2d: 'SP2D-FEB' });
    await saveRateParam(ctx, { key: 'pu.fine.enabled', effectiveMonth: '2026-02', value: 0, source: 'Denda tidak berlaku bagi Pemda (surat BPJS cabang)', confidence: 'M' });
    let unit = (await arrearsReport(ctx, '2026-06-19')).units.find((u) => u.opdId === opd)!;
    expect(unit.latePaid.map((f) => [f.month, f.fineEstimate])).toEqual([['2026-01', fine(jan.total, 3)]]);
    expect(unit.items.every((i) => i.fineEstimate === 0)).toBe(true);
    await saveRateParam(ctx, { key: 'pu.fine.enabled', effectiveMonth: '2026-01', value: 0, source: 'Denda tidak berlaku bagi Pemda (surat BPJS cabang)', confidence: 'M' });
    const rep = await arrearsReport(ctx, '2026-06-19');
    unit = rep.units.find((u) => u.opdId === opd)!;
    expect([unit.latePaid, unit.latePaidFineEstimate, rep.totals.latePaidFineEstimate, rep.totals.fineEstimate]).toEqual([[], 0, 0, 0]);
  });

  it('fines only what was still unpaid, in SP2D date order', async () => {
    // Due 16 Feb; billed 54.000 lowered to 50.000 by a credit note after 54.000 was paid late in two parts.
    expect(latePaymentFines('2026-02-16', 50_000, FINE_BP, [{ date: '2026-02-10', amount: 4_000 }, { date: '2026-03-20', amount: 30_000 }, { date: '2026-04-20', amount: 20_000 }]))
      .toEqual([
        { amount: 4_000, monthsLate: 0, fineEstimate: 0 },
        { amount: 30_000, monthsLate: 2, fineEstimate: fine(30_000, 2) },
        { amount: 16_000, monthsLate: 3, fineEstimate: fine(16_000, 3) },
      ]);
    // Half-up rounding once per payment: 1 x 2% x 1 = 0,02 -> 0; 25 x 2% = 0,5 -> 1.
    expect(latePaymentFines('2026-02-16', 100, FINE_BP, [{ date: '2026-02-17', amount: 1 }, { date: '2026-02-17', amount: 25 }]).map((f) => f.fineEstimate)).toEqual([0, 1]);
  });

  it('a unit with only late-paid months is listed with nothing outstanding, after the units in arrears', async () => {
    const { opd, pu } = await pemda();
    for (const m of ['01', '02', '03', '04', '05', '06']) {
      const inv = await pu(m);
      await recordPayment(ctx, { invoice: inv.number!, amount: inv.total, date: '2026-06-19', sp2d: `SP2D-${m}` });
    }
    const rep = await arrearsReport(ctx, '2026-06-19');
    const unit = rep.units.find((u) => u.opdId === opd)!;
    expect([unit.items, unit.outstanding, unit.pastDue]).toEqual([[], 0, 0]);
    let expected = 0;
    for (const m of ['01', '02', '03', '04', '05']) {
      const inv = await pu(m);
      expected += fine(inv.total, monthsLate(inv.dueDate, '2026-06-19'));
    }
    expect(unit.latePaid.map((f) => f.monthsLate)).toEqual([5, 4, 3, 2, 1]); // June is not yet due
    expect(unit.latePaidFineEstimate).toBe(expected);
    expect(rep.totals.latePaidFineEstimate).toBe(expected);
    expect(rep.units.at(-1)!.opdId).toBe(opd); // the village still owes BPU and comes first
  });
});

describe('where the fine on late payments shows', () => {
  it('the bridge and `sigap arrears --json` carry it per unit, per payment and in the totals', async () => {
    const { opd, pu } = await pemda();
    const jan = await pu('01');
    await recordPayment(ctx, { invoice: jan.number!, amount: jan.total, date: '2026-05-16', sp2d: 'SP2D-JAN' });
    const dto = await bridge(ctx, testHost()).ok('billing.arrears', { asOf: '2026-06-19' });
    expect(dto.units.find((u) => u.opdId === opd)!.latePaid!.map((f) => [f.invoiceNumber, f.fineEstimate])).toEqual([[jan.number, fine(jan.total, 3)]]);
    expect(dto.totals.latePaidFineEstimate).toBe(fine(jan.total, 3));
    const run = await runCli(['arrears', '--as-of', '2026-06-19', '--json', '--db', ctx.dbPath], { at: '2026-06-20T03:00:00Z' });
    expect(run.code).toBe(0);
    const json = run.json<{ units: { opdCode: string; latePaidFineEstimate: number; latePaid: { paidDate: string; monthsLate: number }[] }[]; totals: { latePaidFineEstimate: number } }>();
    const u = json.units.find((x) => x.opdCode === '05')!;
    expect([u.latePaidFineEstimate, u.latePaid[0]!.paidDate, u.latePaid[0]!.monthsLate]).toEqual([fine(jan.total, 3), '2026-05-16', 3]);
    expect(json.totals.latePaidFineEstimate).toBe(fine(jan.total, 3));
    const text = await runCli(['arrears', '--as-of', '2026-06-19', '--db', ctx.dbPath], { at: '2026-06-20T03:00:00Z' });
    expect(text.stdout).toContain(`Perkiraan denda atas pembayaran terlambat`);
    expect(text.stdout).toContain(`Rp${rp(fine(jan.total, 3))} (PERKIRAAN)`);
  });

  it('the reminder letter lists late-paid months in their own section, and the PDF shows it', async () => {
    const { opd, pu } = await pemda();
    const jan = await pu('01');
    const feb = await pu('02');
    await recordPayment(ctx, { invoice: jan.number!, amount: jan.total, date: '2026-05-16', sp2d: 'SP2D/JAN/2026' });
    await recordPayment(ctx, { invoice: feb.number!, amount: 30_000, date: '2026-04-20', sp2d: 'SP2D/FEB/2026' });
    const letter = await reminderLetter(ctx, opd, '2026-06-19');
    expect(letter.items.map((i) => i.month)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05']);
    expect(letter.latePaid.map((f) => [f.monthLabel, f.fineEstimate])).toEqual([['Januari 2026', fine(jan.total, 3)], ['Februari 2026', fine(30_000, 2)]]);
    expect(letter.latePaidFineEstimate).toBe(fine(jan.total, 3) + fine(30_000, 2));

    const host = testHost();
    const path = join(ctx.dir, 'reminder-fines.pdf');
    host.saveQueue.push(path);
    const saved = await bridge(ctx, host).ok('print.reminderPdf', { opdId: opd, paper: 'A4', asOf: '2026-06-19' });
    const text = pdfText(path);
    expect(text).toContain('telah dibayar tetapi melewati jatuh tempo');
    expect(text).toMatch(new RegExp(`Januari 2026 ${jan.number!.replace(/\//g, '\\/')} 16 Februari 2026 SP2D\\/JAN\\/2026 16 Mei 2026 ${rp(jan.total)} 3 ${rp(fine(jan.total, 3))} `));
    expect(saved!.pages).toBe(1);
    expect(text).toContain(`JUMLAH PERKIRAAN DENDA ATAS PEMBAYARAN TERLAMBAT ${rp(letter.latePaidFineEstimate)}`);
    expect(text).toContain('PERKIRAAN');

    // A letter with no late payment has no such section.
    await storeOf(ctx).run(sql`DELETE FROM payment`);
    const plain = join(ctx.dir, 'reminder-plain.pdf');
    host.saveQueue.push(plain);
    await bridge(ctx, host).ok('print.reminderPdf', { opdId: opd, paper: 'A4', asOf: '2026-06-19' });
    expect(pdfText(plain)).not.toContain('PEMBAYARAN TERLAMBAT');
  });
});
