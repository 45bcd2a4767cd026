/** The roster's KPJ filter in the address bar (`kpj=ada|belum`) and in the bridge filter (`hasKpj`). */
import { describe, expect, it } from 'vitest';
import { rosterFilter } from '../../shared/contract/roster';
import { filterOf, hasFilters, paramsFromQuery, queryFromParams } from '../../renderer/src/pages/roster/roster-query';

describe('roster KPJ filter in the address', () => {
  it('is kept in the address as kpj=ada|belum and passed to the bridge as hasKpj', () => {
    const q = queryFromParams(new URLSearchParams('bulan=2026-03&opd=4&kpj=ada'), '2026-03');
    expect(q).toMatchObject({ month: '2026-03', opdId: 4, kpj: 'ada' });
    expect(filterOf(q)).toMatchObject({ opdId: 4, hasKpj: true });
    expect(rosterFilter.parse(filterOf(q))).toMatchObject({ hasKpj: true });
    expect(paramsFromQuery(q, '2026-03').toString()).toBe('opd=4&kpj=ada');
    expect(hasFilters(q)).toBe(true);
    const b = queryFromParams(new URLSearchParams('kpj=belum'), '2026-03');
    expect(filterOf(b).hasKpj).toBe(false);
    // Anything else means no KPJ filter.
    const none = queryFromParams(new URLSearchParams('kpj=x'), '2026-03');
    expect(none.kpj).toBeUndefined();
    expect('hasKpj' in filterOf(none)).toBe(false);
    expect(hasFilters(none)).toBe(false);
    expect(paramsFromQuery(none, '2026-03').toString()).toBe('');
  });
});
