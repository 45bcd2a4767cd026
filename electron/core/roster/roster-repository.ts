/**
 * The roster list's SQL: which engagements a filter shows and in what order (one id list), and the rows
 * of a page or of the whole list. The WHERE clause is built from sql fragments, each with its own value.
 */
import { sql, sqlJoin, type SqlQuery } from '../store/sql';
import type { Engine, Queries } from '../store/store';
import { dialect, type Dialect } from '../store/dialect';

export interface RosterFilter {
  /** `YYYY-MM`: who is active in that month (the default status) or was engaged in it. */
  month: string;
  search?: string;
  opdId?: number;
  /** Matches the OPD's code or name, case-insensitive (the CLI's `--opd`). */
  opd?: string;
  categoryId?: number;
  /** True: only people with a KPJ (enrolled with BPJS, as the dashboard counts them); false: only those without. */
  hasKpj?: boolean;
  /** `active`: engaged in the month; `ended`: engaged before, not in the month; `all`: everyone. */
  status?: 'active' | 'ended' | 'all';
  sort?: 'name' | 'nik' | 'opd' | 'honor' | 'start';
  desc?: boolean;
  offset?: number;
  limit?: number;
}

export interface RosterRow {
  personId: number;
  engagementId: number;
  nik: string;
  name: string;
  sex: 'L' | 'P' | null;
  birthPlace: string | null;
  birthDate: string | null;
  kpj: string | null;
  opdId: number;
  opd: string;
  opdCode: string;
  categoryId: number;
  category: string;
  segment: 'PU' | 'BPU';
  position: string | null;
  honor: number;
  reportedWage: number;
  startDate: string;
  endDate: string | null;
  decreeNumber: string | null;
  active: boolean;
}

/** The contact fields of migration 0120, for an export that asks for them (not on screen). */
export interface RosterContact {
  postalCode: string | null;
  email: string | null;
  maritalStatus: string | null;
  workLocation: string | null;
}

/** The month's first and last day, as the list's dates compare. */
export interface MonthSpan {
  from: string;
  to: string;
}

/** Names order case-blind on both engines (dialect nocase). */
/** Each sort's keys, most significant first; descending reverses every key (the OPDs too, not only the names within one). */
const sorts = (d: Dialect): Record<NonNullable<RosterFilter['sort']>, SqlQuery[]> => ({
  name: [d.nocase(sql`p.name`)],
  nik: [sql`p.nik`],
  opd: [d.nocase(sql`o.name`), d.nocase(sql`p.name`)],
  honor: [sql`e.honor`],
  start: [sql`e.start_date`],
});

const likeEscaped = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A filter's conditions, split by the tables they read, and the sort it is ordered by. */
interface Conditions {
  /** On the engagement and the person. */
  where: SqlQuery[];
  /** On the unit only (its code or name typed). */
  opdWhere: SqlQuery[];
  search: boolean;
  /** The filter reads the person (a search, the KPJ) or the unit (its code or name). */
  readsPerson: boolean;
  readsOpd: boolean;
  /** The filter keeps one unit's or one category's engagements (their indexes find them). */
  narrowed: boolean;
  sort: NonNullable<RosterFilter['sort']>;
}

/**
 * Each person's latest engagement that started by the end of the month (a person ended mid-month and
 * re-engaged appears once), and what the filter asks. `byIdentity` false: the caller may not see NIK
 * and KPJ, so it searches and sorts by name only.
 */
