/**
 * The SQL of what the branch office has not been told (the rules are written out in pending.ts): one
 * query per kind of change, read as of a date, and the small counts around it.
 */
import { sql, sqlId, type SqlQuery } from '../store/sql';
import type { Queries } from '../store/store';
import { dialect, type Dialect } from '../store/dialect';
import type { ReportKind } from '../../../shared/sipp-layouts';
import type { Segment } from '../../../shared/billing-types';
import { wageSql } from '../billing/calc-repository';
import { registrationIdSql, registrationNppSql } from '../settings/registration-repository';
import type { PendingChange } from './types';
import { continueQuery, kpjOfThisEmployer } from './continue-pending-repository';

const SUBMITTED = (key: SqlQuery) => sql`EXISTS (SELECT 1 FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
  WHERE i.change_key = ${key} AND b.status = 'submitted')`;

// A KPJ the branch's participant list does not confirm is not yet a participant here (continue-pending-repository.ts).
const PARTICIPANT = sql`((p.kpj IS NOT NULL AND ${kpjOfThisEmployer(SUBMITTED)}) OR ${SUBMITTED(sql`'new:' || p.id`)})`;

const ENROLLED_PU = (alias: string) => sql`${sqlId(alias)}.segment = 'PU' AND ${sqlId(alias)}.enrolled = 1`;

/** No later engagement of the person (any category) that started by the date. */
const LATEST_BY_DATE = (asOf: string) => sql`NOT EXISTS (SELECT 1 FROM engagement n WHERE n.person_id = e.person_id
  AND (n.start_date > e.start_date OR (n.start_date = e.start_date AND n.id > e.id)) AND n.start_date <= ${asOf})`;

const ACTIVE = (asOf: string) => sql`e.start_date <= ${asOf} AND (e.end_date IS NULL OR e.end_date >= ${asOf})`;

const SELECT = sql`
  SELECT p.id AS "personId", e.id AS "engagementId", p.nik, p.name, p.birth_place AS "birthPlace", p.birth_date AS "birthDate",
         p.sex, p.address, p.phone, p.mother_name AS "motherName", p.postal_code AS "postalCode", p.email,
         p.marital_status AS "maritalStatus", p.work_location AS "workLocation", p.kpj, o.code AS "opdCode", o.name AS "opdName",
         o.kind AS "opdKind", c.programs, c.segment, e.position, ${wageSql('e')} AS wage, e.start_date AS "startDate",
         e.end_date AS "endDate", e.end_reason AS "endReason",
         ${registrationNppSql(registrationIdSql('o', 'c'))} AS npp`;

const FROM = sql`FROM engagement e JOIN person p ON p.id = e.person_id JOIN opd o ON o.id = e.opd_id JOIN category c ON c.id = e.category_id`;

// The engagement id last: a person's two engagements starting the same day keep one order on both engines.
const ORDER = (d: Dialect) => sql`ORDER BY o.code, ${d.nocase(sql`p.name`)}, p.nik, e.start_date, e.id`;

// The first day of a floor row's month, and the row's floor and the one in force the month before.
const FLOOR_ROWS = (asOf: string) => sql`
  SELECT f.effective_month AS month, f.effective_month || '-01' AS day, f.value AS floor,
         coalesce((SELECT g.value FROM rate_param g WHERE g.key = 'pu.wage_floor' AND g.effective_month < f.effective_month
                   ORDER BY g.effective_month DESC LIMIT 1), 0) AS "prevFloor"
  FROM rate_param f WHERE f.key = 'pu.wage_floor' AND f.effective_month <= substr(${asOf}, 1, 7)`;

/**
 * How a query is read: the full rows in order (`FULL`), or only what counting them needs (`COUNTED`:
 * the segment and wages a wage change is judged by, no order), for the counts of the Beranda.
 */
interface Shape { SELECT: SqlQuery; ORDER: (d: Dialect) => SqlQuery; ordered: boolean }
const FULL: Shape = { SELECT, ORDER, ordered: true };
const COUNTED: Shape = { SELECT: sql`SELECT c.segment, ${wageSql('e')} AS wage`, ORDER: () => sql``, ordered: false };

