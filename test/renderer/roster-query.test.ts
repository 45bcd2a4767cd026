import { describe, expect, it } from 'vitest';
import { filterOf, hasFilters, paramsFromQuery, queryFromParams, sortBy } from '../../renderer/src/pages/roster/roster-query';
import { KEEP_PAGES, withPage } from '../../renderer/src/pages/roster/roster-pages';

const MONTH = '2026-03';

describe('the roster query in the address bar', () => {
  it('has defaults for an empty address and leaves them out when written back', () => {
    const q = queryFromParams(new URLSearchParams(), MONTH);
    expect(q).toEqual({ month: MONTH, search: '', opdId: null, categoryId: null, status: 'active', sort: 'name', desc: false });
    expect(paramsFromQuery(q, MONTH).toString()).toBe('');
    expect(hasFilters(q)).toBe(false);
  });

  it('round-trips every filter', () => {
    const q = { month: '2026-04', search: 'Siti', opdId: 3, categoryId: 2, status: 'ended' as const, sort: 'honor' as const, desc: true };
    expect(queryFromParams(paramsFromQuery(q, MONTH), MONTH)).toEqual(q);
    expect(hasFilters(q)).toBe(true);
  });

  it('ignores what it does not know instead of sending it to the core', () => {
    const q = queryFromParams(new URLSearchParams('bulan=2026-13&opd=abc&kategori=-1&status=x&urut=DROP'), MONTH);
    expect(q).toMatchObject({ month: MONTH, opdId: null, categoryId: null, status: 'active', sort: 'name' });
  });

  it('flips the direction on the same column and starts ascending on another', () => {
    const q = queryFromParams(new URLSearchParams(), MONTH);
    expect(sortBy(q, 'name')).toMatchObject({ sort: 'name', desc: true });
    expect(sortBy({ ...q, desc: true }, 'nik')).toMatchObject({ sort: 'nik', desc: false });
  });

  it('sends only the filters that are set', () => {
    const q = queryFromParams(new URLSearchParams('cari=%20%20'), MONTH);
    expect(filterOf(q)).toEqual({ month: MONTH, status: 'active', sort: 'name', desc: false });
    expect(filterOf({ ...q, search: ' 1804 ', opdId: 5 })).toEqual({ month: MONTH, status: 'active', sort: 'name', desc: false, search: '1804', opdId: 5 });
  });
});

describe('roster pages in memory', () => {
  it('forgets the pages farthest from the one that just arrived', () => {
    let pages = new Map<number, never[]>();
    for (let p = 0; p < KEEP_PAGES; p++) pages = withPage(pages, p, []).pages as Map<number, never[]>;
    const { pages: next, dropped } = withPage(pages, 400, []);
    expect(dropped).toEqual([0]);
    expect(next.size).toBe(KEEP_PAGES);
    expect(next.has(400)).toBe(true);
  });
});
