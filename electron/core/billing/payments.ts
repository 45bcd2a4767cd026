/**
 * Payments by SP2D against issued invoices (what is still payable: payable.ts).
 * A payment above what is payable is refused: an overpayment would hide a typing error in the amount.
 * A payment dated before the invoice was issued (on the office's calendar) is refused unless the caller
 * confirms it (`confirmEarlyDate`): an OPD may pay from the budget before the paper reaches it, but the
 * date is more often a slip, and it moves the payment into a period the arrears report ages differently.
 * Every check runs inside the write transaction that records the payment, so two clerks paying the same
 * invoice at once can never overpay it together.
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
import { storeOf } from '../store/of-context';
import { paymentRepo } from './payment-repository';
import { payableOf } from './payable';

export { payableOf } from './payable';

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

export async function recordPayment(ctx: CoreContext, p: PaymentInput): Promise<PaymentResult> {
  const sp2d = p.sp2d.trim();
  if (sp2d === '') throw new SigapError('INVALID_INPUT', 'Nomor SP2D wajib diisi.');
  if (sp2d.length > 100) throw new SigapError('INVALID_INPUT', 'Nomor SP2D terlalu panjang (maksimal 100 karakter).');
  if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw new SigapError('INVALID_INPUT', 'Jumlah pembayaran harus rupiah bulat lebih dari 0 (tanpa titik atau koma).');
  if (!isIsoDate(p.date)) throw new SigapError('INVALID_INPUT', `Tanggal SP2D "${p.date}" tidak sah; tulis YYYY-MM-DD.`);
  return storeOf(ctx).tx('write', async (tx) => {
    if (p.date > (await todayIso(ctx))) throw new SigapError('INVALID_INPUT', `Tanggal SP2D ${formatDateId(p.date)} belum terjadi; periksa tanggalnya.`);
    // Read again once held: another clerk's payment committed meanwhile counts.
    await paymentRepo.holdForPayment(tx, (await getInvoice(ctx, p.invoice)).id);
    const inv = await getInvoice(ctx, p.invoice);
    const label = inv.number ?? `#${inv.id}`;
    if (inv.status !== 'issued') throw new SigapError('CONFLICT', `Tagihan ${label} masih draf; terbitkan dulu sebelum mencatat pembayaran.`);
    // An SP2D cannot pay iuran of a month that had not begun: such a date is a typing error (a year or
    // month off), and would make the arrears report count the payment for the wrong period.
    if (p.date < firstDay(inv.month)) {
      throw new SigapError('INVALID_INPUT', `Tanggal SP2D ${formatDateId(p.date)} sebelum bulan iuran ${formatMonthId(inv.month)} dimulai; tagihan ${label} belum bisa dibayar pada tanggal itu. Periksa tanggal SP2D.`);
    }
    if (inv.kind === 'credit') throw new SigapError('CONFLICT', `${label} adalah nota kredit: tidak dibayar, nilainya mengurangi tagihan ${inv.originalNumber ?? ''}.`);
    if (await paymentRepo.sp2dRecorded(tx, inv.id, sp2d)) throw new SigapError('CONFLICT', `SP2D ${sp2d} sudah dicatat untuk tagihan ${label}.`);
    const payable = await payableOf(ctx, inv);
    if (payable === 0) throw new SigapError('OVERPAYMENT', `Tagihan ${label} sudah lunas; pembayaran ${formatRupiah(p.amount)} tidak dicatat.`);
    if (p.amount > payable) {
      throw new SigapError('OVERPAYMENT', `Pembayaran ${formatRupiah(p.amount)} melebihi sisa tagihan ${label} sebesar ${formatRupiah(payable)}. Periksa nilai SP2D; catat paling banyak ${formatRupiah(payable)}.`);
    }
    // Asked last, so a clerk never confirms a date only to have the payment refused for another reason.
    const issuedOn = inv.issuedAt ? await officeDate(ctx, inv.issuedAt) : null;
    if (issuedOn !== null && p.date < issuedOn && p.confirmEarlyDate !== true) {
      throw new SigapError('CONFIRM_REQUIRED', `Tanggal SP2D ${formatDateId(p.date)} lebih awal dari tanggal terbit tagihan ${label} (${formatDateId(issuedOn)}). Periksa tanggalnya; bila SP2D memang terbit sebelum tagihan, konfirmasi bahwa tanggal itu benar.`);
    }
    const id = await paymentRepo.insert(tx, { invoiceId: inv.id, sp2d, date: p.date, amount: p.amount, note: p.note?.trim() || null, createdAt: nowIso(ctx), createdBy: ctx.actor });
    const early = issuedOn !== null && p.date < issuedOn;
    await audit(ctx, {
      action: 'create', entity: 'payment', entityId: id,
      summary: `Bayar ${label}: ${formatRupiah(p.amount)} (SP2D ${sp2d}, ${p.date})${early ? `; tanggal sebelum tagihan terbit ${issuedOn}, dikonfirmasi` : ''}`,
      after: { invoiceId: inv.id, sp2d, date: p.date, amount: p.amount, ...(early ? { earlyDateConfirmed: true } : {}) },
    });
    // Read back in the same transaction: the invoice as this payment left it.
    const invoice = await getInvoice(ctx, inv.id);
    const payment = (await listPayments(ctx, invoice.id)).find((x) => x.id === id)!;
    return { payment, invoice, remaining: await payableOf(ctx, invoice) };
  });
}
