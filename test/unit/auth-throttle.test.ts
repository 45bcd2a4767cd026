import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authenticate, changePassword, createFirstAdmin, createUser, resetPassword, updateUser } from '../../electron/core/auth/users';
import { lockMsAfter } from '../../electron/core/auth/throttle';
import type { SigapError } from '../../shared/errors';
import { hashPassword } from '../../electron/core/auth/passwords';
import { openDatabase } from '../../electron/core/db/open';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { auditLog, type AuditFilter, type AuditLogRow } from '../../electron/core/audit-repository';
import { runCli } from '../cli-harness';
import { bridge, testHost, TEST_ADMIN } from '../api-harness';

// Issue 17: ten wrong passwords used to lock an account for good. Now the lock is timed and grows,
// the time comes from the context's clock (no sleeps), and names without accounts behave the same.

// These tests count attempts, not hash cost (auth-hash.test.ts checks that): scrypt runs here at a
// small N so forty sign-ins take milliseconds each, while the stored hashes still say N=2^17.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scrypt = (pw: string, salt: Buffer, len: number, opts: object, cb: (e: Error | null, k: Buffer) => void) =>
    real.scrypt(pw, salt, len, { ...opts, N: 1024 }, cb);
  return { ...real, scrypt, default: { ...real, scrypt } };
});

let ctx: ReturnType<typeof testContext>;
let now: number;
beforeEach(() => {
  ctx = testContext();
  now = Date.parse('2026-05-01T01:00:00Z');
  ctx.clock = () => new Date(now);
});
afterEach(() => ctx.close());

/** Audit rows, oldest first. */
async function auditRows(f: AuditFilter): Promise<AuditLogRow[]> {
  const out: AuditLogRow[] = [];
  for await (const r of auditLog.iterate(storeOf(ctx), f)) out.push(r);
  return out;
}

const WRONG = 'Nama pengguna atau kata sandi salah.';
const message = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    expect((e as SigapError).code).toBe('AUTH_FAILED');
    return (e as SigapError).message;
  }
};

