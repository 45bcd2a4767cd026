/**
 * The roster's KPJ filter (`kpj=ada|belum` in the address, `hasKpj` in the query): the lists the
 * Beranda's "Terdaftar" and "Belum terdaftar" numbers open, with the same counts as the summary.
 * The address-bar side is in test/renderer/roster-kpj-query.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { queryRoster } from '../../electron/core/roster/query';
import { coverageSummary } from '../../electron/core/coverage/index';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { nowIso } from '../../electron/core/context';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-11T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

describe('roster filter by KPJ', () => {
  it('lists only people with, or without, a KPJ, and agrees with the coverage summary per unit and category', async () => {
    const withKpj: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < 9; i++) {
      const p = await addPerson(ctx, i % 3 === 0 ? {} : { kpj: String(30_000_000_000 + i) });
      (p.kpj ? withKpj : without).push(p.id);
      await addEngagement(ctx, p.id, { unit: i < 6 ? s.dinas : s.pekon, category: i < 6 ? s.pu : s.bpu });
    }
    // Ended before March, with a KPJ: on neither March list.
    const gone = await addPerson(ctx, { kpj: '39999999999' });
    await addEngagement(ctx, gone.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2026-01-31', reason: 'Mengundurkan diri' });

    const ids = async (f: Parameters<typeof queryRoster>[1]) => (await queryRoster(ctx, f)).rows.map((r) => r.personId).sort((a, b) => a - b);
    expect(await ids({ month: '2026-03', hasKpj: true })).toEqual(withKpj);
    expect(await ids({ month: '2026-03', hasKpj: false })).toEqual(without);
    expect((await queryRoster(ctx, { month: '2026-03' })).total).toBe(9);
    expect((await queryRoster(ctx, { month: '2026-03', hasKpj: true, status: 'ended' })).rows.map((r) => r.personId)).toEqual([gone.id]);
    expect((await queryRoster(ctx, { month: '2026-03', hasKpj: true })).rows.every((r) => r.kpj !== null)).toBe(true);

    // The dashboard's numbers are the counts of the lists they link to.
    const sum = await coverageSummary(ctx, '2026-03');
    expect((await queryRoster(ctx, { month: '2026-03', hasKpj: true })).total).toBe(sum.totals.enrolled);
    expect((await queryRoster(ctx, { month: '2026-03', hasKpj: false })).total).toBe(sum.totals.notEnrolled);
    for (const u of sum.byOpd) expect((await queryRoster(ctx, { month: '2026-03', opdId: u.opdId, hasKpj: true })).total).toBe(u.enrolled);
    for (const c of sum.byCategory) expect((await queryRoster(ctx, { month: '2026-03', categoryId: c.categoryId, hasKpj: true })).total).toBe(c.enrolled);
    expect(sum.totals).toMatchObject({ enrolled: 6, notEnrolled: 3 });

    // A KPJ arriving changes the lists (the cached id list is not reused).
    await personRepo.update(storeOf(ctx), without[0]!, { kpj: '38888888888' }, nowIso(ctx));
    expect((await queryRoster(ctx, { month: '2026-03', hasKpj: false })).total).toBe(2);
  });
});
