/** Reading invoices, their lines and payments. */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { storeOf } from '../store/of-context';
import { invoiceRepo, type InvoiceWhere } from './invoice-repository';
import type { InvoiceLine, InvoiceSummary, Payment, RatesInForce } from '../../../shared/billing-types';

export type InvoiceFilter = InvoiceWhere;

export async function listInvoices(ctx: CoreContext, f: InvoiceFilter = {}): Promise<InvoiceSummary[]> {
  return invoiceRepo.list(storeOf(ctx), f);
}

/** An invoice by id or by its number (as typed on the command line). */
export async function getInvoice(ctx: CoreContext, ref: number | string): Promise<InvoiceSummary> {
  const q = storeOf(ctx);
  const row = typeof ref === 'number' ? await invoiceRepo.byId(q, ref) : await invoiceRepo.byNumber(q, ref.trim());
  if (!row) {
    throw new SigapError('NOT_FOUND', typeof ref === 'number' ? `Tagihan #${ref} tidak ditemukan.` : `Tagihan bernomor "${ref}" tidak ditemukan. Periksa nomornya (mis. IUR/2026/01/05/001); draf belum bernomor.`);
  }
  return row;
}

/** The rate snapshot the invoice was computed with. */
export async function invoiceRates(ctx: CoreContext, id: number): Promise<RatesInForce> {
  const json = await invoiceRepo.ratesJson(storeOf(ctx), id);
  if (json === undefined) throw new SigapError('NOT_FOUND', `Tagihan #${id} tidak ditemukan.`);
  return JSON.parse(json) as RatesInForce;
}

export async function invoiceLines(ctx: CoreContext, id: number, page: { offset?: number; limit?: number } = {}): Promise<InvoiceLine[]> {
  return invoiceRepo.lines(storeOf(ctx), id, page.limit, page.offset ?? 0);
}

/**
 * The lines one by one, for writers that stream (an Excel copy of 100,000 lines). The store is held
 * until the loop ends: the loop body must not query.
 */
export function iterateInvoiceLines(ctx: CoreContext, id: number): AsyncIterable<InvoiceLine> {
  return invoiceRepo.iterateLines(storeOf(ctx), id);
}

export async function listPayments(ctx: CoreContext, invoiceId?: number): Promise<Payment[]> {
  return invoiceRepo.payments(storeOf(ctx), invoiceId ?? null);
}
