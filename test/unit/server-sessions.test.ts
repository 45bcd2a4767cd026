import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../helpers';
import { adminClient, Client, roleClient, testServer, type TestServer } from '../server/server-client';
import { seedDemo } from '../../electron/core/demo/index';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { TEST_PASSWORD } from '../api-harness';
import { CHANNELS } from '../../shared/contract/index';
import { PUBLIC_CALLS } from '../../electron/core/auth/session';
import { mayCall, ROLES } from '../../shared/roles';

let ctx: TestContext;
let server: TestServer;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  server = await testServer(ctx, { addressFailures: 4 });
});
afterEach(async () => {
  await server.close();
  await ctx.close();
});

describe('sessions of sigap serve: each its own role, masking and audit actor', () => {
  it('allows a call exactly when the role may make it, for every role and every call, cookie or bearer (the gate test over HTTP)', async () => {
    const admin = await adminClient(server);
    const clients = { admin, hr: await roleClient(server, admin, 'hr', 'bearer'), finance: await roleClient(server, admin, 'finance'), viewer: await roleClient(server, admin, 'viewer', 'bearer') };
    let checked = 0;
    for (const role of ROLES) {
      const c = clients[role];
      for (const name of CHANNELS) {
        if (PUBLIC_CALLS.has(name)) continue;
        // null is never a valid input: an allowed call stops at validation (400), a forbidden one at the gate (403).
        const r = await c.call(name, null);
        if (mayCall(role, name)) {
          expect(r.status, `${role} may ${name}: ${r.text}`).toBe(400);
          expect(r.body.error.code, `${role} may ${name}`).toBe('INVALID_INPUT');
        } else {
          expect(r.status, `${role} may not ${name}`).toBe(403);
          expect(r.body, `${role} may not ${name}`).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Peran Anda tidak diizinkan melakukan ini.' } });
        }
        checked++;
      }
    }
    expect(checked).toBe(ROLES.length * (CHANNELS.length - PUBLIC_CALLS.size));
    // Every role was refused something and allowed something but admin, who may make every call.
    for (const role of ROLES.filter((x) => x !== 'admin')) expect(CHANNELS.some((n) => !PUBLIC_CALLS.has(n) && !mayCall(role, n)), role).toBe(true);
  });

  it('a viewer cannot write, finance cannot import an SK, and NIKs are masked for roles that may not see them', async () => {
    await seedDemo(ctx, { persons: 6 });
    const admin = await adminClient(server);
    const hr = await roleClient(server, admin, 'hr');
    const finance = await roleClient(server, admin, 'finance', 'bearer');
    const viewer = await roleClient(server, admin, 'viewer');
    const opdId = (await admin.ok('opd.list'))[0].id;

    const write = await viewer.call('opd.saveAlias', { alias: 'DINAS UJI', opdId });
    expect(write.status).toBe(403);
    expect(write.body).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Peran Anda tidak diizinkan melakukan ini.' } });
    for (const c of [finance, viewer]) {
      const sk = await c.call('sk.chooseFile');
      expect(sk.status).toBe(403);
      expect(sk.body.error.code).toBe('FORBIDDEN');
    }
    expect((await finance.call('sk.apply', { previewId: 'x' })).body.error.code).toBe('FORBIDDEN');

    for (const [c, sees] of [[admin, true], [hr, true], [finance, false], [viewer, false]] as const) {
      const page = await c.ok('roster.list', { month: '2026-03', status: 'all', limit: 50 });
      expect(page.rows.length).toBeGreaterThan(0);
      for (const row of page.rows) expect(/^\d{16}$/.test(row.nik), row.nik).toBe(sees);
    }
  });

  it('two users at once keep their own roles, and the audit trail names who did what', async () => {
    await seedDemo(ctx, { persons: 4 });
    const admin = await adminClient(server);
    const hr = await roleClient(server, admin, 'hr');
    const finance = await roleClient(server, admin, 'finance');
    const opdId = (await admin.ok('opd.list'))[0].id;
    // Interleaved, many at once: never the other's role, never the other's name.
    const rounds = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const [h, f, hs, fs] = await Promise.all([
          hr.call('opd.saveAlias', { alias: `ALIAS HR ${i}`, opdId }),
          finance.call('opd.saveAlias', { alias: `ALIAS KEU ${i}`, opdId }),
          hr.ok('auth.status'),
          finance.ok('auth.status'),
        ]);
        return { h: h.status, f: f.body.error?.code, hr: hs.user.role, fin: fs.user.role, seesHr: hs.seesIdentity, seesFin: fs.seesIdentity };
      }),
    );
    for (const r of rounds) expect(r).toEqual({ h: 200, f: 'FORBIDDEN', hr: 'hr', fin: 'finance', seesHr: true, seesFin: false });
    const rows = await storeOf(ctx).all<{ actor: string; n: number }>(sql`SELECT actor, count(*) AS n FROM audit_log WHERE entity = 'unit_alias' GROUP BY actor ORDER BY actor`);
    expect(rows).toEqual([{ actor: 'uji-hr', n: 6 }]);
    // Signing one out leaves the other signed in.
    await hr.ok('auth.logout');
    expect((await finance.ok('auth.status')).user.username).toBe('uji-finance');
    expect((await hr.call('roster.options')).status).toBe(401);
  });

  it('locks one session after inactivity, not the others', async () => {
    let now = Date.parse('2026-03-10T03:00:00Z');
    ctx.clock = () => new Date(now);
    await server.close();
    server = await testServer(ctx, { clock: () => new Date(now) });
    const admin = await adminClient(server);
    const hr = await roleClient(server, admin, 'hr');
    now += 10 * 60_000;
    await hr.ok('auth.touch');
    now += 10 * 60_000; // admin idle 20 minutes (lock after 15), hr 10
    const locked = await admin.call('roster.options');
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('LOCKED');
    expect((await hr.call('roster.options')).status).toBe(200);
    await admin.ok('auth.unlock', { password: 'sandi-uji-2026' });
    expect((await admin.call('roster.options')).status).toBe(200);
  });

  it('throttles sign-in per address on top of per account: many accounts guessed from one machine', async () => {
    const admin = await adminClient(server);
    await roleClient(server, admin, 'hr');
    for (const username of ['tidak-ada-1', 'tidak-ada-2', 'tidak-ada-3', 'tidak-ada-4']) {
      const r = await new Client(server).call('auth.login', { username, password: 'tebakan-salah-1' });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('AUTH_FAILED');
    }
    // The fifth attempt is refused before any password is checked, even with the right one.
    const c = new Client(server);
    const r = await c.call('auth.login', { username: 'uji-hr', password: TEST_PASSWORD });
    expect(r.status).toBe(429);
    expect(r.body).toEqual({ ok: false, error: { code: 'AUTH_FAILED', message: 'Terlalu banyak percobaan masuk yang gagal dari alamat ini. Coba lagi dalam 15 menit.' } });
    expect(c.cookie).toBeUndefined();
    // A session already signed in keeps working.
    expect((await admin.call('roster.options')).status).toBe(200);
  });
});
