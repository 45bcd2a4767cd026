/** The budget forecast's SQL: the engagements of a year, the yearly SKs to renew, units' and categories' NPP classes. */
import { sql, sqlId } from '../store/sql';
import type { Queries } from '../store/store';

/** An engagement as the forecast bills it: `wage` is the reported wage when set, else the honor. */
export interface ForecastEngagementRow { person: number; id: number; opd: number; cat: number; wage: number; start: string; end: string | null; birth: string | null }

const ENGAGEMENT = sql`e.person_id AS person, e.id, e.opd_id AS opd, e.category_id AS cat,
  CASE WHEN e.reported_wage > 0 THEN e.reported_wage ELSE e.honor END AS wage, e.start_date AS "start", e.end_date AS "end",
  (SELECT birth_date FROM person p WHERE p.id = e.person_id) AS birth`;

export const forecastRepo = {
  /** Engagements in an enrolled category that overlap the year (first to last day), per person in start order. */
  inYear(q: Queries, yStart: string, yEnd: string): Promise<ForecastEngagementRow[]> {
    return q.all<ForecastEngagementRow>(sql`
      SELECT ${ENGAGEMENT}
      FROM engagement e JOIN category c ON c.id = e.category_id
      WHERE c.enrolled = 1 AND e.start_date <= ${yEnd} AND (e.end_date IS NULL OR e.end_date >= ${yStart})
      ORDER BY e.person_id, e.start_date, e.id`);
  },
  /**
   * People whose latest engagement (in an enrolled category) ended on `prevEnd` with no end reason:
   * the yearly SK about to be renewed. Rows as they were; the caller dates the renewal.
   */
  toRenew(q: Queries, prevEnd: string): Promise<ForecastEngagementRow[]> {
    return q.all<ForecastEngagementRow>(sql`
      SELECT ${ENGAGEMENT}
      FROM engagement e JOIN category c ON c.id = e.category_id
      WHERE c.enrolled = 1 AND e.end_date = ${prevEnd} AND e.end_reason IS NULL
        AND NOT EXISTS (SELECT 1 FROM engagement n WHERE n.person_id = e.person_id
          AND (n.start_date > e.start_date OR (n.start_date = e.start_date AND n.id > e.id)))`);
  },
  /** The JKK class of the registration (NPP) each unit or category belongs to, for those that belong to one. */
  async registrationClasses(q: Queries, table: 'opd' | 'category'): Promise<Map<number, number>> {
    const rows = await q.all<{ id: number; c: number }>(sql`
      SELECT t.id, r.jkk_class AS c FROM ${sqlId(table)} t JOIN employer_registration r ON r.id = t.registration_id`);
    return new Map(rows.map((r) => [r.id, r.c]));
  },
  units(q: Queries): Promise<{ id: number; code: string; name: string; kind: 'opd' | 'village'; budgetAccount: string | null }[]> {
    return q.all(sql`SELECT id, code, name, kind, budget_account AS "budgetAccount" FROM opd ORDER BY code`);
  },
};
