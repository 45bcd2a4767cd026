import type { CoreContext } from '../context';
import type { ReportKind } from '../../../shared/sipp-layouts';
import type { PendingChange } from './types';

/*
 * What the branch office has not been told, read from the roster as of a date. The rules:
 *
 * - new: the person's latest engagement started by the date is active on it, in an enrolled PU
 *   category, and the person has no KPJ.
 * - na: the person's latest engagement in an enrolled PU category ended before the date, the person
 *   is a participant (has a KPJ, or was registered in a submitted batch), and the end is not a death
 *   (end reason starting with "Meninggal": deaths go through the JKM claim, domain.md section 8).
 * - wage: an engagement in an enrolled PU category started by the date with a reported wage different
 *   from the person's previous PU engagement, the person is a participant, and no submitted
 *   registration already carried this engagement's wage.
 * - bpu: as new, for an enrolled BPU category (pekerja rentan).
 *
 * A change whose key is in a submitted batch is left out; cancelling the batch offers it again.
 */

const SUBMITTED = (key: string) => `EXISTS (SELECT 1 FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
  WHERE i.change_key = ${key} AND b.status = 'submitted')`;

const PARTICIPANT = `(p.kpj IS NOT NULL OR ${SUBMITTED("'new:' || p.id")})`;

const ENROLLED_PU = (alias: string) => `${alias}.segment = 'PU' AND ${alias}.enrolled = 1`;

/** No later engagement of the person (any category) that started by the date. */
const LATEST_BY_DATE = `NOT EXISTS (SELECT 1 FROM engagement n WHERE n.person_id = e.person_id
  AND (n.start_date > e.start_date OR (n.start_date = e.start_date AND n.id > e.id)) AND n.start_date <= @asOf)`;

const ACTIVE = 'e.start_date <= @asOf AND (e.end_date IS NULL OR e.end_date >= @asOf)';

const SELECT = `
  SELECT p.id AS personId, e.id AS engagementId, p.nik, p.name, p.birth_place AS birthPlace, p.birth_date AS birthDate,
         p.sex, p.address, p.phone, p.mother_name AS motherName, p.kpj, o.code AS opdCode, o.name AS opdName,
         o.kind AS opdKind, c.programs, e.position, e.reported_wage AS reportedWage, e.start_date AS startDate,
         e.end_date AS endDate, e.end_reason AS endReason`;

const FROM = `FROM engagement e JOIN person p ON p.id = e.person_id JOIN opd o ON o.id = e.opd_id JOIN category c ON c.id = e.category_id`;

const ORDER = 'ORDER BY o.code, p.name COLLATE NOCASE, p.nik, e.start_date';

const QUERIES: Record<ReportKind, string> = {
  new: `${SELECT}, 'new:' || p.id AS key, NULL AS previousWage ${FROM}
    WHERE ${ENROLLED_PU('c')} AND p.kpj IS NULL AND ${ACTIVE} AND ${LATEST_BY_DATE}
      AND NOT ${SUBMITTED("'new:' || p.id")} ${ORDER}`,

  na: `${SELECT}, 'na:' || e.id AS key, NULL AS previousWage ${FROM}
    WHERE ${ENROLLED_PU('c')} AND e.end_date IS NOT NULL AND e.end_date < @asOf
      AND NOT EXISTS (SELECT 1 FROM engagement n JOIN category nc ON nc.id = n.category_id
        WHERE n.person_id = e.person_id AND ${ENROLLED_PU('nc')}
          AND (n.start_date > e.start_date OR (n.start_date = e.start_date AND n.id > e.id)))
      AND ${PARTICIPANT}
      AND (e.end_reason IS NULL OR e.end_reason NOT LIKE 'Meninggal%')
      AND NOT ${SUBMITTED("'na:' || e.id")} ${ORDER}`,

  wage: `${SELECT}, 'wage:' || e.id AS key, prev.reported_wage AS previousWage ${FROM}
    JOIN engagement prev ON prev.id = (
      SELECT n.id FROM engagement n JOIN category nc ON nc.id = n.category_id
      WHERE n.person_id = e.person_id AND ${ENROLLED_PU('nc')}
        AND (n.start_date < e.start_date OR (n.start_date = e.start_date AND n.id < e.id))
      ORDER BY n.start_date DESC, n.id DESC LIMIT 1)
    WHERE ${ENROLLED_PU('c')} AND e.start_date <= @asOf AND prev.reported_wage <> e.reported_wage
      AND ${PARTICIPANT}
      AND NOT ${SUBMITTED("'wage:' || e.id")}
      AND NOT EXISTS (SELECT 1 FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
        WHERE i.change_key = 'new:' || p.id AND i.engagement_id = e.id AND b.status = 'submitted') ${ORDER}`,

  bpu: `${SELECT}, 'bpu:' || p.id AS key, NULL AS previousWage ${FROM}
    WHERE c.segment = 'BPU' AND c.enrolled = 1 AND p.kpj IS NULL AND ${ACTIVE} AND ${LATEST_BY_DATE}
      AND NOT ${SUBMITTED("'bpu:' || p.id")} ${ORDER}`,
};

/**
 * The changes of one kind the branch has not been told about, in OPD, name order, one at a time:
 * callers keep only what they need of each (100,000 full rows at once take hundreds of MB). Consume it
 * synchronously: the connection is busy until the iteration ends.
 */
export function* iteratePending(ctx: CoreContext, kind: ReportKind, asOf: string): Generator<PendingChange> {
  for (const r of ctx.db.prepare(QUERIES[kind]).iterate({ asOf }) as Iterable<PendingChange>) {
    r.kind = kind;
    yield r;
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
