import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { ROLES, type Role } from '../../../shared/roles';
import { hashPassword, needsRehash, passwordProblem, temporaryPassword, verifyAgainstNothing, verifyPassword } from './passwords';
import { clearFailures, countAttempt, lockNote, tryAgainNote } from './throttle';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
}

const SELECT = `SELECT id, username, display_name AS displayName, role, active, must_change_password AS mustChangePassword, last_login_at AS lastLoginAt FROM app_user`;

function toUser(r: Record<string, unknown>): User {
  return { ...(r as unknown as User), active: r.active === 1, mustChangePassword: r.mustChangePassword === 1 };
}

export function listUsers(ctx: CoreContext): User[] {
  return (ctx.db.prepare(`${SELECT} ORDER BY username`).all() as Record<string, unknown>[]).map(toUser);
}

export function getUser(ctx: CoreContext, id: number): User | null {
  const r = ctx.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  return r ? toUser(r) : null;
}

export function needsFirstAdmin(ctx: CoreContext): boolean {
  return (ctx.db.prepare('SELECT count(*) AS n FROM app_user').get() as { n: number }).n === 0;
}

function checkUsername(u: string): string {
  const name = u.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,40}$/.test(name)) throw new SigapError('INVALID_INPUT', 'Nama pengguna 3-40 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.');
  return name;
}

export async function createUser(ctx: CoreContext, u: { username: string; displayName: string; role: Role; password: string; mustChange?: boolean }, opts: { onlyIfFirst?: boolean } = {}): Promise<User> {
  const username = checkUsername(u.username);
  if (!ROLES.includes(u.role)) throw new SigapError('INVALID_INPUT', 'Peran tidak dikenal.');
  const problem = passwordProblem(u.password);
  if (problem) throw new SigapError('INVALID_INPUT', problem);
  const hash = await hashPassword(u.password);
  return ctx.db.transaction(() => {
    // Checked again here, after the slow hash: two first-run calls racing must not make two admins.
    if (opts.onlyIfFirst && !needsFirstAdmin(ctx)) throw new SigapError('CONFLICT', 'Administrator sudah dibuat.');
    if (ctx.db.prepare('SELECT 1 FROM app_user WHERE username = ?').get(username)) throw new SigapError('CONFLICT', `Nama pengguna "${username}" sudah dipakai.`);
    const id = Number(ctx.db.prepare('INSERT INTO app_user (username, display_name, role, password_hash, must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(username, u.displayName.trim() || username, u.role, hash, u.mustChange ? 1 : 0, nowIso(ctx)).lastInsertRowid);
    audit(ctx, { action: 'create', entity: 'user', entityId: id, summary: `Pengguna ${username} (${u.role})`, after: { username, role: u.role } });
    return toUser(ctx.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Record<string, unknown>);
  })();
}

/** The first run: only allowed while there is no user at all. */
export async function createFirstAdmin(ctx: CoreContext, u: { username: string; displayName: string; password: string }): Promise<User> {
  if (!needsFirstAdmin(ctx)) throw new SigapError('CONFLICT', 'Administrator sudah dibuat.');
  // The first account is written under its own name, without making it the actor of other calls.
  return createUser({ ...ctx, actor: u.username.trim().toLowerCase() }, { ...u, role: 'admin' }, { onlyIfFirst: true });
}

/**
 * Checks a sign-in. Every name takes the same path whether or not it has an account: the attempt is
 * counted against the name (auth/throttle.ts), a password is hashed (against a dummy hash when there is
 * no account), and a wrong name or password gets one message. A right password clears the count and
 * rewrites a hash made with older scrypt parameters.
 */
export async function authenticate(ctx: CoreContext, username: string, password: string): Promise<User> {
  const name = username.trim().toLowerCase();
  const lockMs = countAttempt(ctx, name);
  const row = ctx.db.prepare('SELECT id, password_hash, active FROM app_user WHERE username = ?').get(name) as
    | { id: number; password_hash: string; active: number } | undefined;
  const ok = row ? await verifyPassword(password, row.password_hash) : await verifyAgainstNothing(password);
  // The attempt is on record under the name tried, without making it the actor of anything else.
  const attempt: CoreContext = { ...ctx, actor: name };
  if (!row || !ok) {
    if (row) audit(attempt, { action: 'update', entity: 'user', entityId: row.id, summary: `Gagal masuk (kata sandi salah)${lockNote(lockMs)}` });
    throw wrongSignIn(lockMs);
  }
  clearFailures(ctx, name);
  // Only someone who knows the password learns that the account is switched off.
  if (!row.active) throw new SigapError('AUTH_FAILED', 'Akun ini dinonaktifkan. Hubungi administrator.');
  const upgraded = needsRehash(row.password_hash) ? await hashPassword(password) : null;
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE app_user SET last_login_at = ? WHERE id = ?').run(nowIso(ctx), row.id);
    // Not over a password reset that landed while this one was hashing.
    if (upgraded) ctx.db.prepare('UPDATE app_user SET password_hash = ? WHERE id = ? AND password_hash = ?').run(upgraded, row.id, row.password_hash);
    audit(attempt, { action: 'update', entity: 'user', entityId: row.id, summary: upgraded ? 'Masuk (hash kata sandi diperbarui)' : 'Masuk' });
  })();
  return toUser(ctx.db.prepare(`${SELECT} WHERE id = ?`).get(row.id) as Record<string, unknown>);
}

