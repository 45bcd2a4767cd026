/**
 * Arrears as of a date: per paying unit, every month and segment not fully paid, aged by days past the
 * due date, with the estimated late fine for PU months.
 *
 * The fine is an estimate by design: the rule (2% a month of the unpaid iuran) binds employers other
 * than state bodies, and whether it binds a Pemda is unconfirmed. It is computed as
 * `outstanding x rate x months late`, rounded half-up once per month and segment, where any started
 * month of delay counts as a month; the rule in force for the contribution month applies and the
 * switch `pu.fine.enabled` turns it off. Payments count when their SP2D date is on or before the date.
 */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { addMonths, formatDateId, formatMonthId, isIsoDate } from '../../../shared/dates';
import { terbilangRupiah } from '../../../shared/terbilang';
import { AGING_BUCKETS, type AgingBucket, type ArrearsItem, type ArrearsReport, type ArrearsUnit, type ReminderLetter, type Segment } from '../../../shared/billing-types';
import { daysBetween, monthsLate } from './calendar';
import { paramAt } from './rates';
import { applyBp } from './round';
import { letterhead, unitHeader } from './header';

export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'notDue';
  if (daysPastDue <= 30) return 'd0_30';
  if (daysPastDue <= 60) return 'd31_60';
  if (daysPastDue <= 90) return 'd61_90';
  return 'over90';
}

const emptyBuckets = (): Record<AgingBucket, number> => Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number>;

interface GroupRow {
  opdId: number; opdCode: string; opd: string; opdKind: 'opd' | 'village';
  month: string; segment: Segment; dueDate: string; billed: number; paid: number; numbers: string;
}

// Invoices count once issued (on the WIB date of issue). A month and segment are aged per due date:
// an invoice issued after its month's rule date has its own, later one (issue.ts), and a credit note
// shares the date of the invoice it lowers.
const GROUPS_SQL = `
  SELECT i.opd_id AS opdId, o.code AS opdCode, o.name AS opd, o.kind AS opdKind, i.month, i.segment,
         i.due_date AS dueDate, sum(i.total) AS billed,
         coalesce(sum((SELECT sum(p.amount) FROM payment p WHERE p.invoice_id = i.id AND p.sp2d_date <= @asOf)), 0) AS paid,
         group_concat(i.number, ', ' ORDER BY i.number) AS numbers
  FROM invoice i JOIN opd o ON o.id = i.opd_id
  WHERE i.status = 'issued' AND date(i.issued_at, '+7 hours') <= @asOf
  GROUP BY i.opd_id, i.month, i.segment, i.due_date
  HAVING sum(i.total) > paid
  ORDER BY o.code, i.month, i.segment DESC, i.due_date`;

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

export function arrearsReport(ctx: CoreContext, asOf: string): ArrearsReport {
  if (!isIsoDate(asOf)) throw new SigapError('INVALID_INPUT', `Tanggal "${asOf}" tidak sah; tulis YYYY-MM-DD.`);
  const fineRate = new Map<string, number>();
  const fineBpFor = (month: string): number => {
    let bp = fineRate.get(month);
    if (bp === undefined) {
      bp = paramAt(ctx, 'pu.fine.enabled', month)?.value === 1 ? (paramAt(ctx, 'pu.fine.bp_per_month', month)?.value ?? 0) : 0;
      fineRate.set(month, bp);
    }
    return bp;
  };
  const units = new Map<number, ArrearsUnit>();
  for (const g of ctx.db.prepare(GROUPS_SQL).all({ asOf }) as GroupRow[]) {
    const daysPastDue = daysBetween(g.dueDate, asOf);
    const outstanding = g.billed - g.paid;
    const late = monthsLate(g.dueDate, asOf);
    const item: ArrearsItem = {
      month: g.month, segment: g.segment, dueDate: g.dueDate, daysPastDue, bucket: agingBucket(daysPastDue),
      billed: g.billed, paid: g.paid, outstanding, monthsLate: late,
      fineEstimate: g.segment === 'PU' && late > 0 ? applyBp(outstanding, fineBpFor(g.month), late) : 0,
      invoiceNumbers: g.numbers.split(', '),
    };
    let u = units.get(g.opdId);
    if (!u) {
      u = { opdId: g.opdId, opdCode: g.opdCode, opd: g.opd, opdKind: g.opdKind, buckets: emptyBuckets(), pastDue: 0, outstanding: 0, fineEstimate: 0, bpuLapseRisk: false, items: [] };
      units.set(g.opdId, u);
    }
    u.items.push(item);
    u.buckets[item.bucket] += outstanding;
    u.outstanding += outstanding;
    if (item.bucket !== 'notDue') u.pastDue += outstanding;
    u.fineEstimate += item.fineEstimate;
  }
  const list = [...units.values()];
  for (const u of list) u.bpuLapseRisk = hasBpuLapseRun(u.items);
  list.sort((a, b) => b.pastDue - a.pastDue || a.opdCode.localeCompare(b.opdCode));
  const totals = { ...emptyBuckets(), pastDue: 0, outstanding: 0, fineEstimate: 0 };
  for (const u of list) {
    for (const b of AGING_BUCKETS) totals[b] += u.buckets[b];
    totals.pastDue += u.pastDue;
    totals.outstanding += u.outstanding;
    totals.fineEstimate += u.fineEstimate;
  }
  return { asOf, fineIsEstimate: true, units: list, totals };
}

/** The data of a reminder letter to a unit with past-due arrears (the renderer prints it). */
export function reminderLetter(ctx: CoreContext, opdId: number, asOf: string): ReminderLetter {
  const unit = arrearsReport(ctx, asOf).units.find((u) => u.opdId === opdId);
  const items = (unit?.items ?? []).filter((i) => i.bucket !== 'notDue');
  if (items.length === 0) throw new SigapError('NOT_FOUND', `Unit ini tidak memiliki tunggakan yang lewat jatuh tempo per ${formatDateId(asOf)}.`);
  const outstanding = items.reduce((s, i) => s + i.outstanding, 0);
  const oldest = Math.max(...items.map((i) => i.daysPastDue));
  return {
    letterhead: letterhead(ctx),
    unit: unitHeader(ctx, opdId),
    asOf,
    asOfLabel: formatDateId(asOf),
    items: items.map((i) => ({ ...i, monthLabel: formatMonthId(i.month) })),
    outstanding,
    fineEstimate: items.reduce((s, i) => s + i.fineEstimate, 0),
    amountInWords: terbilangRupiah(outstanding),
    level: oldest > 90 ? 3 : oldest > 60 ? 2 : 1,
    fineIsEstimate: true,
  };
}
