/**
 * The statutory due date of a contribution month: the day BPJS counts a month late from, whatever
 * date an invoice to an OPD was issued on. PU: the 15th of the month after the contribution month;
 * BPU: the 15th of the same month (domain.md section 5); a Saturday or Sunday moves to the Monday, as
 * the rate table says. An invoice issued after that date keeps its own, later deadline for the OPD
 * (issue.ts), but the late fine BPJS charges the Pemda still runs from this date.
 */
import type { CoreContext } from '../context';
import type { Segment } from '../../../shared/billing-types';
import { SigapError } from '../../../shared/errors';
import { formatMonthId } from '../../../shared/dates';
import { dueDate, type DueRule } from './calendar';
import { paramAt } from './rates';

async function ruleAt(ctx: CoreContext, month: string, segment: Segment): Promise<DueRule> {
  const s = segment === 'PU' ? 'pu' : 'bpu';
  const offset = (await paramAt(ctx, `${s}.due.month_offset`, month))?.value;
  const day = (await paramAt(ctx, `${s}.due.day`, month))?.value;
  if (offset === undefined || day === undefined) {
    throw new SigapError('INVALID_INPUT', `Aturan jatuh tempo ${segment} belum ada untuk ${formatMonthId(month)}. Tambahkan barisnya di Pengaturan > Tarif.`);
  }
  return { monthOffset: offset, day, rollWeekend: (await paramAt(ctx, 'due.roll_weekend', month))?.value === 1 };
}

/** The statutory due date of one month and segment. */
export async function statutoryDueDate(ctx: CoreContext, month: string, segment: Segment): Promise<string> {
  return dueDate(month, await ruleAt(ctx, month, segment));
}

/** A memoised `statutoryDueDate` for a report that asks for the same months many times. */
export function statutoryDueDates(ctx: CoreContext): (month: string, segment: Segment) => Promise<string> {
  const seen = new Map<string, string>();
  return async (month, segment) => {
    const k = `${month}|${segment}`;
    let d = seen.get(k);
    if (d === undefined) {
      d = await statutoryDueDate(ctx, month, segment);
      seen.set(k, d);
    }
    return d;
  };
}
