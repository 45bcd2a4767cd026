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
import { listUsers } from '../../electron/core/auth/users';
import { userRepo } from '../../electron/core/auth/user-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { auditLog, type AuditFilter, type AuditLogRow } from '../../electron/core/audit-repository';
import { bridge, testHost, TEST_ADMIN } from '../api-harness';

let ctx: ReturnType<typeof testContext>;
beforeEach(() => {
  ctx = testContext();
});
afterEach(() => ctx.close());

/** Audit rows, oldest first. */
async function auditRows(f: AuditFilter): Promise<AuditLogRow[]> {
  const out: AuditLogRow[] = [];
  for await (const r of auditLog.iterate(storeOf(ctx), f)) out.push(r);
  return out;
}

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
    const users = await listUsers(ctx);
    expect(users).toHaveLength(1);
    expect(users[0]!.role).toBe('admin');
    // The one audit row of the creation names the new account itself.
    expect((await auditRows({ entity: 'user', action: 'create' })).map((r) => r.actor)).toEqual([users[0]!.username]);
    expect(await d('auth.status', {})).toMatchObject({ ok: true, value: { needsSetup: false, user: { username: users[0]!.username } } });
  });

  it('holds a second new-account writer until the first commits, so it counts the first account', async () => {
    // The race above depends on the hashes ending together; this one overlaps the two transactions for
    // certain: A has inserted and not committed when B starts. Without the lock, B (on PostgreSQL) would
    // count no account and could make a second administrator.
    const store = storeOf(ctx);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const aInserted = new Promise<void>((r) => (inserted = r));
    const account = (username: string) => ({ username, displayName: username, role: 'admin' as const, passwordHash: 'x', mustChange: false, createdAt: '2026-01-01T00:00:00Z' });
    const a = store.tx('write', async (tx) => {
      await userRepo.lockAccounts(tx);
      expect(await userRepo.count(tx)).toBe(0);
      await userRepo.insert(tx, account('pertama'));
      inserted();
      await held;
    });
    await aInserted;
    let bCounted: number | null = null;
    const b = store.tx('write', async (tx) => {
      await userRepo.lockAccounts(tx);
      bCounted = await userRepo.count(tx);
    });
    try {
      await new Promise((r) => setTimeout(r, 50));
      expect(bCounted).toBeNull();
    } finally {
      release();
    }
    await a;
    await b;
    expect(bCounted).toBe(1);
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
    const row = (await auditRows({ entity: 'user', action: 'create' })).find((r) => r.summary?.startsWith('Pengguna budi'))!;
    expect(row.actor).toBe('admin');
    expect(ctx.actor).toBe('admin');
    expect(await auditLog.count(storeOf(ctx), { actor: 'mallory' })).toBe(0);
  });

  it('records a wrong password under the name tried, and changes the actor only on success', async () => {
    const b = bridge(ctx, testHost());
    await b.ready;
    await b.ok('users.create', { username: 'siti', displayName: 'Siti', role: 'finance' });
    const creating = b.call('users.create', { username: 'andi', displayName: 'Andi', role: 'viewer' });
    const wrong = b.call('auth.login', { username: 'siti', password: 'salah-sandi-9' });
    expect((await creating).ok).toBe(true);
    expect(await wrong).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    const rows = (await auditRows({ entity: 'user' })).map((r) => ({ actor: r.actor, summary: r.summary! }));
    expect(rows).toContainEqual({ actor: 'siti', summary: 'Gagal masuk (kata sandi salah)' });
    expect(rows.find((r) => r.summary.startsWith('Pengguna andi'))?.actor).toBe('admin');
    expect(ctx.actor).toBe('admin');
    expect(ctx.seesIdentity).toBe(true);
  });
});
