/**
 * Payments by SP2D against issued invoices. What is still payable on an invoice:
 * - regular: its total, less the issued credit notes that point at it, less its payments;
 * - supplementary: its total less its payments;
 * - credit note: nothing (it lowers the regular invoice it points at).
 * A payment above what is payable is refused: an overpayment would hide a typing error in the amount.
 * A payment dated before the invoice was issued (on the office's calendar) is refused unless the caller
 * confirms it (`confirmEarlyDate`): an OPD may pay from the budget before the paper reaches it, but the
 * date is more often a slip, and it moves the payment into a period the arrears report ages differently.
 */
import type { CoreContext } from '../context';
import { nowIso, todayIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { firstDay, formatDateId, formatMonthId, isIsoDate } from '../../../shared/dates';
import { formatRupiah } from '../../../shared/money';
import type { InvoiceSummary, Payment } from '../../../shared/billing-types';
import { getInvoice, listPayments } from './invoices';
import { officeDate } from '../settings/zone';

/** The amount still payable on an issued invoice (never below zero). */
export function payableOf(ctx: CoreContext, inv: InvoiceSummary): number {
  if (inv.status !== 'issued' || inv.kind === 'credit') return 0;
  const credits = inv.kind === 'regular'
    ? (ctx.db.prepare("SELECT coalesce(sum(total), 0) AS s FROM invoice WHERE original_id = ? AND kind = 'credit' AND status = 'issued'").get(inv.id) as { s: number }).s
    : 0;
  return Math.max(0, inv.total + credits - inv.paid);
}

export interface PaymentInput {
  /** The invoice number (or id). */
  invoice: string | number;
  amount: number;
  /** SP2D date, `YYYY-MM-DD`. */
  date: string;
  sp2d: string;
  note?: string | null | undefined;
  /** The clerk confirmed an SP2D date before the invoice's issue date. */
  confirmEarlyDate?: boolean | undefined;
}

export interface PaymentResult {
  payment: Payment;
  invoice: InvoiceSummary;
  /** Still payable after this payment. */
  remaining: number;
}

export function recordPayment(ctx: CoreContext, p: PaymentInput): PaymentResult {
  const sp2d = p.sp2d.trim();
  if (sp2d === '') throw new SigapError('INVALID_INPUT', 'Nomor SP2D wajib diisi.');
  if (sp2d.length > 100) throw new SigapError('INVALID_INPUT', 'Nomor SP2D terlalu panjang (maksimal 100 karakter).');
  if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw new SigapError('INVALID_INPUT', 'Jumlah pembayaran harus rupiah bulat lebih dari 0 (tanpa titik atau koma).');
  if (!isIsoDate(p.date)) throw new SigapError('INVALID_INPUT', `Tanggal SP2D "${p.date}" tidak sah; tulis YYYY-MM-DD.`);
  if (p.date > todayIso(ctx)) throw new SigapError('INVALID_INPUT', `Tanggal SP2D ${formatDateId(p.date)} belum terjadi; periksa tanggalnya.`);
  const id = ctx.db.transaction(() => {
    const inv = getInvoice(ctx, p.invoice);
    const label = inv.number ?? `#${inv.id}`;
    if (inv.status !== 'issued') throw new SigapError('CONFLICT', `Tagihan ${label} masih draf; terbitkan dulu sebelum mencatat pembayaran.`);
    // An SP2D cannot pay iuran of a month that had not begun: such a date is a typing error (a year or
    // month off), and would make the arrears report count the payment for the wrong period.
    if (p.date < firstDay(inv.month)) {
      throw new SigapError('INVALID_INPUT', `Tanggal SP2D ${formatDateId(p.date)} sebelum bulan iuran ${formatMonthId(inv.month)} dimulai; tagihan ${label} belum bisa dibayar pada tanggal itu. Periksa tanggal SP2D.`);
    }
    if (inv.kind === 'credit') throw new SigapError('CONFLICT', `${label} adalah nota kredit: tidak dibayar, nilainya mengurangi tagihan ${inv.originalNumber ?? ''}.`);
    const dup = ctx.db.prepare('SELECT 1 FROM payment WHERE invoice_id = ? AND sp2d_number = ?').get(inv.id, sp2d);
    if (dup) throw new SigapError('CONFLICT', `SP2D ${sp2d} sudah dicatat untuk tagihan ${label}.`);
    const payable = payableOf(ctx, inv);
    if (payable === 0) throw new SigapError('OVERPAYMENT', `Tagihan ${label} sudah lunas; pembayaran ${formatRupiah(p.amount)} tidak dicatat.`);
    if (p.amount > payable) {
      throw new SigapError('OVERPAYMENT', `Pembayaran ${formatRupiah(p.amount)} melebihi sisa tagihan ${label} sebesar ${formatRupiah(payable)}. Periksa nilai SP2D; catat paling banyak ${formatRupiah(payable)}.`);
    }
    // Asked last, so a clerk never confirms a date only to have the payment refused for another reason.
    const issuedOn = inv.issuedAt ? officeDate(ctx, inv.issuedAt) : null;
    if (issuedOn !== null && p.date < issuedOn && p.confirmEarlyDate !== true) {
      throw new SigapError('CONFIRM_REQUIRED', `Tanggal SP2D ${formatDateId(p.date)} lebih awal dari tanggal terbit tagihan ${label} (${formatDateId(issuedOn)}). Periksa tanggalnya; bila SP2D memang terbit sebelum tagihan, konfirmasi bahwa tanggal itu benar.`);
    }
    const newId = Number(ctx.db.prepare('INSERT INTO payment (invoice_id, sp2d_number, sp2d_date, amount, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(inv.id, sp2d, p.date, p.amount, p.note?.trim() || null, nowIso(ctx), ctx.actor).lastInsertRowid);
    const early = issuedOn !== null && p.date < issuedOn;
    audit(ctx, {
      action: 'create', entity: 'payment', entityId: newId,
      summary: `Bayar ${label}: ${formatRupiah(p.amount)} (SP2D ${sp2d}, ${p.date})${early ? `; tanggal sebelum tagihan terbit ${issuedOn}, dikonfirmasi` : ''}`,
      after: { invoiceId: inv.id, sp2d, date: p.date, amount: p.amount, ...(early ? { earlyDateConfirmed: true } : {}) },
    });
    return newId;
  })();
  const invoice = getInvoice(ctx, p.invoice);
  return { payment: listPayments(ctx, invoice.id).find((x) => x.id === id)!, invoice, remaining: payableOf(ctx, invoice) };
}
