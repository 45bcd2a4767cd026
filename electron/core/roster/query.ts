import type { CoreContext } from '../context';
import type { Db } from '../db/open';
import { firstDay, lastDay } from '../../../shared/dates';

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

const SORTS: Record<NonNullable<RosterFilter['sort']>, string> = {
  name: 'p.name COLLATE NOCASE',
  nik: 'p.nik',
  opd: 'o.name COLLATE NOCASE, p.name COLLATE NOCASE',
  honor: 'e.honor',
  start: 'e.start_date',
};

/**
 * The ordered engagement ids of the roster for a filter: each person's latest engagement that started
 * by the end of the month (a person ended mid-month and re-engaged appears once).
 */
function idsQuery(f: RosterFilter, byIdentity: boolean): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { from: firstDay(f.month), to: lastDay(f.month) };
  const where = [
    'e.start_date <= @to',
    'NOT EXISTS (SELECT 1 FROM engagement n WHERE n.person_id = e.person_id AND n.start_date > e.start_date AND n.start_date <= @to)',
  ];
  const status = f.status ?? 'active';
  if (status === 'active') where.push('(e.end_date IS NULL OR e.end_date >= @from)');
  if (status === 'ended') where.push('e.end_date < @from');
  if (f.opdId !== undefined) {
    where.push('e.opd_id = @opdId');
    params.opdId = f.opdId;
  }
  if (f.opd !== undefined && f.opd.trim() !== '') {
    where.push('(o.code = @opd COLLATE NOCASE OR o.name LIKE @opdLike)');
    params.opd = f.opd.trim();
    params.opdLike = `%${f.opd.trim()}%`;
  }
  if (f.categoryId !== undefined) {
    where.push('e.category_id = @categoryId');
    params.categoryId = f.categoryId;
  }
  if (f.hasKpj !== undefined) where.push(f.hasKpj ? 'p.kpj IS NOT NULL' : 'p.kpj IS NULL');
  const q = (f.search ?? '').trim();
  if (q !== '') {
    const digits = q.replace(/[\s.]/g, '');
    // A role that sees NIK and KPJ masked may not search by them either: prefix searches one digit at a
    // time would spell them out. Its search matches names only (digits then match nobody).
    if (/^\d+$/.test(digits) && byIdentity) {
      // NIK or KPJ prefix as a range on their indexes (':' sorts right after '9').
      where.push('((p.nik >= @lo AND p.nik < @hi) OR (p.kpj >= @lo AND p.kpj < @hi))');
      params.lo = digits;
      params.hi = `${digits}:`;
    } else {
      where.push("p.name LIKE @nameLike ESCAPE '\\'");
      params.nameLike = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
  }
  // Sorting by NIK would tell those roles how hidden digits compare: they get the name order.
  const sort = f.sort === 'nik' && !byIdentity ? 'name' : (f.sort ?? 'name');
  const order = `${SORTS[sort]}${f.desc ? ' DESC' : ''}, e.id`;
  // With a search, start from the few matching persons (CROSS JOIN fixes the join order in SQLite);
  // without one, start from the engagements.
  const from = q !== '' ? 'person p CROSS JOIN engagement e ON e.person_id = p.id' : 'engagement e JOIN person p ON p.id = e.person_id';
  const sql = `SELECT e.id FROM ${from} JOIN opd o ON o.id = e.opd_id WHERE ${where.join(' AND ')} ORDER BY ${order}`;
  return { sql, params };
}

const ROWS_SQL = `
  SELECT p.id AS personId, e.id AS engagementId, p.nik, p.name, p.sex, p.birth_place AS birthPlace,
         p.birth_date AS birthDate, p.kpj, o.id AS opdId, o.name AS opd, o.code AS opdCode,
         c.id AS categoryId, c.name AS category, c.segment, e.position, e.honor, e.reported_wage AS reportedWage,
         e.start_date AS startDate, e.end_date AS endDate, d.number AS decreeNumber,
         (e.end_date IS NULL OR e.end_date >= @from) AS active
  FROM json_each(@ids) j
  JOIN engagement e ON e.id = j.value
  JOIN person p ON p.id = e.person_id
  JOIN opd o ON o.id = e.opd_id
  JOIN category c ON c.id = e.category_id
  LEFT JOIN decree d ON d.id = e.decree_id
  ORDER BY j.key`;

/**
 * The ordered id list of the last filter, per database. A virtualized table asks for page after page of
 * the same filter; they are then slices of one list. The key holds the connection's change counter and
 * SQLite's data_version, so a write here or by another process (the CLI) makes a fresh list.
 */
const lastList = new WeakMap<Db, { key: string; ids: number[] }>();

function orderedIds(db: Db, f: RosterFilter, byIdentity: boolean): number[] {
  const version = db.prepare('SELECT total_changes() AS t').get() as { t: number };
  const key = JSON.stringify([version.t, db.pragma('data_version', { simple: true }), f.month, f.search ?? '', f.opdId, f.opd, f.categoryId, f.hasKpj, f.status, f.sort, f.desc, byIdentity]);
  const cached = lastList.get(db);
  if (cached && cached.key === key) return cached.ids;
  const { sql, params } = idsQuery(f, byIdentity);
  const ids = db.prepare(sql).pluck().all(params) as number[];
  lastList.set(db, { key, ids });
  return ids;
}

/**
 * The one roster query the CLI, the UI and the benchmark all use. A caller that may not see identity
 * (`ctx.seesIdentity === false`) searches and sorts by name only; its rows are masked by the bridge.
 */
export function queryRoster(ctx: CoreContext, f: RosterFilter): { total: number; rows: RosterRow[] } {
  const ids = orderedIds(ctx.db, f, ctx.seesIdentity !== false);
  const offset = f.offset ?? 0;
  const page = f.limit === undefined ? ids.slice(offset) : ids.slice(offset, offset + f.limit);
  const rows = ctx.db.prepare(ROWS_SQL).all({ ids: JSON.stringify(page), from: firstDay(f.month) }) as RosterRow[];
  for (const r of rows) r.active = Boolean(r.active);
  return { total: ids.length, rows };
}

/** The person ids of a filter's whole list, in its order (a bulk edit on "all shown"), without loading the rows. */
export function rosterPersonIds(ctx: CoreContext, f: RosterFilter): number[] {
  const ids = orderedIds(ctx.db, f, ctx.seesIdentity !== false);
  return ctx.db.prepare('SELECT e.person_id FROM json_each(?) j JOIN engagement e ON e.id = j.value ORDER BY j.key').pluck().all(JSON.stringify(ids)) as number[];
}
