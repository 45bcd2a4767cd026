import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { seedDemo } from '../../electron/core/demo/index';
import { sqliteContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { personRepo } from '../../electron/core/roster/person-repository';
import { settingValue } from '../../electron/core/settings/setting-repository';
import { bridge, testHost, TEST_ADMIN } from '../api-harness';

let ctx: ReturnType<typeof sqliteContext>;
let now: number;
beforeEach(() => {
  ctx = sqliteContext();
  now = Date.parse('2026-03-10T03:00:00Z');
  ctx.clock = () => new Date(now);
});
afterEach(async () => {
  try {
    ctx.db.close(); // the connection the restore opened
  } catch {
    // already closed
  }
  await ctx.close();
});

/**
 * A restore swaps `ctx.db` for a new connection. Every handler must read the connection at call time:
 * a factory that captured the old one, a prepared statement made at creation, or a cache keyed by the
 * old connection would fail with "database connection is not open" or answer from the old file.
 */
describe('the bridge after a restore swaps the database', () => {
  it('answers roster, invoices, BPJS pre-flight, coverage and audit from the restored file, and writes to it', async () => {
    await seedDemo(ctx, { persons: 12 });
    const host = testHost();
    host.backupDir = join(ctx.dir, 'cadangan');
    const b = bridge(ctx, host);
    // Warm every path (statement caches, the roster's id-list cache) on the first connection.
    await b.ok('billing.run', { month: '2026-03' });
    const before = {
      roster: await b.ok('roster.list', { month: '2026-03', status: 'all', limit: 50 }),
      invoices: await b.ok('invoice.list', { month: '2026-03' }),
      preflight: await b.ok('bpjs.preflight', {}),
      coverage: await b.ok('coverage.summary', { month: '2026-03' }),
    };
    expect(before.roster.rows.length).toBeGreaterThan(0);
    expect(before.invoices.rows.length).toBeGreaterThan(0);
    const saved = await b.ok('backup.create', {});

    // After the backup: a change the restore must undo.
    const firstId = (await storeOf(ctx).one<{ id: number }>(sql`SELECT min(id) AS id FROM person`))!.id;
    await personRepo.update(storeOf(ctx), firstId, { name: 'SESUDAH CADANGAN' }, new Date(now).toISOString());
    const oldDb = ctx.db;
    now += 60_000;
    await b.ok('backup.restore', { source: { kind: 'auto', name: saved.name }, confirm: 'PULIHKAN' });
    expect(ctx.db).not.toBe(oldDb);
    expect(oldDb.open).toBe(false);
    await b.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });

    const roster = await b.ok('roster.list', { month: '2026-03', status: 'all', limit: 50 });
    expect(roster.total).toBe(before.roster.total);
    expect(roster.rows.map((r) => r.name)).not.toContain('SESUDAH CADANGAN');
    const invoices = await b.ok('invoice.list', { month: '2026-03' });
    expect(invoices.rows.map((r) => r.id)).toEqual(before.invoices.rows.map((r) => r.id));
    expect(await b.ok('bpjs.preflight', {})).toEqual(before.preflight);
    expect(await b.ok('coverage.summary', { month: '2026-03' })).toEqual(before.coverage);
    const trail = await b.ok('audit.list', { entity: 'backup' });
    expect(trail.rows.some((r) => /Dipulihkan dari/.test(r.summary ?? ''))).toBe(true);

    // Writes go to the new connection too (the audit insert statement is cached per connection).
    await b.ok('settings.setLockMinutes', { minutes: 25 });
    expect(await settingValue(storeOf(ctx), 'session.lockMinutes')).toBe('25');
    expect((await b.ok('audit.list', { entity: 'setting' })).rows[0]).toMatchObject({ actor: 'admin', after: { 'session.lockMinutes': 25 } });
    // A roster write after the restore, then the list again: the id-list cache keyed by connection follows.
    await personRepo.update(storeOf(ctx), firstId, { name: 'SESUDAH PEMULIHAN' }, new Date(now).toISOString());
    const again = await b.ok('roster.list', { month: '2026-03', status: 'all', limit: 50, search: 'SESUDAH PEMULIHAN' });
    expect(again.rows.map((r) => r.name)).toEqual(['SESUDAH PEMULIHAN']);
  });
});