describe('the sign-in throttle', () => {
  it('grows a minute, two, four ... up to half an hour, and never more', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 50, 5000].map(lockMsAfter)).toEqual(
      [0, 0, 0, 0, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000, 1_800_000, 1_800_000]);
  });

  it('locks a name for a minute after five wrong passwords, says when to try again, and lets the right one in afterwards', async () => {
    await createUser(ctx, { username: 'budi', displayName: 'Budi', role: 'finance', password: 'keuangan2026x' });
    const got: string[] = [];
    for (let i = 0; i < 5; i++) got.push(await message(authenticate(ctx, 'budi', `salah-${i}`)));
    expect(got).toEqual([WRONG, WRONG, WRONG, WRONG, `${WRONG} Terlalu banyak percobaan: coba lagi dalam 1 menit.`]);
    // Locked: even the right password waits, and is not checked.
    now += 20_000;
    expect(await message(authenticate(ctx, 'budi', 'keuangan2026x'))).toBe('Terlalu banyak kata sandi salah. Coba lagi dalam 1 menit.');
    now += 41_000;
    expect((await authenticate(ctx, 'budi', 'keuangan2026x')).username).toBe('budi');
    // The count starts again from zero after a right password.
    expect(await message(authenticate(ctx, 'budi', 'salah-lagi'))).toBe(WRONG);
    const audit = (await auditRows({ entity: 'user' })).map((r) => r.summary).filter((x) => x?.startsWith('Gagal'));
    expect(audit).toContain('Gagal masuk (kata sandi salah); dikunci 1 menit');
  });

  it('never locks the only administrator for good: after 30 wrong passwords the right one still signs in', async () => {
    const admin = await createFirstAdmin(ctx, { username: 'admin', displayName: 'Admin', password: 'rahasia2026pemda' });
    const waits: number[] = [];
    let wrong = 0;
    for (let tries = 0; wrong < 30 && tries < 2000; tries++) {
      const m = await message(authenticate(ctx, 'admin', `tebakan-${wrong}`));
      const lock = /dalam (\d+) menit/.exec(m);
      if (m.startsWith(WRONG)) wrong++;
      if (lock && m.startsWith(WRONG)) waits.push(Number(lock[1]));
      // Someone keeps trying every minute while locked: refused, and the lock does not grow for it.
      now += 60_000;
    }
    expect(waits.slice(0, 7)).toEqual([1, 2, 4, 8, 16, 30, 30]);
    expect(Math.max(...waits)).toBe(30);
    now += 30 * 60_000;
    expect((await authenticate(ctx, 'admin', 'rahasia2026pemda')).id).toBe(admin.id);
  });

  it('answers a name without an account, a switched-off account and a real one the same way', async () => {
    await createFirstAdmin(ctx, { username: 'admin', displayName: 'Admin', password: 'rahasia2026pemda' });
    const siti = await createUser(ctx, { username: 'siti', displayName: 'Siti', role: 'hr', password: 'sdm2026pemdax' });
    await createUser(ctx, { username: 'budi', displayName: 'Budi', role: 'hr', password: 'sdm2026pemday' });
    await updateUser(ctx, siti.id, { displayName: 'Siti', role: 'hr', active: false });
    const run = async (name: string) => {
      const out: string[] = [];
      for (let i = 0; i < 11; i++) out.push(await message(authenticate(ctx, name, `salah-${i}`)));
      now += 61_000;
      out.push(await message(authenticate(ctx, name, `salah-lagi`)));
      return out;
    };
    const real = await run('budi');
    expect(real[4]).toMatch(/coba lagi dalam 1 menit/);
    expect(real[11]).toMatch(/coba lagi dalam 2 menit/);
    expect(await run('tidak-ada')).toEqual(real);
    expect(await run('siti')).toEqual(real);
    // Only someone who knows the switched-off account's password learns it is switched off.
    now += 3 * 60_000;
    expect(await message(authenticate(ctx, 'siti', 'sdm2026pemdax'))).toBe('Akun ini dinonaktifkan. Hubungi administrator.');
  });

  it('counts a burst of attempts sent at once before any hash finishes', async () => {
    await createUser(ctx, { username: 'budi', displayName: 'Budi', role: 'finance', password: 'keuangan2026x' });
    // Eight wrong passwords at once: four refused as wrong, the fifth starts the lock, the other three find it.
    // (All wrong: on PostgreSQL the attempts take the name's row in any order, so a right password
    // among them could come before the lock and reset the count.)
    const got = await Promise.all(Array.from({ length: 8 }, (_, i) => message(authenticate(ctx, 'budi', `salah-${i}`))));
    expect(got.filter((m) => m === WRONG)).toHaveLength(4);
    const locked = got.filter((m) => m.startsWith('Terlalu banyak kata sandi salah.'));
    expect(got.filter((m) => m !== WRONG && !locked.includes(m))).toEqual([expect.stringMatching(/coba lagi dalam 1 menit/)]);
    expect(locked).toHaveLength(3);
    // The right password right after the burst is refused too: the lock holds.
    expect(await message(authenticate(ctx, 'budi', 'keuangan2026x'))).toMatch(/^Terlalu banyak kata sandi salah\./);
  });

  it('counts wrong old passwords in auth.changePassword toward the same lock', async () => {
    const u = await createUser(ctx, { username: 'budi', displayName: 'Budi', role: 'finance', password: 'keuangan2026x' });
    for (let i = 0; i < 4; i++) expect(await message(changePassword(ctx, u.id, `lama-salah-${i}`, 'baru2026keuangan'))).toBe('Kata sandi lama salah.');
    // The fifth wrong password, at the sign-in screen this time, starts the lock.
    expect(await message(authenticate(ctx, 'budi', 'salah'))).toMatch(/coba lagi dalam 1 menit/);
    expect(await message(changePassword(ctx, u.id, 'keuangan2026x', 'baru2026keuangan'))).toBe('Terlalu banyak kata sandi salah. Coba lagi dalam 1 menit.');
    now += 60_001;
    await changePassword(ctx, u.id, 'keuangan2026x', 'baru2026keuangan');
    expect((await authenticate(ctx, 'budi', 'baru2026keuangan')).id).toBe(u.id);
    expect((await auditRows({})).filter((r) => r.summary === 'Gagal ganti kata sandi (kata sandi lama salah)')).toHaveLength(4);
  });

  it('ends a lock at once when the password is reset (the CLI lost-password path), and forgets old failures after a day', async () => {
    await createUser(ctx, { username: 'budi', displayName: 'Budi', role: 'finance', password: 'keuangan2026x' });
    for (let i = 0; i < 5; i++) await message(authenticate(ctx, 'budi', `salah-${i}`));
    const temp = await resetPassword(ctx, 'budi');
    expect((await authenticate(ctx, 'budi', temp)).mustChangePassword).toBe(true);
    for (let i = 0; i < 4; i++) await message(authenticate(ctx, 'budi', `salah-${i}`));
    now += 25 * 3600_000;
    // Four failures yesterday and one today: no lock.
    expect(await message(authenticate(ctx, 'budi', 'salah-hari-ini'))).toBe(WRONG);
  });

  it('reaches the clerk through the bridge with the time to wait', async () => {
    const b = bridge(ctx, testHost(), { as: 'signedOut' });
    await b.ready;
    for (let i = 0; i < 4; i++) await b.raw('auth.login', { username: TEST_ADMIN.username, password: `salah-sandi-${i}` });
    expect(await b.raw('auth.login', { username: TEST_ADMIN.username, password: 'salah-sandi-5' }))
      .toEqual({ ok: false, error: { code: 'AUTH_FAILED', message: `${WRONG} Terlalu banyak percobaan: coba lagi dalam 1 menit.` } });
    expect(await b.raw('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password }))
      .toEqual({ ok: false, error: { code: 'AUTH_FAILED', message: 'Terlalu banyak kata sandi salah. Coba lagi dalam 1 menit.' } });
    now += 60_000;
    expect(await b.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).toMatchObject({ user: { username: 'admin' } });
  });

  it('migration 0080 lifts the old permanent lock and carries its count over', async () => {
    const path = join(ctx.dir, 'v60.db');
    const older = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version <= 60) });
    older.db.prepare("INSERT INTO app_user (username, display_name, role, password_hash, failed_logins, created_at) VALUES ('admin', 'Admin', 'admin', ?, 10, 'x')")
      .run(await hashPassword('rahasia2026pemda'));
    older.db.close();
    const { db } = openDatabase(path);
    // The SQLite migration under test: this context is the upgraded file, whatever the suite's engine.
    const upgraded = { ...ctx, store: undefined, db };
    try {
      expect(db.prepare('SELECT username, failures, locked_until FROM login_throttle').all()).toEqual([{ username: 'admin', failures: 10, locked_until: null }]);
      // Ten failures under the old code: one more wrong password locks for the longest time.
      expect(await message(authenticate(upgraded, 'admin', 'salah'))).toBe(`${WRONG} Terlalu banyak percobaan: coba lagi dalam 30 menit.`);
      now += 30 * 60_000;
      expect((await authenticate(upgraded, 'admin', 'rahasia2026pemda')).username).toBe('admin');
      expect(db.prepare('SELECT count(*) FROM login_throttle').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('lets the only administrator in at once after `sigap user reset-password`, the path named on the sign-in screen', async () => {
    await createFirstAdmin(ctx, { username: 'admin', displayName: 'Admin', password: 'rahasia2026pemda' });
    for (let i = 0; i < 5; i++) await message(authenticate(ctx, 'admin', `salah-${i}`));
    expect(await message(authenticate(ctx, 'admin', 'rahasia2026pemda'))).toMatch(/^Terlalu banyak kata sandi salah/);
    const r = await runCli(['user', 'reset-password', 'admin', '--db', ctx.dbPath]);
    expect(r.code).toBe(0);
    const temp = /Kata sandi sementara untuk admin: (\S+)/.exec(r.stdout)![1]!;
    expect((await authenticate(ctx, 'admin', temp)).mustChangePassword).toBe(true);
  });
});
