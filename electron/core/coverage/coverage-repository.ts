/**
 * The coverage area's reading SQL: who is on an SK in a month against who is enrolled, by unit,
 * category and village; the money of issued invoices per month and per year; the last SK import.
 */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import type { Segment } from '../../../shared/billing-types';

export interface Counted { active: number; enrolled: number }
export interface OpdCountRow extends Counted { opdId: number; code: string; name: string; kind: 'opd' | 'village' }
export interface CategoryCountRow extends Counted { categoryId: number; name: string; segment: Segment; programs: string; billed: number }
export interface VillageRow { opdId: number; code: string; name: string; rentan: number; enrolled: number }
export interface MonthCounts { byOpd: OpdCountRow[]; byCategory: CategoryCountRow[]; totals: Counted; villages: VillageRow[]; unitsNotBilled: number }
/** One row of `counts`' statement: the columns of every part, null where a part has none. */
interface CountPartRow extends Counted {
  part: 'opd' | 'category' | 'total' | 'village' | 'unbilled'; ord: number; id: number | null; code: string | null; name: string | null;
  kind: 'opd' | 'village' | null; segment: Segment | null; programs: string | null; billed: number | null; rentan: number | null;
}
export interface MonthMoneyRow { month: string; issued: number; paid: number }
export interface LastImportRow { decreeId: number; at: string; summary: string | null; number: string }

export interface YearlyUnitRow {
  opdId: number; code: string; name: string; kind: 'opd' | 'village'; budgetAccount: string | null;
  personMonths: number;
  jkk: number; jkm: number; jhtEmployer: number; jhtWorker: number; jpEmployer: number; jpWorker: number;
  total: number; paid: number;
}

/**
 * Each person's engagement that counts for the month (first and last day), exactly as the roster
 * picks it (roster/query.ts): the latest that started by the month's end, when not ended before it.
 * `enrolled` is 1 with a KPJ.
 */
const current = (from: string, to: string) => sql`
  SELECT e.person_id, e.opd_id, e.category_id, CASE WHEN p.kpj IS NOT NULL THEN 1 ELSE 0 END AS enrolled
  FROM engagement e JOIN person p ON p.id = e.person_id
  WHERE e.start_date <= ${to} AND (e.end_date IS NULL OR e.end_date >= ${from})
    AND NOT EXISTS (SELECT 1 FROM engagement n WHERE n.person_id = e.person_id AND n.start_date > e.start_date AND n.start_date <= ${to})`;

