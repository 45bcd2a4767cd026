/**
 * The SQL of the arrears report: issued invoices per unit, month, segment and due date with what was
 * paid on them up to a date, and the PU payments the late-payment fine is computed from.
 *
 * Invoices count once issued on the office's date of issue (WIB, WITA or WIT): `zoneHours` is the
 * office's offset from UTC in hours (7, 8 or 9).
 */
import { sql, type SqlQuery } from '../store/sql';
import type { Queries } from '../store/store';
import { dialect } from '../store/dialect';
import type { Segment } from '../../../shared/billing-types';
import { invoiceNppSql } from './invoice-repository';

export interface ArrearsScope {
  /** ISO date: invoices issued and SP2D dated up to it. */
  asOf: string;
  zoneHours: number;
  /** Only the invoices billed under this NPP; null, every NPP. */
  npp: string | null;
}

interface UnitCols { opdId: number; opdCode: string; opd: string; opdKind: 'opd' | 'village' }

export interface ArrearsGroupRow extends UnitCols {
  month: string; segment: Segment; dueDate: string; billed: number; paid: number; numbers: string;
}
export interface PuGroupRow extends UnitCols { month: string; dueDate: string; billed: number }
export interface PuPaymentRow { opdId: number; month: string; dueDate: string; number: string; sp2dNumber: string; sp2dDate: string; amount: number }

function issuedBy(q: Queries, s: ArrearsScope): SqlQuery {
  const npp = s.npp === null ? sql`` : sql` AND ${invoiceNppSql(q)} = ${s.npp}`;
  return sql`i.status = 'issued' AND ${dialect(q).dateShifted(sql`i.issued_at`, s.zoneHours)} <= ${s.asOf}${npp}`;
}

/** What was paid on invoice `i` by SP2D dated up to the report's date. */
const paidBy = (s: ArrearsScope) => sql`coalesce(sum((SELECT sum(p.amount) FROM payment p WHERE p.invoice_id = i.id AND p.sp2d_date <= ${s.asOf})), 0)`;

export const arrearsRepo = {
  /**
   * Every unit, month, segment and due date not fully paid. A month and segment are aged per due date:
   * an invoice issued after its month's rule date has its own, later one (issue.ts), and a credit note
   * shares the date of the invoice it lowers.
   */
  unpaidGroups(q: Queries, s: ArrearsScope): Promise<ArrearsGroupRow[]> {
    return q.all<ArrearsGroupRow>(sql`
      SELECT i.opd_id AS "opdId", o.code AS "opdCode", o.name AS opd, o.kind AS "opdKind", i.month, i.segment,
             i.due_date AS "dueDate", sum(i.total) AS billed,
             ${paidBy(s)} AS paid,
             ${dialect(q).groupConcat(sql`i.number`, ', ', sql`i.number`)} AS numbers
      FROM invoice i JOIN opd o ON o.id = i.opd_id
      WHERE ${issuedBy(q, s)}
      GROUP BY i.opd_id, o.code, o.name, o.kind, i.month, i.segment, i.due_date
      HAVING sum(i.total) > ${paidBy(s)}
      ORDER BY o.code, i.month, i.segment DESC, i.due_date`);
  },

  /** Every issued PU month and due date of a unit with its billed total (paid or not). */
  puGroups(q: Queries, s: ArrearsScope): Promise<PuGroupRow[]> {
    return q.all<PuGroupRow>(sql`
      SELECT i.opd_id AS "opdId", o.code AS "opdCode", o.name AS opd, o.kind AS "opdKind", i.month, i.due_date AS "dueDate", sum(i.total) AS billed
      FROM invoice i JOIN opd o ON o.id = i.opd_id
      WHERE ${issuedBy(q, s)} AND i.segment = 'PU'
      GROUP BY i.opd_id, o.code, o.name, o.kind, i.month, i.due_date`);
  },

  /** Every payment against those PU months up to the date, in SP2D date order. */
  puPayments(q: Queries, s: ArrearsScope): Promise<PuPaymentRow[]> {
    return q.all<PuPaymentRow>(sql`
      SELECT i.opd_id AS "opdId", i.month, i.due_date AS "dueDate", i.number, p.sp2d_number AS "sp2dNumber", p.sp2d_date AS "sp2dDate", p.amount
      FROM payment p JOIN invoice i ON i.id = p.invoice_id
      WHERE ${issuedBy(q, s)} AND i.segment = 'PU' AND p.sp2d_date <= ${s.asOf}
      ORDER BY i.opd_id, i.month, i.due_date, p.sp2d_date, p.id`);
  },
};