const QUERIES: Record<ReportKind, (asOf: string, d: Dialect, s: Shape) => SqlQuery> = {
  continue: (asOf, d, { SELECT, ORDER }) => continueQuery({ SELECT, FROM, ORDER: ORDER(d), ACTIVE: ACTIVE(asOf), LATEST_BY_DATE: LATEST_BY_DATE(asOf), ENROLLED_PU, SUBMITTED }),
  new: (asOf, d, { SELECT, ORDER }) => sql`${SELECT}, 'new:' || p.id AS key, NULL AS "prevWage" ${FROM}
    WHERE ${ENROLLED_PU('c')} AND p.kpj IS NULL AND ${ACTIVE(asOf)} AND ${LATEST_BY_DATE(asOf)}
      AND NOT ${SUBMITTED(sql`'new:' || p.id`)} ${ORDER(d)}`,

  na: (asOf, d, { SELECT, ORDER }) => sql`${SELECT}, 'na:' || e.id AS key, NULL AS "prevWage" ${FROM}
    WHERE ${ENROLLED_PU('c')} AND e.end_date IS NOT NULL AND e.end_date < ${asOf}
      AND NOT EXISTS (SELECT 1 FROM engagement n JOIN category nc ON nc.id = n.category_id
        WHERE n.person_id = e.person_id AND ${ENROLLED_PU('nc')}
          AND (n.start_date > e.start_date OR (n.start_date = e.start_date AND n.id > e.id)))
      AND ${PARTICIPANT}
      AND (e.end_reason IS NULL OR lower(e.end_reason) NOT LIKE 'meninggal%')
      AND NOT ${SUBMITTED(sql`'na:' || e.id`)} ${ORDER(d)}`,

  // The outer order is ORDER's, on the union's columns.
  wage: (asOf, d, { SELECT, ordered }) => sql`SELECT * FROM (
    ${SELECT}, 'wage:' || e.id AS key, ${wageSql('prev')} AS "prevWage", substr(e.start_date, 1, 7) AS month ${FROM}
    -- The enrolled PU engagement of the person just before e (by start, then id): one ordered pass, not a look-up per row.
    JOIN (SELECT n.id, lag(n.id) OVER (PARTITION BY n.person_id ORDER BY n.start_date, n.id) AS prev_id
          FROM engagement n JOIN category nc ON nc.id = n.category_id WHERE ${ENROLLED_PU('nc')}) pu ON pu.id = e.id
    JOIN engagement prev ON prev.id = pu.prev_id
    WHERE ${ENROLLED_PU('c')} AND e.start_date <= ${asOf}
      AND ${PARTICIPANT}
      AND NOT ${SUBMITTED(sql`'wage:' || e.id`)}
      AND NOT EXISTS (SELECT 1 FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
        WHERE i.change_key = 'new:' || p.id AND i.engagement_id = e.id AND b.status = 'submitted')
    UNION ALL
    ${SELECT}, 'wage:' || e.id || ':' || fl.month AS key, ${wageSql('e')} AS "prevWage", fl.month AS month
    FROM (${FLOOR_ROWS(asOf)}) fl
    JOIN engagement e ON e.start_date < fl.day AND (e.end_date IS NULL OR e.end_date >= fl.day)
    JOIN person p ON p.id = e.person_id JOIN opd o ON o.id = e.opd_id JOIN category c ON c.id = e.category_id
    WHERE fl.floor <> fl."prevFloor" AND ${ENROLLED_PU('c')}
      AND NOT EXISTS (SELECT 1 FROM engagement n JOIN category nc ON nc.id = n.category_id
        WHERE n.person_id = e.person_id AND n.id <> e.id AND ${ENROLLED_PU('nc')}
          AND (substr(n.start_date, 1, 7) = fl.month
               OR (n.start_date < fl.day AND (n.start_date > e.start_date OR (n.start_date = e.start_date AND n.id > e.id)))))
      AND ${PARTICIPANT}
      AND NOT ${SUBMITTED(sql`'wage:' || e.id || ':' || fl.month`)}
      AND NOT EXISTS (SELECT 1 FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
        WHERE i.change_key = 'new:' || p.id AND i.engagement_id = e.id AND b.status = 'submitted' AND b.as_of >= fl.day)
    ) w ${ordered ? sql`ORDER BY "opdCode", ${d.nocase(sql`name`)}, nik, "startDate", month, "engagementId"` : sql``}`,

  bpu: (asOf, d, { SELECT, ORDER }) => sql`${SELECT}, 'bpu:' || p.id AS key, NULL AS "prevWage" ${FROM}
    WHERE c.segment = 'BPU' AND c.enrolled = 1 AND p.kpj IS NULL AND ${ACTIVE(asOf)} AND ${LATEST_BY_DATE(asOf)}
      AND NOT ${SUBMITTED(sql`'bpu:' || p.id`)} ${ORDER(d)}`,
};

