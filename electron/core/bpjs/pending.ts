import type { CoreContext } from '../context';
import { programsReader } from '../billing/person-programs';
import { SigapError } from '../errors';
import type { ReportKind } from '../../../shared/sipp-layouts';
import { addMonths, monthOf } from '../../../shared/dates';
import type { Segment } from '../../../shared/billing-types';
import { ratesForMonth } from '../billing/rates';
import { baseRules, reportedBase, wageSql, type BaseRules } from '../billing/base';
import type { PendingChange } from './types';
import { registrationIdSql, registrationNppSql } from '../settings/registrations';
import { continueQuery, kpjOfThisEmployer } from './continue-pending';

/*
 * What the branch office has not been told, read from the roster as of a date. The rules:
 *
 * - new: the person's latest engagement started by the date is active on it, in an enrolled PU
 *   category, and the person has no KPJ.
 * - na: the person's latest engagement in an enrolled PU category ended before the date, the person
 *   is a participant (has a KPJ, or was registered in a submitted batch), and the end is not a death
 *   (end reason starting with "Meninggal": deaths go through the JKM claim, domain.md section 8).
 * - wage: a change of the reported base (the wage BPJS is told, billing/base.ts) of a participant,
 *   for its contribution month, of two causes:
 *   - `wage:<engagement>`: an engagement in an enrolled PU category started by the date whose base in
 *     its first month differs from the base of the person's previous PU engagement in the month
 *     before, and no submitted registration already carried this engagement;
 *   - `wage:<engagement>:<YYYY-MM>`: a wage-floor row in force from that month (by the date) changes
 *     the base of the engagement that was in force when the month began (the person's latest PU
 *     engagement started before it, still running, and no other PU engagement starting within the
 *     month, which the first cause covers), unless a registration submitted on or after the month's
 *     first day already carried the engagement.
 * - bpu: as new, for an enrolled BPU category (pekerja rentan).
 *
 * The wage a row reports (`reportedWage`) is the base billing bills for its month: the date's month
 * for new and bpu, the contribution month for wage changes.
 *
 * A change whose key is in a submitted batch is left out; cancelling the batch offers it again.
 *
 * Each change carries the NPP it is reported under (settings/registrations.ts: the unit's
 * registration, else the category's, else the Pemda's): export.ts writes one batch per NPP.
 */

const SUBMITTED = (key: string) => `EXISTS (SELECT 1 FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
  WHERE i.change_key = ${key} AND b.status = 'submitted')`;

// A KPJ the branch's participant list does not confirm is not yet a participant here (continue-pending.ts).
const PARTICIPANT = `((p.kpj IS NOT NULL AND ${kpjOfThisEmployer(SUBMITTED)}) OR ${SUBMITTED("'new:' || p.id")})`;

const ENROLLED_PU = (alias: string) => `${alias}.segment = 'PU' AND ${alias}.enrolled = 1`;

/** No later engagement of the person (any category) that started by the date. */
const LATEST_BY_DATE = `NOT EXISTS (SELECT 1 FROM engagement n WHERE n.person_id = e.person_id
  AND (n.start_date > e.start_date OR (n.start_date = e.start_date AND n.id > e.id)) AND n.start_date <= @asOf)`;

const ACTIVE = 'e.start_date <= @asOf AND (e.end_date IS NULL OR e.end_date >= @asOf)';

const SELECT = `
  SELECT p.id AS personId, e.id AS engagementId, p.nik, p.name, p.birth_place AS birthPlace, p.birth_date AS birthDate,
         p.sex, p.address, p.phone, p.mother_name AS motherName, p.postal_code AS postalCode, p.email,
         p.marital_status AS maritalStatus, p.work_location AS workLocation, p.kpj, o.code AS opdCode, o.name AS opdName,
         o.kind AS opdKind, c.programs, c.segment, e.position, ${wageSql('e')} AS wage, e.start_date AS startDate,
         e.end_date AS endDate, e.end_reason AS endReason,
         ${registrationNppSql(registrationIdSql('o', 'c'))} AS npp`;

const FROM = `FROM engagement e JOIN person p ON p.id = e.person_id JOIN opd o ON o.id = e.opd_id JOIN category c ON c.id = e.category_id`;

const ORDER = 'ORDER BY o.code, p.name COLLATE NOCASE, p.nik, e.start_date';