/** One message for an unknown name and a wrong password; the wrong password that starts a lock says so. */
function wrongSignIn(lockMs: number): SigapError {
  return new SigapError('AUTH_FAILED', `Nama pengguna atau kata sandi salah.${tryAgainNote(lockMs)}`);
}

/** A wrong old password counts toward the same throttle as a wrong sign-in. */
export async function changePassword(ctx: CoreContext, userId: number, oldPassword: string, newPassword: string): Promise<void> {
  const row = ctx.db.prepare('SELECT username, password_hash FROM app_user WHERE id = ?').get(userId) as { username: string; password_hash: string } | undefined;
  if (!row) throw new SigapError('NOT_FOUND', 'Pengguna tidak ditemukan.');
  const lockMs = countAttempt(ctx, row.username);
  if (!(await verifyPassword(oldPassword, row.password_hash))) {
    audit(ctx, { action: 'update', entity: 'user', entityId: userId, summary: `Gagal ganti kata sandi (kata sandi lama salah)${lockNote(lockMs)}` });
    throw new SigapError('AUTH_FAILED', `Kata sandi lama salah.${tryAgainNote(lockMs)}`);
  }
  clearFailures(ctx, row.username);
  await setPassword(ctx, userId, newPassword, false);
}

export async function setPassword(ctx: CoreContext, userId: number, password: string, mustChange: boolean): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new SigapError('INVALID_INPUT', problem);
  const hash = await hashPassword(password);
  ctx.db.transaction(() => {
    const r = ctx.db.prepare('UPDATE app_user SET password_hash = ?, must_change_password = ? WHERE id = ?').run(hash, mustChange ? 1 : 0, userId);
    if (r.changes === 0) throw new SigapError('NOT_FOUND', 'Pengguna tidak ditemukan.');
    // A new password (the administrator's reset, the CLI's lost-password path) also ends a lock.
    clearFailures(ctx, ctx.db.prepare('SELECT username FROM app_user WHERE id = ?').pluck().get(userId) as string);
    audit(ctx, { action: 'update', entity: 'user', entityId: userId, summary: mustChange ? 'Kata sandi diatur ulang' : 'Kata sandi diganti' });
  })();
}

/**
 * The lost-password path: needs the database file, i.e. access to the machine (`sigap user
 * reset-password`). Returns a temporary password that must be changed at the next login.
 */
export async function resetPassword(ctx: CoreContext, username: string): Promise<string> {
  const row = ctx.db.prepare('SELECT id FROM app_user WHERE username = ?').get(username.trim().toLowerCase()) as { id: number } | undefined;
  if (!row) throw new SigapError('NOT_FOUND', `Pengguna "${username}" tidak ditemukan.`);
  const temp = temporaryPassword() + '7';
  await setPassword(ctx, row.id, temp, true);
  return temp;
}

export function updateUser(ctx: CoreContext, id: number, u: { displayName: string; role: Role; active: boolean }): void {
  ctx.db.transaction(() => {
    const before = ctx.db.prepare('SELECT display_name, role, active FROM app_user WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (!before) throw new SigapError('NOT_FOUND', 'Pengguna tidak ditemukan.');
    if (before.role === 'admin' && (u.role !== 'admin' || !u.active)) {
      const admins = (ctx.db.prepare("SELECT count(*) AS n FROM app_user WHERE role = 'admin' AND active = 1").get() as { n: number }).n;
      if (admins <= 1) throw new SigapError('CONFLICT', 'Harus ada paling sedikit satu administrator aktif.');
    }
    ctx.db.prepare('UPDATE app_user SET display_name = ?, role = ?, active = ? WHERE id = ?').run(u.displayName, u.role, u.active ? 1 : 0, id);
    audit(ctx, { action: 'update', entity: 'user', entityId: id, summary: `Pengguna diubah`, before, after: { display_name: u.displayName, role: u.role, active: u.active ? 1 : 0 } });
  })();
}
