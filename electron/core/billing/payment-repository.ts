/** The SQL of payments by SP2D against issued invoices, and of the credit notes that lower what is payable. */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';

export interface NewPayment {
  invoiceId: number;
  sp2d: string;
  date: string;
  amount: number;
  note: string | null;
  createdAt: string;
  createdBy: string;
}

export const paymentRepo = {
  /**
   * Holds the invoice being paid until the payment's transaction ends, so the check "no more than what
   * is still payable" and the insert are one step for every clerk: SQLite's write lock already is;
   * PostgreSQL locks the invoice row (a second clerk paying it waits, then sees the first payment).
   */
  async holdForPayment(q: Queries, invoiceId: number): Promise<void> {
    if (q.engine === 'postgres') await q.one(sql`SELECT id FROM invoice WHERE id = ${invoiceId} FOR NO KEY UPDATE`);
  },

  /** The issued credit notes pointing at an invoice, summed (0 or negative). */
  async creditsOn(q: Queries, invoiceId: number): Promise<number> {
    const r = await q.one<{ s: number }>(sql`SELECT coalesce(sum(total), 0) AS s FROM invoice WHERE original_id = ${invoiceId} AND kind = 'credit' AND status = 'issued'`);
    return r!.s;
  },

  /** The issued credit notes per invoice they point at, of one month (null: every month), read once for a list. */
  async creditsByOriginal(q: Queries, month: string | null): Promise<Map<number, number>> {
    const inMonth = month === null ? sql`` : sql` AND month = ${month}`;
    const rows = await q.all<{ id: number; s: number }>(
      sql`SELECT original_id AS id, sum(total) AS s FROM invoice WHERE kind = 'credit' AND status = 'issued' AND original_id IS NOT NULL${inMonth} GROUP BY original_id`,
    );
    return new Map(rows.map((r) => [r.id, r.s]));
  },

  async sp2dRecorded(q: Queries, invoiceId: number, sp2d: string): Promise<boolean> {
    return (await q.one(sql`SELECT 1 AS found FROM payment WHERE invoice_id = ${invoiceId} AND sp2d_number = ${sp2d}`)) !== undefined;
  },

  /** The new payment's id. */
  async insert(q: Queries, p: NewPayment): Promise<number> {
    const r = await q.run(sql`INSERT INTO payment (invoice_id, sp2d_number, sp2d_date, amount, note, created_at, created_by)
      VALUES (${p.invoiceId}, ${p.sp2d}, ${p.date}, ${p.amount}, ${p.note}, ${p.createdAt}, ${p.createdBy}) RETURNING id`);
    return r.newId!;
  },
};
