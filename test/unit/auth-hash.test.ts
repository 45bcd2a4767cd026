import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scryptSync, randomBytes } from 'node:crypto';
import { authenticate, createFirstAdmin, createUser } from '../../electron/core/auth/users';
import { hashPassword, needsRehash, verifyPassword } from '../../electron/core/auth/passwords';
import { testContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { userRepo } from '../../electron/core/auth/user-repository';
import { auditLog, type AuditFilter, type AuditLogRow } from '../../electron/core/audit-repository';

// Issue 17: scrypt at N=2^15 is below OWASP's minimum (N=2^17, r=8, p=1). New hashes use the minimum,
// old ones still verify and are rewritten at the next successful sign-in.

/** Every scrypt call the password module makes, with its cost parameters. */
const calls = vi.hoisted(() => [] as { N: number; r: number; p: number }[]);
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scrypt = (pw: string, salt: Buffer, len: number, opts: { N: number; r: number; p: number }, cb: (e: Error | null, k: Buffer) => void) => {
    calls.push({ N: opts.N, r: opts.r, p: opts.p });
    return real.scrypt(pw, salt, len, opts, cb);
  };
  return { ...real, scrypt, default: { ...real, scrypt } };
});

let ctx: ReturnType<typeof testContext>;
beforeEach(() => {
  ctx = testContext();
  calls.length = 0;
});
afterEach(() => ctx.close());

/** A hash exactly as the code before issue 17 wrote it: N=2^15. */
function oldFormatHash(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 128 * 1024 * 1024 });
  return `scrypt$32768$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
}

const storedHash = async (username: string) => (await userRepo.credentialsByName(storeOf(ctx), username))!.passwordHash;

/** Audit rows, oldest first. */
async function auditRows(f: AuditFilter): Promise<AuditLogRow[]> {
  const out: AuditLogRow[] = [];
  for await (const r of auditLog.iterate(storeOf(ctx), f)) out.push(r);
  return out;
}

describe('password hashes', () => {
  it('are made with scrypt at N=2^17, r=8, p=1, and say so', async () => {
    await createFirstAdmin(ctx, { username: 'admin', displayName: 'Admin', password: 'rahasia2026pemda' });
    expect(await storedHash('admin')).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(calls).toEqual([{ N: 131072, r: 8, p: 1 }]);
    expect(await verifyPassword('rahasia2026pemda', await storedHash('admin'))).toBe(true);
    expect(await verifyPassword('rahasia2026pemdA', await storedHash('admin'))).toBe(false);
  });

  it('upgrades an old N=2^15 hash at the next successful sign-in, and only then', async () => {
    const u = await createUser(ctx, { username: 'budi', displayName: 'Budi', role: 'finance', password: 'keuangan2026x' });
    const old = oldFormatHash('keuangan2026x');
    expect(await userRepo.setPassword(storeOf(ctx), u.id, old, false)).toBe(1);
    expect(needsRehash(old)).toBe(true);
    // A wrong password does not touch the stored hash.
    await expect(authenticate(ctx, 'budi', 'salah-sandi-1')).rejects.toThrow('Nama pengguna atau kata sandi salah.');
    expect(await storedHash('budi')).toBe(old);
    expect((await authenticate(ctx, 'budi', 'keuangan2026x')).id).toBe(u.id);
    const upgraded = await storedHash('budi');
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(needsRehash(upgraded)).toBe(false);
    expect(await verifyPassword('keuangan2026x', upgraded)).toBe(true);
    // The next sign-in verifies the new hash and leaves it alone.
    await authenticate(ctx, 'budi', 'keuangan2026x');
    expect(await storedHash('budi')).toBe(upgraded);
    const summaries = (await auditRows({ entity: 'user' })).map((r) => r.summary).filter((x) => x?.startsWith('Masuk'));
    expect(summaries).toEqual(['Masuk (hash kata sandi diperbarui)', 'Masuk']);
  });

  it('spends one full-cost hash on a name without an account, like on a real one', async () => {
    await createUser(ctx, { username: 'budi', displayName: 'Budi', role: 'finance', password: 'keuangan2026x' });
    calls.length = 0;
    await expect(authenticate(ctx, 'budi', 'salah-sandi-1')).rejects.toThrow('Nama pengguna atau kata sandi salah.');
    const known = calls.splice(0);
    await expect(authenticate(ctx, 'tidak-ada', 'salah-sandi-1')).rejects.toThrow('Nama pengguna atau kata sandi salah.');
    expect(calls).toEqual(known);
    expect(known).toEqual([{ N: 131072, r: 8, p: 1 }]);
  });

  it('refuses a stored hash with absurd parameters instead of running out of memory', async () => {
    const good = await hashPassword('rahasia2026pemda');
    const huge = good.replace('$131072$', `$${2 ** 30}$`);
    expect(await verifyPassword('rahasia2026pemda', huge)).toBe(false);
    expect(await verifyPassword('rahasia2026pemda', good.replace('$131072$', '$1000$'))).toBe(false);
    expect(await verifyPassword('rahasia2026pemda', 'bcrypt$whatever')).toBe(false);
    expect(needsRehash('bcrypt$whatever')).toBe(true);
  });
});
