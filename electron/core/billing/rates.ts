/** Reading the dated rate tables: every row for the settings screen, and what is in force in a month. */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { formatMonthId } from '../../../shared/dates';
import {
  MONTH_RULES, RATE_PARAMS, type BpuBracketSet, type MonthRule, type ParamInForce,
  type RateParamKey, type RateParamRow, type RatesInForce, type Segment,
} from '../../../shared/billing-types';
import type { DueRule } from './calendar';
import { storeOf } from '../store/of-context';
import { rateRepo } from './rates-repository';

const isKnownKey = (k: string): k is RateParamKey => Object.hasOwn(RATE_PARAMS, k);

/** Every parameter row, by key then effective month (history included), for Pengaturan and `sigap rates`. */
export async function listRateParams(ctx: CoreContext): Promise<RateParamRow[]> {
  const rows = await rateRepo.allParams(storeOf(ctx));
  return rows.filter((r) => isKnownKey(r.key)).map((r) => {
    const spec = RATE_PARAMS[r.key as RateParamKey];
    return { ...r, key: r.key as RateParamKey, label: spec.label, unit: spec.unit, estimate: 'estimate' in spec && spec.estimate === true };
  });
}

/** Every BPU bracket table, one per effective month (`month`: only the table effective from it). */
export async function listBpuBrackets(ctx: CoreContext, month: string | null = null): Promise<BpuBracketSet[]> {
  const rows = await rateRepo.brackets(storeOf(ctx), month);
  const sets = new Map<string, BpuBracketSet>();
  for (const r of rows) {
    let set = sets.get(r.m);
    if (!set) {
      set = { effectiveMonth: r.m, source: r.source, confidence: r.confidence, brackets: [] };
      sets.set(r.m, set);
    }
    set.brackets.push({ incomeFrom: r.incomeFrom, declaredIncome: r.declaredIncome });
  }
  return [...sets.values()];
}

/** The row of one parameter in force in `month` (the latest effective month on or before it). */
export async function paramAt(ctx: CoreContext, key: RateParamKey, month: string): Promise<ParamInForce | undefined> {
  return rateRepo.paramAt(storeOf(ctx), key, month);
}

/** Everything billing needs for a month, in one object that is also the invoices' rate snapshot. */
export async function ratesForMonth(ctx: CoreContext, month: string): Promise<RatesInForce> {
  // One snapshot: the parameters, brackets and categories agree even while Pengaturan is edited.
  return storeOf(ctx).tx('read', async (q) => {
    const params: RatesInForce['params'] = {};
    for (const { key, ...p } of await rateRepo.paramsInForce(q, month)) if (isKnownKey(key)) params[key] = p;
    const bracketMonth = await rateRepo.bracketMonthAt(q, month);
    const bpuBrackets = bracketMonth === null ? null : ((await listBpuBrackets(ctx, bracketMonth))[0] ?? null);
    const employerClass = await rateRepo.employerJkkClass(q);
    const categories = (await rateRepo.categories(q)).map((c) => ({ ...c, enrolled: c.enrolled === 1 }));
    // Without an employer profile the class is the column default: class I, the usual one for a Pemda.
    return { month, params, bpuBrackets, employerJkkClass: employerClass ?? 1, categories };
  });
}

/** A parameter's value in force, or a message saying which row to add in Pengaturan. */
export function requireParam(rates: RatesInForce, key: RateParamKey): number {
  const p = rates.params[key];
  if (p === undefined) {
    throw new SigapError('INVALID_INPUT', `Tarif "${RATE_PARAMS[key].label}" belum ada untuk ${formatMonthId(rates.month)}. Tambahkan baris tarif yang berlaku sejak bulan itu atau sebelumnya di Pengaturan > Tarif.`);
  }
  return p.value;
}

/**
 * The due-day rule of a segment (PU: the 15th of the month after the contribution month; BPU: the
 * 15th of the same month; a Saturday or Sunday moves to the Monday). This is the date of an invoice
 * issued on time. An invoice issued after that date (a back-billed month, a supplementary invoice)
 * falls due on the same day of the month after the month of issue instead; a credit note keeps the
 * date of the invoice it lowers (issue.ts, dueDateAtIssue).
 */
export function dueRuleFor(rates: RatesInForce, segment: Segment): DueRule {
  const s = segment === 'PU' ? 'pu' : 'bpu';
  return {
    monthOffset: requireParam(rates, `${s}.due.month_offset`),
    day: requireParam(rates, `${s}.due.day`),
    rollWeekend: requireParam(rates, 'due.roll_weekend') === 1,
  };
}

export function monthRuleOf(rates: RatesInForce): MonthRule {
  return MONTH_RULES[requireParam(rates, 'billing.month_rule')] ?? 'any_day';
}
