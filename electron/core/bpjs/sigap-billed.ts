import type { CoreContext } from '../context';
import { listInvoices, invoiceLines } from '../billing/index';
import type { SigapBilledLine } from './reconcile';

/**
 * Sigap's side of the reconciliation: per person and program, what the month's issued invoices bill.
 * Corrections (supplementary and credit invoices) hold signed per-person differences, so adding every
 * issued invoice of the month gives what Sigap billed in the end. Employer and worker shares are added:
 * the branch's bill shows the iuran per program. Each line carries its invoice's segment and NPP, so
 * reconcile.ts compares a bill only with the invoices of its own segment and NPP.
 *
 * Built on the billing module's read functions only; when billing offers a per-person, per-program
 * function of its own, this is the one place to switch to it.
 */
export async function sigapBilledLines(ctx: CoreContext, month: string): Promise<SigapBilledLine[]> {
  const out: SigapBilledLine[] = [];
  for (const inv of await listInvoices(ctx, { month, status: 'issued' })) {
    for (const l of await invoiceLines(ctx, inv.id)) {
      const base = { nik: l.nik, name: l.name, opdCode: inv.opdCode, segment: inv.segment, npp: inv.npp };
      const amounts = { JKK: l.jkk, JKM: l.jkm, JHT: l.jhtEmployer + l.jhtWorker, JP: l.jpEmployer + l.jpWorker } as const;
      for (const [program, amount] of Object.entries(amounts) as [SigapBilledLine['program'], number][]) {
        if (amount !== 0) out.push({ ...base, program, amount });
      }
    }
  }
  return out;
}
