/**
 * A person's and their engagements' SQL: finding a person by NIK (the one place that does), creating,
 * editing and ending, and the per-field reads and writes of the bulk edit and the completion import.
 */
import { sql, sqlId, sqlJoin } from '../store/sql';
import type { Queries } from '../store/store';
import { dialect } from '../store/dialect';
import { advisoryLock } from '../store/advisory-lock';

/** A person's stored identity and contact columns, as the before/after snapshots of the audit name them. */
export interface PersonRow {
  nik: string; name: string; birth_place: string | null; birth_date: string | null; sex: 'L' | 'P' | null;
  address: string | null; phone: string | null; mother_name: string | null; kpj: string | null;
  postal_code: string | null; email: string | null; marital_status: string | null; work_location: string | null;
}

/** PersonRow's columns, in its order. */
export const PERSON_COLUMN_NAMES = [
  'nik', 'name', 'birth_place', 'birth_date', 'sex', 'address', 'phone', 'mother_name', 'kpj', 'postal_code', 'email', 'marital_status', 'work_location',
] as const satisfies readonly (keyof PersonRow)[];

const PERSON_COLUMNS = sqlJoin(PERSON_COLUMN_NAMES.map(sqlId));

/**
 * The UPDATE's text pieces per set of columns, made once: the completion import and the SK apply update
 * 100,000 people, and building fragments per row (sqlId, sqlJoin) doubled the cost of each update. The
 * names are PersonRow's own columns (checked against the list); every value stays a parameter.
 */
const updateTexts = new Map<string, TemplateStringsArray>();
function updateText(columns: readonly string[]): TemplateStringsArray {
  const key = columns.join(',');
  let text = updateTexts.get(key);
  if (!text) {
    for (const c of columns) if (!(PERSON_COLUMN_NAMES as readonly string[]).includes(c)) throw new TypeError(`person: kolom "${c}" tidak dikenal`);
    if (columns.length === 0) throw new TypeError('person: tidak ada kolom yang diubah');
    const parts = [`UPDATE person SET ${columns[0]} = `, ...columns.slice(1).map((c) => `, ${c} = `), ', updated_at = ', ' WHERE id = ', ''];
    text = Object.assign(parts, { raw: parts }) as unknown as TemplateStringsArray;
    updateTexts.set(key, text);
  }
  return text;
}

export interface PersonByNik { id: number; nik: string; name: string; kpj: string | null }

export interface EngagementToEnd { start_date: string; end_date: string | null; nik: string }

export interface NewEngagement {
  personId: number; opdId: number; categoryId: number; position: string | null; honor: number; startDate: string; endDate: string | null;
}

export const personRepo = {
  /** The person holding this NIK (exactly as stored: 16 digits), or undefined. Every "find by NIK" uses this. */
  byNik(q: Queries, nik: string): Promise<PersonByNik | undefined> {
    return q.one<PersonByNik>(sql`SELECT id, nik, name, kpj FROM person WHERE nik = ${nik}`);
  },

  /** The person holding this NIK with every stored column (what an SK apply compares a row with), or undefined. */
  rowByNik(q: Queries, nik: string): Promise<({ id: number } & PersonRow) | undefined> {
    return q.one(sql`SELECT id, ${PERSON_COLUMNS} FROM person WHERE nik = ${nik}`);
  },

  row(q: Queries, id: number): Promise<PersonRow | undefined> {
    return q.one<PersonRow>(sql`SELECT ${PERSON_COLUMNS} FROM person WHERE id = ${id}`);
  },

  async insert(q: Queries, p: PersonRow, now: string): Promise<number> {
    const values = sqlJoin(PERSON_COLUMN_NAMES.map((c) => p[c]));
    return (await q.run(sql`INSERT INTO person (${PERSON_COLUMNS}, created_at, updated_at) VALUES (${values}, ${now}, ${now}) RETURNING id`)).newId!;
  },

  /** Sets the given columns (names chosen by code: PersonRow's keys) and the update time. */
  async update(q: Queries, id: number, changes: Partial<PersonRow>, now: string): Promise<void> {
    const columns = Object.keys(changes) as (keyof PersonRow)[];
    await q.run(sql(updateText(columns), ...columns.map((c) => changes[c] ?? null), now, id));
  },

  /** One column's value for each of these people (missing people are left out), in the ids' order. */
  valuesOf(q: Queries, column: keyof PersonRow, ids: readonly number[]): Promise<{ id: number; nik: string; name: string; value: string | null }[]> {
    return q.all(sql`SELECT p.id, p.nik, p.name, p.${sqlId(column)} AS value FROM ${dialect(q).listRows(ids, 'int')} j JOIN person p ON p.id = j.value ORDER BY j.key`);
  },

  async insertEngagement(q: Queries, e: NewEngagement): Promise<number> {
    return (await q.run(sql`INSERT INTO engagement (person_id, decree_id, opd_id, category_id, position, honor, reported_wage, start_date, end_date)
      VALUES (${e.personId}, NULL, ${e.opdId}, ${e.categoryId}, ${e.position}, ${e.honor}, ${e.honor}, ${e.startDate}, ${e.endDate}) RETURNING id`)).newId!;
  },

  /** An engagement of the person in force at some time between `from` and `to` (the unit's name and start). */
  overlapping(q: Queries, personId: number, from: string, to: string): Promise<{ name: string; start_date: string } | undefined> {
    return q.one(sql`SELECT o.name, e.start_date FROM engagement e JOIN opd o ON o.id = e.opd_id
      WHERE e.person_id = ${personId} AND e.start_date <= ${to} AND (e.end_date IS NULL OR e.end_date >= ${from}) LIMIT 1`);
  },

  engagementToEnd(q: Queries, id: number): Promise<EngagementToEnd | undefined> {
    return q.one<EngagementToEnd>(sql`SELECT e.start_date, e.end_date, p.nik FROM engagement e JOIN person p ON p.id = e.person_id WHERE e.id = ${id}`);
  },

  /**
   * Ends the engagement if its end date is still `was` (what the caller read and checked). False: another
   * transaction changed the end meanwhile (a death, an SK apply, another clerk) and nothing was written;
   * PostgreSQL's writers run side by side, and an unconditional UPDATE would overwrite that end with one
   * checked against the old value. `IS NOT DISTINCT FROM` (both engines) matches a null read too.
   */
  async endEngagement(q: Queries, id: number, endDate: string, reason: string, was: string | null): Promise<boolean> {
    const r = await q.run(sql`UPDATE engagement SET end_date = ${endDate}, end_reason = ${reason} WHERE id = ${id} AND end_date IS NOT DISTINCT FROM ${was}`);
    return r.changes === 1;
  },

  /**
   * Inside the write transaction, before reading a person's incidents or exceptions to check a new one:
   * one writer at a time per person, so the second of two clerks recording a death (or adding an
   * exception for the same months) reads the first one's row and is refused by the same check. There
   * may be no row to lock yet, and a row lock on the person could deadlock with the SK apply (it locks
   * the incident table and then updates people): an advisory lock on the id (store/advisory-lock.ts).
   */
  lockPersonRecords(q: Queries, personId: number): Promise<void> {
    return advisoryLock(q, 'personRecords', personId);
  },
};
