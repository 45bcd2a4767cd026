/**
 * The billing run's SQL (run.ts holds the steps and why): the month's drafts replaced, a header per
 * unit, segment and registration, the lines from `calc` (calc-repository.ts) in one statement, the
 * corrections against what was issued, and header totals summed from the lines.
 * bill_group, like calc's tables, is a temp table of the run's connection (calc-repository.ts, resetTempTable).
 */
import { sql, sqlId, sqlJoin, type SqlQuery } from '../store/sql';
import type { Engine, Queries } from '../store/store';
import type { InvoiceKind, Segment } from '../../../shared/billing-types';
import { AMOUNT_COLUMNS, calcCte, lineColumns, resetTempTable, type CalcParams } from './calc-repository';

// Each person's line with the registration it is billed under (the unit's, else the category's, else 0):
// calc's registration_id, read from the run's own copies of the units' and categories' registrations
// (bill_unit, bill_cat), so no line looks its unit, engagement and category up again.
const calcRegCte = (q: { readonly engine: Engine }, p: CalcParams) => sql`${calcCte(q, p)},
  calc_reg AS (SELECT c.*, coalesce(c.registration_id, 0) AS reg FROM calc c)`;

const GROUP_JOIN = sql`g.opd_id = c.opd_id AND g.segment = c.segment AND g.reg = c.reg`;

const amounts = (f: (c: SqlQuery) => SqlQuery, sep?: SqlQuery) => sqlJoin(AMOUNT_COLUMNS.map((c) => f(sqlId(c))), sep);

// Per person: new lines minus everything issued for the month, for the units that need a correction.
// Descriptive columns come from the new line, or from the issued one when the person is no longer billed.
const correctionLines = (q: { readonly engine: Engine }, p: CalcParams, month: string) => sql`
  WITH ${calcRegCte(q, p)}
  INSERT INTO invoice_line (invoice_id, person_id, engagement_id, ${lineColumns()}, change)
  SELECT d.invoice_id, d.person_id, max(d.engagement_id),
         coalesce(max(CASE WHEN d.is_new = 1 THEN d.nik END), max(d.nik)), coalesce(max(CASE WHEN d.is_new = 1 THEN d.name END), max(d.name)),
         coalesce(max(CASE WHEN d.is_new = 1 THEN d.kpj END), max(d.kpj)), coalesce(max(CASE WHEN d.is_new = 1 THEN d.category END), max(d.category)),
         coalesce(max(CASE WHEN d.is_new = 1 THEN d.jkk_class END), max(d.jkk_class)),
         coalesce(max(d.wage), 0), coalesce(max(d.base), 0), coalesce(max(d.jp_base), 0),
         ${amounts((c) => sql`sum(d.${c})`)},
         CASE WHEN max(d.is_new) = 0 THEN 'berhenti'
              WHEN coalesce(sum(CASE WHEN d.is_new = 0 THEN ${amounts((c) => sql`d.${c}`, sql` + `)} END), 0) = 0 THEN 'tambah'
              ELSE 'perubahan' END
  FROM (
    SELECT 1 AS is_new, g.invoice_id, c.person_id, c.engagement_id, ${lineColumns('c')}
    FROM calc_reg c JOIN bill_group g ON ${GROUP_JOIN} AND g.correction = 1
    UNION ALL
    SELECT 0, g.invoice_id, l.person_id, NULL, l.nik, l.name, l.kpj, l.category, l.jkk_class, NULL, NULL, NULL,
           ${amounts((c) => sql`-l.${c}`)}
    FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
    JOIN bill_group g ON g.opd_id = i.opd_id AND g.segment = i.segment AND g.reg = coalesce(i.registration_id, 0) AND g.correction = 1
    WHERE i.month = ${month} AND i.status = 'issued'
  ) d
  GROUP BY d.invoice_id, d.person_id
  HAVING ${amounts((c) => sql`sum(d.${c}) <> 0`, sql` OR `)}`;

export interface IssuedRegularRow {
  opdId: number;
  segment: Segment;
  reg: number;
  id: number;
}

export interface NewDraft {
  month: string;
  opdId: number;
  segment: Segment;
  registrationId: number | null;
  kind: InvoiceKind;
  originalId: number | null;
  dueDate: string;
  ratesJson: string;
}

const DRAFT_BATCH = 500;

