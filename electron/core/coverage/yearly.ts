/**
 * The year's contributions by paying unit and program, from issued invoices (regular, supplementary
 * and credit notes, so each unit's figure is what it owes for the year), with what has been paid.
 */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';

export interface YearlyRow {
  opdId: number; code: string; name: string; kind: 'opd' | 'village'; budgetAccount: string | null;
  /** Person-months billed (lines of regular invoices). */
  personMonths: number;
  jkk: number; jkm: number; jhtEmployer: number; jhtWorker: number; jpEmployer: number; jpWorker: number;
  total: number; paid: number;
}

export interface YearlyReport {
  year: number;
  units: YearlyRow[];
  totals: Omit<YearlyRow, 'opdId' | 'code' | 'name' | 'kind' | 'budgetAccount'>;
}

export function yearlyContributions(ctx: CoreContext, year: number): YearlyReport {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new SigapError('INVALID_INPUT', 'Tahun tidak sah.');
  const units = ctx.db
    .prepare(
      `SELECT o.id AS opdId, o.code, o.name, o.kind, o.budget_account AS budgetAccount,
              sum(CASE WHEN i.kind = 'regular' THEN i.persons ELSE 0 END) AS personMonths,
              sum(i.jkk) AS jkk, sum(i.jkm) AS jkm, sum(i.jht_employer) AS jhtEmployer, sum(i.jht_worker) AS jhtWorker,
              sum(i.jp_employer) AS jpEmployer, sum(i.jp_worker) AS jpWorker, sum(i.total) AS total,
              coalesce(sum((SELECT sum(amount) FROM payment p WHERE p.invoice_id = i.id)), 0) AS paid
       FROM invoice i JOIN opd o ON o.id = i.opd_id
       WHERE i.status = 'issued' AND substr(i.month, 1, 4) = ?
       GROUP BY o.id ORDER BY o.kind, o.code`,
    )
    .all(String(year)) as YearlyRow[];
  const totals = { personMonths: 0, jkk: 0, jkm: 0, jhtEmployer: 0, jhtWorker: 0, jpEmployer: 0, jpWorker: 0, total: 0, paid: 0 };
  for (const u of units) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += u[k];
  return { year, units, totals };
}
