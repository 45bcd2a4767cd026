/**
 * The roster list's order and paging on both engines: every sort puts the rows in the order its key
 * says (the engagement id breaking ties), whether or not the query needs the person or the OPD to filter
 * or sort; and the id lists kept between pages (several filters at once) never outlive a write, made on
 * this connection or by another one (the CLI beside the app, another server process).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { queryRoster, type RosterFilter, type RosterRow } from '../../electron/core/roster/query';
import { openStore } from '../../electron/core/store/open-store';
import { sql } from '../../electron/core/store/sql';

const MONTH = '2026-03';
let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;

beforeEach(async () => {
  ctx = testContext('2026-03-11T03:00:00Z');
  s = await setupRoster(ctx);
  // Names differing only in case, equal honors and start dates (ties go to the engagement id), one
  // person engaged twice (the later engagement is the one listed), one ended before the month.
  const people: [string, number, string, 'dinas' | 'pekon', string | null][] = [
    ['budi', 1_500_000, '2026-01-01', 'dinas', null],
    ['Budi', 1_500_000, '2026-02-01', 'pekon', null],
    ['ANI', 2_000_000, '2026-01-01', 'pekon', null],
    ['Zaenal', 900_000, '2025-07-01', 'dinas', null],
    ['dewi', 2_000_000, '2026-03-15', 'dinas', null],
    ['Eko', 1_200_000, '2025-01-01', 'pekon', '2026-01-31'],
    ['citra', 1_500_000, '2026-01-01', 'pekon', null],
  ];
  for (const [name, wage, start, unit, end] of people) {
    const p = await addPerson(ctx, { name, kpj: name === 'ANI' || name === 'dewi' ? null : `2${String(name.length).padStart(10, '0')}` });
    if (name === 'citra') await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 800_000, start: '2025-01-01', end: '2025-12-31' });
    await addEngagement(ctx, p.id, { unit: s[unit], category: name === 'Zaenal' ? s.bpu : s.pu, wage, start, end });
  }
});
afterEach(() => ctx.close());

const lower = (x: string) => x.toLowerCase();
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
/** The order each sort documents, in JS (ASCII names, so lower-casing then comparing is the engines' case-blind order). */
const keyCompare: Record<NonNullable<RosterFilter['sort']>, (a: RosterRow, b: RosterRow) => number> = {
  name: (a, b) => cmp(lower(a.name), lower(b.name)),
  nik: (a, b) => cmp(a.nik, b.nik),
  honor: (a, b) => a.honor - b.honor,
  start: (a, b) => cmp(a.startDate, b.startDate),
  opd: (a, b) => cmp(lower(a.opd), lower(b.opd)) || cmp(lower(a.name), lower(b.name)),
};

const list = async (f: Omit<RosterFilter, 'month'>) => queryRoster(ctx, { month: MONTH, ...f });

describe('roster list order', () => {
  const filters: [string, Omit<RosterFilter, 'month'>][] = [
    ['everyone active', {}],
    ['everyone', { status: 'all' }],
    ['ended', { status: 'ended' }],
    ['one OPD', { opdId: -1 }],
    ['OPD by code', { opd: 'p01' }],
    ['a category without KPJ', { categoryId: -1, hasKpj: false }],
    ['with KPJ', { hasKpj: true }],
    ['a name', { search: 'bud' }],
  ];
  for (const [what, filter] of filters) {
    for (const sort of ['name', 'nik', 'opd', 'honor', 'start'] as const) {
      for (const desc of [false, true]) {
        it(`${what}, by ${sort}${desc ? ' descending' : ''}: the key's order, ties by engagement id`, async () => {
          const f = { ...filter, ...(filter.opdId ? { opdId: s.pekon.id } : {}), ...(filter.categoryId ? { categoryId: s.pu } : {}), sort, desc };
          const { rows, total } = await list(f);
          expect(total).toBe(rows.length);
          const expected = [...rows].sort((a, b) => (desc ? -keyCompare[sort](a, b) : keyCompare[sort](a, b)) || a.engagementId - b.engagementId);
          expect(rows.map((r) => r.engagementId)).toEqual(expected.map((r) => r.engagementId));
          // The same people the filter names, whatever the sort: compared with the name order's list.
          const byName = await list({ ...f, sort: 'name', desc: false });
          expect(new Set(rows.map((r) => r.engagementId))).toEqual(new Set(byName.rows.map((r) => r.engagementId)));
        });
      }
    }
  }

  it('lists who the filters name', async () => {
    const names = async (f: Omit<RosterFilter, 'month'>) => (await list({ ...f, sort: 'name' })).rows.map((r) => r.name);
    expect(await names({})).toEqual(['ANI', 'budi', 'Budi', 'citra', 'dewi', 'Zaenal']);
    expect(await names({ status: 'ended' })).toEqual(['Eko']);
    expect(await names({ opdId: s.pekon.id })).toEqual(['ANI', 'Budi', 'citra']);
    expect(await names({ categoryId: s.pu, hasKpj: false })).toEqual(['ANI', 'dewi']);
    // citra's later engagement (pekon, 1,500,000), not the one of 2025.
    const citra = (await list({ search: 'citra' })).rows;
    expect(citra.map((r) => [r.opdId, r.honor])).toEqual([[s.pekon.id, 1_500_000]]);
  });
});

describe('roster pages and writes', () => {
  const byHonor = { sort: 'honor', limit: 2 } as const;

  it('pages of one filter stay one list while other filters come in between', async () => {
    const all = (await list({ sort: 'honor' })).rows.map((r) => r.engagementId);
    const pages: number[] = [];
    for (let offset = 0; offset < all.length; offset += 2) {
      pages.push(...(await list({ ...byHonor, offset })).rows.map((r) => r.engagementId));
      await list({ sort: 'name', desc: offset % 4 === 0, limit: 2 });
      await list({ opdId: s.dinas.id, limit: 2 });
    }
    expect(pages).toEqual(all);
  });

  it('a write on this connection between pages is in the next page', async () => {
    const first = await list(byHonor);
    await list({ sort: 'name', limit: 2 });
    const p = await addPerson(ctx, { name: 'Fajar' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 1, start: '2026-01-01' });
    const again = await list(byHonor);
    expect(again.total).toBe(first.total + 1);
    expect(again.rows[0]!.name).toBe('Fajar');
    // And the other filter kept before the write is read again too.
    expect((await list({ sort: 'name', limit: 2 })).total).toBe(first.total + 1);
  });

  it('a write by another connection between pages is in the next page', async () => {
    const first = await list(byHonor);
    await list({ sort: 'start', limit: 2 });
    const other = await openStore(ctx.dbPath);
    try {
      await other.store.run(sql`UPDATE engagement SET honor = 0 WHERE id = ${first.rows[1]!.engagementId}`);
    } finally {
      await other.store.close();
    }
    const again = await list(byHonor);
    expect(again.total).toBe(first.total);
    expect(again.rows.map((r) => [r.engagementId, r.honor])).toEqual([[first.rows[1]!.engagementId, 0], [first.rows[0]!.engagementId, first.rows[0]!.honor]]);
  });
});
