/**
 * TK lanjutan: who is registered with the "Upload TK Lanjutan" file, keyed by KPJ, instead of as new.
 *
 * A person whose latest engagement is active on the date in an enrolled PU category, who already holds a
 * KPJ (from an earlier employer: the SK or the person form carried it), and whom the branch office does
 * not list as a participant under the Pemda's NPP: no bpjs_membership row from an imported participant
 * list, and no submitted registration (new or lanjutan) of the person.
 *
 * Only a participant list tells "a KPJ from an earlier job" from "a KPJ of this Pemda" (on the day Sigap
 * is adopted nearly everyone on the roster has a KPJ of the Pemda and no membership row yet), so nobody
 * is routed here until the branch's participant list was imported once (Pelaporan BPJS > Impor KPJ).
 * Before that, `continueNeedsList` (pending.ts) tells the screens to ask for it.
 */
import { sql, type SqlQuery } from '../store/sql';
import type { Queries } from '../store/store';

/** The SQL fragments pending-repository.ts builds its queries from. */
export interface PendingSql {
  SELECT: SqlQuery;
  FROM: SqlQuery;
  ORDER: SqlQuery;
  ACTIVE: SqlQuery;
  LATEST_BY_DATE: SqlQuery;
  ENROLLED_PU: (alias: string) => SqlQuery;
  SUBMITTED: (key: SqlQuery) => SqlQuery;
}

const LIST_IMPORTED = sql`EXISTS (SELECT 1 FROM bpjs_kpj_import WHERE applied > 0)`;

export function continueQuery(q: PendingSql): SqlQuery {
  return sql`${q.SELECT}, 'continue:' || p.id AS key, NULL AS "prevWage" ${q.FROM}
    WHERE ${q.ENROLLED_PU('c')} AND p.kpj IS NOT NULL AND ${q.ACTIVE} AND ${q.LATEST_BY_DATE}
      AND ${LIST_IMPORTED}
      AND NOT EXISTS (SELECT 1 FROM bpjs_membership m WHERE m.person_id = p.id)
      AND NOT ${q.SUBMITTED(sql`'continue:' || p.id`)} AND NOT ${q.SUBMITTED(sql`'new:' || p.id`)} ${q.ORDER}`;
}

/**
 * A person's KPJ counts as a participation under this Pemda (for deactivations and wage changes): when no
 * participant list was imported yet (nothing tells otherwise), when the list names the person, or when
 * Sigap registered the person as TK lanjutan. A KPJ holder the imported list leaves out is registered
 * first (TK lanjutan), not deactivated or given a wage change the branch could not match.
 */
export function kpjOfThisEmployer(submitted: (key: SqlQuery) => SqlQuery): SqlQuery {
  return sql`(NOT ${LIST_IMPORTED} OR EXISTS (SELECT 1 FROM bpjs_membership m WHERE m.person_id = p.id) OR ${submitted(sql`'continue:' || p.id`)})`;
}

/** Whether a participant list with at least one match was imported. */
export async function participantListImported(q: Queries): Promise<boolean> {
  const r = await q.one<{ imported: number }>(sql`SELECT CASE WHEN ${LIST_IMPORTED} THEN 1 ELSE 0 END AS imported`);
  return r?.imported === 1;
}
