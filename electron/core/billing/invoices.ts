/** Reading invoices, their lines and payments. */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { registrationNppSql } from '../settings/registrations';
import type { InvoiceLine, InvoiceStatus, InvoiceSummary, Payment, RatesInForce } from '../../../shared/billing-types';

/** Amount columns of `invoice` (alias i) or `invoice_line` as the camelCase fields of `Amounts`. */
export const AMOUNT_FIELDS = `jkk, jkm, jht_employer AS jhtEmployer, jht_worker AS jhtWorker, jp_employer AS jpEmployer, jp_worker AS jpWorker`;

const SUMMARY_SQL = `
  SELECT i.id, i.number, i.month, i.opd_id AS opdId, o.code AS opdCode, o.name AS opd, o.kind AS opdKind, i.segment, i.kind, i.status,
         i.original_id AS originalId, orig.number AS originalNumber, i.due_date AS dueDate, i.persons, i.issued_at AS issuedAt,
         i.jkk, i.jkm, i.jht_employer AS jhtEmployer, i.jht_worker AS jhtWorker, i.jp_employer AS jpEmployer, i.jp_worker AS jpWorker,
         i.employer_total AS employer, i.worker_total AS worker, i.total,
         coalesce((SELECT sum(p.amount) FROM payment p WHERE p.invoice_id = i.id), 0) AS paid,
         i.registration_id AS registrationId,
         -- An issued invoice shows the NPP it was issued under (frozen in its header); a draft the current one.
         CASE WHEN i.header_json IS NOT NULL THEN json_extract(i.header_json, '$.letterhead.npp') ELSE ${registrationNppSql('i.registration_id')} END AS npp
  FROM invoice i JOIN opd o ON o.id = i.opd_id LEFT JOIN invoice orig ON orig.id = i.original_id`;

const ORDER = `ORDER BY i.month, o.code, i.segment DESC, i.id`;

export interface InvoiceFilter {
  month?: string | undefined;
  opdId?: number | undefined;
  status?: InvoiceStatus | undefined;
}

export function listInvoices(ctx: CoreContext, f: InvoiceFilter = {}): InvoiceSummary[] {
  const where: string[] = [];
  if (f.month !== undefined) where.push('i.month = @month');
  if (f.opdId !== undefined) where.push('i.opd_id = @opdId');
  if (f.status !== undefined) where.push('i.status = @status');
  return ctx.db
    .prepare(`${SUMMARY_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${ORDER}`)
    .all({ month: f.month ?? null, opdId: f.opdId ?? null, status: f.status ?? null }) as InvoiceSummary[];
}

/** An invoice by id or by its number (as typed on the command line). */
export function getInvoice(ctx: CoreContext, ref: number | string): InvoiceSummary {
  const row = (typeof ref === 'number'
    ? ctx.db.prepare(`${SUMMARY_SQL} WHERE i.id = ?`).get(ref)
    : ctx.db.prepare(`${SUMMARY_SQL} WHERE i.number = ?`).get(ref.trim())) as InvoiceSummary | undefined;
  if (!row) {
    throw new SigapError('NOT_FOUND', typeof ref === 'number' ? `Tagihan #${ref} tidak ditemukan.` : `Tagihan bernomor "${ref}" tidak ditemukan. Periksa nomornya (mis. IUR/2026/01/05/001); draf belum bernomor.`);
  }
  return row;
}

/** The rate snapshot the invoice was computed with. */
export function invoiceRates(ctx: CoreContext, id: number): RatesInForce {
  const r = ctx.db.prepare('SELECT rates_json FROM invoice WHERE id = ?').get(id) as { rates_json: string } | undefined;
  if (!r) throw new SigapError('NOT_FOUND', `Tagihan #${id} tidak ditemukan.`);
  return JSON.parse(r.rates_json) as RatesInForce;
}

const LINE_SQL = `
  SELECT person_id AS personId, nik, name, kpj, category, jkk_class AS jkkClass, wage, base, jp_base AS jpBase, ${AMOUNT_FIELDS},
         jkk + jkm + jht_employer + jp_employer AS employer, jht_worker + jp_worker AS worker, total, change, note
  FROM invoice_line WHERE invoice_id = ? ORDER BY name COLLATE NOCASE, nik`;

export function invoiceLines(ctx: CoreContext, id: number, page: { offset?: number; limit?: number } = {}): InvoiceLine[] {
  return ctx.db.prepare(`${LINE_SQL} LIMIT ? OFFSET ?`).all(id, page.limit ?? -1, page.offset ?? 0) as InvoiceLine[];
}

/** The lines one by one, for writers that stream (an Excel copy of 100,000 lines). */
export function iterateInvoiceLines(ctx: CoreContext, id: number): IterableIterator<InvoiceLine> {
  return ctx.db.prepare(LINE_SQL).iterate(id) as IterableIterator<InvoiceLine>;
}

export function listPayments(ctx: CoreContext, invoiceId?: number): Payment[] {
  return ctx.db
    .prepare(
      `SELECT p.id, p.invoice_id AS invoiceId, i.number AS invoiceNumber, p.sp2d_number AS sp2dNumber, p.sp2d_date AS sp2dDate, p.amount, p.note, p.created_at AS createdAt
       FROM payment p JOIN invoice i ON i.id = p.invoice_id WHERE @id IS NULL OR p.invoice_id = @id ORDER BY p.sp2d_date, p.id`,
    )
    .all({ id: invoiceId ?? null }) as Payment[];
}