export const coverageRepo = {
  /**
   * The month's head counts in one pass over the roster (the month's engagements are picked once):
   * by unit (most on SK first), by category, in all, per village unit (its pekerja rentan, BPU
   * categories, and those of them with a KPJ; fewest enrolled first), and the units with someone to
   * bill in the month (an enrolled category) but no invoice for it at all. Each part's rows are
   * numbered in its order (`ord`), so one statement keeps each order on both engines; the first part's
   * nulls are typed for PostgreSQL's UNION.
   */
  async counts(q: Queries, month: string, from: string, to: string): Promise<MonthCounts> {
    // A person is in `x` once, or once per engagement when two started the same day: each count is of
    // distinct people, taken from x made distinct per unit, category or person first (hashed, not
    // sorted per group as count(DISTINCT) is). `enrolled` is the person's, so the sum counts people.
    const rows = await q.all<CountPartRow>(sql`
      WITH x AS MATERIALIZED (${current(from, to)}),
      po AS (SELECT opd_id, count(*) AS active, sum(enrolled) AS enrolled FROM (SELECT DISTINCT opd_id, person_id, enrolled FROM x) d GROUP BY opd_id),
      pv AS (SELECT opd_id, count(*) AS rentan, sum(enrolled) AS enrolled
             FROM (SELECT DISTINCT x.opd_id, x.person_id, x.enrolled FROM x JOIN category c ON c.id = x.category_id WHERE c.segment = 'BPU') d GROUP BY opd_id)
      SELECT 'opd' AS part, row_number() OVER (ORDER BY po.active DESC, o.code) AS ord, o.id, o.code, o.name, o.kind,
             CAST(NULL AS text) AS segment, CAST(NULL AS text) AS programs, CAST(NULL AS integer) AS billed, po.active, po.enrolled, CAST(NULL AS bigint) AS rentan
      FROM po JOIN opd o ON o.id = po.opd_id
      UNION ALL
      SELECT 'category', row_number() OVER (ORDER BY c.id), c.id, NULL, c.name, NULL, c.segment, c.programs, c.enrolled, pc.active, pc.enrolled, NULL
      FROM (SELECT category_id, count(*) AS active, sum(enrolled) AS enrolled FROM (SELECT DISTINCT category_id, person_id, enrolled FROM x) d GROUP BY category_id) pc
      JOIN category c ON c.id = pc.category_id
      UNION ALL
      SELECT 'total', 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*), coalesce(sum(enrolled), 0), NULL
      FROM (SELECT DISTINCT person_id, enrolled FROM x) d
      UNION ALL
      SELECT 'village', row_number() OVER (ORDER BY coalesce(pv.enrolled, 0), o.code), o.id, o.code, o.name, NULL, NULL, NULL, NULL, NULL,
             coalesce(pv.enrolled, 0), coalesce(pv.rentan, 0)
      FROM opd o LEFT JOIN pv ON pv.opd_id = o.id WHERE o.kind = 'village'
      UNION ALL
      SELECT 'unbilled', 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*), NULL, NULL
      FROM (SELECT DISTINCT x.opd_id FROM x JOIN category c ON c.id = x.category_id WHERE c.enrolled = 1) u
      WHERE NOT EXISTS (SELECT 1 FROM invoice i WHERE i.month = ${month} AND i.opd_id = u.opd_id)`);
    const part = (name: string) => rows.filter((r) => r.part === name).sort((a, b) => a.ord - b.ord);
    const total = part('total')[0]!;
    return {
      byOpd: part('opd').map((r) => ({ opdId: r.id!, code: r.code!, name: r.name!, kind: r.kind!, active: r.active, enrolled: r.enrolled })),
      byCategory: part('category').map((r) => ({ categoryId: r.id!, name: r.name!, segment: r.segment!, programs: r.programs!, billed: r.billed!, active: r.active, enrolled: r.enrolled })),
      totals: { active: total.active, enrolled: total.enrolled },
      villages: part('village').map((r) => ({ opdId: r.id!, code: r.code!, name: r.name!, rentan: r.rentan!, enrolled: r.enrolled })),
      unitsNotBilled: part('unbilled')[0]!.active,
    };
  },
  /** Issued invoice totals and what has been paid on them, per month from `from` to `to` (months without any left out). */
  monthMoney(q: Queries, from: string, to: string): Promise<MonthMoneyRow[]> {
    return q.all<MonthMoneyRow>(sql`
      SELECT i.month, sum(i.total) AS issued, coalesce(sum((SELECT sum(amount) FROM payment p WHERE p.invoice_id = i.id)), 0) AS paid
      FROM invoice i WHERE i.status = 'issued' AND i.month BETWEEN ${from} AND ${to} GROUP BY i.month`);
  },
  async drafts(q: Queries, month: string): Promise<{ n: number; total: number }> {
    return (await q.one<{ n: number; total: number }>(sql`
      SELECT count(*) AS n, coalesce(sum(total), 0) AS total FROM invoice WHERE month = ${month} AND status = 'draft'`))!;
  },
  /** The newest SK import, from the audit trail. */
  lastImport(q: Queries): Promise<LastImportRow | undefined> {
    return q.one<LastImportRow>(sql`
      SELECT a.entity_id AS "decreeId", a.at, a.summary, d.number FROM audit_log a JOIN decree d ON d.id = a.entity_id
      WHERE a.entity = 'decree' AND a.action = 'import' ORDER BY a.id DESC LIMIT 1`);
  },
  /** The year's issued invoices (regular, supplementary, credit notes) summed per unit; person-months from regular ones. */
  yearlyByUnit(q: Queries, year: number): Promise<YearlyUnitRow[]> {
    return q.all<YearlyUnitRow>(sql`
      SELECT o.id AS "opdId", o.code, o.name, o.kind, o.budget_account AS "budgetAccount",
             sum(CASE WHEN i.kind = 'regular' THEN i.persons ELSE 0 END) AS "personMonths",
             sum(i.jkk) AS jkk, sum(i.jkm) AS jkm, sum(i.jht_employer) AS "jhtEmployer", sum(i.jht_worker) AS "jhtWorker",
             sum(i.jp_employer) AS "jpEmployer", sum(i.jp_worker) AS "jpWorker", sum(i.total) AS total,
             coalesce(sum((SELECT sum(amount) FROM payment p WHERE p.invoice_id = i.id)), 0) AS paid
      FROM invoice i JOIN opd o ON o.id = i.opd_id
      WHERE i.status = 'issued' AND substr(i.month, 1, 4) = ${String(year)}
      GROUP BY o.id ORDER BY o.kind, o.code`);
  },
};
