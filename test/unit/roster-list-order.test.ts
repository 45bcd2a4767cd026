/**
 * The roster list's order and paging on both engines: every sort puts the rows in the order its key
 * says (the engagement id breaking ties), whether or not the query needs the person or the OPD to filter
 * or sort; and the id lists kept between pages (several filters at once) never outlive a write that can
 * change them, made on this connection or by another one (the CLI beside the app, another server process).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { queryRoster, type RosterFilter, type RosterRow } from '../../electron/core/roster/query';
import { openStore } from '../../electron/core/store/open-store';
import { sql } from '../../electron/core/store/sql';
import { storeOf } from '../../electron/core/store/of-context';
import { rosterList } from '../../electron/core/roster/roster-repository';
import { ROSTER_CHANGES_KEPT } from '../../electron/core/db/pg/migration-0260';
import { unitRepo } from '../../electron/core/roster/unit-repository';
import { rng, pick } from '../../electron/core/demo/names';
import { seedDemo } from '../../electron/core/demo/index';

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
        it(`${what}, by ${sort}${desc ? ' descending' : ''}: the key's order, ties by engagement id${desc ? ' (the ascending list reversed)' : ''}`, async () => {
          const f = { ...filter, ...(filter.opdId ? { opdId: s.pekon.id } : {}), ...(filter.categoryId ? { categoryId: s.pu } : {}), sort, desc };
          const { rows, total } = await list(f);
          expect(total).toBe(rows.length);
          const ascending = (a: RosterRow, b: RosterRow) => keyCompare[sort](a, b) || a.engagementId - b.engagementId;
          const expected = [...rows].sort((a, b) => (desc ? -ascending(a, b) : ascending(a, b)));
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

describe('a page read on its own', () => {
  const span = { from: '2026-03-01', to: '2026-03-31' };
  /** 60 more people: honors and starts with many ties, some engaged twice, some ended, a third unit whose name differs from another's only in case. */
  beforeEach(async () => {
    const twin = await storeOf(ctx).tx('write', async (q) => ({
      id: await unitRepo.insert(q, {
        code: 'D02', name: 'dinas sosial', name_key: 'DINAS SOSIAL KEDUA', kind: 'opd', budget_account: null, address: null, head_name: null, head_nip: null,
        head_title: null, pptk_name: null, pptk_nip: null, treasurer_name: null, treasurer_nip: null, created_at: 'x',
      }),
      code: 'D02', name: 'dinas sosial',
    }));
    const r = rng(7);
    const names = ['Agus', 'agus', 'Bayu', 'Cahya', 'dedi', 'Dedi', 'Fitri', 'Gilang', 'Hana', 'Indah'];
    for (let i = 0; i < 60; i++) {
      const p = await addPerson(ctx, { name: `${pick(r, names)} ${pick(r, ['S', 's', 'W'])}`, kpj: r() < 0.3 ? null : `3${String(i).padStart(10, '0')}` });
      const unit = pick(r, [s.dinas, s.pekon, twin]);
      if (r() < 0.2) await addEngagement(ctx, p.id, { unit: pick(r, [s.dinas, twin]), category: s.pu, wage: 700_000, start: '2025-01-01', end: '2025-12-31' });
      const start = pick(r, ['2025-07-01', '2026-01-01', '2026-03-15']);
      const end = start < '2026-02' && r() < 0.2 ? '2026-02-28' : null;
      await addEngagement(ctx, p.id, { unit, category: r() < 0.7 ? s.pu : s.bpu, wage: pick(r, [800_000, 1_500_000, 2_000_000]), start, end });
    }
  });

  const filters: Omit<RosterFilter, 'month' | 'sort' | 'desc'>[] = [
    {}, { status: 'all' }, { status: 'ended' }, { opd: 'dinas' }, { opd: 'd02' }, { hasKpj: false }, { hasKpj: true, status: 'all' }, { search: 'dedi' }, { search: 'ag' },
  ];

  it('holds the whole list\'s slice and its count, for every filter, order and direction, on both engines', async () => {
    let compared = 0;
    await storeOf(ctx).tx('read', async (q) => {
      for (const filter of [...filters, { opdId: s.pekon.id }, { categoryId: s.bpu }]) {
        for (const sort of ['name', 'nik', 'opd', 'honor', 'start'] as const) {
          for (const desc of [false, true]) {
            for (const byIdentity of [true, false]) {
              const f = { month: MONTH, ...filter, sort, desc };
              const whole = await rosterList.ids(q, f, span, byIdentity);
              expect(await rosterList.count(q, f, span, byIdentity)).toBe(whole.length);
              for (const [offset, limit] of [[0, 5], [0, 200], [3, 7], [20, 10], [whole.length - 1, 5], [whole.length + 3, 5]] as const) {
                expect(await rosterList.page(q, f, span, byIdentity, Math.max(0, offset), limit)).toEqual(whole.slice(Math.max(0, offset), Math.max(0, offset) + limit));
                compared++;
              }
            }
          }
        }
      }
    });
    expect(compared).toBe(11 * 5 * 2 * 2 * 6);
  });
});

