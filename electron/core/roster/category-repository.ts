/** Staff categories' SQL: the list, saving one, and what uses a category (its history, draft invoices). */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import { dialect } from '../store/dialect';

export interface CategoryRow {
  id: number;
  name: string;
  segment: 'PU' | 'BPU';
  programs: string;
  jkk_class: number | null;
  enrolled: number;
  registration_id: number | null;
}

/** The stored columns of a category, as saved (enrolled as 0/1). */
export interface CategoryValues {
  name: string; segment: 'PU' | 'BPU'; programs: string; jkkClass: number | null; enrolled: boolean; registrationId: number | null;
}

export const categoryRepo = {
  list(q: Queries): Promise<CategoryRow[]> {
    return q.all<CategoryRow>(sql`SELECT id, name, segment, programs, jkk_class, enrolled, registration_id FROM category ORDER BY id`);
  },
  segmentOf(q: Queries, id: number): Promise<{ segment: 'PU' | 'BPU' } | undefined> {
    return q.one(sql`SELECT segment FROM category WHERE id = ${id}`);
  },
  /** Another category with this name, case-insensitive. */
  sameName(q: Queries, name: string, exceptId: number | null): Promise<{ id: number; name: string } | undefined> {
    return q.one(sql`SELECT id, name FROM category WHERE ${dialect(q).eqNocase(sql`name`, name)} AND id IS DISTINCT FROM CAST(${exceptId} AS bigint) ORDER BY id LIMIT 1`);
  },
  async insert(q: Queries, v: CategoryValues): Promise<number> {
    return (await q.run(sql`INSERT INTO category (name, segment, programs, jkk_class, enrolled, registration_id)
      VALUES (${v.name}, ${v.segment}, ${v.programs}, ${v.jkkClass}, ${v.enrolled ? 1 : 0}, ${v.registrationId}) RETURNING id`)).newId!;
  },
  async update(q: Queries, id: number, v: CategoryValues): Promise<void> {
    await q.run(sql`UPDATE category SET name = ${v.name}, segment = ${v.segment}, programs = ${v.programs}, jkk_class = ${v.jkkClass},
      enrolled = ${v.enrolled ? 1 : 0}, registration_id = ${v.registrationId} WHERE id = ${id}`);
  },
  /**
   * Inside a write transaction, before a segment change checks that nothing uses the category: on
   * PostgreSQL the row is locked FOR UPDATE, which conflicts with the FOR KEY SHARE lock the foreign-key
   * check of a new engagement or SK naming it takes. An SK applied or a person added at the same time
   * then either commits first (and the check sees its rows) or waits until the change commits. A plain
   * UPDATE of the segment (not a key column) takes only FOR NO KEY UPDATE, which does not stop them.
   * SQLite's write transaction already holds the only write lock.
   */
  async lockForSegmentChange(q: Queries, id: number): Promise<void> {
    if (q.engine === 'postgres') await q.all(sql`SELECT id FROM category WHERE id = ${id} FOR UPDATE`);
  },
  /** How many engagements and SKs name the category. */
  async uses(q: Queries, id: number): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT (SELECT count(*) FROM engagement WHERE category_id = ${id}) + (SELECT count(*) FROM decree WHERE category_id = ${id}) AS n`))!.n;
  },
  /** Whether an issued invoice has a line of this category name (lines keep the name as it was when billed). */
  async billedInIssued(q: Queries, name: string): Promise<boolean> {
    return (await q.one(sql`SELECT 1 AS x FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id WHERE i.status = 'issued' AND l.category = ${name} LIMIT 1`)) !== undefined;
  },
  /** Months with a draft invoice billing this category name. */
  async draftMonths(q: Queries, name: string): Promise<string[]> {
    const rows = await q.all<{ month: string }>(sql`SELECT DISTINCT i.month FROM invoice i WHERE i.status = 'draft'
      AND EXISTS (SELECT 1 FROM invoice_line l WHERE l.invoice_id = i.id AND l.category = ${name}) ORDER BY i.month`);
    return rows.map((r) => r.month);
  },
  /** People in force on `day`, per category. */
  activeOn(q: Queries, day: string): Promise<{ id: number; n: number }[]> {
    return q.all(sql`SELECT category_id AS id, count(DISTINCT person_id) AS n FROM engagement
      WHERE start_date <= ${day} AND (end_date IS NULL OR end_date >= ${day}) GROUP BY category_id`);
  },
  /** Engagements and SKs naming each category. */
  usage(q: Queries): Promise<{ id: number; engagements: number; decrees: number }[]> {
    return q.all(sql`SELECT id, (SELECT count(*) FROM engagement WHERE category_id = c.id) AS engagements,
      (SELECT count(*) FROM decree WHERE category_id = c.id) AS decrees FROM category c`);
  },
  /** The employer registration's JKK class, when a profile is saved. */
  async employerJkkClass(q: Queries): Promise<number | undefined> {
    return (await q.one<{ c: number }>(sql`SELECT jkk_class AS c FROM employer WHERE id = 1`))?.c;
  },
};
