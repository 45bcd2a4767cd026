/**
 * People as the branch office knows them: found by KPJ (by NIK: roster/person-repository.ts), their KPJ
 * and membership from an imported participant list, and the person fields the pre-flight fills in one step.
 */
import { sql, sqlId } from '../store/sql';
import type { Queries } from '../store/store';

export interface KpjImportRecord {
  file: string; sha256: string; rows: number; applied: number; at: string; by: string;
}

export const participantRepo = {
  byKpj(q: Queries, kpj: string): Promise<{ nik: string; name: string } | undefined> {
    return q.one(sql`SELECT nik, name FROM person WHERE kpj = ${kpj}`);
  },
  /** Someone else than the NIK holding the KPJ. */
  kpjOwnerOtherThan(q: Queries, kpj: string, nik: string): Promise<{ nik: string; name: string } | undefined> {
    return q.one(sql`SELECT nik, name FROM person WHERE kpj = ${kpj} AND nik <> ${nik}`);
  },
  async insertKpjImport(q: Queries, r: KpjImportRecord): Promise<number> {
    const out = await q.run(sql`INSERT INTO bpjs_kpj_import (file, sha256, rows, applied, imported_at, imported_by)
      VALUES (${r.file}, ${r.sha256}, ${r.rows}, ${r.applied}, ${r.at}, ${r.by}) RETURNING id`);
    return out.newId!;
  },
  async setKpj(q: Queries, personId: number, kpj: string, now: string): Promise<void> {
    await q.run(sql`UPDATE person SET kpj = ${kpj}, updated_at = ${now} WHERE id = ${personId}`);
  },
  /** The person's membership as the participant list says (a later list without a date keeps the known one). */
  async saveMembership(q: Queries, m: { personId: number; kpj: string; memberSince: string | null; importId: number; now: string }): Promise<void> {
    await q.run(sql`INSERT INTO bpjs_membership (person_id, kpj, member_since, import_id, updated_at)
      VALUES (${m.personId}, ${m.kpj}, ${m.memberSince}, ${m.importId}, ${m.now})
      ON CONFLICT (person_id) DO UPDATE SET kpj = excluded.kpj, member_since = coalesce(excluded.member_since, bpjs_membership.member_since),
        import_id = excluded.import_id, updated_at = excluded.updated_at`);
  },
  /** One person column (named by code: shared/person-contact.ts) with the person's NIK and name. */
  field(q: Queries, column: string, personId: number): Promise<{ nik: string; name: string; value: string | null } | undefined> {
    return q.one(sql`SELECT nik, name, ${sqlId(column)} AS value FROM person WHERE id = ${personId}`);
  },
  async setField(q: Queries, column: string, personId: number, value: string, now: string): Promise<void> {
    await q.run(sql`UPDATE person SET ${sqlId(column)} = ${value}, updated_at = ${now} WHERE id = ${personId}`);
  },
};