describe('which way a page is read', () => {
  it('the first pages of a long list not kept are read on their own with the filter\'s count (once for every order); a short list, and further down, the whole list', async () => {
    // A database of its own with 2,500 people: longer than the 2,000 rows paged on their own; each unit's list is shorter.
    const d = testContext('2026-03-11T03:00:00Z');
    const list = async (f: Omit<RosterFilter, 'month'>) => queryRoster(d, { month: MONTH, ...f });
    await seedDemo(d, { persons: 2_500, year: 2026 });
    const units = await storeOf(d).all<{ id: number; n: number; category: number }>(sql`SELECT opd_id AS id, count(*) AS n, min(category_id) AS category FROM engagement GROUP BY opd_id ORDER BY n DESC`);
    const whole = vi.spyOn(rosterList, 'ids');
    const page = vi.spyOn(rosterList, 'page');
    const count = vi.spyOn(rosterList, 'count');
    const calls = () => [whole.mock.calls.length, page.mock.calls.length, count.mock.calls.length];
    try {
      const first = await list({ sort: 'honor', desc: true, limit: 200 });
      expect(first.total).toBeGreaterThan(2_000);
      expect(calls()).toEqual([0, 1, 1]);
      // Another order of the same filter: its page on its own, the count kept.
      const byName = await list({ sort: 'name', limit: 200, offset: 200 });
      expect(calls()).toEqual([0, 2, 1]);
      expect(byName.total).toBe(first.total);
      // The same as the whole list says.
      const all = await list({ sort: 'name' });
      expect(calls()).toEqual([1, 2, 1]);
      expect(all.total).toBe(first.total);
      expect(byName.rows.map((x) => x.engagementId)).toEqual(all.rows.slice(200, 400).map((x) => x.engagementId));
      // Now kept: a page of it is its slice.
      await list({ sort: 'name', limit: 200, offset: 400 });
      expect(calls()).toEqual([1, 2, 1]);
      // A page past the first 2,000 rows orders the whole list (and keeps it).
      const far = await list({ sort: 'start', limit: 200, offset: 1_900 });
      expect(calls()).toEqual([2, 2, 1]);
      expect(far.total).toBe(first.total);
      // One unit's list, shorter than 2,000: counted, then ordered whole and kept; its next page is a slice.
      expect(units[0]!.n).toBeLessThanOrEqual(2_000);
      const unit = await list({ opdId: units[0]!.id, sort: 'name', limit: 200 });
      expect(unit.total).toBe(units[0]!.n);
      expect(calls()).toEqual([3, 2, 2]);
      await list({ opdId: units[0]!.id, sort: 'name', limit: 200, offset: 200 });
      expect(calls()).toEqual([3, 2, 2]);
      // A search, or those who left: the whole list (their matches are few; walking the order's index would pass the rest).
      await list({ search: 'agus', limit: 200 });
      await list({ status: 'ended', sort: 'honor', limit: 200 });
      expect(calls()).toEqual([5, 2, 2]);
      // A write makes a fresh count.
      const p = await addPerson(d, { name: 'Zul' });
      await addEngagement(d, p.id, { unit: { id: units[0]!.id, code: '', name: '' }, category: units[0]!.category, start: '2026-01-01' });
      expect((await list({ sort: 'honor', limit: 200 })).total).toBe(first.total + 1);
      expect(calls()).toEqual([5, 3, 3]);
    } finally {
      whole.mockRestore();
      page.mockRestore();
      count.mockRestore();
      await d.close();
    }
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

describe('the change token of kept lists', () => {
  /** A write by another connection (the CLI beside the app, another server process). */
  const elsewhere = async (q: ReturnType<typeof sql>) => {
    const other = await openStore(ctx.dbPath);
    try {
      await other.store.run(q);
    } finally {
      await other.store.close();
    }
  };
  const token = () => storeOf(ctx).tx('read', (q) => rosterList.version(q));

  it('a name, a NIK or a KPJ changed, or a unit renamed, by another connection is in the next list', async () => {
    const names = async (f: Omit<RosterFilter, 'month'>) => (await list({ ...f, sort: f.sort ?? 'name' })).rows.map((r) => r.name);
    expect(await names({})).toEqual(['ANI', 'budi', 'Budi', 'citra', 'dewi', 'Zaenal']);
    await elsewhere(sql`UPDATE person SET name = 'Aaron' WHERE name = 'Zaenal'`);
    expect(await names({})).toEqual(['Aaron', 'ANI', 'budi', 'Budi', 'citra', 'dewi']);

    const byNik = async () => (await list({ sort: 'nik' })).rows.map((r) => r.name);
    const before = await byNik();
    await elsewhere(sql`UPDATE person SET nik = '0000000000000001' WHERE name = ${before.at(-1)!}`);
    expect(await byNik()).toEqual([before.at(-1)!, ...before.slice(0, -1)]);

    expect(await names({ hasKpj: false })).toEqual(['ANI', 'dewi']);
    await elsewhere(sql`UPDATE person SET kpj = '29999999999' WHERE name = 'ANI'`);
    expect(await names({ hasKpj: false })).toEqual(['dewi']);

    // By unit: dinas's people first (Dinas < Pekon), then after the renaming pekon's.
    const byUnit = async () => (await list({ sort: 'opd' })).rows.map((r) => r.opdId);
    expect(await byUnit()).toEqual([...(await names({ opdId: s.dinas.id })).map(() => s.dinas.id), ...(await names({ opdId: s.pekon.id })).map(() => s.pekon.id)]);
    await elsewhere(sql`UPDATE opd SET name = 'AAA Pekon' WHERE id = ${s.pekon.id}`);
    expect((await byUnit())[0]).toBe(s.pekon.id);
  });

  it('PostgreSQL: only writes that can change a list change the token; SQLite: any write does', async () => {
    const pg = storeOf(ctx).engine === 'postgres';
    const t0 = await token();
    // A phone number, a payment's audit row, a session: nothing a list shows or orders by.
    await elsewhere(sql`UPDATE person SET phone = '081234567890' WHERE name = 'ANI'`);
    await elsewhere(sql`INSERT INTO audit_log (at, actor, action, entity, summary) VALUES ('2026-03-11T03:00:00Z', 'x', 'create', 'payment', 'test')`);
    const t1 = await token();
    if (pg) expect(t1).toBe(t0);
    else expect(t1).not.toBe(t0);
    // The same list, from the list kept (the rows of the page are read afresh: the phone is there).
    expect((await list({})).total).toBe(6);
    // An update that sets a name to what it was leaves it too; a real change does not.
    await elsewhere(sql`UPDATE person SET name = name WHERE name = 'ANI'`);
    if (pg) expect(await token()).toBe(t1);
    await elsewhere(sql`UPDATE person SET name = 'Ani' WHERE name = 'ANI'`);
    const t2 = await token();
    expect(t2).not.toBe(t1);
    // Any engagement write, a person added.
    await elsewhere(sql`UPDATE engagement SET position = 'Staf' WHERE id = (SELECT min(id) FROM engagement)`);
    const t3 = await token();
    expect(t3).not.toBe(t2);
    await addPerson(ctx, { name: 'Gita' });
    expect(await token()).not.toBe(t3);
  });

  it('PostgreSQL: opening the database folds many counted changes into one total, and the token stays', async () => {
    if (storeOf(ctx).engine !== 'postgres') {
      // SQLite has no counted changes: its token is the connection's changes and the file's version.
      expect(await token()).toMatch(/^\d+\/\d+$/);
      return;
    }
    const counted = async () => (await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*)::int AS n FROM roster_change`))!.n;
    const reopen = async () => (await openStore(ctx.dbPath)).store.close();
    await elsewhere(sql`UPDATE person SET name = 'Ani' WHERE name = 'ANI'`);
    const few = await counted();
    expect(few).toBeGreaterThan(0);
    // A few are left as they are: opening writes nothing.
    await reopen();
    expect(await counted()).toBe(few);
    // Past ROSTER_CHANGES_KEPT (stand-ins for 5,000 transactions of a long-running server) they are folded.
    await elsewhere(sql`INSERT INTO roster_change (tx) SELECT CAST(CAST(g AS text) AS xid8) FROM generate_series(1099511627776, 1099511627775 + ${ROSTER_CHANGES_KEPT}) g`);
    const before = await token();
    const kept = await list({ sort: 'honor' });
    await reopen();
    expect(await counted()).toBe(0);
    expect(await token()).toBe(before);
    expect(await list({ sort: 'honor' })).toEqual(kept);
    // And counting goes on from the total.
    await elsewhere(sql`UPDATE person SET name = 'ANI' WHERE name = 'Ani'`);
    expect(await token()).not.toBe(before);
  });
});

describe('the lists kept', () => {
  it('keeps one list for a filter however it is spelled (defaults left out or written, spaces around a text)', async () => {
    const computed = vi.spyOn(rosterList, 'ids');
    try {
      const plain = await list({});
      const spelled = await list({ status: 'active', sort: 'name', desc: false, search: '  ', opd: ' ' });
      expect(spelled).toEqual(plain);
      expect(computed).toHaveBeenCalledTimes(1);
    } finally {
      computed.mockRestore();
    }
  });

  it('keeps a whole roster\'s list while many searches come in between, and drops the least recently used past 200 lists', async () => {
    const computed = vi.spyOn(rosterList, 'ids');
    try {
      await list({ sort: 'honor' });
      for (let i = 0; i < 150; i++) await list({ search: `x${i}` });
      computed.mockClear();
      await list({ sort: 'honor' });
      await list({ search: 'x149' });
      expect(computed).not.toHaveBeenCalled();
      // 200 lists at most: 60 more searches push out the oldest (the searches x0…x9, not the roster just used).
      for (let i = 150; i < 210; i++) await list({ search: `x${i}` });
      computed.mockClear();
      await list({ sort: 'honor' });
      await list({ search: 'x200' });
      expect(computed).not.toHaveBeenCalled();
      await list({ search: 'x0' });
      expect(computed).toHaveBeenCalledTimes(1);
    } finally {
      computed.mockRestore();
    }
  });
});
