/**
 * Counts the app's frame shows (Tentang Sigap, the first-run hints) and the active staff per unit that
 * Pengaturan › OPD lists beside each unit. Created for the bridge's app.info and opd.list (issue #12:
 * no SQL in core/api/).
 */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';

export interface RosterCounts {
  persons: number;
  decrees: number;
  opds: number;
}

export async function rosterCounts(q: Queries): Promise<RosterCounts> {
  const n = async (query: ReturnType<typeof sql>) => (await q.one<{ n: number }>(query))!.n;
  return {
    persons: await n(sql`SELECT count(*) AS n FROM person`),
    decrees: await n(sql`SELECT count(*) AS n FROM decree`),
    opds: await n(sql`SELECT count(*) AS n FROM opd`),
  };
}

/** People with an engagement in force on `day` (ISO date), per unit id; units without any are absent. */
export async function activePersonsByOpd(q: Queries, day: string): Promise<Map<number, number>> {
  const rows = await q.all<{ opdId: number; n: number }>(
    sql`SELECT opd_id AS "opdId", count(DISTINCT person_id) AS n FROM engagement WHERE start_date <= ${day} AND (end_date IS NULL OR end_date >= ${day}) GROUP BY opd_id`,
  );
  return new Map(rows.map((r) => [r.opdId, r.n]));
}
