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
  byOpd(q: Queries, from: string, to: string): Promise<OpdCountRow[]> {
    return q.all<OpdCountRow>(sql`
      SELECT o.id AS "opdId", o.code, o.name, o.kind, count(DISTINCT x.person_id) AS active,
             count(DISTINCT CASE WHEN x.enrolled = 1 THEN x.person_id END) AS enrolled
      FROM (${current(from, to)}) x JOIN opd o ON o.id = x.opd_id GROUP BY o.id ORDER BY active DESC, o.code`);
  },
  /** `billed` is the category's 0/1 `enrolled` flag (billed by Sigap). */
  byCategory(q: Queries, from: string, to: string): Promise<CategoryCountRow[]> {
    return q.all<CategoryCountRow>(sql`
      SELECT c.id AS "categoryId", c.name, c.segment, c.programs, c.enrolled AS billed, count(DISTINCT x.person_id) AS active,
             count(DISTINCT CASE WHEN x.enrolled = 1 THEN x.person_id END) AS enrolled
      FROM (${current(from, to)}) x JOIN category c ON c.id = x.category_id GROUP BY c.id ORDER BY c.id`);
  },
  async totals(q: Queries, from: string, to: string): Promise<Counted> {
    return (await q.one<Counted>(sql`
      SELECT count(DISTINCT person_id) AS active, count(DISTINCT CASE WHEN enrolled = 1 THEN person_id END) AS enrolled
      FROM (${current(from, to)}) x`))!;
  },
  /** Every village unit with its pekerja rentan (BPU categories) on SK and those of them with a KPJ; fewest enrolled first. */
  villages(q: Queries, from: string, to: string): Promise<VillageRow[]> {
    return q.all<VillageRow>(sql`
      SELECT o.id AS "opdId", o.code, o.name,
             count(DISTINCT CASE WHEN c.segment = 'BPU' THEN x.person_id END) AS rentan,
             count(DISTINCT CASE WHEN c.segment = 'BPU' AND x.enrolled = 1 THEN x.person_id END) AS enrolled
      FROM opd o LEFT JOIN (${current(from, to)}) x ON x.opd_id = o.id LEFT JOIN category c ON c.id = x.category_id
      WHERE o.kind = 'village' GROUP BY o.id ORDER BY enrolled, o.code`);
  },
  /** Units with someone to bill in the month (an enrolled category) but no invoice for it at all. */
  async unitsNotBilled(q: Queries, month: string, from: string, to: string): Promise<number> {
    return (await q.one<{ n: number }>(sql`
      SELECT count(DISTINCT x.opd_id) AS n FROM (${current(from, to)}) x JOIN category c ON c.id = x.category_id
      WHERE c.enrolled = 1 AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.month = ${month} AND i.opd_id = x.opd_id)`))!.n;
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
