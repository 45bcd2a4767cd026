/**
 * The SQL of the Pemda's monthly payment to BPJS (bpjs_payment, a chain of rows per NPP, month and
 * segment) and of the issued invoices and SP2D it is checked against.
 */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import { advisoryLock } from '../store/advisory-lock';
import type { Segment } from '../../../shared/billing-types';
import { invoiceNppSql } from './invoice-repository';

export interface BpjsPaymentRecord {
  id: number;
  npp: string;
  month: string;
  segment: Segment;
  billTotal: number;
  billSource: 'typed' | 'file';
  billFile: string | null;
  fine: number;
  paidAmount: number | null;
  paidDate: string | null;
  paidReference: string | null;
  note: string | null;
  supersedesId: number | null;
  reason: string | null;
  createdAt: string;
  createdBy: string;
}

export type NewBpjsPayment = Omit<BpjsPaymentRecord, 'id'> & { billSha256: string | null };

/** Issued invoices of one NPP and segment: what Sigap billed and the SP2D received against them. */
export interface InvoiceSums { npp: string | null; segment: Segment; billed: number; received: number }

const COLUMNS = sql`id, npp, month, segment, bill_total AS "billTotal", bill_source AS "billSource", bill_file AS "billFile", fine,
  paid_amount AS "paidAmount", paid_date AS "paidDate", paid_reference AS "paidReference", note, supersedes_id AS "supersedesId",
  reason, created_at AS "createdAt", created_by AS "createdBy"`;

/** The row no other row supersedes: the record as it stands. */
const CURRENT = sql`NOT EXISTS (SELECT 1 FROM bpjs_payment n WHERE n.supersedes_id = p.id)`;

export const bpjsPaymentRepo = {
  /**
   * Inside the write transaction, before `current`: one writer at a time per NPP, month and segment, so
   * the second of two clerks recording at once reads the first one's row and is checked against it
   * (a first record has no row to lock): an advisory lock (store/advisory-lock.ts).
   */
  lockKey(q: Queries, npp: string, month: string, segment: Segment): Promise<void> {
    return advisoryLock(q, 'bpjsPayment', `${npp}|${month}|${segment}`);
  },

  async current(q: Queries, npp: string, month: string, segment: Segment): Promise<BpjsPaymentRecord | null> {
    return (await q.one<BpjsPaymentRecord>(sql`SELECT ${COLUMNS} FROM bpjs_payment p WHERE npp = ${npp} AND month = ${month} AND segment = ${segment} AND ${CURRENT}`)) ?? null;
  },

  async byId(q: Queries, id: number): Promise<BpjsPaymentRecord> {
    return (await q.one<BpjsPaymentRecord>(sql`SELECT ${COLUMNS} FROM bpjs_payment p WHERE id = ${id}`))!;
  },

  /** The checksum of the bill file a row was read from (kept, not shown). */
  async billSha256(q: Queries, id: number): Promise<string | null> {
    return (await q.one<{ sha: string | null }>(sql`SELECT bill_sha256 AS sha FROM bpjs_payment WHERE id = ${id}`))?.sha ?? null;
  },

  /** The new row's id. */
  async insert(q: Queries, r: NewBpjsPayment): Promise<number> {
    const out = await q.run(sql`INSERT INTO bpjs_payment (npp, month, segment, bill_total, bill_source, bill_file, bill_sha256, fine, paid_amount, paid_date, paid_reference, note, supersedes_id, reason, created_at, created_by)
      VALUES (${r.npp}, ${r.month}, ${r.segment}, ${r.billTotal}, ${r.billSource}, ${r.billFile}, ${r.billSha256}, ${r.fine}, ${r.paidAmount}, ${r.paidDate}, ${r.paidReference},
              ${r.note}, ${r.supersedesId}, ${r.reason}, ${r.createdAt}, ${r.createdBy}) RETURNING id`);
    return out.newId!;
  },

  /** Every row of one NPP, month and segment, oldest first. */
  history(q: Queries, npp: string, month: string, segment: Segment): Promise<BpjsPaymentRecord[]> {
    return q.all<BpjsPaymentRecord>(sql`SELECT ${COLUMNS} FROM bpjs_payment p WHERE npp = ${npp} AND month = ${month} AND segment = ${segment} ORDER BY id`);
  },

  /** The current row of every NPP and segment of a month. */
  currentOfMonth(q: Queries, month: string): Promise<BpjsPaymentRecord[]> {
    return q.all<BpjsPaymentRecord>(sql`SELECT ${COLUMNS} FROM bpjs_payment p WHERE month = ${month} AND ${CURRENT}`);
  },

  async versions(q: Queries, npp: string, month: string, segment: Segment): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM bpjs_payment WHERE npp = ${npp} AND month = ${month} AND segment = ${segment}`))!.n;
  },

  /** Per NPP and segment, the month's issued invoices (credit notes included) and every SP2D against them. */
  invoiceSums(q: Queries, month: string): Promise<InvoiceSums[]> {
    return q.all<InvoiceSums>(sql`
      SELECT ${invoiceNppSql(q)} AS npp, i.segment, sum(i.total) AS billed, coalesce(sum((SELECT sum(p.amount) FROM payment p WHERE p.invoice_id = i.id)), 0) AS received
      FROM invoice i WHERE i.status = 'issued' AND i.month = ${month} GROUP BY 1, 2`);
  },

  /** The SP2D against one NPP's issued invoices of a month and segment, dated up to `upTo`. */
  async receivedBy(q: Queries, npp: string, month: string, segment: Segment, upTo: string): Promise<number> {
    const r = await q.one<{ s: number }>(sql`
      SELECT coalesce(sum(p.amount), 0) AS s FROM payment p JOIN invoice i ON i.id = p.invoice_id
      WHERE i.status = 'issued' AND i.month = ${month} AND i.segment = ${segment} AND ${invoiceNppSql(q)} = ${npp} AND p.sp2d_date <= ${upTo}`);
    return r!.s;
  },
};
