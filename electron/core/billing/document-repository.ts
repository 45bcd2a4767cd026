/** The SQL of the print models (document.ts) beyond the invoice itself. */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import type { Segment } from '../../../shared/billing-types';

export const documentRepo = {
  /** Every JKK class billed on an invoice's lines, ascending. */
  async jkkClasses(q: Queries, invoiceId: number): Promise<number[]> {
    const rows = await q.all<{ c: number }>(sql`SELECT DISTINCT jkk_class AS c FROM invoice_line WHERE invoice_id = ${invoiceId} AND jkk_class IS NOT NULL ORDER BY 1`);
    return rows.map((r) => r.c);
  },

  /** People billed in a month per unit and segment: regular lines, plus those a correction added, less those it removed. */
  recapPersons(q: Queries, month: string): Promise<{ opdId: number; segment: Segment; n: number }[]> {
    return q.all(sql`
      SELECT i.opd_id AS "opdId", i.segment, sum(CASE WHEN l.change IS NULL OR l.change = 'tambah' THEN 1 WHEN l.change = 'berhenti' THEN -1 ELSE 0 END) AS n
      FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.month = ${month} GROUP BY i.opd_id, i.segment`);
  },
};
