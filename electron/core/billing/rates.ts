/** Reading the dated rate tables: every row for the settings screen, and what is in force in a month. */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { formatMonthId } from '../../../shared/dates';
import {
  MONTH_RULES, RATE_PARAMS, type BpuBracketSet, type Confidence, type MonthRule, type ParamInForce,
  type RateParamKey, type RateParamRow, type RatesInForce, type Segment,
} from '../../../shared/billing-types';
import type { DueRule } from './calendar';

interface ParamDbRow {
  key: string;
  effectiveMonth: string;
  value: number;
  source: string;
  confidence: Confidence;
  note: string | null;
}

const isKnownKey = (k: string): k is RateParamKey => Object.hasOwn(RATE_PARAMS, k);

/** Every parameter row, by key then effective month (history included), for Pengaturan and `sigap rates`. */
export function listRateParams(ctx: CoreContext): RateParamRow[] {
  const rows = ctx.db
    .prepare('SELECT key, effective_month AS effectiveMonth, value, source, confidence, note FROM rate_param ORDER BY key, effective_month')
    .all() as ParamDbRow[];
  return rows.filter((r) => isKnownKey(r.key)).map((r) => {
    const spec = RATE_PARAMS[r.key as RateParamKey];
    return { ...r, key: r.key as RateParamKey, label: spec.label, unit: spec.unit, estimate: 'estimate' in spec && spec.estimate === true };
  });
}

/** Every BPU bracket table, one per effective month. */
export function listBpuBrackets(ctx: CoreContext): BpuBracketSet[] {
  const rows = ctx.db
    .prepare('SELECT effective_month AS m, income_from AS incomeFrom, declared_income AS declaredIncome, source, confidence FROM bpu_bracket ORDER BY effective_month, income_from')
    .all() as { m: string; incomeFrom: number; declaredIncome: number; source: string; confidence: Confidence }[];
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
export function paramAt(ctx: CoreContext, key: RateParamKey, month: string): ParamInForce | undefined {
  return ctx.db
    .prepare('SELECT value, effective_month AS effectiveMonth, source, confidence FROM rate_param WHERE key = ? AND effective_month <= ? ORDER BY effective_month DESC LIMIT 1')
    .get(key, month) as ParamInForce | undefined;
}

/** Everything billing needs for a month, in one object that is also the invoices' rate snapshot. */
export function ratesForMonth(ctx: CoreContext, month: string): RatesInForce {
  const rows = ctx.db
    .prepare(
      `SELECT key, value, effective_month AS effectiveMonth, source, confidence FROM rate_param r
       WHERE effective_month = (SELECT max(effective_month) FROM rate_param WHERE key = r.key AND effective_month <= ?)
       ORDER BY key`,
    )
    .all(month) as (ParamInForce & { key: string })[];
  const params: RatesInForce['params'] = {};
  for (const { key, ...p } of rows) if (isKnownKey(key)) params[key] = p;
  const bracketMonth = (ctx.db.prepare('SELECT max(effective_month) AS m FROM bpu_bracket WHERE effective_month <= ?').get(month) as { m: string | null }).m;
  const bpuBrackets = bracketMonth === null ? null : (listBpuBrackets(ctx).find((s) => s.effectiveMonth === bracketMonth) ?? null);
  const employer = ctx.db.prepare('SELECT jkk_class AS c FROM employer WHERE id = 1').get() as { c: number } | undefined;
  const categories = (ctx.db.prepare('SELECT id, name, segment, programs, jkk_class AS jkkClass, enrolled FROM category ORDER BY id').all() as
    { id: number; name: string; segment: Segment; programs: string; jkkClass: number | null; enrolled: number }[]).map((c) => ({ ...c, enrolled: c.enrolled === 1 }));
  // Without an employer profile the class is the column default: class I, the usual one for a Pemda.
  return { month, params, bpuBrackets, employerJkkClass: employer?.c ?? 1, categories };
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
