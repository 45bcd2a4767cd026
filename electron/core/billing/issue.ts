/**
 * Issuing: a draft gets its number, its header (Pemda and unit officials) is frozen, and from then on
 * the database's triggers (SQLite and PostgreSQL alike) refuse any change to it or its lines.
 *
 * Number pattern: `{JENIS}/{YYYY}/{MM}/{KODE UNIT}/{NNN}`, e.g. `IUR/2026/03/05/001`.
 * - JENIS: `IUR` tagihan iuran (regular), `IUT` tagihan tambahan (supplementary), `IUK` nota kredit (credit);
 * - YYYY/MM: the contribution month (not the issue date), so numbers sort by the month they bill;
 * - KODE UNIT: the OPD or village code (spaces and slashes become `-`);
 * - NNN: 001, 002... per unit and month, over all kinds and both segments, in issue order: the unit's
 *   and month's row of `invoice_sequence` (migration 0240), raised inside the issuing write transaction,
 *   so two issuers at once (two offices, two processes) never share or skip a number; on PostgreSQL an
 *   issue also holds its month (month-lock.ts), so it never overlaps a run or another issue of the month.
 *
 * Due date at issue (what aging and the late fine count from): the rule date of the contribution
 * month (PU: the 15th of the next month, BPU: the 15th of the same month; see rates.ts) when it has
 * not passed on the WIB day of issue. An invoice issued after its rule date (a back-billed month, a
 * supplementary invoice for a month long closed) instead gets the segment's due day in the month
 * after the month of issue, weekend roll included: issued 22 November 2026, due 15 December 2026.
 * That leaves the unit 3 to 7 weeks for an SPM/SP2D, the span a regular bill gives, and nobody is
 * late the day a bill reaches them. A credit note keeps the due date of the invoice it lowers, so the
 * arrears report ages the two together.
 *
 * A draft computed with rates or categories that have changed since is refused. Roster changes are
 * not detected here (that would mean computing the month again): `runBilling({ issue: true })`
 * computes and issues in one transaction, and the screen should bill again before issuing old drafts.
 */
import type { CoreContext } from '../context';
import { nowIso, todayIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { formatRupiah } from '../../../shared/money';
import { monthOf } from '../../../shared/dates';
import type { InvoiceKind, InvoiceSummary, RatesInForce } from '../../../shared/billing-types';
import { dueRuleFor, ratesForMonth } from './rates';
import { dueDate, type DueRule } from './calendar';
import { headerSnapshot } from './header';
import { getInvoice } from './invoices';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { invoiceRepo, type DraftRow } from './invoice-repository';
import { monthWrite } from './month-lock';

const KIND_PREFIX: Record<InvoiceKind, string> = { regular: 'IUR', supplementary: 'IUT', credit: 'IUK' };

export function invoiceNumber(kind: InvoiceKind, month: string, unitCode: string, seq: number): string {
  const code = unitCode.trim().replace(/[\s/]+/g, '-');
  return `${KIND_PREFIX[kind]}/${month.slice(0, 4)}/${month.slice(5, 7)}/${code}/${String(seq).padStart(3, '0')}`;
}

/**
 * The due date of an invoice issued on `issueDay` whose contribution month falls due on `ruleDue`
 * under `rule` (see the module comment): the rule date unless it has passed, else the rule's day in
 * the month after the month of issue.
 */
export function dueDateAtIssue(ruleDue: string, issueDay: string, rule: DueRule): string {
  if (issueDay <= ruleDue) return ruleDue;
  return dueDate(monthOf(issueDay), { ...rule, monthOffset: 1 });
}

async function issueOne(ctx: CoreContext, tx: Queries, d: DraftRow, rates: RatesInForce, currentRates: string): Promise<string> {
  if (d.status !== 'draft') throw new SigapError('CONFLICT', `Tagihan #${d.id} sudah terbit.`);
  // A draft computed with other rates or categories than today's would freeze figures nobody sees any more.
  if (d.ratesJson !== currentRates) {
    throw new SigapError('CONFLICT', `Tarif atau kategori untuk ${d.month} berubah sejak draf dibuat. Jalankan penagihan ulang bulan itu, lalu terbitkan.`);
  }
  const number = invoiceNumber(d.kind, d.month, d.code, await invoiceRepo.nextNumber(tx, d.opdId, d.month));
  // Settled now, from the day of issue (a draft may be issued days after it was computed); issued
  // rows are frozen by triggers, so the due date goes in the same UPDATE that issues.
  const rule = dueRuleFor(rates, d.segment);
  const due = d.kind === 'credit' && d.originalDue !== null ? d.originalDue : dueDateAtIssue(dueDate(d.month, rule), await todayIso(ctx), rule);
  const header = await headerSnapshot(ctx, d.opdId, d.registrationId);
  const { changes } = await invoiceRepo.issue(tx, d.id, { number, at: nowIso(ctx), by: ctx.actor, headerJson: JSON.stringify(header), dueDate: due });
  // Issued meanwhile by another writer: its number is not taken (this transaction rolls back).
  if (changes !== 1) throw new SigapError('CONFLICT', `Tagihan #${d.id} sudah terbit.`);
  await audit(ctx, {
    action: 'update', entity: 'invoice', entityId: d.id, summary: `Terbit ${number} (${d.month}, ${formatRupiah(d.total)}, jatuh tempo ${due})`,
    after: { status: 'issued', number, total: d.total, dueDate: due },
  });
  return number;
}

/** Issues one draft; holds its month like a run (month-lock.ts), so numbers follow one another. */
export async function issueInvoice(ctx: CoreContext, id: number, o: { onWait?: ((message: string) => void) | undefined } = {}): Promise<InvoiceSummary> {
  const month = (await invoiceRepo.draft(storeOf(ctx), id))?.month;
  if (month === undefined) throw new SigapError('NOT_FOUND', `Tagihan #${id} tidak ditemukan.`);
  await monthWrite(ctx, month, { onWait: o.onWait }, async (tx) => {
    const d = await invoiceRepo.draft(tx, id);
    if (!d) throw new SigapError('NOT_FOUND', `Tagihan #${id} tidak ditemukan.`);
    const rates = await ratesForMonth(ctx, d.month);
    await issueOne(ctx, tx, d, rates, JSON.stringify(rates));
  });
  return getInvoice(ctx, id);
}

/**
 * Issues every draft of a month (regular ones first, then corrections, by unit code). Returns the count.
 * Holds the month (month-lock.ts): a second issuer waits, then finds nothing left to issue.
 */
export async function issueDrafts(ctx: CoreContext, month: string, o: { onWait?: ((message: string) => void) | undefined } = {}): Promise<number> {
  return monthWrite(ctx, month, { onWait: o.onWait }, async (tx) => {
    const drafts = await invoiceRepo.draftsOfMonth(tx, month);
    const rates = await ratesForMonth(ctx, month);
    const current = JSON.stringify(rates);
    for (const d of drafts) await issueOne(ctx, tx, d, rates, current);
    return drafts.length;
  });
}