function conditionsOf(engine: Engine, f: RosterFilter, span: MonthSpan, byIdentity: boolean): Conditions {
  const d = dialect({ engine });
  const where: SqlQuery[] = [
    sql`e.start_date <= ${span.to}`,
    sql`NOT EXISTS (SELECT 1 FROM engagement n WHERE n.person_id = e.person_id AND n.start_date > e.start_date AND n.start_date <= ${span.to})`,
  ];
  const opdWhere: SqlQuery[] = [];
  const status = f.status ?? 'active';
  if (status === 'active') where.push(sql`(e.end_date IS NULL OR e.end_date >= ${span.from})`);
  if (status === 'ended') where.push(sql`e.end_date < ${span.from}`);
  if (f.opdId !== undefined) where.push(sql`e.opd_id = ${f.opdId}`);
  const opd = f.opd?.trim() ?? '';
  // The name as a LIKE pattern, as typed (`%` and `_` stay wildcards, as always), case-blind.
  if (opd !== '') opdWhere.push(sql`(${d.eqNocase(sql`o.code`, opd)} OR ${d.likeNocase(sql`o.name`, `%${opd}%`)})`);
  if (f.categoryId !== undefined) where.push(sql`e.category_id = ${f.categoryId}`);
  if (f.hasKpj !== undefined) where.push(f.hasKpj ? sql`p.kpj IS NOT NULL` : sql`p.kpj IS NULL`);
  const q = (f.search ?? '').trim();
  if (q !== '') {
    const digits = q.replace(/[\s.]/g, '');
    // A role that sees NIK and KPJ masked may not search by them either: prefix searches one digit at a
    // time would spell them out. Its search matches names only (digits then match nobody).
    if (/^\d+$/.test(digits) && byIdentity) {
      // NIK or KPJ prefix as a range on their indexes (':' sorts right after '9').
      const hi = `${digits}:`;
      where.push(sql`((p.nik >= ${digits} AND p.nik < ${hi}) OR (p.kpj >= ${digits} AND p.kpj < ${hi}))`);
    } else {
      where.push(d.likeNocase(sql`p.name`, likeEscaped(q)));
    }
  }
  // Sorting by NIK would tell those roles how hidden digits compare: they get the name order.
  const sort = f.sort === 'nik' && !byIdentity ? 'name' : (f.sort ?? 'name');
  return {
    where, opdWhere, search: q !== '', readsPerson: q !== '' || f.hasKpj !== undefined, readsOpd: opd !== '',
    narrowed: f.opdId !== undefined || f.categoryId !== undefined, sort,
  };
}

/**
 * The tables a query reads, joined in the order that suits it. Every engagement has a person and a unit
 * (NOT NULL foreign keys), so leaving one out drops no row; PostgreSQL joins only what the filter or the
 * order reads (it hashes all 100,000 rows of a join it cannot remove by itself) and plans the order itself
 * (it takes no ON after CROSS JOIN). SQLite follows the FROM clause as written when told (CROSS JOIN):
 * - `list`, the whole ordered list: with a search, from the few matching people; without one, every
 *   join kept (without the unit's, SQLite walks the people in name order and looks up each one's
 *   engagement, slower for a whole list);
 * - `page`, the first rows only: walked in the order's index (a person's name or NIK: the people first,
 *   unless the filter keeps one unit's or one category's engagements, which their own indexes find; the
 *   honor or the start: the engagements), stopping at the page's end;
 * - `count`: only what the filter reads.
 */
function fromOf(engine: Engine, c: Conditions, purpose: 'list' | 'page' | 'count'): SqlQuery {
  const pg = engine === 'postgres';
  const byPerson = c.sort === 'name' || c.sort === 'nik';
  const needsPerson =
    purpose === 'count' ? c.readsPerson
    : pg ? c.readsPerson || byPerson || c.sort === 'opd'
    : purpose === 'list' || c.readsPerson || byPerson || c.sort === 'opd';
  const needsOpd = c.readsOpd || (purpose !== 'count' && (c.sort === 'opd' || (!pg && purpose === 'list')));
  const personFirst = !pg && (c.search || (purpose === 'page' && byPerson && !c.narrowed));
  const from =
    !needsPerson ? sql`engagement e`
    : personFirst ? sql`person p CROSS JOIN engagement e ON e.person_id = p.id`
    : sql`engagement e JOIN person p ON p.id = e.person_id`;
  return needsOpd ? sql`${from} JOIN opd o ON o.id = e.opd_id` : from;
}

const whereOf = (c: Conditions) => sqlJoin([...c.where, ...c.opdWhere], sql` AND `);

/**
 * The sort's keys, most significant first, then the engagement id breaking ties. Descending is the same
 * list reversed, ties too: an index in the order serves both directions.
 */
function orderOf(engine: Engine, c: Conditions, desc: boolean | undefined): SqlQuery {
  const keys = [...sorts(dialect({ engine }))[c.sort], sql`e.id`];
  return sqlJoin(desc ? keys.map((k) => sql`${k} DESC`) : keys);
}

