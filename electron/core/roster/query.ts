import type { CoreContext } from '../context';
import { firstDay, lastDay } from '../../../shared/dates';

export interface RosterFilter {
  /** `YYYY-MM`: who is active in that month (the default status) or was engaged in it. */
  month: string;
  search?: string;
  opdId?: number;
  /** Matches the OPD's code or name, case-insensitive (the CLI's `--opd`). */
  opd?: string;
  categoryId?: number;
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
  name: 'name COLLATE NOCASE',
  nik: 'nik',
  opd: 'opd COLLATE NOCASE, name COLLATE NOCASE',
  honor: 'honor',
  start: 'startDate',
};

/** Builds the one roster query the CLI, the UI and the benchmark all use. */
function build(f: RosterFilter): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { from: firstDay(f.month), to: lastDay(f.month) };
  const where: string[] = [];
  const status = f.status ?? 'active';
  // Each person's latest engagement that started by the end of the month.
  const inner = `
    SELECT e.person_id, e.id AS engagement_id, max(e.start_date) AS start_date
    FROM engagement e WHERE e.start_date <= @to GROUP BY e.person_id`;
  if (status === 'active') where.push('(e.end_date IS NULL OR e.end_date >= @from)');
  if (status === 'ended') where.push('e.end_date IS NOT NULL AND e.end_date < @from');
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
  const q = (f.search ?? '').trim();
  if (q !== '') {
    const digits = q.replace(/[\s.]/g, '');
    if (/^\d+$/.test(digits)) {
      where.push('(p.nik LIKE @nikPrefix OR p.kpj LIKE @nikPrefix)');
      params.nikPrefix = `${digits}%`;
    } else {
      where.push("p.name LIKE @nameLike ESCAPE '\\'");
      params.nameLike = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
  }
  const sql = `
    SELECT p.id AS personId, e.id AS engagementId, p.nik, p.name, p.sex, p.birth_place AS birthPlace,
           p.birth_date AS birthDate, p.kpj, o.id AS opdId, o.name AS opd, o.code AS opdCode,
           c.id AS categoryId, c.name AS category, c.segment, e.position, e.honor, e.reported_wage AS reportedWage,
           e.start_date AS startDate, e.end_date AS endDate, d.number AS decreeNumber,
           (e.end_date IS NULL OR e.end_date >= @from) AS active
    FROM (${inner}) latest
    JOIN engagement e ON e.id = latest.engagement_id
    JOIN person p ON p.id = e.person_id
    JOIN opd o ON o.id = e.opd_id
    JOIN category c ON c.id = e.category_id
    LEFT JOIN decree d ON d.id = e.decree_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return { sql, params };
}

export function queryRoster(ctx: CoreContext, f: RosterFilter): { total: number; rows: RosterRow[] } {
  const { sql, params } = build(f);
  const order = `${SORTS[f.sort ?? 'name']}${f.desc ? ' DESC' : ''}, personId`;
  const limit = f.limit ?? -1;
  const offset = f.offset ?? 0;
  const rows = ctx.db.prepare(`SELECT * FROM (${sql}) ORDER BY ${order} LIMIT ${Number(limit)} OFFSET ${Number(offset)}`).all(params) as RosterRow[];
  for (const r of rows) r.active = Boolean(r.active);
  const total = f.limit === undefined && offset === 0 ? rows.length : (ctx.db.prepare(`SELECT count(*) AS n FROM (${sql})`).get(params) as { n: number }).n;
  return { total, rows };
}
