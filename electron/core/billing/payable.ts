/**
 * What is still payable on an invoice, the one rule the payment check, the invoice list and the invoice
 * page share:
 * - regular: its total, less the issued credit notes that point at it, less its payments;
 * - supplementary: its total less its payments;
 * - credit note and draft: nothing (a credit note lowers the regular invoice it points at).
 */
import type { CoreContext } from '../context';
import type { InvoiceSummary } from '../../../shared/billing-types';
import { storeOf } from '../store/of-context';
import { paymentRepo } from './payment-repository';

export type InvoiceWithPayable = InvoiceSummary & { payable: number };

/** The rule itself, given the issued credit notes pointing at the invoice (0 or negative). Never below zero. */
function payableGiven(inv: InvoiceSummary, credits: number): number {
  if (inv.status !== 'issued' || inv.kind === 'credit') return 0;
  return Math.max(0, inv.total + (inv.kind === 'regular' ? credits : 0) - inv.paid);
}

/** The amount still payable on an invoice (never below zero). */
export async function payableOf(ctx: CoreContext, inv: InvoiceSummary): Promise<number> {
  if (inv.status !== 'issued' || inv.kind !== 'regular') return payableGiven(inv, 0);
  return payableGiven(inv, await paymentRepo.creditsOn(storeOf(ctx), inv.id));
}

export async function withPayable(ctx: CoreContext, inv: InvoiceSummary): Promise<InvoiceWithPayable> {
  return { ...inv, payable: await payableOf(ctx, inv) };
}

/** The same for a list of one month (undefined: any month), with the credit notes read once. */
export async function withPayables(ctx: CoreContext, invoices: readonly InvoiceSummary[], month: string | undefined): Promise<InvoiceWithPayable[]> {
  const credits = await paymentRepo.creditsByOriginal(storeOf(ctx), month ?? null);
  return invoices.map((i) => ({ ...i, payable: payableGiven(i, credits.get(i.id) ?? 0) }));
}
