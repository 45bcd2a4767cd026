import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFirstAdmin, createUser, authenticate, resetPassword, updateUser, listUsers, changePassword } from '../../electron/core/auth/users';
import { SessionGate } from '../../electron/core/auth/session';
import { maskForRole } from '../../shared/mask';
import { seesIdentity } from '../../shared/roles';
import { mayCall, rolesFor } from '../../shared/roles';
import { SigapError } from '../../shared/errors';
import { testContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { userRepo } from '../../electron/core/auth/user-repository';
import { outcome, overlapping } from '../store-gates';

let ctx: ReturnType<typeof testContext>;
let now: number;
beforeEach(() => {
  ctx = testContext();
  now = Date.parse('2026-05-01T01:00:00Z');
  ctx.clock = () => new Date(now);
});
afterEach(() => ctx.close());

const err = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
    return null;
  } catch (e) {
    return e as SigapError;
  }
};

describe('users and passwords', () => {
  it('creates the first administrator once, with scrypt hashes', async () => {
    const admin = await createFirstAdmin(ctx, { username: 'Admin', displayName: 'Admin BKPSDM', password: 'rahasia2026pemda' });
    expect(admin).toMatchObject({ username: 'admin', role: 'admin', active: true });
    const stored = (await userRepo.credentialsById(storeOf(ctx), admin.id))!.passwordHash;
    expect(await userRepo.count(storeOf(ctx))).toBe(1);
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(stored).not.toContain('rahasia');
    expect((await err(createFirstAdmin(ctx, { username: 'x2', displayName: 'x', password: 'rahasia2026pemda' })))!.code).toBe('CONFLICT');
    expect((await err(createUser(ctx, { username: 'rina', displayName: 'Rina', role: 'hr', password: 'pendek1' })))!.message).toMatch(/minimal 10/);
  });

  it('authenticates, counts failures, locks for a while (not for good), and a reset ends the lock', async () => {
    await createUser(ctx, { username: 'budi', displayName: 'Budi', role: 'finance', password: 'keuangan2026x' });
    expect((await authenticate(ctx, 'BUDI', 'keuangan2026x')).role).toBe('finance');
    expect((await err(authenticate(ctx, 'budi', 'salah')))!.message).toBe('Nama pengguna atau kata sandi salah.');
    expect((await err(authenticate(ctx, 'nobody', 'x')))!.message).toBe('Nama pengguna atau kata sandi salah.');
    for (let i = 0; i < 4; i++) await err(authenticate(ctx, 'budi', 'salah'));
    expect((await err(authenticate(ctx, 'budi', 'keuangan2026x')))!.message).toBe('Terlalu banyak kata sandi salah. Coba lagi dalam 1 menit.');
    const temp = await resetPassword(ctx, 'budi');
    const u = await authenticate(ctx, 'budi', temp);
    expect(u.mustChangePassword).toBe(true);
    await changePassword(ctx, u.id, temp, 'baru2026keuangan');
    expect((await authenticate(ctx, 'budi', 'baru2026keuangan')).mustChangePassword).toBe(false);
  });

  it('keeps at least one active administrator', async () => {
    const a = await createFirstAdmin(ctx, { username: 'admin', displayName: 'A', password: 'rahasia2026pemda' });
    expect((await err(() => updateUser(ctx, a.id, { displayName: 'A', role: 'viewer', active: true })))!.code).toBe('CONFLICT');
    await createUser(ctx, { username: 'admin2', displayName: 'B', role: 'admin', password: 'rahasia2026pemda' });
    await updateUser(ctx, a.id, { displayName: 'A', role: 'viewer', active: true });
    expect((await listUsers(ctx)).map((u) => [u.username, u.role])).toEqual([['admin', 'viewer'], ['admin2', 'admin']]);
  });

  it('two administrators demoting each other at once: the second is checked against the first, so one stays', async () => {
    const a = await createFirstAdmin(ctx, { username: 'admin', displayName: 'A', password: 'rahasia2026pemda' });
    const b = await createUser(ctx, { username: 'admin2', displayName: 'B', role: 'admin', password: 'rahasia2026pemda' });
    // A's demotion of B is written and not yet committed while B's deactivation of A goes as far as it can.
    const [, second] = await overlapping(
      ctx,
      (c) => updateUser(c, b.id, { displayName: 'B', role: 'viewer', active: true }),
      (c) => updateUser(c, a.id, { displayName: 'A', role: 'admin', active: false }),
    );
    expect(outcome(second)).toBe('CONFLICT: Harus ada paling sedikit satu administrator aktif.');
    expect((await listUsers(ctx)).map((u) => [u.username, u.role, u.active])).toEqual([['admin', 'admin', true], ['admin2', 'viewer', true]]);
  });
});

