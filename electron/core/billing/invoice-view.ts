/**
 * What the invoice screens show, computed in the core so the bridge handlers only map: the list with
 * what is still payable and its totals, one invoice with its unit (as frozen at issue), payments,
 * corrections and a page of lines, and the months billed.
 */
import type { CoreContext } from '../context';
import type { Amounts, InvoiceLine, Payment, RatesInForce } from '../../../shared/billing-types';
import { storeOf } from '../store/of-context';
import { getInvoice, invoiceLines, invoiceRates, listInvoices, listPayments, type InvoiceFilter } from './invoices';
import { storedHeader, unitHeader } from './header';
import { withPayable, withPayables, type InvoiceWithPayable } from './payable';
import { invoiceViewRepo, type BillingMonthRow } from './invoice-view-repository';

const LINES_DEFAULT = 100;

export type InvoiceTotals = Amounts & { persons: number; paid: number; payable: number; invoices: number; drafts: number };

export interface InvoiceListPage { total: number; rows: InvoiceWithPayable[]; totals: InvoiceTotals }

export interface InvoiceLinesPage { total: number; offset: number; rows: InvoiceLine[] }

export interface InvoiceDetail {
  invoice: InvoiceWithPayable;
  /** The unit as frozen in an issued invoice's header, else as it is now. */
  unit: { code: string; name: string; budgetAccount: string | null };
  rates: RatesInForce;
  payments: Payment[];
  /** Supplementary invoices and credit notes that point at this one. */
  corrections: InvoiceWithPayable[];
  lines: InvoiceLinesPage;
}

export function billingMonths(ctx: CoreContext): Promise<BillingMonthRow[]> {
  return invoiceViewRepo.months(storeOf(ctx));
}

/** The invoices that match, a page of them, and the totals of all of them. */
export async function invoiceList(ctx: CoreContext, f: InvoiceFilter, page: { offset?: number | undefined; limit?: number | undefined } = {}): Promise<InvoiceListPage> {
  const { offset = 0, limit = 500 } = page;
  // One snapshot: the credit notes read for "payable" are those of the invoices listed.
  const rows = await storeOf(ctx).tx('read', async () => withPayables(ctx, await listInvoices(ctx, f), f.month));
  const totals: InvoiceTotals = { jkk: 0, jkm: 0, jhtEmployer: 0, jhtWorker: 0, jpEmployer: 0, jpWorker: 0, employer: 0, worker: 0, total: 0, persons: 0, paid: 0, payable: 0, invoices: rows.length, drafts: 0 };
  for (const r of rows) {
    totals.jkk += r.jkk; totals.jkm += r.jkm; totals.jhtEmployer += r.jhtEmployer; totals.jhtWorker += r.jhtWorker;
    totals.jpEmployer += r.jpEmployer; totals.jpWorker += r.jpWorker; totals.employer += r.employer; totals.worker += r.worker;
    totals.total += r.total; totals.paid += r.paid; totals.payable += r.payable;
    // People are counted on regular invoices; a correction's lines are changes to people already counted.
    if (r.kind === 'regular') totals.persons += r.persons;
    if (r.status === 'draft') totals.drafts++;
  }
  return { total: rows.length, rows: rows.slice(offset, offset + limit), totals };
}

async function linesPage(ctx: CoreContext, invoiceId: number, offset = 0, limit = LINES_DEFAULT): Promise<InvoiceLinesPage> {
  const total = await invoiceViewRepo.lineCount(storeOf(ctx), invoiceId);
  return { total, offset, rows: await invoiceLines(ctx, invoiceId, { offset, limit }) };
}

/** A page of an invoice's lines (NOT_FOUND when there is no such invoice). */
export async function invoiceLinesPage(ctx: CoreContext, invoiceId: number, offset?: number, limit?: number): Promise<InvoiceLinesPage> {
  await getInvoice(ctx, invoiceId);
  return linesPage(ctx, invoiceId, offset, limit);
}

/** One invoice as its page shows it, read in one snapshot (what is payable agrees with the payments listed). */
export async function invoiceDetail(ctx: CoreContext, invoiceId: number, offset?: number, limit?: number): Promise<InvoiceDetail> {
  return storeOf(ctx).tx('read', async () => {
    const inv = await getInvoice(ctx, invoiceId);
    const unit = (await storedHeader(ctx, inv.id))?.unit ?? (await unitHeader(ctx, inv.opdId));
    const corrections = (await listInvoices(ctx, { month: inv.month, opdId: inv.opdId })).filter((i) => i.originalId === inv.id);
    return {
      invoice: await withPayable(ctx, inv),
      unit: { code: unit.code, name: unit.name, budgetAccount: unit.budgetAccount },
      rates: await invoiceRates(ctx, inv.id),
      payments: await listPayments(ctx, inv.id),
      corrections: await withPayables(ctx, corrections, inv.month),
      lines: await linesPage(ctx, inv.id, offset, limit),
    };
  });
}
