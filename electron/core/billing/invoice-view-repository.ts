/** The SQL of the invoice screens' summaries (billing months, line counts) beyond invoices.ts. */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';

export interface BillingMonthRow { month: string; invoices: number; drafts: number; total: number; paid: number }

export const invoiceViewRepo = {
  /** Every month with invoices, newest first: how many, how many drafts, the total and what was paid. */
  months(q: Queries): Promise<BillingMonthRow[]> {
    return q.all<BillingMonthRow>(sql`
      SELECT month, count(*) AS invoices, sum(CASE WHEN status = 'draft' THEN 1 ELSE 0 END) AS drafts, sum(total) AS total,
             coalesce((SELECT sum(p.amount) FROM payment p JOIN invoice j ON j.id = p.invoice_id WHERE j.month = i.month), 0) AS paid
      FROM invoice i GROUP BY month ORDER BY month DESC`);
  },

  async lineCount(q: Queries, invoiceId: number): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM invoice_line WHERE invoice_id = ${invoiceId}`))!.n;
  },
};
