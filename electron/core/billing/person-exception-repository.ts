/**
 * Per-person exceptions (person_exception) and the rows the person page's billing summary reads: the
 * person, the engagement billed in a month with its category and registrations, the Pemda's class.
 */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import type { Segment } from '../../../shared/billing-types';

export interface ExceptionRow {
  id: number;
  personId: number;
  fromMonth: string;
  toMonth: string | null;
  programs: string | null;
  jkkClass: number | null;
  reason: string;
  source: string | null;
  createdAt: string;
  createdBy: string;
}

/** A new exception: the row without what the insert gives it (id, when and by whom). */
export type NewException = Omit<ExceptionRow, 'id' | 'createdAt' | 'createdBy'>;

/** The engagement billed in a month with what decides its programs and JKK class. */
export interface EngagedRow {
  category: string;
  segment: Segment;
  programs: string;
  ownClass: number | null;
  unit: string;
  unitRegClass: number | null;
  unitNpp: string | null;
  unitRegName: string | null;
  catRegClass: number | null;
  catNpp: string | null;
  catRegName: string | null;
}

const SELECT = sql`SELECT id, person_id AS "personId", from_month AS "fromMonth", to_month AS "toMonth", programs, jkk_class AS "jkkClass",
                          reason, source, created_at AS "createdAt", created_by AS "createdBy" FROM person_exception`;

export const personExceptionRepo = {
  /** Every exception covering `month`, by person, latest start first. */
  covering(q: Queries, month: string): Promise<ExceptionRow[]> {
    return q.all<ExceptionRow>(sql`${SELECT} WHERE from_month <= ${month} AND (to_month IS NULL OR to_month >= ${month}) ORDER BY person_id, from_month DESC, id DESC`);
  },

  /** A person's exceptions, latest first. */
  ofPerson(q: Queries, personId: number): Promise<ExceptionRow[]> {
    return q.all<ExceptionRow>(sql`${SELECT} WHERE person_id = ${personId} ORDER BY from_month DESC, id DESC`);
  },

  byId(q: Queries, id: number): Promise<ExceptionRow | undefined> {
    return q.one<ExceptionRow>(sql`${SELECT} WHERE id = ${id}`);
  },

  /** One of the person's exceptions sharing a month with from..to (to null: open-ended). */
  overlapping(q: Queries, personId: number, from: string, to: string | null): Promise<ExceptionRow | undefined> {
    return q.one<ExceptionRow>(sql`${SELECT} WHERE person_id = ${personId} AND from_month <= coalesce(${to}, '9999-12') AND (to_month IS NULL OR to_month >= ${from}) LIMIT 1`);
  },

  async insert(q: Queries, e: NewException, at: string, by: string): Promise<number> {
    const r = await q.run(sql`INSERT INTO person_exception (person_id, from_month, to_month, programs, jkk_class, reason, source, created_at, created_by)
      VALUES (${e.personId}, ${e.fromMonth}, ${e.toMonth}, ${e.programs}, ${e.jkkClass}, ${e.reason}, ${e.source}, ${at}, ${by}) RETURNING id`);
    return r.newId!;
  },

  /**
   * Ends the exception if its last month is still `was` (what the caller read and checked); `changes` 0:
   * another clerk ended it meanwhile (PostgreSQL's writers run side by side) and nothing was written.
   */
  end(q: Queries, id: number, lastMonth: string, at: string, by: string, was: string | null) {
    return q.run(sql`UPDATE person_exception SET to_month = ${lastMonth}, ended_at = ${at}, ended_by = ${by} WHERE id = ${id} AND to_month IS NOT DISTINCT FROM ${was}`);
  },

  async personName(q: Queries, personId: number): Promise<string | undefined> {
    return (await q.one<{ name: string }>(sql`SELECT name FROM person WHERE id = ${personId}`))?.name;
  },

  personBirthDate(q: Queries, personId: number): Promise<{ birthDate: string | null } | undefined> {
    return q.one<{ birthDate: string | null }>(sql`SELECT birth_date AS "birthDate" FROM person WHERE id = ${personId}`);
  },

  /** The segment of the person's latest engagement (any month), or undefined. */
  async latestSegment(q: Queries, personId: number): Promise<Segment | undefined> {
    return (await q.one<{ segment: Segment }>(sql`SELECT k.segment FROM engagement e JOIN category k ON k.id = e.category_id
      WHERE e.person_id = ${personId} ORDER BY e.start_date DESC, e.id DESC LIMIT 1`))?.segment;
  },

  /** The engagement billed in the month running first..last: the latest that counts (calc takes the same one). */
  engaged(q: Queries, personId: number, first: string, last: string): Promise<EngagedRow | undefined> {
    return q.one<EngagedRow>(sql`
      SELECT k.name AS category, k.segment, k.programs, k.jkk_class AS "ownClass", o.name AS unit,
             ro.jkk_class AS "unitRegClass", ro.npp AS "unitNpp", ro.name AS "unitRegName",
             rk.jkk_class AS "catRegClass", rk.npp AS "catNpp", rk.name AS "catRegName"
      FROM engagement e JOIN category k ON k.id = e.category_id JOIN opd o ON o.id = e.opd_id
      LEFT JOIN employer_registration ro ON ro.id = o.registration_id
      LEFT JOIN employer_registration rk ON rk.id = k.registration_id
      WHERE e.person_id = ${personId} AND e.start_date <= ${last} AND (e.end_date IS NULL OR e.end_date >= ${first})
      ORDER BY e.start_date DESC, e.id DESC LIMIT 1`);
  },

  /** The Pemda's JKK class and NPP, undefined without an employer profile. */
  employer(q: Queries): Promise<{ c: number; npp: string | null } | undefined> {
    return q.one<{ c: number; npp: string | null }>(sql`SELECT jkk_class AS c, npp FROM employer WHERE id = 1`);
  },
};