/** The ordered engagement ids of the roster for a filter: the whole list. */
function idsQuery(engine: Engine, f: RosterFilter, span: MonthSpan, byIdentity: boolean): SqlQuery {
  const c = conditionsOf(engine, f, span, byIdentity);
  return sql`SELECT e.id FROM ${fromOf(engine, c, 'list')} WHERE ${whereOf(c)} ORDER BY ${orderOf(engine, c, f.desc)}`;
}

/**
 * One page of the same list, the same ids in the same order as the whole list's slice, read in the
 * order's index where one serves it and stopped at the page's end (the whole list orders every row
 * first). By unit on SQLite the rows are still all sorted, with the LIMIT (half the whole list's time).
 *
 * PostgreSQL by unit: the units in name order, each one's people in a lateral query, so only the first
 * units' people are sorted (no index spans the unit's name and the person's). Units whose names differ
 * only in case are one group, their people ordered together, as in the whole list.
 */
function pageQuery(engine: Engine, f: RosterFilter, span: MonthSpan, byIdentity: boolean, offset: number, limit: number): SqlQuery {
  const c = conditionsOf(engine, f, span, byIdentity);
  const window = sql`LIMIT ${limit} OFFSET ${offset}`;
  if (engine === 'postgres' && c.sort === 'opd') {
    const d = dialect({ engine });
    const dir = f.desc ? sql` DESC` : sql``;
    const units = c.opdWhere.length ? sql` WHERE ${sqlJoin(c.opdWhere, sql` AND `)}` : sql``;
    return sql`SELECT x.id FROM (SELECT o.id, ${d.nocase(sql`o.name`)} AS k FROM opd o${units} ORDER BY k${dir}) u
      CROSS JOIN LATERAL (SELECT e.id, ${d.nocase(sql`p.name`)} AS pk FROM engagement e JOIN person p ON p.id = e.person_id
        WHERE e.opd_id = u.id AND ${sqlJoin(c.where, sql` AND `)}) x
      ORDER BY u.k${dir}, x.pk${dir}, x.id${dir} ${window}`;
  }
  return sql`SELECT e.id FROM ${fromOf(engine, c, 'page')} WHERE ${whereOf(c)} ORDER BY ${orderOf(engine, c, f.desc)} ${window}`;
}

/** How many rows the filter's list has, whatever its order. */
function countQuery(engine: Engine, f: RosterFilter, span: MonthSpan, byIdentity: boolean): SqlQuery {
  const c = conditionsOf(engine, f, span, byIdentity);
  return sql`SELECT count(*) AS n FROM ${fromOf(engine, c, 'count')} WHERE ${whereOf(c)}`;
}

const ROW_COLUMNS = sql`p.id AS "personId", e.id AS "engagementId", p.nik, p.name, p.sex, p.birth_place AS "birthPlace",
  p.birth_date AS "birthDate", p.kpj, o.id AS "opdId", o.name AS opd, o.code AS "opdCode",
  c.id AS "categoryId", c.name AS category, c.segment, e.position, e.honor, e.reported_wage AS "reportedWage",
  e.start_date AS "startDate", e.end_date AS "endDate", d.number AS "decreeNumber"`;

const CONTACT_COLUMNS = sql`p.postal_code AS "postalCode", p.email, p.marital_status AS "maritalStatus", p.work_location AS "workLocation"`;

/** The ids' rows in their order (j.key). */
function rowsByIds(engine: Engine, ids: readonly number[], from: string, contact: boolean): SqlQuery {
  return sql`SELECT ${ROW_COLUMNS}, (e.end_date IS NULL OR e.end_date >= ${from}) AS active${contact ? sql`, ${CONTACT_COLUMNS}` : sql``}
    FROM ${dialect({ engine }).listRows(ids, 'int')} j
    JOIN engagement e ON e.id = j.value
    JOIN person p ON p.id = e.person_id
    JOIN opd o ON o.id = e.opd_id
    JOIN category c ON c.id = e.category_id
    LEFT JOIN decree d ON d.id = e.decree_id
    ORDER BY j.key`;
}

type StoredRow<T> = Omit<T, 'active'> & { active: number | boolean };
/** The engine's 0/1 (or boolean) as a boolean, in place: 100,000 rows need no copies. */
function withActive<T extends { active: boolean }>(r: StoredRow<T>): T {
  r.active = Boolean(r.active);
  return r as T;
}

