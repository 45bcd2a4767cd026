import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { ROLES, type Role } from '../../../shared/roles';
import { hashPassword, needsRehash, passwordProblem, temporaryPassword, verifyAgainstNothing, verifyPassword } from './passwords';
import { clearFailures, countAttempt, lockNote, tryAgainNote } from './throttle';
import { storeOf } from '../store/of-context';
import { userRepo, type UserRow } from './user-repository';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
}

function toUser(r: UserRow): User {
  return { ...r, active: r.active === 1, mustChangePassword: r.mustChangePassword === 1 };
}

export async function listUsers(ctx: CoreContext): Promise<User[]> {
  return (await userRepo.all(storeOf(ctx))).map(toUser);
}

export async function getUser(ctx: CoreContext, id: number): Promise<User | null> {
  const r = await userRepo.byId(storeOf(ctx), id);
  return r ? toUser(r) : null;
}

export async function needsFirstAdmin(ctx: CoreContext): Promise<boolean> {
  return (await userRepo.count(storeOf(ctx))) === 0;
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
  return storeOf(ctx).tx('write', async (tx) => {
    // Checked again here, after the slow hash: two first-run calls racing must not make two admins.
    await userRepo.lockAccounts(tx);
    if (opts.onlyIfFirst && (await userRepo.count(tx)) > 0) throw new SigapError('CONFLICT', 'Administrator sudah dibuat.');
    if (await userRepo.usernameTaken(tx, username)) throw new SigapError('CONFLICT', `Nama pengguna "${username}" sudah dipakai.`);
    const id = await userRepo.insert(tx, { username, displayName: u.displayName.trim() || username, role: u.role, passwordHash: hash, mustChange: Boolean(u.mustChange), createdAt: nowIso(ctx) });
    await audit(ctx, { action: 'create', entity: 'user', entityId: id, summary: `Pengguna ${username} (${u.role})`, after: { username, role: u.role } });
    return toUser((await userRepo.byId(tx, id))!);
  });
}

/** The first run: only allowed while there is no user at all. */
export async function createFirstAdmin(ctx: CoreContext, u: { username: string; displayName: string; password: string }): Promise<User> {
  if (!(await needsFirstAdmin(ctx))) throw new SigapError('CONFLICT', 'Administrator sudah dibuat.');
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
  const lockMs = await countAttempt(ctx, name);
  const row = await userRepo.credentialsByName(storeOf(ctx), name);
  const ok = row ? await verifyPassword(password, row.passwordHash) : await verifyAgainstNothing(password);
  // The attempt is on record under the name tried, without making it the actor of anything else.
  const attempt: CoreContext = { ...ctx, actor: name };
  if (!row || !ok) {
    if (row) await audit(attempt, { action: 'update', entity: 'user', entityId: row.id, summary: `Gagal masuk (kata sandi salah)${lockNote(lockMs)}` });
    throw wrongSignIn(lockMs);
  }
  await clearFailures(ctx, name);
  // Only someone who knows the password learns that the account is switched off.
  if (!row.active) throw new SigapError('AUTH_FAILED', 'Akun ini dinonaktifkan. Hubungi administrator.');
  const upgraded = needsRehash(row.passwordHash) ? await hashPassword(password) : null;
  return storeOf(ctx).tx('write', async (tx) => {
    await userRepo.setLastLogin(tx, row.id, nowIso(ctx));
    // Not over a password reset that landed while this one was hashing.
    if (upgraded) await userRepo.upgradeHash(tx, row.id, row.passwordHash, upgraded);
    await audit(attempt, { action: 'update', entity: 'user', entityId: row.id, summary: upgraded ? 'Masuk (hash kata sandi diperbarui)' : 'Masuk' });
    return toUser((await userRepo.byId(tx, row.id))!);
  });
}

/** One message for an unknown name and a wrong password; the wrong password that starts a lock says so. */
function wrongSignIn(lockMs: number): SigapError {
  return new SigapError('AUTH_FAILED', `Nama pengguna atau kata sandi salah.${tryAgainNote(lockMs)}`);
}

/** A wrong old password counts toward the same throttle as a wrong sign-in. */
export async function changePassword(ctx: CoreContext, userId: number, oldPassword: string, newPassword: string): Promise<void> {
  const row = await userRepo.credentialsById(storeOf(ctx), userId);
  if (!row) throw new SigapError('NOT_FOUND', 'Pengguna tidak ditemukan.');
  const lockMs = await countAttempt(ctx, row.username);
  if (!(await verifyPassword(oldPassword, row.passwordHash))) {
    await audit(ctx, { action: 'update', entity: 'user', entityId: userId, summary: `Gagal ganti kata sandi (kata sandi lama salah)${lockNote(lockMs)}` });
    throw new SigapError('AUTH_FAILED', `Kata sandi lama salah.${tryAgainNote(lockMs)}`);
  }
  await clearFailures(ctx, row.username);
  await setPassword(ctx, userId, newPassword, false);
}

export async function setPassword(ctx: CoreContext, userId: number, password: string, mustChange: boolean): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new SigapError('INVALID_INPUT', problem);
  const hash = await hashPassword(password);
  await storeOf(ctx).tx('write', async (tx) => {
    if ((await userRepo.setPassword(tx, userId, hash, mustChange)) === 0) throw new SigapError('NOT_FOUND', 'Pengguna tidak ditemukan.');
    // A new password (the administrator's reset, the CLI's lost-password path) also ends a lock.
    await clearFailures(ctx, (await userRepo.credentialsById(tx, userId))!.username);
    await audit(ctx, { action: 'update', entity: 'user', entityId: userId, summary: mustChange ? 'Kata sandi diatur ulang' : 'Kata sandi diganti' });
  });
}

/**
 * The lost-password path: needs the database file, i.e. access to the machine (`sigap user
 * reset-password`). Returns a temporary password that must be changed at the next login.
 */
export async function resetPassword(ctx: CoreContext, username: string): Promise<string> {
  const row = await userRepo.credentialsByName(storeOf(ctx), username.trim().toLowerCase());
  if (!row) throw new SigapError('NOT_FOUND', `Pengguna "${username}" tidak ditemukan.`);
  const temp = temporaryPassword() + '7';
  await setPassword(ctx, row.id, temp, true);
  return temp;
}

export async function updateUser(ctx: CoreContext, id: number, u: { displayName: string; role: Role; active: boolean }): Promise<void> {
  await storeOf(ctx).tx('write', async (tx) => {
    // The count of active administrators holds until this edit commits: two admins demoting each other
    // at once must not both see the other still active and leave none.
    await userRepo.lockAccounts(tx);
    const before = await userRepo.profile(tx, id);
    if (!before) throw new SigapError('NOT_FOUND', 'Pengguna tidak ditemukan.');
    if (before.role === 'admin' && (u.role !== 'admin' || !u.active)) {
      if ((await userRepo.activeAdmins(tx)) <= 1) throw new SigapError('CONFLICT', 'Harus ada paling sedikit satu administrator aktif.');
    }
    await userRepo.updateProfile(tx, id, u);
    await audit(ctx, { action: 'update', entity: 'user', entityId: id, summary: `Pengguna diubah`, before, after: { display_name: u.displayName, role: u.role, active: u.active ? 1 : 0 } });
  });
}
