/**
 * Two clerks saving the same NIK at the same moment on two computers: one is saved, the other refused
 * with a message naming the NIK, never the driver's text. SQLite's write transactions take turns, so
 * the second meets Sigap's own check ("sudah terdaftar atas nama …"); on PostgreSQL both checks ran
 * before either committed, and the second reaches the unique key itself (db/errors.ts names it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext, testEngine } from '../helpers';
import { setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { overlapping } from '../store-gates';
import { createPerson } from '../../electron/core/roster/person';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { faultToSigapError } from '../../electron/core/db/errors';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-11T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(async () => {
  await ctx.close();
});

describe('the same NIK saved twice at once', () => {
  it('one person is saved; the other clerk is told the NIK is taken', async () => {
    const nik = '1804015203900007';
    const engagement = { opdId: s.dinas.id, categoryId: s.pu, honor: 1_500_000, startDate: '2026-03-01' };
    const [first, second] = await overlapping(
      ctx,
      (c) => createPerson(c, { nik, name: 'Ani Pertama' }, engagement),
      (c) => createPerson(c, { nik, name: 'Ani Kedua' }, engagement),
    );
    expect(first.personId).toBeGreaterThan(0);
    expect(second.status).toBe('rejected');
    // What the clerk is told (the bridge and the CLI pass every error through faultToSigapError).
    const told = faultToSigapError((second as PromiseRejectedResult).reason);
    expect(told?.code).toBe('CONFLICT');
    expect(told?.message).toMatch(
      testEngine === 'postgres' ? /^NIK ini baru saja dipakai untuk data lain di komputer lain/ : /^NIK 1804015203900007 sudah terdaftar atas nama Ani Pertama\./,
    );
    expect(await storeOf(ctx).all(sql`SELECT name FROM person WHERE nik = ${nik}`)).toEqual([{ name: 'Ani Pertama' }]);
  });
});
