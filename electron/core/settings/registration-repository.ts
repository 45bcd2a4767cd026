/**
 * Employer registrations' SQL (settings/registrations.ts holds the rules), and the SQL expressions of
 * the rule every area reuses in its own queries (billing, BPJS files, reconciliation, arrears): a
 * person's registration is their unit's if it has one, else their category's, else the Pemda's.
 */
import { sql, sqlId, sqlJoin, type SqlQuery } from '../store/sql';
import type { Queries } from '../store/store';

const QUALIFIED = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/** `alias.column` (or a bare column) chosen by code, as a fragment; a fragment is taken as it is. */
function column(expr: string | SqlQuery): SqlQuery {
  if (typeof expr !== 'string') return expr;
  if (!QUALIFIED.test(expr)) throw new TypeError(`column: "${expr}" bukan nama kolom`);
  return sqlJoin(expr.split('.').map(sqlId), sql`.`);
}

/** The registration id (NULL = the Pemda's own) of a unit row aliased `opd` and a category row aliased `category`. */
export function registrationIdSql(opd: string, category: string): SqlQuery {
  return sql`coalesce(${sqlId(opd)}.registration_id, ${sqlId(category)}.registration_id)`;
}

/** The NPP of a registration id expression (NULL: the Pemda's NPP, itself NULL when not set yet). */
export function registrationNppSql(regId: string | SqlQuery): SqlQuery {
  return sql`coalesce((SELECT r.npp FROM employer_registration r WHERE r.id = ${column(regId)}), (SELECT e.npp FROM employer e WHERE e.id = 1))`;
}

/** The JKK class of a registration id expression (NULL: the Pemda's class; class I while no profile is saved). */
export function registrationJkkClassSql(regId: string | SqlQuery): SqlQuery {
  return sql`coalesce((SELECT r.jkk_class FROM employer_registration r WHERE r.id = ${column(regId)}), (SELECT e.jkk_class FROM employer e WHERE e.id = 1), 1)`;
}

export interface RegistrationRow { id: number; npp: string; name: string; jkkClass: number }
export interface OwnRegistrationRow { name: string; npp: string | null; jkkClass: number }

const COLUMNS = sql`id, npp, name, jkk_class AS "jkkClass"`;

/** `registration_id` of a unit or category row is `id` (null: the Pemda's own). */
const belongsTo = (id: number | null) => (id === null ? sql`registration_id IS NULL` : sql`registration_id = ${id}`);

const count = async (q: Queries, query: SqlQuery) => (await q.one<{ n: number }>(query))!.n;

export const registrationRepo = {
  /** The Pemda's own registration: the employer profile row, if saved. */
  own(q: Queries): Promise<OwnRegistrationRow | undefined> {
    return q.one<OwnRegistrationRow>(sql`SELECT name, npp, jkk_class AS "jkkClass" FROM employer WHERE id = 1`);
  },
  /** The others, by NPP. */
  list(q: Queries): Promise<RegistrationRow[]> {
    return q.all<RegistrationRow>(sql`SELECT ${COLUMNS} FROM employer_registration ORDER BY npp`);
  },
  byId(q: Queries, id: number): Promise<RegistrationRow | undefined> {
    return q.one<RegistrationRow>(sql`SELECT ${COLUMNS} FROM employer_registration WHERE id = ${id}`);
  },
  async exists(q: Queries, id: number): Promise<boolean> {
    return (await q.one(sql`SELECT 1 AS one FROM employer_registration WHERE id = ${id}`)) !== undefined;
  },
  /** Another registration (not `exceptId`) with this NPP. */
  withNpp(q: Queries, npp: string, exceptId: number | null): Promise<{ id: number; name: string } | undefined> {
    const other = exceptId === null ? sql`` : sql` AND id <> ${exceptId}`;
    return q.one<{ id: number; name: string }>(sql`SELECT id, name FROM employer_registration WHERE npp = ${npp}${other}`);
  },
  countUnits(q: Queries, id: number | null): Promise<number> {
    return count(q, sql`SELECT count(*) AS n FROM opd WHERE ${belongsTo(id)}`);
  },
  countCategories(q: Queries, id: number | null): Promise<number> {
    return count(q, sql`SELECT count(*) AS n FROM category WHERE ${belongsTo(id)}`);
  },
  /** BPJS file batches written under an NPP. */
  countBatches(q: Queries, npp: string): Promise<number> {
    return count(q, sql`SELECT count(*) AS n FROM bpjs_batch WHERE npp = ${npp}`);
  },
  countInvoices(q: Queries, id: number): Promise<number> {
    return count(q, sql`SELECT count(*) AS n FROM invoice WHERE registration_id = ${id}`);
  },
  async insert(q: Queries, r: { npp: string; name: string; jkkClass: number; at: string; by: string }): Promise<number> {
    const { newId } = await q.run(sql`INSERT INTO employer_registration (npp, name, jkk_class, created_at, created_by)
      VALUES (${r.npp}, ${r.name}, ${r.jkkClass}, ${r.at}, ${r.by}) RETURNING id`);
    return newId!;
  },
  async update(q: Queries, id: number, r: { npp: string; name: string; jkkClass: number }): Promise<void> {
    await q.run(sql`UPDATE employer_registration SET npp = ${r.npp}, name = ${r.name}, jkk_class = ${r.jkkClass} WHERE id = ${id}`);
  },
  async delete(q: Queries, id: number): Promise<void> {
    await q.run(sql`DELETE FROM employer_registration WHERE id = ${id}`);
  },
};
