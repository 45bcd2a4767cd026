/**
 * Invoices' SQL: reading summaries, lines and payments (invoices.ts), drafts and issuing with the
 * per-unit, per-month number sequence (issue.ts).
 */
import { sql, sqlJoin, type SqlQuery } from '../store/sql';
import type { Engine, Queries } from '../store/store';
import { dialect } from '../store/dialect';
import { registrationNppSql } from '../settings/registration-repository';
import type { InvoiceKind, InvoiceLine, InvoiceStatus, InvoiceSummary, Payment, Segment } from '../../../shared/billing-types';

/** Amount columns of `invoice` or `invoice_line` as the camelCase fields of `Amounts`. */
export const AMOUNT_FIELDS = sql`jkk, jkm, jht_employer AS "jhtEmployer", jht_worker AS "jhtWorker", jp_employer AS "jpEmployer", jp_worker AS "jpWorker"`;

/**
 * The NPP an invoice row `i` bills, the one definition for the invoice screens, the arrears report and
 * the check of the Pemda's BPJS payment: the NPP frozen in its header at issue; a draft, or an invoice
 * issued before its registration had an NPP (the header froze none), the registration's NPP as it is
 * now. A header without an NPP means "not known yet", not "billed under none": the invoice still bills
 * that registration, and BPJS counts its payment under the NPP the registration has since.
 */
export const invoiceNppSql = (q: { readonly engine: Engine }): SqlQuery =>
  sql`coalesce(${dialect(q).jsonText(sql`i.header_json`, ['letterhead', 'npp'])}, ${registrationNppSql('i.registration_id')})`;

const summary = (q: Queries) => sql`
  SELECT i.id, i.number, i.month, i.opd_id AS "opdId", o.code AS "opdCode", o.name AS opd, o.kind AS "opdKind", i.segment, i.kind, i.status,
         i.original_id AS "originalId", orig.number AS "originalNumber", i.due_date AS "dueDate", i.persons, i.issued_at AS "issuedAt",
         i.jkk, i.jkm, i.jht_employer AS "jhtEmployer", i.jht_worker AS "jhtWorker", i.jp_employer AS "jpEmployer", i.jp_worker AS "jpWorker",
         i.employer_total AS employer, i.worker_total AS worker, i.total,
         coalesce((SELECT sum(p.amount) FROM payment p WHERE p.invoice_id = i.id), 0) AS paid,
         i.registration_id AS "registrationId",
         ${invoiceNppSql(q)} AS npp
  FROM invoice i JOIN opd o ON o.id = i.opd_id LEFT JOIN invoice orig ON orig.id = i.original_id`;

const LINES = sql`
  SELECT person_id AS "personId", nik, name, kpj, category, jkk_class AS "jkkClass", wage, base, jp_base AS "jpBase", ${AMOUNT_FIELDS},
         jkk + jkm + jht_employer + jp_employer AS employer, jht_worker + jp_worker AS worker, total, change, note
  FROM invoice_line`;
const lineOrder = (q: Queries) => sql`ORDER BY ${dialect(q).nocase(sql`name`)}, nik`;

export interface InvoiceWhere {
  month?: string | undefined;
  opdId?: number | undefined;
  status?: InvoiceStatus | undefined;
}

/** A draft as issuing reads it, with the due date of the invoice it corrects. */
export interface DraftRow {
  id: number;
  month: string;
  opdId: number;
  registrationId: number | null;
  code: string;
  kind: InvoiceKind;
  segment: Segment;
  status: string;
  total: number;
  ratesJson: string;
  originalDue: string | null;
}

const DRAFT = sql`SELECT i.id, i.month, i.opd_id AS "opdId", i.registration_id AS "registrationId", o.code, i.kind, i.segment, i.status, i.total,
  i.rates_json AS "ratesJson", (SELECT g.due_date FROM invoice g WHERE g.id = i.original_id) AS "originalDue" FROM invoice i JOIN opd o ON o.id = i.opd_id`;

