import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { maskId } from '../../../shared/nik';
import { mayCall, SEES_IDENTITY, type Role } from '../../../shared/roles';
import { authenticate, needsFirstAdmin, type User } from './users';
import { verifyPassword } from './passwords';

/** Calls that work without a session: signing in, and setting up the first administrator. */
export const PUBLIC_CALLS = new Set(['auth.status', 'auth.setup', 'auth.login', 'auth.logout', 'auth.unlock']);

export const DEFAULT_LOCK_MINUTES = 15;

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

  constructor(
    private readonly ctx: CoreContext,
    private readonly lockMinutes: () => number = () => DEFAULT_LOCK_MINUTES,
  ) {}

  private now(): number {
    return this.ctx.clock().getTime();
  }

  status(): SessionStatus {
    this.expire();
    const u = this.user;
    return {
      needsSetup: needsFirstAdmin(this.ctx),
      user: u ? { id: u.id, username: u.username, displayName: u.displayName, role: u.role, mustChangePassword: u.mustChangePassword } : null,
      locked: this.locked,
      lockMinutes: this.lockMinutes(),
      seesIdentity: u ? SEES_IDENTITY.includes(u.role) : false,
    };
  }

  async login(username: string, password: string): Promise<SessionStatus> {
    this.user = await authenticate(this.ctx, username, password);
    this.locked = false;
    this.lastActive = this.now();
    return this.status();
  }

  /** Signs in as a known user without a password: the first administrator right after setup. */
  adopt(user: User): void {
    this.user = user;
    this.locked = false;
    this.lastActive = this.now();
  }

  logout(): void {
    this.user = null;
    this.locked = false;
  }

  async unlock(password: string): Promise<SessionStatus> {
    if (!this.user) throw new SigapError('AUTH_REQUIRED', 'Silakan masuk terlebih dahulu.');
    const row = this.ctx.db.prepare('SELECT password_hash, active FROM app_user WHERE id = ?').get(this.user.id) as { password_hash: string; active: number } | undefined;
    if (!row || !row.active || !(await verifyPassword(password, row.password_hash))) throw new SigapError('AUTH_FAILED', 'Kata sandi salah.');
    this.locked = false;
    this.lastActive = this.now();
    return this.status();
  }

  private expire(): void {
    const minutes = this.lockMinutes();
    if (this.user && !this.locked && minutes > 0 && this.now() - this.lastActive > minutes * 60_000) this.locked = true;
  }

  /** Throws unless the current user may make this call now; counts the call as activity. */
  check(call: string): Role {
    if (PUBLIC_CALLS.has(call)) return this.user?.role ?? 'viewer';
    this.expire();
    if (!this.user) throw new SigapError('AUTH_REQUIRED', 'Silakan masuk terlebih dahulu.');
    if (this.locked) throw new SigapError('LOCKED', 'Sesi terkunci karena tidak aktif. Masukkan kata sandi untuk melanjutkan.');
    if (!mayCall(this.user.role, call)) throw new SigapError('FORBIDDEN', 'Peran Anda tidak diizinkan melakukan ini.');
    this.lastActive = this.now();
    return this.user.role;
  }

  /** NIK and KPJ as the role may see them. */
  present<T>(value: T): T {
    if (this.user && SEES_IDENTITY.includes(this.user.role)) return value;
    return maskIdentity(value);
  }
}

/** A copy with every `nik` and `kpj` string masked, at any depth. */
export function maskIdentity<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskIdentity) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = (k === 'nik' || k === 'kpj') && typeof v === 'string' ? maskId(v) : maskIdentity(v);
  }
  return out as T;
}
