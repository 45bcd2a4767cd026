/**
 * The incident log's SQL, and the reads of the roster an incident needs: the person, the engagement in
 * force on the day, the contribution months, a recorded death.
 */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';

export type IncidentKindCode = 'accident' | 'work_death' | 'death';

/** An incident with its person, unit and the category's programs (null without an engagement). */
export interface IncidentDbRow {
  id: number; personId: number; nik: string; name: string; kpj: string | null; opdId: number | null; opd: string | null;
  programs: string | null; kind: IncidentKindCode; date: string; place: string | null; description: string | null;
  reportedDate: string | null; reportedWage: number; createdAt: string; createdBy: string;
}

/** The columns an incident is written with. */
export interface IncidentFields {
  person_id: number; engagement_id: number; kind: IncidentKindCode; date: string; place: string | null;
  description: string | null; reported_date: string | null; reported_wage: number; now: string;
}

const ROW = sql`
  SELECT i.id, i.person_id AS "personId", p.nik, p.name, p.kpj, o.id AS "opdId", o.name AS opd, c.programs,
         i.kind, i.date, i.place, i.description, i.reported_date AS "reportedDate", i.reported_wage AS "reportedWage",
         i.created_at AS "createdAt", i.created_by AS "createdBy"
  FROM incident i JOIN person p ON p.id = i.person_id
  LEFT JOIN engagement e ON e.id = i.engagement_id LEFT JOIN opd o ON o.id = e.opd_id LEFT JOIN category c ON c.id = e.category_id`;

export const incidentRepo = {
  /** Newest first; `year` keeps one calendar year. */
  list(q: Queries, year: number | undefined): Promise<IncidentDbRow[]> {
    const where = year ? sql`WHERE substr(i.date, 1, 4) = ${String(year)}` : sql``;
    return q.all<IncidentDbRow>(sql`${ROW} ${where} ORDER BY i.date DESC, i.id DESC`);
  },
  byId(q: Queries, id: number): Promise<IncidentDbRow | undefined> {
    return q.one<IncidentDbRow>(sql`${ROW} WHERE i.id = ${id}`);
  },
  /** The stored row as it is, for the audit trail's "before". */
  raw(q: Queries, id: number): Promise<(Record<string, unknown> & { person_id: number; kind: IncidentKindCode; date: string }) | undefined> {
    return q.one(sql`SELECT * FROM incident WHERE id = ${id}`);
  },
  /** What an edit keeps of an incident. */
  editable(q: Queries, id: number): Promise<{ personId: number; kind: IncidentKindCode; date: string; place: string | null; description: string | null } | undefined> {
    return q.one(sql`SELECT person_id AS "personId", kind, date, place, description FROM incident WHERE id = ${id}`);
  },
  async insert(q: Queries, f: IncidentFields, actor: string): Promise<number> {
    const { newId } = await q.run(sql`
      INSERT INTO incident (person_id, engagement_id, kind, date, place, description, reported_date, reported_wage, created_at, created_by, updated_at)
      VALUES (${f.person_id}, ${f.engagement_id}, ${f.kind}, ${f.date}, ${f.place}, ${f.description}, ${f.reported_date}, ${f.reported_wage}, ${f.now}, ${actor}, ${f.now})
      RETURNING id`);
    return newId!;
  },
  async update(q: Queries, id: number, f: IncidentFields): Promise<void> {
    await q.run(sql`
      UPDATE incident SET engagement_id = ${f.engagement_id}, kind = ${f.kind}, date = ${f.date}, place = ${f.place}, description = ${f.description},
        reported_date = ${f.reported_date}, reported_wage = ${f.reported_wage}, updated_at = ${f.now} WHERE id = ${id}`);
  },
  /** The person's recorded death (an incident of a death kind), leaving out `exceptId`. */
  recordedDeath(q: Queries, personId: number, exceptId: number | null): Promise<{ id: number; date: string } | undefined> {
    const other = exceptId === null ? sql`` : sql` AND id <> ${exceptId}`;
    return q.one(sql`SELECT id, date FROM incident WHERE person_id = ${personId} AND kind IN ('death', 'work_death')${other} ORDER BY date, id LIMIT 1`);
  },
  person(q: Queries, id: number): Promise<{ id: number; nik: string; name: string } | undefined> {
    return q.one(sql`SELECT id, nik, name FROM person WHERE id = ${id}`);
  },
  /** Distinct months (up to `month`) of issued, non-credit invoices with a paid-for line of the person. */
  async billedMonths(q: Queries, personId: number, month: string): Promise<number> {
    return (await q.one<{ n: number }>(sql`
      SELECT count(DISTINCT i.month) AS n FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
      WHERE l.person_id = ${personId} AND i.status = 'issued' AND i.kind <> 'credit' AND i.month <= ${month} AND l.total > 0`))!.n;
  },
  /** The BPJS membership date from the branch's participant list (undefined: no row). */
  async memberSince(q: Queries, personId: number): Promise<string | null | undefined> {
    return (await q.one<{ s: string | null }>(sql`SELECT member_since AS s FROM bpjs_membership WHERE person_id = ${personId}`))?.s;
  },
  /** The latest engagement in force on the date, with the wage it reports (the reported wage, else the honor). */
  engagementOn(q: Queries, personId: number, date: string): Promise<{ id: number; wage: number; start: string; end: string | null } | undefined> {
    return q.one(sql`
      SELECT id, CASE WHEN reported_wage > 0 THEN reported_wage ELSE honor END AS wage, start_date AS "start", end_date AS "end"
      FROM engagement WHERE person_id = ${personId} AND start_date <= ${date} AND (end_date IS NULL OR end_date >= ${date})
      ORDER BY start_date DESC, id DESC LIMIT 1`);
  },
  /** The latest engagement that started by the date, however it ended. */
  lastEngagementBy(q: Queries, personId: number, date: string): Promise<{ end: string | null; reason: string | null } | undefined> {
    return q.one(sql`
      SELECT end_date AS "end", end_reason AS reason FROM engagement WHERE person_id = ${personId} AND start_date <= ${date}
      ORDER BY start_date DESC, id DESC LIMIT 1`);
  },
  async engagementsStartingAfter(q: Queries, personId: number, date: string): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM engagement WHERE person_id = ${personId} AND start_date > ${date}`))!.n;
  },
  /** Ids of the person's engagements still running after the date. */
  async runningAfter(q: Queries, personId: number, date: string): Promise<number[]> {
    const rows = await q.all<{ id: number }>(sql`
      SELECT id FROM engagement WHERE person_id = ${personId} AND start_date <= ${date} AND (end_date IS NULL OR end_date > ${date})`);
    return rows.map((r) => r.id);
  },
};