/** A pending row as the query gives it; pending.ts turns it into a PendingChange. */
export interface PendingRow extends Omit<PendingChange, 'kind' | 'reportedWage' | 'previousWage' | 'month' | 'baseError'> {
  segment: Segment;
  wage: number;
  prevWage: number | null;
  /** Wage changes only: the contribution month the change is for. */
  month?: string;
}

/** The rows of one kind in OPD, name order, one at a time (the loop over them must not query). */
export function pendingRows(q: Queries, kind: ReportKind, asOf: string): AsyncIterable<PendingRow> {
  return q.iterate<PendingRow>(QUERIES[kind](asOf, dialect(q), FULL));
}

/** How many rows of a kind other than wage changes there are: each of them is a change (pending.ts). */
export async function countPendingRows(q: Queries, kind: Exclude<ReportKind, 'wage'>, asOf: string): Promise<number> {
  return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM (${QUERIES[kind](asOf, dialect(q), COUNTED)}) x`))!.n;
}

/** A group of wage-change rows alike in what decides whether they change the base: `n` rows. */
export interface WageRowGroup { segment: Segment; wage: number; prevWage: number | null; month: string; n: number }

/** The wage-change rows grouped by month, segment and both wages (pending.ts keeps those whose base changes). */
export function wageRowGroups(q: Queries, asOf: string): Promise<WageRowGroup[]> {
  return q.all<WageRowGroup>(sql`SELECT segment, wage, "prevWage", month, count(*) AS n
    FROM (${QUERIES.wage(asOf, dialect(q), COUNTED)}) x GROUP BY segment, wage, "prevWage", month`);
}

/**
 * Every month a row of the kind may be reported for (a superset), so that what each month needs is read
 * before the rows are: a deactivation's end month, a wage change's engagement start or floor month.
 * The other kinds are reported for the date's own month.
 */
export async function pendingMonths(q: Queries, kind: ReportKind, asOf: string): Promise<string[]> {
  const rows = kind === 'na'
    ? await q.all<{ month: string }>(sql`SELECT DISTINCT substr(end_date, 1, 7) AS month FROM engagement WHERE end_date IS NOT NULL AND end_date < ${asOf}`)
    : kind === 'wage'
      ? await q.all<{ month: string }>(sql`SELECT DISTINCT substr(start_date, 1, 7) AS month FROM engagement WHERE start_date <= ${asOf}
          UNION SELECT effective_month AS month FROM rate_param WHERE key = 'pu.wage_floor' AND effective_month <= substr(${asOf}, 1, 7)`)
      : [];
  return [...new Set([asOf.slice(0, 7), ...rows.map((r) => r.month)])].sort();
}

/** People registered in a submitted batch whose KPJ has not come back from the branch yet. */
export async function countAwaitingKpj(q: Queries): Promise<number> {
  const r = await q.one<{ n: number }>(sql`SELECT count(DISTINCT i.person_id) AS n FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
    JOIN person p ON p.id = i.person_id
    WHERE b.status = 'submitted' AND b.kind IN ('new', 'bpu') AND p.kpj IS NULL`);
  return r!.n;
}