// The first day of a floor row's month, and the row's floor and the one in force the month before.
const FLOOR_ROWS = `
  SELECT f.effective_month AS month, f.effective_month || '-01' AS day, f.value AS floor,
         coalesce((SELECT g.value FROM rate_param g WHERE g.key = 'pu.wage_floor' AND g.effective_month < f.effective_month
                   ORDER BY g.effective_month DESC LIMIT 1), 0) AS prevFloor
  FROM rate_param f WHERE f.key = 'pu.wage_floor' AND f.effective_month <= substr(@asOf, 1, 7)`;

const QUERIES: Record<ReportKind, string> = {
  continue: continueQuery({ SELECT, FROM, ORDER, ACTIVE, LATEST_BY_DATE, ENROLLED_PU, SUBMITTED }),
  new: `${SELECT}, 'new:' || p.id AS key, NULL AS prevWage ${FROM}
    WHERE ${ENROLLED_PU('c')} AND p.kpj IS NULL AND ${ACTIVE} AND ${LATEST_BY_DATE}
      AND NOT ${SUBMITTED("'new:' || p.id")} ${ORDER}`,

  na: `${SELECT}, 'na:' || e.id AS key, NULL AS prevWage ${FROM}
    WHERE ${ENROLLED_PU('c')} AND e.end_date IS NOT NULL AND e.end_date < @asOf
      AND NOT EXISTS (SELECT 1 FROM engagement n JOIN category nc ON nc.id = n.category_id
        WHERE n.person_id = e.person_id AND ${ENROLLED_PU('nc')}
          AND (n.start_date > e.start_date OR (n.start_date = e.start_date AND n.id > e.id)))
      AND ${PARTICIPANT}
      AND (e.end_reason IS NULL OR e.end_reason NOT LIKE 'Meninggal%')
      AND NOT ${SUBMITTED("'na:' || e.id")} ${ORDER}`,

  wage: `SELECT * FROM (
    ${SELECT}, 'wage:' || e.id AS key, ${wageSql('prev')} AS prevWage, substr(e.start_date, 1, 7) AS month ${FROM}
    JOIN engagement prev ON prev.id = (
      SELECT n.id FROM engagement n JOIN category nc ON nc.id = n.category_id
      WHERE n.person_id = e.person_id AND ${ENROLLED_PU('nc')}
        AND (n.start_date < e.start_date OR (n.start_date = e.start_date AND n.id < e.id))
      ORDER BY n.start_date DESC, n.id DESC LIMIT 1)
    WHERE ${ENROLLED_PU('c')} AND e.start_date <= @asOf
      AND ${PARTICIPANT}
      AND NOT ${SUBMITTED("'wage:' || e.id")}
      AND NOT EXISTS (SELECT 1 FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
        WHERE i.change_key = 'new:' || p.id AND i.engagement_id = e.id AND b.status = 'submitted')
    UNION ALL
    ${SELECT}, 'wage:' || e.id || ':' || fl.month AS key, ${wageSql('e')} AS prevWage, fl.month AS month
    FROM (${FLOOR_ROWS}) fl
    JOIN engagement e ON e.start_date < fl.day AND (e.end_date IS NULL OR e.end_date >= fl.day)
    JOIN person p ON p.id = e.person_id JOIN opd o ON o.id = e.opd_id JOIN category c ON c.id = e.category_id
    WHERE fl.floor <> fl.prevFloor AND ${ENROLLED_PU('c')}
      AND NOT EXISTS (SELECT 1 FROM engagement n JOIN category nc ON nc.id = n.category_id
        WHERE n.person_id = e.person_id AND n.id <> e.id AND ${ENROLLED_PU('nc')}
          AND (substr(n.start_date, 1, 7) = fl.month
               OR (n.start_date < fl.day AND (n.start_date > e.start_date OR (n.start_date = e.start_date AND n.id > e.id)))))
      AND ${PARTICIPANT}
      AND NOT ${SUBMITTED("'wage:' || e.id || ':' || fl.month")}
      AND NOT EXISTS (SELECT 1 FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
        WHERE i.change_key = 'new:' || p.id AND i.engagement_id = e.id AND b.status = 'submitted' AND b.as_of >= fl.day)
    ) ORDER BY opdCode, name COLLATE NOCASE, nik, startDate, month`,

  bpu: `${SELECT}, 'bpu:' || p.id AS key, NULL AS prevWage ${FROM}
    WHERE c.segment = 'BPU' AND c.enrolled = 1 AND p.kpj IS NULL AND ${ACTIVE} AND ${LATEST_BY_DATE}
      AND NOT ${SUBMITTED("'bpu:' || p.id")} ${ORDER}`,
};

