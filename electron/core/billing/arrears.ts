/**
 * Arrears as of a date: per paying unit, every month and segment not fully paid, aged by days past the
 * statutory due date, with the estimated late fine for PU months.
 *
 * Two dates per month: the statutory due date (statutory-due.ts: PU the 15th of the next month, BPU the
 * 15th of the same month), which is what BPJS counts late from, and the invoice's own deadline for the
 * OPD, later when the invoice was issued late (a back-billed month, a supplementary invoice). Aging and
 * the fine run from the statutory date, so a month BPJS already counts late is never "not yet due",
 * even while the OPD's own deadline has not passed (`opdDaysPastDue` <= 0 says so).
 *
 * The fine is an estimate by design: the rule (2% a month of the unpaid iuran) binds employers other
 * than state bodies, and whether it binds a Pemda is unconfirmed. It is computed as
 * `outstanding x rate x months late`, rounded half-up once per month and segment, where any started
 * month of delay counts as a month; the rule in force for the contribution month applies and the
 * switch `pu.fine.enabled` turns it off. Payments count when their SP2D date is on or before the date.
 *
 * A payment stops the fine on the amount it pays from its SP2D date: a PU payment made after the due date
 * accrues `amount x rate x monthsLate(statutory due, SP2D date)` (the same month count, rounded half-up once per
 * payment), shown as the fine accrued on months paid late ("denda atas pembayaran terlambat"), which
 * BPJS collects with the next bill. So for any PU month the whole estimated fine is the sum over its late
 * payments plus the fine on what is still outstanding; a month paid in full late leaves the arrears list
 * but keeps its fine in `latePaid`. The amount fined is capped at what was still unpaid of the month
 * (credit notes included), walking the payments in SP2D date order.
 */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { addMonths, formatDateId, formatMonthId, isIsoDate } from '../../../shared/dates';
import { terbilangRupiah } from '../../../shared/terbilang';
import { AGING_BUCKETS, type AgingBucket, type ArrearsItem, type ArrearsReport, type ArrearsUnit, type LatePaidFine, type ReminderLetter } from '../../../shared/billing-types';
import { daysBetween, monthsLate } from './calendar';
import { statutoryDueDates } from './statutory-due';
import { resolveNpp } from './bpjs-payment';
import { paramAt } from './rates';
import { applyBp } from './round';
import { letterhead, unitHeader } from './header';
import { officeZone } from '../settings/zone';
import { zoneOffsetMs } from '../../../shared/zone';
import { storeOf } from '../store/of-context';
import { arrearsRepo, type PuPaymentRow } from './arrears-repository';

export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'notDue';
  if (daysPastDue <= 30) return 'd0_30';
  if (daysPastDue <= 60) return 'd31_60';
  if (daysPastDue <= 90) return 'd61_90';
  return 'over90';
}

const emptyBuckets = (): Record<AgingBucket, number> => Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number>;

const groupKey = (opdId: number, month: string, dueDate: string) => `${opdId}|${month}|${dueDate}`;

/**
 * The estimated fine accrued on each late payment of a PU month (the payments in SP2D date order).
 * `billed` caps the amount fined: only what was still unpaid can be late. Exported for the tests.
 */
export function latePaymentFines(
  dueDate: string, billed: number, bp: number, payments: readonly { date: string; amount: number }[],
): { amount: number; monthsLate: number; fineEstimate: number }[] {
  let unpaid = Math.max(0, billed);
  return payments.map((p) => {
    const amount = Math.min(p.amount, unpaid);
    unpaid -= amount;
    const late = monthsLate(dueDate, p.date);
    return { amount, monthsLate: late, fineEstimate: late > 0 && amount > 0 ? applyBp(amount, bp, late) : 0 };
  });
}

