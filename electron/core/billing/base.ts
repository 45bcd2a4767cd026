/**
 * The contribution base of a person in a month: the wage BPJS is told (*upah dilaporkan*) and billing
 * computes iuran on. One rule, used by billing (calc.ts, as SQL over the whole roster) and by the
 * upload files for the branch office (bpjs/pending.ts and bpjs/values.ts, per person), so the UPAH /
 * PENGHASILAN a file reports is always the base the invoices bill:
 *
 * - wage: the engagement's reported wage, or its honor when no wage is reported (0);
 * - PU: the wage raised to the wage floor in force for the month (`pu.wage_floor`, 0 = no floor);
 * - BPU: the declared income of the bracket the wage falls in (each bracket runs from its start up
 *   to the next one's start; the last has no upper end), from the bracket table in force.
 *
 * JP's cap is not part of the base: it only limits the JP lines (calc.ts).
 */
import { SigapError } from '../../../shared/errors';
import { formatMonthId } from '../../../shared/dates';
import type { RatesInForce, Segment } from '../../../shared/billing-types';
import { requireParam } from './rates';

export interface BaseBracket {
  incomeFrom: number;
  /** Exclusive. */
  incomeTo: number;
  declaredIncome: number;
}

/** What the base of a month depends on, read from the rates in force in it. */
export interface BaseRules {
  month: string;
  floor: number;
  /** Null when no BPU bracket table is in force for the month. */
  brackets: BaseBracket[] | null;
}

/** The wage of an engagement: the reported wage, or the honor when none is reported. */
export function wageOf(reportedWage: number, honor: number): number {
  return reportedWage > 0 ? reportedWage : honor;
}

/** The same rule as a SQL fragment over an engagement row (its SQL lives with the billing computation's). */
export { wageSql } from './calc-repository';

/** The floor and brackets in force in `rates.month`. Throws naming the row to add when the floor is missing. */
export function baseRules(rates: RatesInForce): BaseRules {
  const set = rates.bpuBrackets?.brackets ?? null;
  const brackets = set?.map((b, i) => ({ incomeFrom: b.incomeFrom, incomeTo: set[i + 1]?.incomeFrom ?? Number.MAX_SAFE_INTEGER, declaredIncome: b.declaredIncome })) ?? null;
  return { month: rates.month, floor: requireParam(rates, 'pu.wage_floor'), brackets };
}

/**
 * The base for a wage under the rules of a month. Throws a SigapError naming what to fix when the
 * month has no bracket table or no bracket holds the wage (billing could not bill the person either).
 */
export function reportedBase(segment: Segment, wage: number, rules: BaseRules): number {
  if (segment === 'PU') return Math.max(wage, rules.floor);
  if (!rules.brackets) {
    throw new SigapError('INVALID_INPUT', `Tabel golongan penghasilan BPU belum ada untuk ${formatMonthId(rules.month)}. Tambahkan di Pengaturan > Tarif.`);
  }
  const b = rules.brackets.find((x) => wage >= x.incomeFrom && wage < x.incomeTo);
  if (!b) throw new SigapError('INVALID_INPUT', `Penghasilan ${wage} tidak masuk golongan BPU mana pun untuk ${formatMonthId(rules.month)}. Lengkapi tabel golongan di Pengaturan > Tarif.`);
  return b.declaredIncome;
}
