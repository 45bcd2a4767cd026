import { monthOf } from '../../../shared/dates';
import type { PendingChange, ReportEnv } from './types';

/*
 * The wage-change upload's RAPEL and BLTH (domain.md section 8; evidence in the H8a report).
 *
 * BLTH is the contribution month the new wage applies from, written `mm-yyyy`. RAPEL is an amount, not
 * Y/T: the portal's individual "Edit Upah" asks for "Upah dan Rapel", and a public mock of the portal's
 * mass wage upload keeps `rapel` as rupiah added to the wage the month's contributions are computed on
 * (`totalSalary = upah + rapel`), reset to 0 in the next period. So RAPEL is the back pay: for every
 * month from BLTH up to the month before the report, the month BPJS already billed at the old wage, the
 * difference between the new and the old reported wage. The report month itself is billed at UPAH.
 *
 *   BLTH 03-2026, report in May 2026, Rp2.500.000 -> Rp2.750.000: March and April,
 *   2 x Rp250.000 = Rp500.000.
 *
 * A lower wage owes nothing back (RAPEL 0: the portal's field is back pay, not a refund); a change in
 * the report month or later owes nothing yet.
 */

/** Whole months from `from` (YYYY-MM) up to, not including, `to`; 0 when `to` is not after `from`. */
export function monthsBefore(from: string, to: string): number {
  const n = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  return Math.max(0, n);
}

export interface Rapel {
  /** Months billed at the old wage: BLTH up to the month before the report. */
  months: number;
  /** Per month: new reported wage minus the old one (0 for a decrease or an unknown old wage). */
  perMonth: number;
  amount: number;
}

/** The back pay of a wage change reported in `reportMonth` (YYYY-MM). */
export function rapelOf(c: Pick<PendingChange, 'reportedWage' | 'previousWage'>, changeMonth: string, reportMonth: string): Rapel {
  const months = monthsBefore(changeMonth, reportMonth);
  const perMonth = c.previousWage === null || c.reportedWage <= 0 ? 0 : Math.max(0, c.reportedWage - c.previousWage);
  return { months, perMonth, amount: months * perMonth };
}

/**
 * The wage-change fields of one row: RAPEL as the amount (text of digits, `0` when nothing is owed),
 * the old Y/T flag for templates that still ask for it, and KODE_TK, which Sigap does not keep (the
 * portal matches the row by KPJ and NIK). Rows of other kinds have no back pay.
 */
export function wageChangeFields(c: PendingChange, env: Pick<ReportEnv, 'asOf'>, contributionMonth: string): { rapel: string; rapelFlag: string; workerCode: string } {
  const reportMonth = monthOf(env.asOf);
  const r = c.kind === 'wage' ? rapelOf(c, contributionMonth, reportMonth) : null;
  return {
    rapel: r ? String(r.amount) : '',
    rapelFlag: contributionMonth < reportMonth ? 'Y' : 'T',
    workerCode: '',
  };
}