/** More than 3 consecutive unpaid BPU months past due: BPJS ends BPU coverage. */
function hasBpuLapseRun(items: ArrearsItem[]): boolean {
  const months = [...new Set(items.filter((i) => i.segment === 'BPU' && i.bucket !== 'notDue').map((i) => i.month))].sort();
  let run = 0;
  for (let k = 0; k < months.length; k++) {
    run = k > 0 && addMonths(months[k - 1]!, 1) === months[k] ? run + 1 : 1;
    if (run > 3) return true;
  }
  return false;
}

/**
 * `npp`: only the invoices billed under that employer registration (BPJS bills and counts arrears per
 * NPP); absent, every NPP together. Read in one snapshot, so the unpaid months and the payments agree.
 */
export async function arrearsReport(ctx: CoreContext, asOf: string, npp?: string | null): Promise<ArrearsReport> {
  if (!isIsoDate(asOf)) throw new SigapError('INVALID_INPUT', `Tanggal "${asOf}" tidak sah; tulis YYYY-MM-DD.`);
  return storeOf(ctx).tx('read', async (tx) => {
    const zoneHours = zoneOffsetMs(await officeZone(ctx)) / 3600_000;
    // An NPP as typed (dots, spaces) is matched to a registered one; an unknown NPP is refused.
    const only = npp ? await resolveNpp(ctx, npp) : null;
    const scope = { asOf, zoneHours, npp: only };
    const statutory = statutoryDueDates(ctx);
    const fineRate = new Map<string, number>();
    const fineBpFor = async (month: string): Promise<number> => {
      let bp = fineRate.get(month);
      if (bp === undefined) {
        bp = (await paramAt(ctx, 'pu.fine.enabled', month))?.value === 1 ? ((await paramAt(ctx, 'pu.fine.bp_per_month', month))?.value ?? 0) : 0;
        fineRate.set(month, bp);
      }
      return bp;
    };
    const units = new Map<number, ArrearsUnit>();
    const unitOf = (g: { opdId: number; opdCode: string; opd: string; opdKind: 'opd' | 'village' }): ArrearsUnit => {
      let u = units.get(g.opdId);
      if (!u) {
        u = {
          opdId: g.opdId, opdCode: g.opdCode, opd: g.opd, opdKind: g.opdKind, buckets: emptyBuckets(), pastDue: 0, outstanding: 0,
          fineEstimate: 0, latePaidFineEstimate: 0, latePaid: [], bpuLapseRisk: false, items: [],
        };
        units.set(g.opdId, u);
      }
      return u;
    };
    for (const g of await arrearsRepo.unpaidGroups(tx, scope)) {
      const statutoryDueDate = await statutory(g.month, g.segment);
      const daysPastDue = daysBetween(statutoryDueDate, asOf);
      const outstanding = g.billed - g.paid;
      const late = monthsLate(statutoryDueDate, asOf);
      const item: ArrearsItem = {
        month: g.month, segment: g.segment, dueDate: g.dueDate, statutoryDueDate, opdDaysPastDue: daysBetween(g.dueDate, asOf), daysPastDue, bucket: agingBucket(daysPastDue),
        billed: g.billed, paid: g.paid, outstanding, monthsLate: late,
        fineEstimate: g.segment === 'PU' && late > 0 ? applyBp(outstanding, await fineBpFor(g.month), late) : 0,
        invoiceNumbers: g.numbers.split(', '),
      };
      const u = unitOf(g);
      u.items.push(item);
      u.buckets[item.bucket] += outstanding;
      u.outstanding += outstanding;
      if (item.bucket !== 'notDue') u.pastDue += outstanding;
      u.fineEstimate += item.fineEstimate;
    }
    // The fine on PU months (or parts of them) already paid, but after the due date.
    const payments = new Map<string, PuPaymentRow[]>();
    for (const p of await arrearsRepo.puPayments(tx, scope)) {
      const k = groupKey(p.opdId, p.month, p.dueDate);
      const list = payments.get(k);
      if (list) list.push(p);
      else payments.set(k, [p]);
    }
    for (const g of await arrearsRepo.puGroups(tx, scope)) {
      const paid = payments.get(groupKey(g.opdId, g.month, g.dueDate)) ?? [];
      const bp = await fineBpFor(g.month);
      const statutoryDueDate = await statutory(g.month, 'PU');
      if (bp === 0 || !paid.some((p) => p.sp2dDate > statutoryDueDate)) continue;
      const fines = latePaymentFines(statutoryDueDate, g.billed, bp, paid.map((p) => ({ date: p.sp2dDate, amount: p.amount })));
      const late: LatePaidFine[] = [];
      fines.forEach((f, k) => {
        const p = paid[k]!;
        if (f.fineEstimate > 0) {
          late.push({
            month: g.month, segment: 'PU', dueDate: g.dueDate, statutoryDueDate, invoiceNumber: p.number, sp2dNumber: p.sp2dNumber, paidDate: p.sp2dDate,
            amount: f.amount, monthsLate: f.monthsLate, fineEstimate: f.fineEstimate,
          });
        }
      });
      if (late.length === 0) continue;
      const u = unitOf(g);
      u.latePaid.push(...late);
      u.latePaidFineEstimate += late.reduce((s, f) => s + f.fineEstimate, 0);
    }
    const list = [...units.values()];
    for (const u of list) u.latePaid.sort((a, b) => a.month.localeCompare(b.month) || a.paidDate.localeCompare(b.paidDate) || a.invoiceNumber.localeCompare(b.invoiceNumber));
    for (const u of list) u.bpuLapseRisk = hasBpuLapseRun(u.items);
    list.sort((a, b) => b.pastDue - a.pastDue || Number(b.outstanding > 0) - Number(a.outstanding > 0) || a.opdCode.localeCompare(b.opdCode));
    const totals = { ...emptyBuckets(), pastDue: 0, outstanding: 0, fineEstimate: 0, latePaidFineEstimate: 0 };
    for (const u of list) {
      for (const b of AGING_BUCKETS) totals[b] += u.buckets[b];
      totals.pastDue += u.pastDue;
      totals.outstanding += u.outstanding;
      totals.fineEstimate += u.fineEstimate;
      totals.latePaidFineEstimate += u.latePaidFineEstimate;
    }
    return { asOf, fineIsEstimate: true, units: list, totals, npp: only };
  });
}

