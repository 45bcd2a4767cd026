/** "Lengkapi data pegawai"'s SQL: the stored values a filled workbook is compared with, and a unit's people to write one. */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import { lockTables } from '../store/table-lock';
import { dialect } from '../store/dialect';
import type { CompletionField } from '../../../shared/completion-columns';

/** A person's completion fields as stored, keyed by field (shared/completion-columns.ts). */
export type StoredCompletion = { id: number; nik: string; name: string } & Record<CompletionField, string | null>;

export type UnitPersonValues = { nik: string; name: string; position: string | null } & Record<CompletionField, string | null>;

/** COMPLETION_DB_COLUMNS as camelCase fields, in COMPLETION_FIELDS' order (the preview's fingerprint hashes rows in it). */
const FIELDS = sql`p.kpj, p.mother_name AS "motherName", p.address, p.postal_code AS "postalCode", p.phone, p.email,
  p.marital_status AS "maritalStatus", p.work_location AS "workLocation"`;

/** The unit's engagements in force on the day. */
const current = (opdId: number, day: string) => sql`FROM engagement e JOIN person p ON p.id = e.person_id
  WHERE e.opd_id = ${opdId} AND e.start_date <= ${day} AND (e.end_date IS NULL OR e.end_date >= ${day})`;

export const completionRepo = {
  /**
   * Inside the apply's write transaction, before its fingerprint check: SQLite's transaction holds the
   * one write lock already (BEGIN IMMEDIATE). PostgreSQL writers run side by side, so the apply takes the
   * person table from other writers until it commits (readers go on): a person edited meanwhile is either
   * committed before the check (and refuses the stale preview) or waits, never overwritten unseen. The
   * whole table rather than each row: a file may name 100,000 people, and unknown NIKs added meanwhile count too.
   */
  async lockForApply(q: Queries): Promise<void> {
    await lockTables(q, ['person'], 'share row exclusive');
  },
  /**
   * One row per NIK, in the list's order: the stored values, or all null (id null) where no one holds the
   * NIK. The connection is held until the loop ends: its body must not query.
   */
  storedInOrder(q: Queries, niks: readonly string[]): AsyncIterable<StoredCompletion | { [K in keyof StoredCompletion]: null }> {
    return q.iterate(sql`SELECT p.id, p.nik, p.name, ${FIELDS} FROM ${dialect(q).listRows(niks, 'text')} j LEFT JOIN person p ON p.nik = j.value ORDER BY j.key`);
  },
  /** The people holding these KPJs, by id (a KPJ is not unique in the table: the first other holder is named). */
  kpjHolders(q: Queries, kpjs: readonly string[]): Promise<{ id: number; nik: string; name: string; kpj: string }[]> {
    return q.all(sql`SELECT id, nik, name, kpj FROM person WHERE kpj IN ${dialect(q).inList(kpjs, 'text')} ORDER BY id`);
  },
  async countOfUnit(q: Queries, opdId: number, day: string): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(DISTINCT p.id) AS n ${current(opdId, day)}`))!.n;
  },
  /**
   * The unit's people engaged on the day, by name, one at a time. The connection is held until the loop
   * ends: its body must not query. max() of the positions of one person (grouped by its key, so PostgreSQL
   * takes the person's other columns too).
   */
  peopleOfUnit(q: Queries, opdId: number, day: string): AsyncIterable<UnitPersonValues> {
    return q.iterate<UnitPersonValues>(sql`SELECT p.nik, p.name, max(e.position) AS position, ${FIELDS} ${current(opdId, day)}
      GROUP BY p.id ORDER BY ${dialect(q).nocase(sql`p.name`)}, p.nik`);
  },
};
