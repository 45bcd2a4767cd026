/** The Pemda's profile row (`employer`, id 1) and the paying units' rows as Pengaturan edits them. */
import { sql, sqlId, sqlJoin } from '../store/sql';
import type { Queries } from '../store/store';

export interface EmployerRow { name: string; npp: string | null; address: string | null; jkkClass: number; logo: string | null }

export const employerRepo = {
  get(q: Queries): Promise<EmployerRow | undefined> {
    return q.one<EmployerRow>(sql`SELECT name, npp, address, jkk_class AS "jkkClass", logo FROM employer WHERE id = 1`);
  },
  async save(q: Queries, e: EmployerRow): Promise<void> {
    await q.run(sql`INSERT INTO employer (id, name, npp, address, jkk_class, logo) VALUES (1, ${e.name}, ${e.npp}, ${e.address}, ${e.jkkClass}, ${e.logo})
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, npp = excluded.npp, address = excluded.address, jkk_class = excluded.jkk_class, logo = excluded.logo`);
  },
};

/** Column name (chosen by code, checked by sqlId) to value. */
export type OpdColumns = Record<string, string | number | null>;

export const opdRepo = {
  /** Another unit (not `exceptId`) with this code or name key. */
  clash(q: Queries, code: string | null, nameKey: string, exceptId: number | null): Promise<{ id: number; name: string } | undefined> {
    const other = exceptId === null ? sql`` : sql` AND id <> ${exceptId}`;
    return q.one<{ id: number; name: string }>(sql`SELECT id, name FROM opd WHERE (code = ${code} OR name_key = ${nameKey})${other}`);
  },
  async insert(q: Queries, row: OpdColumns): Promise<number> {
    const cols = Object.keys(row);
    const { newId } = await q.run(sql`INSERT INTO opd (${sqlJoin(cols.map(sqlId))}) VALUES (${sqlJoin(cols.map((c) => row[c] ?? null))}) RETURNING id`);
    return newId!;
  },
  /** The named columns of one unit, or undefined. */
  columns(q: Queries, id: number, cols: readonly string[]): Promise<OpdColumns | undefined> {
    return q.one<OpdColumns>(sql`SELECT ${sqlJoin(cols.map(sqlId))} FROM opd WHERE id = ${id}`);
  },
  async update(q: Queries, id: number, changes: OpdColumns): Promise<void> {
    const set = sqlJoin(Object.entries(changes).map(([c, v]) => sql`${sqlId(c)} = ${v}`));
    await q.run(sql`UPDATE opd SET ${set} WHERE id = ${id}`);
  },
};