/** The data of a reminder letter to a unit with past-due arrears (the renderer prints it). */
export async function reminderLetter(ctx: CoreContext, opdId: number, asOf: string): Promise<ReminderLetter> {
  const unit = (await arrearsReport(ctx, asOf)).units.find((u) => u.opdId === opdId);
  const items = (unit?.items ?? []).filter((i) => i.bucket !== 'notDue');
  if (items.length === 0) throw new SigapError('NOT_FOUND', `Unit ini tidak memiliki tunggakan yang lewat jatuh tempo per ${formatDateId(asOf)}.`);
  const outstanding = items.reduce((s, i) => s + i.outstanding, 0);
  const oldest = Math.max(...items.map((i) => i.daysPastDue));
  return {
    letterhead: await letterhead(ctx),
    unit: await unitHeader(ctx, opdId),
    asOf,
    asOfLabel: formatDateId(asOf),
    items: items.map((i) => ({ ...i, monthLabel: formatMonthId(i.month) })),
    outstanding,
    fineEstimate: items.reduce((s, i) => s + i.fineEstimate, 0),
    latePaid: (unit?.latePaid ?? []).map((f) => ({ ...f, monthLabel: formatMonthId(f.month) })),
    latePaidFineEstimate: unit?.latePaidFineEstimate ?? 0,
    amountInWords: terbilangRupiah(outstanding),
    level: oldest > 90 ? 3 : oldest > 60 ? 2 : 1,
    fineIsEstimate: true,
  };
}