export const rosterList = {
  /** The ordered engagement ids of a filter's whole list. */
  async ids(q: Queries, f: RosterFilter, span: MonthSpan, byIdentity: boolean): Promise<number[]> {
    return (await q.all<{ id: number }>(idsQuery(q.engine, f, span, byIdentity))).map((r) => r.id);
  },

  /** The ids of one page of that list (`ids(…).slice(offset, offset + limit)`), without ordering the rest. */
  async page(q: Queries, f: RosterFilter, span: MonthSpan, byIdentity: boolean, offset: number, limit: number): Promise<number[]> {
    return (await q.all<{ id: number }>(pageQuery(q.engine, f, span, byIdentity, offset, limit))).map((r) => r.id);
  },

  /** The length of that list (`ids(…).length`): the same for every order. */
  async count(q: Queries, f: RosterFilter, span: MonthSpan, byIdentity: boolean): Promise<number> {
    return (await q.one<{ n: number }>(countQuery(q.engine, f, span, byIdentity)))!.n;
  },

  /**
   * What changes whenever the database does: this connection's writes and other processes' commits (the
   * CLI beside the app). Equal tokens mean nothing was written in between.
   * SQLite: total_changes() and data_version. PostgreSQL: the snapshot (xmin:xmax:running transactions)
   * the query sees: two equal snapshots see exactly the same committed rows, and any write anywhere on the
   * server takes a new transaction id, so a write never leaves it equal (it changes more often than
   * needed, never less: a changed token only means reading again). Null in a transaction that has
   * written itself: its own later writes would not change the snapshot.
   */
  async anyChange(q: Queries): Promise<string | null> {
    if (q.engine === 'postgres') {
      const r = await q.one<{ s: string | null }>(sql`SELECT CASE WHEN pg_current_xact_id_if_assigned() IS NULL THEN CAST(pg_current_snapshot() AS text) END AS s`);
      return r?.s ?? null;
    }
    const v = await q.one<{ t: number; v: number }>(sql`SELECT total_changes() AS t, (SELECT data_version FROM pragma_data_version) AS v`);
    return v ? `${v.t}/${v.v}` : null;
  },

  /**
   * What changes whenever a roster list may have: equal tokens mean an id list computed before is still
   * the list. SQLite: `anyChange` (one PC, few writers). PostgreSQL: the count of committed transactions
   * that wrote an engagement or a unit, added or removed a person, or changed a name, NIK or KPJ
   * (migration 260, db/pg/migration-0260.ts), as the reader's snapshot sees it; payments, phone numbers
   * and sessions leave it as it is. Null in a transaction that has written itself.
   */
  async version(q: Queries): Promise<string | null> {
    if (q.engine === 'postgres') {
      const r = await q.one<{ s: string | null }>(sql`SELECT CASE WHEN pg_current_xact_id_if_assigned() IS NULL THEN roster_version() END AS s`);
      return r?.s ?? null;
    }
    return this.anyChange(q);
  },

  /** The rows of these engagements, in the ids' order. */
  async rows(q: Queries, ids: readonly number[], from: string): Promise<RosterRow[]> {
    return (await q.all<StoredRow<RosterRow>>(rowsByIds(q.engine, ids, from, false))).map(withActive);
  },

  /**
   * The same rows one at a time, with the contact fields when asked: the export of 100,000 people. The
   * connection is held until the loop ends: its body must not query.
   */
  async *iterate(q: Queries, ids: readonly number[], from: string, contact: boolean): AsyncIterable<RosterRow & Partial<RosterContact>> {
    for await (const r of q.iterate<StoredRow<RosterRow & Partial<RosterContact>>>(rowsByIds(q.engine, ids, from, contact))) yield withActive(r);
  },

  /** The person of each engagement, in the ids' order. */
  async personIds(q: Queries, ids: readonly number[]): Promise<number[]> {
    const rows = await q.all<{ personId: number }>(
      sql`SELECT e.person_id AS "personId" FROM ${dialect(q).listRows(ids, 'int')} j JOIN engagement e ON e.id = j.value ORDER BY j.key`,
    );
    return rows.map((r) => r.personId);
  },
};
