/**
 * The year's contributions by paying unit and program, from issued invoices (regular, supplementary
 * and credit notes, so each unit's figure is what it owes for the year), with what has been paid.
 */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { storeOf } from '../store/of-context';
import { coverageRepo, type YearlyUnitRow } from './coverage-repository';

/** A unit's year; `personMonths` counts the lines of regular invoices. */
export type YearlyRow = YearlyUnitRow;

export interface YearlyReport {
  year: number;
  units: YearlyRow[];
  totals: Omit<YearlyRow, 'opdId' | 'code' | 'name' | 'kind' | 'budgetAccount'>;
}

export async function yearlyContributions(ctx: CoreContext, year: number): Promise<YearlyReport> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new SigapError('INVALID_INPUT', 'Tahun tidak sah.');
  const units = await coverageRepo.yearlyByUnit(storeOf(ctx), year);
  const totals = { personMonths: 0, jkk: 0, jkm: 0, jhtEmployer: 0, jhtWorker: 0, jpEmployer: 0, jpWorker: 0, total: 0, paid: 0 };
  for (const u of units) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += u[k];
  return { year, units, totals };
}
