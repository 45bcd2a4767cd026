import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MUST_CHANGE_CALLS, PUBLIC_CALLS } from '../../electron/core/auth/session';
import { seedDemo } from '../../electron/core/demo/index';
import { CHANNELS } from '../../shared/contract/index';
import { testContext } from '../helpers';
import { listUsers, setPassword } from '../../electron/core/auth/users';
import { storeOf } from '../../electron/core/store/of-context';
import { auditLog } from '../../electron/core/audit-repository';
import { bridge, testHost, TEST_PASSWORD } from '../api-harness';

let ctx: ReturnType<typeof testContext>;
let now: number;
beforeEach(() => {
  ctx = testContext();
  now = Date.parse('2026-03-10T03:00:00Z');
  ctx.clock = () => new Date(now);
});
afterEach(() => ctx.close());

const CHANGE_FIRST = { code: 'PASSWORD_CHANGE_REQUIRED', message: 'Ganti kata sandi sementara Anda terlebih dahulu, lalu lanjutkan.' };

describe('a temporary password in the core gate', () => {
  it('allows only changing it (and the public calls) until it is changed, for every other call', async () => {
    await seedDemo(ctx, { persons: 3 });
    const b = bridge(ctx, testHost());
    const { temporaryPassword } = await b.ok('users.create', { username: 'budi', displayName: 'Budi', role: 'admin' });
    await b.ok('auth.logout', {});
    expect(await b.ok('auth.login', { username: 'budi', password: temporaryPassword })).toMatchObject({ user: { mustChangePassword: true } });
    let refused = 0;
    for (const name of CHANNELS) {
      if (PUBLIC_CALLS.has(name) || MUST_CHANGE_CALLS.has(name)) continue;
      // Refused at the gate, whatever the input: even an admin's account cannot list users yet.
      for (const input of [{}, null]) expect(await b.raw(name, input), name).toEqual({ ok: false, error: CHANGE_FIRST });
      refused++;
    }
    expect(refused).toBe(CHANNELS.length - PUBLIC_CALLS.size - MUST_CHANGE_CALLS.size);
    expect(refused).toBeGreaterThan(40);
    expect((await auditLog.page(storeOf(ctx), { actor: 'budi' }, 1_000_000, 0)).filter((r) => r.entity !== 'user')).toEqual([]);
    // The public calls and the change itself work.
    expect(await b.ok('auth.status', {})).toMatchObject({ user: { username: 'budi', mustChangePassword: true } });
    expect(await b.ok('auth.touch', {})).toMatchObject({ user: { username: 'budi' } });
    const changed = await b.ok('auth.changePassword', { oldPassword: temporaryPassword, newPassword: TEST_PASSWORD });
    expect(changed.user?.mustChangePassword).toBe(false);
    expect((await b.ok('users.list', {})).map((u) => u.username)).toContain('budi');
    expect((await b.call('roster.options', {})).ok).toBe(true);
  });

  it('applies at once when the password is reset behind a signed-in session', async () => {
    const b = bridge(ctx, testHost(), { as: 'hr' });
    expect((await b.call('roster.options', {})).ok).toBe(true);
    // The same password, but now temporary (as an administrator's reset leaves it).
    await setPassword(ctx, (await listUsers(ctx)).find((u) => u.username === 'uji-hr')!.id, TEST_PASSWORD, true);
    expect(await b.raw('roster.options', {})).toEqual({ ok: false, error: CHANGE_FIRST });
    expect(await b.ok('auth.changePassword', { oldPassword: TEST_PASSWORD, newPassword: 'sandi-baru-2027' })).toMatchObject({ user: { mustChangePassword: false } });
    expect((await b.call('roster.options', {})).ok).toBe(true);
  });
});

describe('auth.touch', () => {
  it('keeps the session open without other calls, answers the status, and cannot unlock or sign in', async () => {
    const b = bridge(ctx, testHost(), { as: 'viewer' });
    await b.ready;
    // Typing for an hour: a touch every 10 minutes (the lock is 15), no other call.
    for (let i = 0; i < 6; i++) {
      now += 10 * 60_000;
      expect(await b.ok('auth.touch', {})).toMatchObject({ user: { username: 'uji-viewer', role: 'viewer' }, locked: false, lockMinutes: 15 });
    }
    now += 14 * 60_000;
    expect((await b.call('roster.options', {})).ok).toBe(true);
    // Idle past the lock: a touch is refused like any call and does not reopen the session.
    now += 16 * 60_000;
    expect(await b.raw('auth.touch', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await b.ok('auth.status', {})).toMatchObject({ locked: true });
    expect(await b.raw('auth.touch', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await b.ok('auth.logout', {});
    expect(await b.raw('auth.touch', {})).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
  });

  it('takes no input', async () => {
    const b = bridge(ctx);
    expect(await b.raw('auth.touch', { since: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
