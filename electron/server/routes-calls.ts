/**
 * The contract over HTTP: `POST /api/call/<name>` (one call, answered with the contract's Reply exactly
 * as over IPC, through the session's own dispatch), `GET /api/session` (what a reloaded page needs) and
 * `GET /api/health` (no session).
 */
import type { FastifyInstance } from 'fastify';
import { contract } from '../../shared/contract/index';
import type { Download } from './files';
import type { AddressThrottle } from './address-throttle';
import { httpStatus, MSG, refusal, send } from './replies';
import { addressOf, crossSite, sessionCookie, setUser, type SessionTable } from './sessions';

export interface CallRoutesDeps {
  sessions: SessionTable;
  throttle: AddressThrottle;
  clock: () => Date;
  /** True once the server is stopping: no new call starts. */
  closing: () => boolean;
  /** The health answer's value. */
  health: () => { status: 'ok' | 'stopping'; engine: string; schemaVersion: number; latestVersion: number; appVersion: string };
}

const SIGN_IN = new Set(['auth.login', 'auth.setup']);
const GUESSES = new Set(['auth.login', 'auth.unlock']);

/** A JSON header value that is pure ASCII (file names may not be). */
const asciiJson = (v: unknown): string => JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function registerCallRoutes(app: FastifyInstance, d: CallRoutesDeps): void {
  const { sessions, throttle, clock } = d;

  app.get('/api/health', async (_req, reply) => {
    const value = d.health();
    return send(reply, { ok: true, value }, value.status === 'ok' ? 200 : 503);
  });

  /** The session's state again (after a page reload the browser has the cookie but not the CSRF token). */
  app.get('/api/session', async (req, reply) => {
    const s = sessions.authorize(req, reply, false);
    if (!s) return reply;
    return send(reply, { ok: true, value: { status: await s.gate.status(), ...(s.bearer ? {} : { csrf: s.csrf }) } }, 200);
  });

  app.post<{ Params: { name: string } }>('/api/call/:name', async (req, reply) => {
    const name = req.params.name;
    if (!Object.prototype.hasOwnProperty.call(contract, name)) return send(reply, refusal('NOT_FOUND', MSG.unknownCall), 404);
    if (d.closing()) return send(reply, refusal('INTERNAL', MSG.closing), 503);
    const uploadHeader = req.headers['x-sigap-upload'];
    const uploads = typeof uploadHeader === 'string' && uploadHeader !== '' ? uploadHeader.split(',').map((t) => t.trim()) : [];
    const ip = addressOf(req);
    const now = clock().getTime();
    if (GUESSES.has(name)) {
      const wait = throttle.waitMinutes(ip, now);
      if (wait > 0) return send(reply, refusal('AUTH_FAILED', MSG.throttled(wait)), 429);
    }
    let s = sessions.of(req);
    if (s) {
      const refused = sessions.csrfRefused(req, s, true);
      if (refused) return send(reply, refusal('FORBIDDEN', refused), 403);
    }
    const fresh = SIGN_IN.has(name);
    if (fresh) {
      // Every sign-in starts a new session (a new token and CSRF token): nothing fixed before carries over.
      if (sessions.full()) return send(reply, refusal('INTERNAL', MSG.tooManySessions), 503);
      const bearer = req.headers['x-sigap-client'] === 'desktop' || Boolean(req.headers.authorization);
      if (!bearer && crossSite(req)) return send(reply, refusal('FORBIDDEN', MSG.crossSite), 403);
      s = sessions.create(bearer);
    } else if (!s) {
      if (name === 'auth.status' || name === 'auth.logout') s = sessions.anonymous;
      else return send(reply, refusal('AUTH_REQUIRED', MSG.signIn), 401);
    }
    const session = s;
    const { reply: answer, downloads } = await session.call(name, req.body, uploads);
    if (!answer.ok && answer.error.code === 'AUTH_FAILED' && GUESSES.has(name)) throttle.failed(ip, now);
    setUser(req, session);
    if (session !== sessions.anonymous) {
      if (fresh) {
        if (session.gate.current()) {
          const old = sessions.of(req);
          if (old) sessions.drop(old);
          sessions.keep(session);
          if (session.bearer) reply.header('x-sigap-token', session.token);
          else reply.header('set-cookie', sessionCookie(session.token)).header('x-sigap-csrf', session.csrf);
        } else session.end();
      } else if (!session.gate.current()) {
        // Signed out (by the user, by too many wrong unlocks, or an account switched off): the session ends.
        sessions.drop(session);
        if (!session.bearer) reply.header('set-cookie', sessionCookie('', 0));
      }
    }
    if (downloads.length) reply.header('x-sigap-downloads', asciiJson(downloads.map((x: Download) => ({ token: x.token, name: x.name, bytes: x.bytes, inline: x.inline }))));
    return send(reply, answer, httpStatus(answer));
  });
}
