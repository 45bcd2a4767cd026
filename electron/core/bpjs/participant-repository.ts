/**
 * People as the branch office knows them: found by KPJ (by NIK: roster/person-repository.ts), their KPJ
 * and membership from an imported participant list, and the person fields the pre-flight fills in one step.
 */
import { sql, sqlId, sqlJoin } from '../store/sql';
import type { Queries } from '../store/store';
import { lockTables } from '../store/table-lock';
import { dialect } from '../store/dialect';

/** 5 values a row: well under both engines' parameter limits. */
const MEMBERSHIPS_PER_INSERT = 500;

export interface KpjImportRecord {
  file: string; sha256: string; rows: number; applied: number; at: string; by: string;
}

export const participantRepo = {
  /**
   * First in a participant list's apply, before it matches the file again: SQLite's write transaction
   * holds the one write lock already (BEGIN IMMEDIATE). PostgreSQL writers run side by side, so the apply
   * takes the people and their memberships from other writers until it commits (readers go on): two lists
   * giving the same KPJ to different NIKs take turns, and the second one's KPJ_TAKEN check sees the first.
   */
  async lockForKpjImport(q: Queries): Promise<void> {
    await lockTables(q, ['person', 'bpjs_membership'], 'share row exclusive');
  },
  /** The people holding these NIKs, by NIK (one statement for a whole participant list). */
  async byNiks(q: Queries, niks: readonly string[]): Promise<Map<string, { id: number; name: string; kpj: string | null }>> {
    if (niks.length === 0) return new Map();
    const rows = await q.all<{ id: number; nik: string; name: string; kpj: string | null }>(sql`SELECT id, nik, name, kpj FROM person
      WHERE nik IN ${dialect(q).inList([...new Set(niks)], 'text')}`);
    return new Map(rows.map((r) => [r.nik, { id: r.id, name: r.name, kpj: r.kpj }]));
  },
  /** Who holds each of these KPJs (a KPJ may be on several people), lowest id first. */
  async kpjHolders(q: Queries, kpjs: readonly string[]): Promise<Map<string, { nik: string; name: string }[]>> {
    const out = new Map<string, { nik: string; name: string }[]>();
    if (kpjs.length === 0) return out;
    const rows = await q.all<{ kpj: string; nik: string; name: string }>(sql`SELECT kpj, nik, name FROM person
      WHERE kpj IN ${dialect(q).inList([...new Set(kpjs)], 'text')} ORDER BY id`);
    for (const r of rows) {
      const list = out.get(r.kpj) ?? [];
      list.push({ nik: r.nik, name: r.name });
      out.set(r.kpj, list);
    }
    return out;
  },
  async insertKpjImport(q: Queries, r: KpjImportRecord): Promise<number> {
    const out = await q.run(sql`INSERT INTO bpjs_kpj_import (file, sha256, rows, applied, imported_at, imported_by)
      VALUES (${r.file}, ${r.sha256}, ${r.rows}, ${r.applied}, ${r.at}, ${r.by}) RETURNING id`);
    return out.newId!;
  },
  async setKpj(q: Queries, personId: number, kpj: string, now: string): Promise<void> {
    await q.run(sql`UPDATE person SET kpj = ${kpj}, updated_at = ${now} WHERE id = ${personId}`);
  },
  /**
   * The people's membership as the participant list says (a later list without a date keeps the known
   * one), several hundred per statement. Each person at most once in `list`.
   */
  async saveMemberships(q: Queries, importId: number, now: string, list: readonly { personId: number; kpj: string; memberSince: string | null }[]): Promise<void> {
    for (let at = 0; at < list.length; at += MEMBERSHIPS_PER_INSERT) {
      const rows = list.slice(at, at + MEMBERSHIPS_PER_INSERT).map((m) => sql`(${m.personId}, ${m.kpj}, ${m.memberSince}, ${importId}, ${now})`);
      await q.run(sql`INSERT INTO bpjs_membership (person_id, kpj, member_since, import_id, updated_at)
        VALUES ${sqlJoin(rows)}
        ON CONFLICT (person_id) DO UPDATE SET kpj = excluded.kpj, member_since = coalesce(excluded.member_since, bpjs_membership.member_since),
          import_id = excluded.import_id, updated_at = excluded.updated_at`);
    }
  },
  /** One person column (named by code: shared/person-contact.ts) of these people with their NIK and name, by id, in one statement. */
  async fields(q: Queries, column: string, personIds: readonly number[]): Promise<Map<number, { nik: string; name: string; value: string | null }>> {
    if (personIds.length === 0) return new Map();
    const rows = await q.all<{ id: number; nik: string; name: string; value: string | null }>(sql`SELECT id, nik, name, ${sqlId(column)} AS value FROM person
      WHERE id IN ${dialect(q).inList([...new Set(personIds)], 'int')}`);
    return new Map(rows.map((r) => [r.id, { nik: r.nik, name: r.name, value: r.value }]));
  },
  async setField(q: Queries, column: string, personId: number, value: string, now: string): Promise<void> {
    await q.run(sql`UPDATE person SET ${sqlId(column)} = ${value}, updated_at = ${now} WHERE id = ${personId}`);
  },
};