interface PendingRow extends Omit<PendingChange, 'kind' | 'reportedWage' | 'previousWage' | 'month' | 'baseError'> {
  segment: Segment;
  wage: number;
  prevWage: number | null;
  month?: string;
}

/** The base rules of each month, read once per iteration. */
function rulesReader(ctx: CoreContext): (month: string) => BaseRules {
  const cache = new Map<string, BaseRules>();
  return (month) => {
    let r = cache.get(month);
    if (!r) {
      r = baseRules(ratesForMonth(ctx, month));
      cache.set(month, r);
    }
    return r;
  };
}

/**
 * The changes of one kind the branch has not been told about, in OPD, name order, one at a time:
 * callers keep only what they need of each (100,000 full rows at once take hundreds of MB). Consume it
 * synchronously: the connection is busy until the iteration ends.
 */
export function* iteratePending(ctx: CoreContext, kind: ReportKind, asOf: string): Generator<PendingChange> {
  const rules = rulesReader(ctx);
  const programsOf = programsReader(ctx); // exceptions, and no JP past retirement age (billing/person-programs.ts)
  const asOfMonth = monthOf(asOf);
  for (const r of ctx.db.prepare(QUERIES[kind]).iterate({ asOf }) as Iterable<PendingRow>) {
    // A deactivation reports no wage: the engagement's own wage is kept for the record.
    const month = kind === 'na' ? monthOf(r.endDate ?? asOf) : (r.month ?? asOfMonth);
    const { segment, wage, prevWage } = r;
    // One literal with every field (no rest/spread of the row): 100,000 rows a batch.
    const c: PendingChange = {
      kind, key: r.key, personId: r.personId, engagementId: r.engagementId, nik: r.nik, name: r.name,
      birthPlace: r.birthPlace, birthDate: r.birthDate, sex: r.sex, address: r.address, phone: r.phone,
      motherName: r.motherName, postalCode: r.postalCode, email: r.email, maritalStatus: r.maritalStatus, workLocation: r.workLocation, kpj: r.kpj, opdCode: r.opdCode, opdName: r.opdName, opdKind: r.opdKind,
      programs: programsOf(r.personId, r.programs, r.birthDate, month), position: r.position, reportedWage: wage, month, baseError: null,
      startDate: r.startDate, endDate: r.endDate, endReason: r.endReason, previousWage: null,
      npp: r.npp ?? null,
    };
    if (kind !== 'na') {
      try {
        c.reportedWage = reportedBase(segment, wage, rules(month));
        if (prevWage !== null) c.previousWage = reportedBase(segment, prevWage, rules(addMonths(month, -1)));
      } catch (e) {
        if (!(e instanceof SigapError)) throw e;
        c.reportedWage = 0;
        c.baseError = e.message;
      }
      // A new engagement or a floor row that leaves the base as it was is nothing to report.
      if (kind === 'wage' && c.baseError === null && c.previousWage === c.reportedWage) continue;
    }
    yield c;
  }
}

/** The pending changes of one kind as a list (small sets, tests). */
export function pendingChanges(ctx: CoreContext, kind: ReportKind, asOf: string): PendingChange[] {
  return [...iteratePending(ctx, kind, asOf)];
}

/** People registered in a submitted batch whose KPJ has not come back from the branch yet. */
export function awaitingKpj(ctx: CoreContext): number {
  const r = ctx.db
    .prepare(
      `SELECT count(DISTINCT i.person_id) AS n FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
       JOIN person p ON p.id = i.person_id
       WHERE b.status = 'submitted' AND b.kind IN ('new', 'bpu') AND p.kpj IS NULL`,
    )
    .get() as { n: number };
  return r.n;
}

/** Whether any of the keys is in a submitted batch (checked again inside the write transaction). */
export function submittedKeys(ctx: CoreContext, keys: string[]): string[] {
  const stmt = ctx.db.prepare(`SELECT 1 FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id WHERE i.change_key = ? AND b.status = 'submitted'`);
  return keys.filter((k) => stmt.get(k) !== undefined);
}
