/**
 * The few places where SQLite and PostgreSQL spell the same thing differently, as fragments a
 * repository splices into its SQL. Everything else is written once in the SQL both engines take
 * (`IS DISTINCT FROM`, `ON CONFLICT … DO NOTHING`, `RETURNING`, `string || string`, CASE, coalesce).
 *
 *   const d = dialect(q);
 *   await q.all(sql`SELECT id FROM person WHERE id IN ${d.inList(ids, 'int')} ORDER BY ${d.nocase(sql`name`)}`);
 *
 * Case-blind order and comparison follow SQLite's NOCASE on both: ASCII letters folded, then bytes
 * compared (PostgreSQL: lower(…) under the "C" collation, so no server locale changes an order).
 */
import { sql, sqlJoin, type SqlQuery, type SqlValue } from './sql';
import type { Engine } from './store';

/** How the values of a list travel: as integers (ids) or as text (NIKs, KPJs, codes). */
export type ListKind = 'int' | 'text';

export interface Dialect {
  readonly engine: Engine;
  /** An expression to ORDER BY case-blind. */
  nocase(expr: SqlQuery): SqlQuery;
  /** `a = b` ignoring case. */
  eqNocase(a: SqlQuery, b: SqlQuery | SqlValue): SqlQuery;
  /** `a LIKE pattern` ignoring case (SQLite's LIKE already ignores ASCII case), `\` as the escape. */
  likeNocase(a: SqlQuery, pattern: string): SqlQuery;
  /**
   * `(…)` holding the values, for `x IN ${d.inList(ids, 'int')}`: one parameter whatever the count
   * (a JSON array on SQLite, a PostgreSQL array), so 100,000 NIKs never hit a parameter limit.
   */
  inList(values: readonly (string | number)[], kind: ListKind): SqlQuery;
  /**
   * A table of the values with their position, `key` (0-based) and `value`, for joins that keep the
   * caller's order: `FROM ${d.listRows(ids, 'int')} j JOIN person p ON p.id = j.value ORDER BY j.key`.
   * Alias it as you like; its columns are `key` and `value`.
   */
  listRows(values: readonly (string | number)[], kind: ListKind): SqlQuery;
  /** The text at a path inside a JSON text column (`['letterhead', 'npp']`), or null. */
  jsonText(column: SqlQuery, path: readonly string[]): SqlQuery;
  /** The values of a group joined with `separator`, in `orderBy`'s order. */
  groupConcat(expr: SqlQuery, separator: string, orderBy: SqlQuery): SqlQuery;
  /** The larger / smaller of two or more values (SQLite's scalar max()/min()). */
  greatest(...xs: SqlQuery[]): SqlQuery;
  least(...xs: SqlQuery[]): SqlQuery;
  /** `LIMIT` with no limit, for a query that needs an OFFSET alone. */
  readonly noLimit: SqlQuery;
  /** An integer as text padded with zeros to `width` (SQLite printf('%0Nd')). */
  zeroPad(expr: SqlQuery, width: number): SqlQuery;
  /**
   * The calendar date (YYYY-MM-DD) of an ISO timestamp text shifted by whole hours: the Pemda's wall
   * date of a UTC time (WIB +7, WITA +8, WIT +9).
   */
  dateShifted(isoText: SqlQuery, hours: number): SqlQuery;
}

const sqlite: Dialect = {
  engine: 'sqlite',
  nocase: (e) => sql`${e} COLLATE NOCASE`,
  eqNocase: (a, b) => sql`${a} = ${b} COLLATE NOCASE`,
  likeNocase: (a, p) => sql`${a} LIKE ${p} ESCAPE '\\'`,
  inList: (values) => sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`,
  listRows: (values) => sql`(SELECT key, value FROM json_each(${JSON.stringify(values)}))`,
  jsonText: (col, path) => sql`json_extract(${col}, ${`$.${path.join('.')}`})`,
  groupConcat: (e, sep, order) => sql`group_concat(${e}, ${sep} ORDER BY ${order})`,
  greatest: (...xs) => sql`max(${sqlJoin(xs)})`,
  least: (...xs) => sql`min(${sqlJoin(xs)})`,
  noLimit: sql`LIMIT -1`,
  zeroPad: (e, w) => sql`printf(${`%0${w}d`}, ${e})`,
  dateShifted: (t, h) => sql`date(${t}, ${`${h >= 0 ? '+' : ''}${h} hours`})`,
};

/** The JSON array's elements as a column of the kind's type. */
const pgValue = (kind: ListKind) => (kind === 'int' ? sql`CAST(t.value AS bigint)` : sql`t.value`);

const postgres: Dialect = {
  engine: 'postgres',
  nocase: (e) => sql`lower(${e}) COLLATE "C"`,
  eqNocase: (a, b) => sql`lower(${a}) = lower(${b})`,
  likeNocase: (a, p) => sql`${a} ILIKE ${p} ESCAPE '\\'`,
  inList: (values, kind) => sql`(SELECT ${pgValue(kind)} FROM jsonb_array_elements_text(CAST(${JSON.stringify(values)} AS jsonb)) AS t(value))`,
  listRows: (values, kind) =>
    sql`(SELECT t.ord - 1 AS key, ${pgValue(kind)} AS value FROM jsonb_array_elements_text(CAST(${JSON.stringify(values)} AS jsonb)) WITH ORDINALITY AS t(value, ord))`,
  jsonText: (col, path) => sql`(CAST(${col} AS jsonb) #>> ${`{${path.join(',')}}`})`,
  groupConcat: (e, sep, order) => sql`string_agg(CAST(${e} AS text), ${sep} ORDER BY ${order})`,
  greatest: (...xs) => sql`greatest(${sqlJoin(xs)})`,
  least: (...xs) => sql`least(${sqlJoin(xs)})`,
  noLimit: sql`LIMIT ALL`,
  zeroPad: (e, w) => sql`lpad(CAST(${e} AS text), ${w}, '0')`,
  dateShifted: (t, h) => sql`to_char(CAST(${t} AS timestamptz) AT TIME ZONE 'UTC' + make_interval(hours => ${h}), 'YYYY-MM-DD')`,
};

export function dialect(q: { readonly engine: Engine }): Dialect {
  return q.engine === 'postgres' ? postgres : sqlite;
}

// ---- pg-roster: rows of a JSON array (bulk writes and batched reads as one parameter) ----

/**
 * The elements of a JSON array text as rows, for `INSERT … SELECT` of many rows in one statement:
 * `key` (0-based position, to keep the caller's order) and `value` (the element, as JSON), so
 * `j.value ->> 0` is an inner array's first item as text (SQLite: its SQL value). A number read with
 * `->>` needs `CAST(… AS bigint)` on PostgreSQL, where `->>` always gives text.
 */
export function jsonRows(q: { readonly engine: Engine }, json: string): SqlQuery {
  return q.engine === 'postgres'
    ? sql`(SELECT t.ord - 1 AS key, t.value FROM jsonb_array_elements(CAST(${json} AS jsonb)) WITH ORDINALITY AS t(value, ord))`
    : sql`(SELECT key, value FROM json_each(${json}))`;
}
