import type { Input } from '../../../../shared/contract/index';

export type RosterSort = 'name' | 'nik' | 'opd' | 'honor' | 'start';
export type RosterStatus = 'active' | 'ended' | 'all';
/** KPJ presence, as written in the address (`kpj=ada|belum`); absent means everyone. */
export type KpjFilter = 'ada' | 'belum';

/** What the roster shows, as kept in the address bar (so Back from a person returns to the same list). */
export interface RosterQuery {
  month: string;
  search: string;
  opdId: number | null;
  categoryId: number | null;
  /** Left out (undefined) when not filtering, so older callers and links stay valid. */
  kpj?: KpjFilter | undefined;
  status: RosterStatus;
  sort: RosterSort;
  desc: boolean;
}

const SORTS: readonly RosterSort[] = ['name', 'nik', 'opd', 'honor', 'start'];
const STATUSES: readonly RosterStatus[] = ['active', 'ended', 'all'];

function idParam(v: string | null): number | null {
  const n = Number(v);
  return v !== null && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Reads the query from the address bar; anything unknown falls back to the default. */
export function queryFromParams(p: URLSearchParams, defaultMonth: string): RosterQuery {
  const month = p.get('bulan') ?? '';
  const sort = p.get('urut') as RosterSort | null;
  const status = p.get('status') as RosterStatus | null;
  const kpj = p.get('kpj');
  return {
    month: /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : defaultMonth,
    search: (p.get('cari') ?? '').slice(0, 100),
    opdId: idParam(p.get('opd')),
    categoryId: idParam(p.get('kategori')),
    ...(kpj === 'ada' || kpj === 'belum' ? { kpj } : {}),
    status: status && STATUSES.includes(status) ? status : 'active',
    sort: sort && SORTS.includes(sort) ? sort : 'name',
    desc: p.get('turun') === '1',
  };
}

/** The address-bar form of a query; defaults are left out to keep the address short. */
export function paramsFromQuery(q: RosterQuery, defaultMonth: string): URLSearchParams {
  const p = new URLSearchParams();
  if (q.month !== defaultMonth) p.set('bulan', q.month);
  if (q.search.trim() !== '') p.set('cari', q.search);
  if (q.opdId !== null) p.set('opd', String(q.opdId));
  if (q.categoryId !== null) p.set('kategori', String(q.categoryId));
  if (q.kpj) p.set('kpj', q.kpj);
  if (q.status !== 'active') p.set('status', q.status);
  if (q.sort !== 'name') p.set('urut', q.sort);
  if (q.desc) p.set('turun', '1');
  return p;
}

/** A click on a column header: the same column flips the direction, another starts ascending. */
export function sortBy(q: RosterQuery, column: RosterSort): RosterQuery {
  return q.sort === column ? { ...q, desc: !q.desc } : { ...q, sort: column, desc: false };
}

/** The bridge's filter for a query (without paging). */
export function filterOf(q: RosterQuery): Omit<Input<'roster.list'>, 'offset' | 'limit'> {
  return {
    month: q.month,
    status: q.status,
    sort: q.sort,
    desc: q.desc,
    ...(q.search.trim() !== '' ? { search: q.search.trim() } : {}),
    ...(q.opdId !== null ? { opdId: q.opdId } : {}),
    ...(q.categoryId !== null ? { categoryId: q.categoryId } : {}),
    ...(q.kpj ? { hasKpj: q.kpj === 'ada' } : {}),
  };
}

export function hasFilters(q: RosterQuery): boolean {
  return q.search.trim() !== '' || q.opdId !== null || q.categoryId !== null || q.kpj !== undefined || q.status !== 'active';
}