export const runRepo = {
  /** Deletes the month's drafts and their lines; returns how many drafts. */
  async deleteDrafts(q: Queries, month: string): Promise<number> {
    await q.run(sql`DELETE FROM invoice_line WHERE invoice_id IN (SELECT id FROM invoice WHERE month = ${month} AND status = 'draft')`);
    return (await q.run(sql`DELETE FROM invoice WHERE month = ${month} AND status = 'draft'`)).changes;
  },

  issuedRegular(q: Queries, month: string): Promise<IssuedRegularRow[]> {
    return q.all<IssuedRegularRow>(sql`SELECT opd_id AS "opdId", segment, coalesce(registration_id, 0) AS reg, id FROM invoice
      WHERE month = ${month} AND status = 'issued' AND kind = 'regular'`);
  },

  units(q: Queries): Promise<{ id: number; reg: number | null }[]> {
    return q.all(sql`SELECT id, registration_id AS reg FROM opd ORDER BY id`);
  },

  /** The run's map of unit, segment and registration to its draft (a temp table). */
  resetGroups(q: Queries): Promise<void> {
    return resetTempTable(q, 'bill_group', sql`opd_id BIGINT NOT NULL, segment TEXT NOT NULL, reg BIGINT NOT NULL, invoice_id BIGINT NOT NULL, correction INTEGER NOT NULL`);
  },

  /**
   * Inserts the run's draft headers and its map of unit, segment and registration to draft (bill_group),
   * a few hundred rows per statement: a Pemda of 400 villages has 800 headers.
   */
  async insertDrafts(q: Queries, drafts: readonly NewDraft[], at: string, by: string): Promise<void> {
    for (let i = 0; i < drafts.length; i += DRAFT_BATCH) {
      const batch = drafts.slice(i, i + DRAFT_BATCH);
      const made = await q.all<{ id: number; opdId: number; segment: Segment; reg: number }>(sql`
        INSERT INTO invoice (month, opd_id, segment, registration_id, kind, original_id, status, due_date, rates_json, created_at, created_by)
        VALUES ${sqlJoin(batch.map((d) => sql`(${d.month}, ${d.opdId}, ${d.segment}, ${d.registrationId}, ${d.kind}, ${d.originalId}, 'draft', ${d.dueDate}, ${d.ratesJson}, ${at}, ${by})`))}
        RETURNING id, opd_id AS "opdId", segment, coalesce(registration_id, 0) AS reg`);
      // Matched back by key, not by position: neither engine promises RETURNING's row order.
      const byKey = new Map(batch.map((d) => [`${d.opdId}:${d.segment}:${d.registrationId ?? 0}`, d]));
      await q.run(sql`INSERT INTO bill_group (opd_id, segment, reg, invoice_id, correction) VALUES ${sqlJoin(made.map((r) =>
        sql`(${r.opdId}, ${r.segment}, ${r.reg}, ${r.id}, ${byKey.get(`${r.opdId}:${r.segment}:${r.reg}`)!.originalId === null ? 0 : 1})`))}`);
    }
  },

  /** Every billed person's line into the regular draft of their unit, segment and registration: one statement. */
  insertRegularLines(q: Queries, p: CalcParams) {
    return q.run(sql`
      WITH ${calcRegCte(q, p)}
      INSERT INTO invoice_line (invoice_id, person_id, engagement_id, ${lineColumns()})
      SELECT g.invoice_id, c.person_id, c.engagement_id, ${lineColumns('c')}
      FROM calc_reg c JOIN bill_group g ON ${GROUP_JOIN} AND g.correction = 0
      ORDER BY g.invoice_id`);
  },

  insertCorrectionLines(q: Queries, p: CalcParams, month: string) {
    return q.run(correctionLines(q, p, month));
  },

  /** Header totals are the sums of the lines, written once the lines exist: never computed on their own. */
  refreshDraftTotals(q: Queries, month: string) {
    return q.run(sql`
      UPDATE invoice SET (persons, jkk, jkm, jht_employer, jht_worker, jp_employer, jp_worker, employer_total, worker_total, total) = (
        SELECT count(*), coalesce(sum(jkk), 0), coalesce(sum(jkm), 0), coalesce(sum(jht_employer), 0), coalesce(sum(jht_worker), 0),
               coalesce(sum(jp_employer), 0), coalesce(sum(jp_worker), 0), coalesce(sum(jkk + jkm + jht_employer + jp_employer), 0),
               coalesce(sum(jht_worker + jp_worker), 0), coalesce(sum(total), 0)
        FROM invoice_line WHERE invoice_id = invoice.id)
      WHERE month = ${month} AND status = 'draft'`);
  },

  deleteEmptyDrafts(q: Queries, month: string) {
    return q.run(sql`DELETE FROM invoice WHERE month = ${month} AND status = 'draft' AND persons = 0`);
  },

  /** A correction that lowers the month is a credit note, else a supplementary invoice. */
  setCorrectionKinds(q: Queries, month: string) {
    return q.run(sql`UPDATE invoice SET kind = CASE WHEN total < 0 THEN 'credit' ELSE 'supplementary' END
      WHERE month = ${month} AND status = 'draft' AND kind <> 'regular'`);
  },

  /** The month's billed persons: regular lines, plus those corrections added, less those they removed. */
  async persons(q: Queries, month: string): Promise<number> {
    return (await q.one<{ n: number }>(sql`
      SELECT (SELECT coalesce(sum(persons), 0) FROM invoice WHERE month = ${month} AND kind = 'regular')
           + (SELECT coalesce(sum(CASE l.change WHEN 'tambah' THEN 1 WHEN 'berhenti' THEN -1 ELSE 0 END), 0)
              FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id WHERE i.month = ${month} AND i.kind <> 'regular') AS n`))!.n;
  },

  async draftTotals(q: Queries, month: string): Promise<{ n: number; total: number }> {
    return (await q.one<{ n: number; total: number }>(sql`SELECT count(*) AS n, coalesce(sum(total), 0) AS total FROM invoice WHERE month = ${month} AND status = 'draft'`))!;
  },
};