export const invoiceRepo = {
  list(q: Queries, f: InvoiceWhere): Promise<InvoiceSummary[]> {
    const w: SqlQuery[] = [];
    if (f.month !== undefined) w.push(sql`i.month = ${f.month}`);
    if (f.opdId !== undefined) w.push(sql`i.opd_id = ${f.opdId}`);
    if (f.status !== undefined) w.push(sql`i.status = ${f.status}`);
    const where = w.length ? sql`WHERE ${sqlJoin(w, sql` AND `)}` : sql``;
    return q.all<InvoiceSummary>(sql`${summary(q)} ${where} ORDER BY i.month, o.code, i.segment DESC, i.id`);
  },

  byId(q: Queries, id: number): Promise<InvoiceSummary | undefined> {
    return q.one<InvoiceSummary>(sql`${summary(q)} WHERE i.id = ${id}`);
  },

  byNumber(q: Queries, number: string): Promise<InvoiceSummary | undefined> {
    return q.one<InvoiceSummary>(sql`${summary(q)} WHERE i.number = ${number}`);
  },

  async ratesJson(q: Queries, id: number): Promise<string | undefined> {
    return (await q.one<{ ratesJson: string }>(sql`SELECT rates_json AS "ratesJson" FROM invoice WHERE id = ${id}`))?.ratesJson;
  },

  /** A page of an invoice's lines by name (no limit: all from `offset`). */
  lines(q: Queries, id: number, limit: number | undefined, offset: number): Promise<InvoiceLine[]> {
    const page = limit === undefined && offset === 0 ? sql`` : sql`${limit === undefined ? dialect(q).noLimit : sql`LIMIT ${limit}`} OFFSET ${offset}`;
    return q.all<InvoiceLine>(sql`${LINES} WHERE invoice_id = ${id} ${lineOrder(q)} ${page}`);
  },

  iterateLines(q: Queries, id: number): AsyncIterable<InvoiceLine> {
    return q.iterate<InvoiceLine>(sql`${LINES} WHERE invoice_id = ${id} ${lineOrder(q)}`);
  },

  payments(q: Queries, invoiceId: number | null): Promise<Payment[]> {
    const which = invoiceId === null ? sql`` : sql`WHERE p.invoice_id = ${invoiceId}`;
    return q.all<Payment>(sql`SELECT p.id, p.invoice_id AS "invoiceId", i.number AS "invoiceNumber", p.sp2d_number AS "sp2dNumber", p.sp2d_date AS "sp2dDate",
      p.amount, p.note, p.created_at AS "createdAt"
      FROM payment p JOIN invoice i ON i.id = p.invoice_id ${which} ORDER BY p.sp2d_date, p.id`);
  },

  draft(q: Queries, id: number): Promise<DraftRow | undefined> {
    return q.one<DraftRow>(sql`${DRAFT} WHERE i.id = ${id}`);
  },

  /** A month's drafts in issuing order: regular ones first, then corrections, by unit code. */
  draftsOfMonth(q: Queries, month: string): Promise<DraftRow[]> {
    return q.all<DraftRow>(sql`${DRAFT} WHERE i.month = ${month} AND i.status = 'draft' ORDER BY o.code, i.kind <> 'regular', i.segment DESC, i.id`);
  },

  /**
   * The next number of a unit and contribution month: the sequence row is raised and read in one
   * statement, which holds its lock until the issuing transaction ends (SQLite: the write lock;
   * PostgreSQL: the row lock of the upsert, so a second issuer waits and then raises the committed
   * value), so two issuers never share or skip a number. Call only inside that write transaction.
   */
  async nextNumber(q: Queries, opdId: number, month: string): Promise<number> {
    const r = await q.one<{ last: number }>(sql`INSERT INTO invoice_sequence (opd_id, month, last) VALUES (${opdId}, ${month}, 1)
      ON CONFLICT (opd_id, month) DO UPDATE SET last = invoice_sequence.last + 1 RETURNING last`);
    return r!.last;
  },

  /** Issues a draft: its number, who and when, the frozen header and the settled due date, in one UPDATE (issued rows are frozen). */
  issue(q: Queries, id: number, v: { number: string; at: string; by: string; headerJson: string; dueDate: string }) {
    return q.run(sql`UPDATE invoice SET status = 'issued', number = ${v.number}, issued_at = ${v.at}, issued_by = ${v.by}, header_json = ${v.headerJson},
      due_date = ${v.dueDate} WHERE id = ${id} AND status = 'draft'`);
  },
};