describe('roles', () => {
  it('give each role its work', () => {
    expect(mayCall('hr', 'sk.apply')).toBe(true);
    expect(mayCall('finance', 'sk.apply')).toBe(false);
    expect(mayCall('finance', 'billing.run')).toBe(true);
    expect(mayCall('hr', 'billing.run')).toBe(false);
    expect(mayCall('viewer', 'roster.list')).toBe(true);
    expect(mayCall('viewer', 'person.update')).toBe(false);
    expect(mayCall('hr', 'users.create')).toBe(false);
    expect(rolesFor('opd.save')).toEqual(['admin']);
  });
});

describe('the session gate', () => {
  it('refuses calls without a session, with the wrong role, and after inactivity', async () => {
    await createFirstAdmin(ctx, { username: 'admin', displayName: 'A', password: 'rahasia2026pemda' });
    await createUser(ctx, { username: 'lihat', displayName: 'Lihat', role: 'viewer', password: 'lihat2026pemda' });
    const gate = new SessionGate(ctx, () => 10);
    expect(await gate.status()).toMatchObject({ needsSetup: false, user: null });
    expect((await err(() => gate.check('roster.list')))!.code).toBe('AUTH_REQUIRED');
    expect(await gate.check('auth.login')).toBe('viewer');
    await gate.login('lihat', 'lihat2026pemda');
    expect(await gate.check('roster.list')).toBe('viewer');
    expect((await err(() => gate.check('person.update')))!.code).toBe('FORBIDDEN');
    now += 9 * 60_000;
    expect(await gate.check('roster.list')).toBe('viewer');
    now += 11 * 60_000;
    expect((await err(() => gate.check('roster.list')))!.code).toBe('LOCKED');
    expect((await gate.status()).locked).toBe(true);
    expect((await err(gate.unlock('salah')))!.code).toBe('AUTH_FAILED');
    await gate.unlock('lihat2026pemda');
    expect(await gate.check('roster.list')).toBe('viewer');
    gate.logout();
    expect((await err(() => gate.check('roster.list')))!.code).toBe('AUTH_REQUIRED');
  });

  it('masks NIK and KPJ for roles that do not need them', async () => {
    await createFirstAdmin(ctx, { username: 'admin', displayName: 'A', password: 'rahasia2026pemda' });
    await createUser(ctx, { username: 'uang', displayName: 'U', role: 'finance', password: 'uang2026pemda' });
    const gate = new SessionGate(ctx);
    const reply = { rows: [{ nik: '1804011205900001', kpj: '12345678901', name: 'Budi', nested: { nik: '1804015205900002' } }], total: 1 };
    // The reply as dispatch shapes it for the role signed in (dispatch.ts: maskForRole unless the role sees identity).
    const shown = () => (seesIdentity(gate.current()!.role) ? reply : maskForRole(reply));
    await gate.login('admin', 'rahasia2026pemda');
    expect(shown()).toEqual(reply);
    await gate.login('uang', 'uang2026pemda');
    expect(shown()).toEqual({ rows: [{ nik: '1804********0001', kpj: '1234***8901', name: 'Budi', nested: { nik: '1804********0002' } }], total: 1 });
    expect(maskForRole(null)).toBeNull();
  });
});
