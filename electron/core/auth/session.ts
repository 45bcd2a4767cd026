import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { mayCall, SEES_IDENTITY, type Role } from '../../../shared/roles';
import { authenticate, getUser, needsFirstAdmin, type User } from './users';
import { verifyPassword } from './passwords';
import { storeOf } from '../store/of-context';
import { putSetting, settingValue } from '../settings/setting-repository';
import { userRepo } from './user-repository';

/** Calls that work without a session: signing in, and setting up the first administrator. */
export const PUBLIC_CALLS = new Set(['auth.status', 'auth.setup', 'auth.login', 'auth.logout', 'auth.unlock']);

/**
 * What an account with a temporary password may call besides the public calls: changing it, and
 * keeping the session alive while typing the new one. Everything else waits for the change.
 */
export const MUST_CHANGE_CALLS = new Set(['auth.changePassword', 'auth.touch']);

export const DEFAULT_LOCK_MINUTES = 15;
const MAX_FAILED_UNLOCKS = 5;
const LOCK_KEY = 'session.lockMinutes';

/** Minutes of inactivity before the session locks (0: never), kept in the `setting` table. */
export async function lockMinutes(ctx: CoreContext): Promise<number> {
  const value = await settingValue(storeOf(ctx), LOCK_KEY);
  const n = value !== undefined ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_LOCK_MINUTES;
}

export async function setLockMinutes(ctx: CoreContext, minutes: number): Promise<void> {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 480) throw new SigapError('INVALID_INPUT', 'Lama kunci otomatis 0-480 menit.');
  await storeOf(ctx).tx('write', async (tx) => {
    const before = await lockMinutes(ctx);
    await putSetting(tx, LOCK_KEY, String(minutes), nowIso(ctx));
    await audit(ctx, { action: 'update', entity: 'setting', entityId: null, summary: `Kunci otomatis setelah ${minutes} menit tidak aktif`, before: { [LOCK_KEY]: before }, after: { [LOCK_KEY]: minutes } });
  });
}

const gates = new WeakMap<CoreContext, SessionGate>();

/** The one session of a core context: the bridge's dispatch and the auth handlers share it. */
export function sessionFor(ctx: CoreContext): SessionGate {
  let g = gates.get(ctx);
  if (!g) {
    g = new SessionGate(ctx, () => lockMinutes(ctx));
    gates.set(ctx, g);
  }
  return g;
}

export interface SessionStatus {
  needsSetup: boolean;
  user: Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'mustChangePassword'> | null;
  locked: boolean;
  lockMinutes: number;
  seesIdentity: boolean;
}

/**
 * The signed-in user of this app window, held by the main process. Every bridge call passes through
 * `check`: no session, a locked session or a role without the right is refused before the core runs.
 */
export class SessionGate {
  private user: User | null = null;
  private lastActive = 0;
  private locked = false;
  private failedUnlocks = 0;
  /** Counts sign-ins and sign-outs: a read that awaited the store learns whether the session changed meanwhile. */
  private epoch = 0;

  constructor(
    private readonly ctx: CoreContext,
    private readonly lockMinutes: () => number | Promise<number> = () => DEFAULT_LOCK_MINUTES,
  ) {
    // A core behind a gate writes masked documents until someone who may see NIK and KPJ signs in.
    ctx.seesIdentity = false;
  }

  /** The caller the core acts for: audit rows name this user, documents show NIK/KPJ as the role may. */
  private actAs(user: User | null): void {
    this.ctx.actor = user ? user.username : 'app';
    this.ctx.seesIdentity = user ? SEES_IDENTITY.includes(user.role) : false;
  }

  private now(): number {
    return this.ctx.clock().getTime();
  }

  async status(): Promise<SessionStatus> {
    const minutes = await this.lockMinutes();
    this.expire(minutes);
    const u = this.user;
    return {
      needsSetup: await needsFirstAdmin(this.ctx),
      user: u ? { id: u.id, username: u.username, displayName: u.displayName, role: u.role, mustChangePassword: u.mustChangePassword } : null,
      locked: this.locked,
      lockMinutes: minutes,
      seesIdentity: u ? SEES_IDENTITY.includes(u.role) : false,
    };
  }

