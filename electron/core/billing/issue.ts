/**
 * Issuing: a draft gets its number, its header (Pemda and unit officials) is frozen, and from then on
 * SQLite triggers refuse any change to it or its lines.
 *
 * Number pattern: `{JENIS}/{YYYY}/{MM}/{KODE UNIT}/{NNN}`, e.g. `IUR/2026/03/05/001`.
 * - JENIS: `IUR` tagihan iuran (regular), `IUT` tagihan tambahan (supplementary), `IUK` nota kredit (credit);
 * - YYYY/MM: the contribution month (not the issue date), so numbers sort by the month they bill;
 * - KODE UNIT: the OPD or village code (spaces and slashes become `-`);
 * - NNN: 001, 002... per unit and month, over all kinds and both segments, in issue order.
 *
 * A draft computed with rates or categories that have changed since is refused. Roster changes are
 * not detected here (that would mean computing the month again): `runBilling({ issue: true })`
 * computes and issues in one transaction, and the screen should bill again before issuing old drafts.
 */
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { formatRupiah } from '../../../shared/money';
import type { InvoiceKind, InvoiceSummary } from '../../../shared/billing-types';
import { ratesForMonth } from './rates';
import { headerSnapshot } from './header';
import { getInvoice } from './invoices';

const KIND_PREFIX: Record<InvoiceKind, string> = { regular: 'IUR', supplementary: 'IUT', credit: 'IUK' };

export function invoiceNumber(kind: InvoiceKind, month: string, unitCode: string, seq: number): string {
  const code = unitCode.trim().replace(/[\s/]+/g, '-');
  return `${KIND_PREFIX[kind]}/${month.slice(0, 4)}/${month.slice(5, 7)}/${code}/${String(seq).padStart(3, '0')}`;
}

interface DraftRow {
  id: number;
  month: string;
  opd_id: number;
  code: string;
  kind: InvoiceKind;
  status: string;
  total: number;
  rates_json: string;
}

function issueOne(ctx: CoreContext, d: DraftRow, currentRates: string): string {
  if (d.status !== 'draft') throw new SigapError('CONFLICT', `Tagihan #${d.id} sudah terbit.`);
  // A draft computed with other rates or categories than today's would freeze figures nobody sees any more.
  if (d.rates_json !== currentRates) {
    throw new SigapError('CONFLICT', `Tarif atau kategori untuk ${d.month} berubah sejak draf dibuat. Jalankan penagihan ulang bulan itu, lalu terbitkan.`);
  }
  const seq = (ctx.db.prepare("SELECT count(*) AS n FROM invoice WHERE month = ? AND opd_id = ? AND status = 'issued'").get(d.month, d.opd_id) as { n: number }).n + 1;
  const number = invoiceNumber(d.kind, d.month, d.code, seq);
  ctx.db
    .prepare("UPDATE invoice SET status = 'issued', number = ?, issued_at = ?, issued_by = ?, header_json = ? WHERE id = ? AND status = 'draft'")
    .run(number, nowIso(ctx), ctx.actor, JSON.stringify(headerSnapshot(ctx, d.opd_id)), d.id);
  audit(ctx, { action: 'update', entity: 'invoice', entityId: d.id, summary: `Terbit ${number} (${d.month}, ${formatRupiah(d.total)})`, after: { status: 'issued', number, total: d.total } });
  return number;
}

const DRAFT_SQL = `SELECT i.id, i.month, i.opd_id, o.code, i.kind, i.status, i.total, i.rates_json FROM invoice i JOIN opd o ON o.id = i.opd_id`;

/** Issues one draft. */
export function issueInvoice(ctx: CoreContext, id: number): InvoiceSummary {
  ctx.db.transaction(() => {
    const d = ctx.db.prepare(`${DRAFT_SQL} WHERE i.id = ?`).get(id) as DraftRow | undefined;
    if (!d) throw new SigapError('NOT_FOUND', `Tagihan #${id} tidak ditemukan.`);
    issueOne(ctx, d, JSON.stringify(ratesForMonth(ctx, d.month)));
  })();
  return getInvoice(ctx, id);
}

/** Issues every draft of a month (regular ones first, then corrections, by unit code). Returns the count. */
export function issueDrafts(ctx: CoreContext, month: string): number {
  return ctx.db.transaction(() => {
    const drafts = ctx.db.prepare(`${DRAFT_SQL} WHERE i.month = ? AND i.status = 'draft' ORDER BY o.code, i.kind <> 'regular', i.segment DESC, i.id`).all(month) as DraftRow[];
    const current = JSON.stringify(ratesForMonth(ctx, month));
    for (const d of drafts) issueOne(ctx, d, current);
    return drafts.length;
  })();
}
