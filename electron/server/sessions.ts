/**
 * The server's sessions, and who a request is: the session a bearer token (the desktop) or the cookie
 * (a browser) names, never mixed; CSRF for cookie sessions; the idle sweep. The sessions live in this
 * process's memory only: a restarted server knows none (every client signs in again).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ServerSession, type SessionDeps } from './session';
import { MSG, refusal, send } from './replies';

export const SESSION_COOKIE = '__Host-sigap-session';

function cookieToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === SESSION_COOKIE) return part.slice(i + 1).trim();
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The session cookie: HttpOnly, Secure, SameSite=Strict; `maxAge` 0 clears it. */
export const sessionCookie = (token: string, maxAge?: number) =>
  `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict${maxAge !== undefined ? `; Max-Age=${maxAge}` : ''}`;

/** The peer's address (never a forwarded header: no proxy is trusted). */
export const addressOf = (req: FastifyRequest) => req.socket.remoteAddress ?? req.ip;

/** The signed-in username of a request, for its log line. */
export const userOf = (req: FastifyRequest) => (req as FastifyRequest & { sigapUser?: string }).sigapUser;
export const setUser = (req: FastifyRequest, s: ServerSession | undefined) => {
  const u = s?.gate.current();
  if (u) (req as FastifyRequest & { sigapUser?: string }).sigapUser = u.username;
};

/**
 * Whether a browser says the request comes from another site: its own Sec-Fetch-Site, or an Origin
 * naming another host.
 */
export function crossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    try {
      if (new URL(origin).host !== req.headers.host) return true;
    } catch {
      return true;
    }
  }
  return false;
}

export interface SessionLimits {
  clock: () => Date;
  /** A session unused this long is ended. */
  idleMs: number;
  maxSessions: number;
}

export class SessionTable {
  private readonly byToken = new Map<string, ServerSession>();
  /** Answers auth.status (and a sign-out without a session) for callers not signed in; never signs in. */
  readonly anonymous: ServerSession;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly deps: SessionDeps,
    /** The server's work folder: each session's files in a folder of its own under it. */
    private readonly work: string,
    private readonly limits: SessionLimits,
  ) {
    this.anonymous = this.create(false);
    this.sweeper = setInterval(() => {
      const now = limits.clock().getTime();
      for (const s of this.byToken.values()) {
        if (now - s.lastSeen > limits.idleMs && s.streams.size === 0) this.drop(s);
        else s.files.sweep(now);
      }
    }, 60_000);
    this.sweeper.unref();
  }

  get size(): number {
    return this.byToken.size;
  }

  full(): boolean {
    return this.byToken.size >= this.limits.maxSessions;
  }

  /** A new session, not yet signed in nor kept (a sign-in keeps it once it succeeds). */
  create(bearer: boolean): ServerSession {
    return new ServerSession(this.deps, this.work, bearer);
  }

  keep(s: ServerSession): void {
    this.byToken.set(s.token, s);
  }

  drop(s: ServerSession): void {
    this.byToken.delete(s.token);
    s.end();
  }

  /** The session a request names: a bearer token (the desktop) or the cookie (a browser), never mixed. */
  of(req: FastifyRequest): ServerSession | undefined {
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const s = m ? this.byToken.get(m[1]!) : undefined;
      return s?.bearer ? s : undefined;
    }
    const t = cookieToken(req.headers.cookie);
    const s = t ? this.byToken.get(t) : undefined;
    return s && !s.bearer ? s : undefined;
  }

  /**
   * CSRF for cookie sessions (a browser attaches the cookie by itself): a state-changing request must
   * carry the session's CSRF token in `x-sigap-csrf` (a page of another site can neither read it nor
   * set that header without a CORS preflight, which this server never grants), and a browser's own
   * Sec-Fetch-Site / Origin must not name another site. SameSite=Strict already keeps the cookie off
   * cross-site requests; the token also covers a neighbour on the same site (another server of the
   * Pemda's domain). Bearer sessions need none: nothing attaches a bearer token by itself.
   */
  csrfRefused(req: FastifyRequest, s: ServerSession, write: boolean): string | null {
    if (s.bearer) return null;
    if (crossSite(req)) return MSG.crossSite;
    if (!write) return null;
    const given = req.headers['x-sigap-csrf'];
    return typeof given === 'string' && sameText(given, s.csrf) ? null : MSG.csrf;
  }

  /**
   * The session of a request to a session-bound route other than a call, or null once the refusal
   * (401 without one, 403 for CSRF) has been sent.
   */
  authorize(req: FastifyRequest, reply: FastifyReply, write: boolean): ServerSession | null {
    const s = this.of(req);
    if (!s) {
      void send(reply, refusal('AUTH_REQUIRED', MSG.signIn), 401);
      return null;
    }
    const refused = this.csrfRefused(req, s, write);
    if (refused) {
      void send(reply, refusal('FORBIDDEN', refused), 403);
      return null;
    }
    setUser(req, s);
    return s;
  }

  /** Event streams never end by themselves: ended so that the server can stop. */
  endStreams(): void {
    for (const s of this.byToken.values()) for (const r of s.streams) r.end();
  }

  /** Every session ends (their files go); the sweep stops. */
  close(): void {
    clearInterval(this.sweeper);
    for (const s of this.byToken.values()) s.end();
    this.byToken.clear();
    this.anonymous.end();
  }
}
