/**
 * The first run and the actor of the audit trail under concurrent calls: two `auth.setup` racing make
 * one administrator, and a sign-in (or first-run) attempt never lends its username to a call that is
 * still running.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../electron/core/api/create-api';
import { dispatch } from '../../electron/core/api/dispatch';
import { sessionFor } from '../../electron/core/auth/session';
import { testContext } from '../helpers';
import { bridge, testHost, TEST_ADMIN } from '../api-harness';

let ctx: ReturnType<typeof testContext>;
beforeEach(() => {
  ctx = testContext();
});
afterEach(() => ctx.close());

/** The bridge without the harness's automatic sign-in. */
function rawBridge() {
  const handlers = createApi(ctx, testHost());
  const gate = sessionFor(ctx);
  return (name: string, input: unknown) => dispatch(handlers, name, input, { gate, checkOutput: true });
}

describe('the first run', () => {
  it('makes exactly one administrator when two set-ups race', async () => {
    const d = rawBridge();
    const replies = await Promise.all([
      d('auth.setup', { username: 'pertama', displayName: 'Pertama', password: 'sandi-pertama-1' }),
      d('auth.setup', { username: 'kedua', displayName: 'Kedua', password: 'sandi-kedua-22' }),
      d('auth.setup', { username: 'ketiga', displayName: 'Ketiga', password: 'sandi-ketiga-3' }),
    ]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    for (const r of replies.filter((x) => !x.ok)) expect(r).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Administrator sudah dibuat.' } });
    const users = ctx.db.prepare('SELECT username, role FROM app_user').all() as { username: string; role: string }[];
    expect(users).toHaveLength(1);
    expect(users[0]!.role).toBe('admin');
    // The one audit row of the creation names the new account itself.
    expect(ctx.db.prepare("SELECT actor FROM audit_log WHERE entity = 'user' AND action = 'create'").pluck().all()).toEqual([users[0]!.username]);
    expect(await d('auth.status', {})).toMatchObject({ ok: true, value: { needsSetup: false, user: { username: users[0]!.username } } });
  });

  it('refuses a set-up once an administrator exists, without touching the audit actor', async () => {
    const d = rawBridge();
    expect((await d('auth.setup', TEST_ADMIN)).ok).toBe(true);
    expect(ctx.actor).toBe(TEST_ADMIN.username);
    expect(await d('auth.setup', { username: 'penyusup', displayName: 'X', password: 'sandi-penyusup-1' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ctx.actor).toBe(TEST_ADMIN.username);
  });
});

describe('the audit actor while a sign-in is tried', () => {
  it('keeps writing a running call under the signed-in user, not the name being tried', async () => {
    const b = bridge(ctx, testHost());
    await b.ready;
    // users.create hashes a password (async) before it writes; a sign-in attempt starts meanwhile.
    const creating = b.call('users.create', { username: 'budi', displayName: 'Budi', role: 'hr' });
    const trying = b.call('auth.login', { username: 'mallory', password: 'bukan-sandi-1' });
    const [created, tried] = await Promise.all([creating, trying]);
    expect(created.ok).toBe(true);
    expect(tried).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    const row = ctx.db.prepare("SELECT actor FROM audit_log WHERE entity = 'user' AND action = 'create' AND summary LIKE 'Pengguna budi%'").get() as { actor: string };
    expect(row.actor).toBe('admin');
    expect(ctx.actor).toBe('admin');
    expect(ctx.db.prepare("SELECT count(*) FROM audit_log WHERE actor = 'mallory'").pluck().get()).toBe(0);
  });

  it('records a wrong password under the name tried, and changes the actor only on success', async () => {
    const b = bridge(ctx, testHost());
    await b.ready;
    await b.ok('users.create', { username: 'siti', displayName: 'Siti', role: 'finance' });
    const creating = b.call('users.create', { username: 'andi', displayName: 'Andi', role: 'viewer' });
    const wrong = b.call('auth.login', { username: 'siti', password: 'salah-sandi-9' });
    expect((await creating).ok).toBe(true);
    expect(await wrong).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    const rows = ctx.db.prepare("SELECT actor, summary FROM audit_log WHERE entity = 'user' ORDER BY id").all() as { actor: string; summary: string }[];
    expect(rows).toContainEqual({ actor: 'siti', summary: 'Gagal masuk (kata sandi salah)' });
    expect(rows.find((r) => r.summary.startsWith('Pengguna andi'))?.actor).toBe('admin');
    expect(ctx.actor).toBe('admin');
    expect(ctx.seesIdentity).toBe(true);
  });
});