  async login(username: string, password: string): Promise<SessionStatus> {
    // The attempt's own audit row names the username tried (authenticate writes it with that actor);
    // ctx.actor changes only once the password is right, so no call still running is written under a
    // name someone merely typed.
    const user = await authenticate(this.ctx, username, password);
    this.epoch++;
    this.user = user;
    this.actAs(user);
    this.locked = false;
    this.lastActive = this.now();
    return this.status();
  }

  /** Reads the signed-in account again (after its password or role changed). */
  async refresh(): Promise<void> {
    const user = this.user;
    if (!user) return;
    const epoch = this.epoch;
    const fresh = await getUser(this.ctx, user.id);
    // Not over a sign-out or another sign-in that happened while this read ran.
    if (this.epoch === epoch) this.user = fresh;
  }

  /** The signed-in user, or null. */
  current(): User | null {
    return this.user;
  }

  /** Signs in as a known user without a password: the first administrator right after setup. */
  adopt(user: User): void {
    this.epoch++;
    this.user = user;
    this.actAs(user);
    this.locked = false;
    this.lastActive = this.now();
  }

  logout(): void {
    this.epoch++;
    this.user = null;
    this.failedUnlocks = 0;
    this.locked = false;
    this.actAs(null);
  }

  async unlock(password: string): Promise<SessionStatus> {
    if (!this.user) throw new SigapError('AUTH_REQUIRED', 'Silakan masuk terlebih dahulu.');
    const row = await userRepo.credentialsById(storeOf(this.ctx), this.user.id);
    if (!row || !row.active || !(await verifyPassword(password, row.passwordHash))) {
      // Guessing at a locked screen ends the session: the full sign-in counts failures per account.
      if (++this.failedUnlocks >= MAX_FAILED_UNLOCKS) {
        this.logout();
        throw new SigapError('AUTH_REQUIRED', 'Terlalu banyak kata sandi salah. Silakan masuk kembali.');
      }
      throw new SigapError('AUTH_FAILED', 'Kata sandi salah.');
    }
    this.failedUnlocks = 0;
    this.locked = false;
    this.lastActive = this.now();
    return this.status();
  }

  private expire(minutes: number): void {
    if (this.user && !this.locked && minutes > 0 && this.now() - this.lastActive > minutes * 60_000) this.locked = true;
  }

  /** Throws unless the current user may make this call now; counts the call as activity. */
  async check(call: string): Promise<Role> {
    if (PUBLIC_CALLS.has(call)) return this.user?.role ?? 'viewer';
    this.expire(await this.lockMinutes());
    if (!this.user) throw new SigapError('AUTH_REQUIRED', 'Silakan masuk terlebih dahulu.');
    // The account as it is now: a role changed or an account switched off takes effect at once.
    const user = this.user;
    const epoch = this.epoch;
    const fresh = await getUser(this.ctx, user.id);
    // A sign-out or another sign-in while this read ran: check the call against the session as it is now.
    if (this.epoch !== epoch) return this.check(call);
    if (!fresh || !fresh.active || fresh.username !== user.username) {
      this.logout();
      throw new SigapError('AUTH_REQUIRED', 'Akun ini tidak aktif lagi. Silakan masuk kembali.');
    }
    this.user = fresh;
    if (this.locked) throw new SigapError('LOCKED', 'Sesi terkunci karena tidak aktif. Masukkan kata sandi untuk melanjutkan.');
    if (this.user.mustChangePassword && !MUST_CHANGE_CALLS.has(call)) {
      throw new SigapError('PASSWORD_CHANGE_REQUIRED', 'Ganti kata sandi sementara Anda terlebih dahulu, lalu lanjutkan.');
    }
    if (!mayCall(this.user.role, call)) throw new SigapError('FORBIDDEN', 'Peran Anda tidak diizinkan melakukan ini.');
    this.lastActive = this.now();
    this.actAs(this.user);
    return this.user.role;
  }
}
