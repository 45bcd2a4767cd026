/** Units (OPD and villages) and the other names clerks' files use for them (unit_alias). */
import { sql, sqlId, sqlJoin } from '../store/sql';
import type { Queries } from '../store/store';
import { dialect } from '../store/dialect';

export interface OpdRow {
  id: number;
  code: string;
  name: string;
  kind: 'opd' | 'village';
  budget_account: string | null;
  address: string | null;
  head_name: string | null;
  head_nip: string | null;
  head_title: string | null;
  pptk_name: string | null;
  pptk_nip: string | null;
  treasurer_name: string | null;
  treasurer_nip: string | null;
  /** The employer registration (NPP) of the unit; null: the Pemda's own (settings/registrations.ts). */
  registration_id: number | null;
}

export interface NewOpdRow {
  code: string; name: string; name_key: string; kind: 'opd' | 'village'; budget_account: string | null; address: string | null;
  head_name: string | null; head_nip: string | null; head_title: string | null; pptk_name: string | null; pptk_nip: string | null;
  treasurer_name: string | null; treasurer_nip: string | null; created_at: string;
}

const NEW_OPD_COLUMNS = [
  'code', 'name', 'name_key', 'kind', 'budget_account', 'address', 'head_name', 'head_nip', 'head_title', 'pptk_name', 'pptk_nip',
  'treasurer_name', 'treasurer_nip', 'created_at',
] as const satisfies readonly (keyof NewOpdRow)[];

export interface UnitRef { id: number; code: string; name: string }

export interface UnitAliasRow {
  id: number;
  alias: string;
  aliasKey: string;
  opdId: number;
  opdCode: string;
  opdName: string;
  createdAt: string;
  createdBy: string;
}

export interface StoredAlias { id: number; alias: string; opd_id: number }

export const unitRepo = {
  list(q: Queries): Promise<OpdRow[]> {
    return q.all<OpdRow>(sql`SELECT id, code, name, kind, budget_account, address, head_name, head_nip, head_title, pptk_name, pptk_nip,
      treasurer_name, treasurer_nip, registration_id FROM opd ORDER BY code`);
  },
  byId(q: Queries, id: number): Promise<UnitRef | undefined> {
    return q.one<UnitRef>(sql`SELECT id, code, name FROM opd WHERE id = ${id}`);
  },
  byCodeNoCase(q: Queries, code: string): Promise<UnitRef | undefined> {
    return q.one<UnitRef>(sql`SELECT id, code, name FROM opd WHERE ${dialect(q).eqNocase(sql`code`, code)} ORDER BY id LIMIT 1`);
  },
  /** Units whose name matches `%part%`, case-blind (`%` and `_` typed stay wildcards, as always), by code. */
  byNamePart(q: Queries, part: string): Promise<UnitRef[]> {
    return q.all<UnitRef>(sql`SELECT id, code, name FROM opd WHERE ${dialect(q).likeNocase(sql`name`, `%${part}%`)} ORDER BY code, id`);
  },
  async count(q: Queries): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM opd`))!.n;
  },
  async codeTaken(q: Queries, code: string): Promise<boolean> {
    return (await q.one(sql`SELECT 1 AS x FROM opd WHERE code = ${code}`)) !== undefined;
  },
  async insert(q: Queries, row: NewOpdRow): Promise<number> {
    const cols = sqlJoin(NEW_OPD_COLUMNS.map(sqlId));
    const values = sqlJoin(NEW_OPD_COLUMNS.map((c) => row[c]));
    return (await q.run(sql`INSERT INTO opd (${cols}) VALUES (${values}) RETURNING id`)).newId!;
  },
  /** Units with someone engaged on `day`, by code. */
  async withPeopleOn(q: Queries, day: string): Promise<number[]> {
    const rows = await q.all<{ id: number }>(sql`SELECT o.id FROM opd o WHERE EXISTS (SELECT 1 FROM engagement e WHERE e.opd_id = o.id
      AND e.start_date <= ${day} AND (e.end_date IS NULL OR e.end_date >= ${day})) ORDER BY o.code`);
    return rows.map((r) => r.id);
  },

  aliases(q: Queries): Promise<UnitAliasRow[]> {
    return q.all<UnitAliasRow>(sql`SELECT a.id, a.alias, a.alias_key AS "aliasKey", a.opd_id AS "opdId", o.code AS "opdCode", o.name AS "opdName",
      a.created_at AS "createdAt", a.created_by AS "createdBy" FROM unit_alias a JOIN opd o ON o.id = a.opd_id ORDER BY o.name, a.alias, a.id`);
  },
  aliasKeys(q: Queries): Promise<{ aliasKey: string; opdId: number }[]> {
    return q.all(sql`SELECT alias_key AS "aliasKey", opd_id AS "opdId" FROM unit_alias`);
  },
  aliasByKey(q: Queries, key: string): Promise<StoredAlias | undefined> {
    return q.one<StoredAlias>(sql`SELECT id, alias, opd_id FROM unit_alias WHERE alias_key = ${key}`);
  },
  aliasById(q: Queries, id: number): Promise<StoredAlias | undefined> {
    return q.one<StoredAlias>(sql`SELECT id, alias, opd_id FROM unit_alias WHERE id = ${id}`);
  },
  async updateAlias(q: Queries, id: number, alias: string, opdId: number, at: string, by: string): Promise<void> {
    await q.run(sql`UPDATE unit_alias SET alias = ${alias}, opd_id = ${opdId}, created_at = ${at}, created_by = ${by} WHERE id = ${id}`);
  },
  async insertAlias(q: Queries, key: string, alias: string, opdId: number, at: string, by: string): Promise<number> {
    return (await q.run(sql`INSERT INTO unit_alias (alias_key, alias, opd_id, created_at, created_by) VALUES (${key}, ${alias}, ${opdId}, ${at}, ${by}) RETURNING id`)).newId!;
  },
  async deleteAlias(q: Queries, id: number): Promise<void> {
    await q.run(sql`DELETE FROM unit_alias WHERE id = ${id}`);
  },
};
