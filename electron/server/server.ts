/**
 * `sigap serve`: the core and its session gate as an HTTPS service for the offices of a Pemda. The
 * contract travels unchanged: one `POST /api/call/<name>` per call, answered with the same Reply as
 * over IPC, checked by the same dispatch (session gate, zod on arrival, masking, Indonesian errors).
 * Knows neither Electron nor the engine: it opens its store through `openStore`.
 *
 * Routes: GET /api/health (no session) · POST /api/call/<name> · GET /api/session · GET /api/events
 * (Server-Sent Events: progress of long work, per session) · POST /api/upload · GET /api/files/<token>
 * · GET / and every other page route: the built renderer for browsers (web.ts).
 */
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, openSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { contract } from '../../shared/contract/index';
import { SigapError } from '../../shared/errors';
import type { PdfOptions } from '../../shared/paper';
import { maskIdsInText } from '../../shared/mask';
import { isPostgresUrl, openStore, type OpenedStore } from '../core/store/open-store';
import { schemaVersion } from '../core/db/open';
import { LATEST_VERSION } from '../core/db/migrations/index';
import { defaultBackupDir } from '../core/backup/names';
import { userDataDir } from '../core/paths';
import { givenCertificate, selfSignedCertificate, type ServerCertificate } from './cert';
import { ServerSession, type SessionDeps } from './session';
import { AddressThrottle } from './address-throttle';
import { httpStatus, MSG, refusal } from './replies';
import { safeName, type Download } from './files';
import { defaultWebRoot, registerWeb } from './web';

export interface ServerOptions {
  /** A SQLite file path or a postgres:// URL (openStore decides). */
  db: string;
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** The Pemda's own certificate; without it a self-signed one is made once in `dataDir`. */
  cert?: { certPath: string; keyPath: string };
  /** Where the certificate and the log live: default next to the SQLite file, or the user-data folder. */
  dataDir?: string;
  /** The request log; default `sigap-server.log` in dataDir; null: no log file. */
  logFile?: string | null;
  printToPdf?: (html: string, opts: PdfOptions) => Promise<Uint8Array>;
  appVersion?: string;
  clock?: () => Date;
  /** Largest call body, and largest upload. */
  bodyLimit?: number;
  uploadLimit?: number;
  /** A session unused this long is ended (its gate locks long before, after the lock minutes). */
  idleMs?: number;
  maxSessions?: number;
  addressFailures?: number;
  /** The built renderer served at `/` (default: out/renderer, or SIGAP_WEB_ROOT; web.ts). */
  webRoot?: string;
}

export interface SigapServer {
  url: string;
  port: number;
  engine: OpenedStore['engine'];
  certificate: ServerCertificate;
  logFile: string | null;
  /** Requests being answered now (event streams aside). */
  inFlight(): number;
  sessionCount(): number;
  /** Stops accepting, lets running calls finish, closes the store. */
  close(): Promise<void>;
}

export const SESSION_COOKIE = '__Host-sigap-session';
const MB = 1024 * 1024;

/** Where a server on this database keeps its certificate and log. */
export function dataDirFor(db: string, env: NodeJS.ProcessEnv = process.env): string {
  return isPostgresUrl(db) ? userDataDir(process.platform, env) : dirname(resolve(db));
}

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

/** A JSON header value that is pure ASCII (file names may not be). */
const asciiJson = (v: unknown): string => JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export async function startServer(opts: ServerOptions): Promise<SigapServer> {
  const clock = opts.clock ?? (() => new Date());
  const dataDir = opts.dataDir ?? dataDirFor(opts.db);
  const bodyLimit = opts.bodyLimit ?? 2 * MB;
  const uploadLimit = opts.uploadLimit ?? 64 * MB;
  const idleMs = opts.idleMs ?? 12 * 3600_000;
  const maxSessions = opts.maxSessions ?? 500;
  const certificate = opts.cert ? givenCertificate(opts.cert.certPath, opts.cert.keyPath) : await selfSignedCertificate(dataDir, opts.host ? [opts.host] : []);
  const opened = await openStore(opts.db, { clock, poolMax: 10 });
  const logFile = opts.logFile === undefined ? join(dataDir, 'sigap-server.log') : opts.logFile;
  let logStream: WriteStream | null = null;
  let logOpen = false;
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    const fd = openSync(logFile, 'a', 0o600); // usernames and addresses: the owner's only
    logStream = createWriteStream('', { fd });
    logOpen = true;
  }
  // A line logged after the close (a connection's last words) is dropped, not a crash.
  const logSink = {
    write: (line: string): void => {
      if (logOpen) logStream!.write(line);
    },
  };
  const work = mkdtempSync(join(tmpdir(), 'sigap-serve-'));
  const throttle = new AddressThrottle(opts.addressFailures);
  const sessions = new Map<string, ServerSession>();
  const running = new Set<Promise<unknown>>();
  let closing = false;

  const app = Fastify({
    https: { cert: certificate.cert, key: certificate.key },
    bodyLimit,
    // Request lines are written below without headers, bodies or query strings.
    logger: logStream ? { level: 'info', stream: logSink } : false,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
    return503OnClosing: true,
  });
  const log = app.log;
  const onInternalError = (name: string, e: unknown) => log.error({ call: name, err: maskIdsInText(e instanceof Error ? (e.stack ?? e.message) : String(e)) }, 'call failed');

  const deps: SessionDeps = {
    base: opened.context,
    clock,
    appVersion: opts.appVersion ?? '0.0.0',
    backupDir: opened.engine === 'sqlite' ? defaultBackupDir(resolve(opts.db)) : null,
    ...(opts.printToPdf ? { printToPdf: opts.printToPdf } : {}),
    onInternalError,
    overrides: {
      'backup.restore': () => {
        throw new SigapError('INVALID_INPUT', MSG.restore);
      },
    },
  };
  const newSession = (bearer: boolean) => new ServerSession(deps, work, bearer);
  // Answers auth.status (and a sign-out without a session) for callers not signed in; never signs in.
  const anonymous = newSession(false);

  const drop = (s: ServerSession) => {
    sessions.delete(s.token);
    s.end();
  };
  const sweep = setInterval(() => {
    const now = clock().getTime();
    for (const s of sessions.values()) {
      if (now - s.lastSeen > idleMs && s.streams.size === 0) drop(s);
      else s.files.sweep(now);
    }
  }, 60_000);
  sweep.unref();

  const userOf = (req: FastifyRequest) => (req as FastifyRequest & { sigapUser?: string }).sigapUser;
  const setUser = (req: FastifyRequest, s: ServerSession | undefined) => {
    const u = s?.gate.current();
    if (u) (req as FastifyRequest & { sigapUser?: string }).sigapUser = u.username;
  };

  /** The session a request names: a bearer token (the desktop) or the cookie (a browser), never mixed. */
  const sessionOf = (req: FastifyRequest): ServerSession | undefined => {
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const s = m ? sessions.get(m[1]!) : undefined;
      return s?.bearer ? s : undefined;
    }
    const t = cookieToken(req.headers.cookie);
    const s = t ? sessions.get(t) : undefined;
    return s && !s.bearer ? s : undefined;
  };

  /**
   * CSRF for cookie sessions (a browser attaches the cookie by itself): a state-changing request must
   * carry the session's CSRF token in `x-sigap-csrf` (a page of another site can neither read it nor
   * set that header without a CORS preflight, which this server never grants), and a browser's own
   * Sec-Fetch-Site / Origin must not name another site. SameSite=Strict already keeps the cookie off
   * cross-site requests; the token also covers a neighbour on the same site (another server of the
   * Pemda's domain). Bearer sessions need none: nothing attaches a bearer token by itself.
   */
  const crossSite = (req: FastifyRequest): boolean => {
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
  };
  const csrfRefused = (req: FastifyRequest, s: ServerSession, write: boolean): string | null => {
    if (s.bearer) return null;
    if (crossSite(req)) return MSG.crossSite;
    if (!write) return null;
    const given = req.headers['x-sigap-csrf'];
    return typeof given === 'string' && sameText(given, s.csrf) ? null : MSG.csrf;
  };

  const cookie = (token: string, maxAge?: number) =>
    `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict${maxAge !== undefined ? `; Max-Age=${maxAge}` : ''}`;

  const send = (reply: FastifyReply, body: unknown, status: number) => reply.code(status).header('cache-control', 'no-store').send(body);

  const address = (req: FastifyRequest) => req.socket.remoteAddress ?? req.ip;

  // Every request until its response has gone out (or its connection dropped): what a stop waits for.
  // The event streams are not work to finish: they end at the stop.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/events')) {
      const done = new Promise<void>((r) => reply.raw.once('close', () => r()));
      running.add(done);
      void done.then(() => running.delete(done));
    }
    reply.header('x-content-type-options', 'nosniff');
    reply.header('strict-transport-security', 'max-age=31536000');
    reply.header('referrer-policy', 'no-referrer');
  });

  app.addHook('onResponse', async (req, reply) => {
    const path = req.url.split('?')[0]!.replace(/^\/api\/files\/[^/]+/, '/api/files/…');
    log.info({ method: req.method, path, status: reply.statusCode, ms: Math.round(reply.elapsedTime), user: userOf(req) ?? '-', ip: address(req) }, 'request');
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      onInternalError(`${req.method} ${req.url.split('?')[0]}`, err);
      return send(reply, refusal('INTERNAL', MSG.internal), 500);
    }
    const message =
      status === 413 ? MSG.tooLarge(req.url.startsWith('/api/upload') ? uploadLimit : bodyLimit)
      : status === 415 ? MSG.badType
      : err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError || /JSON|__proto__|constructor/i.test(err.message) ? MSG.badJson
      : status === 404 ? MSG.unknownRoute
      : MSG.badRequest;
    return send(reply, refusal(status === 404 ? 'NOT_FOUND' : 'INVALID_INPUT', message), status);
  });
  app.setNotFoundHandler((_req, reply) => send(reply, refusal('NOT_FOUND', MSG.unknownRoute), 404));

  app.get('/api/health', async (_req, reply) => {
    let version = opened.toVersion;
    if (opened.db) version = schemaVersion(opened.db);
    return send(reply, { ok: true, value: { status: closing ? 'stopping' : 'ok', engine: opened.engine, schemaVersion: version, latestVersion: LATEST_VERSION, appVersion: deps.appVersion } }, closing ? 503 : 200);
  });

  /** The session's state again (after a page reload the browser has the cookie but not the CSRF token). */
  app.get('/api/session', async (req, reply) => {
    const s = sessionOf(req);
    if (!s) return send(reply, refusal('AUTH_REQUIRED', MSG.signIn), 401);
    const refused = csrfRefused(req, s, false);
    if (refused) return send(reply, refusal('FORBIDDEN', refused), 403);
    setUser(req, s);
    return send(reply, { ok: true, value: { status: await s.gate.status(), ...(s.bearer ? {} : { csrf: s.csrf }) } }, 200);
  });

  const SIGN_IN = new Set(['auth.login', 'auth.setup']);
  const GUESSES = new Set(['auth.login', 'auth.unlock']);

  app.post<{ Params: { name: string } }>('/api/call/:name', async (req, reply) => {
    const name = req.params.name;
    if (!Object.prototype.hasOwnProperty.call(contract, name)) return send(reply, refusal('NOT_FOUND', MSG.unknownCall), 404);
    if (closing) return send(reply, refusal('INTERNAL', MSG.closing), 503);
    const uploadHeader = req.headers['x-sigap-upload'];
    const uploads = typeof uploadHeader === 'string' && uploadHeader !== '' ? uploadHeader.split(',').map((t) => t.trim()) : [];
    const ip = address(req);
    const now = clock().getTime();
    if (GUESSES.has(name)) {
      const wait = throttle.waitMinutes(ip, now);
      if (wait > 0) return send(reply, refusal('AUTH_FAILED', MSG.throttled(wait)), 429);
    }
    let s = sessionOf(req);
    if (s) {
      const refused = csrfRefused(req, s, true);
      if (refused) return send(reply, refusal('FORBIDDEN', refused), 403);
    }
    const fresh = SIGN_IN.has(name);
    if (fresh) {
      // Every sign-in starts a new session (a new token and CSRF token): nothing fixed before carries over.
      if (sessions.size >= maxSessions) return send(reply, refusal('INTERNAL', MSG.tooManySessions), 503);
      const bearer = req.headers['x-sigap-client'] === 'desktop' || Boolean(req.headers.authorization);
      if (!bearer && crossSite(req)) return send(reply, refusal('FORBIDDEN', MSG.crossSite), 403);
      s = newSession(bearer);
    } else if (!s) {
      if (name === 'auth.status' || name === 'auth.logout') s = anonymous;
      else return send(reply, refusal('AUTH_REQUIRED', MSG.signIn), 401);
    }
    const session = s;
    const { reply: answer, downloads } = await session.call(name, req.body, uploads);
    if (!answer.ok && answer.error.code === 'AUTH_FAILED' && GUESSES.has(name)) throttle.failed(ip, now);
    setUser(req, session);
    if (session !== anonymous) {
      if (fresh) {
        if (session.gate.current()) {
          const old = sessionOf(req);
          if (old) drop(old);
          sessions.set(session.token, session);
          if (session.bearer) reply.header('x-sigap-token', session.token);
          else reply.header('set-cookie', cookie(session.token)).header('x-sigap-csrf', session.csrf);
        } else session.end();
      } else if (!session.gate.current()) {
        // Signed out (by the user, by too many wrong unlocks, or an account switched off): the session ends.
        drop(session);
        if (!session.bearer) reply.header('set-cookie', cookie('', 0));
      }
    }
    if (downloads.length) reply.header('x-sigap-downloads', asciiJson(downloads.map((d) => ({ token: d.token, name: d.name, bytes: d.bytes, inline: d.inline }))));
    return send(reply, answer, httpStatus(answer));
  });

  // Calls take JSON only: a plain-text body is what a cross-site form could send.
  app.removeContentTypeParser('text/plain');
  // Uploads: the raw bytes of one file, its name in ?name=. The byte parser and its larger limit exist
  // only in this route's own scope: a call still takes JSON of at most `bodyLimit`.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: uploadLimit }, (_req, body, done) => done(null, body));
    scope.post<{ Querystring: { name?: string } }>('/api/upload', { bodyLimit: uploadLimit }, upload);
  });
  async function upload(req: FastifyRequest<{ Querystring: { name?: string } }>, reply: FastifyReply) {
    const s = sessionOf(req);
    if (!s) return send(reply, refusal('AUTH_REQUIRED', MSG.signIn), 401);
    const refused = csrfRefused(req, s, true);
    if (refused) return send(reply, refusal('FORBIDDEN', refused), 403);
    setUser(req, s);
    // Only someone who may make a call right now (not locked, password changed) may store files here.
    try {
      await s.gate.check('auth.touch');
    } catch (e) {
      const err = e instanceof SigapError ? refusal(e.code, e.message) : refusal('INTERNAL', MSG.internal);
      return send(reply, err, httpStatus(err));
    }
    const name = typeof req.query.name === 'string' ? req.query.name.trim() : '';
    if (!name) return send(reply, refusal('INVALID_INPUT', MSG.uploadName), 400);
    if (!Buffer.isBuffer(req.body)) return send(reply, refusal('INVALID_INPUT', MSG.badType), 415);
    const up = s.files.addUpload(name, req.body, clock().getTime());
    return send(reply, { ok: true, value: { token: up.token, name: up.name, bytes: up.bytes } }, 200);
  }

  app.get<{ Params: { token: string } }>('/api/files/:token', async (req, reply) => {
    const s = sessionOf(req);
    if (!s) return send(reply, refusal('AUTH_REQUIRED', MSG.signIn), 401);
    const refused = csrfRefused(req, s, false);
    if (refused) return send(reply, refusal('FORBIDDEN', refused), 403);
    setUser(req, s);
    const d: Download | undefined = s.files.download(req.params.token, clock().getTime());
    if (!d) return send(reply, refusal('NOT_FOUND', MSG.noFile), 404);
    const encoded = encodeURIComponent(d.name);
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .header('content-type', contentType(d.name))
      .header('content-length', d.bytes)
      .header('content-disposition', `${d.inline ? 'inline' : 'attachment'}; filename="${safeName(d.name).replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encoded}`)
      .send(createReadStream(d.path));
  });

  app.get('/api/events', (req, reply) => {
    const s = sessionOf(req);
    if (!s) return send(reply, refusal('AUTH_REQUIRED', MSG.signIn), 401);
    const refused = csrfRefused(req, s, false);
    if (refused) return send(reply, refusal('FORBIDDEN', refused), 403);
    setUser(req, s);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
    res.write(': sigap\n\n');
    s.streams.add(res);
    const beat = setInterval(() => res.write(': hidup\n\n'), 20_000);
    beat.unref();
    res.on('close', () => {
      clearInterval(beat);
      s.streams.delete(res);
    });
    return reply;
  });

  // The renderer for browsers, and react-router's routes (every GET not matched above).
  registerWeb(app, opts.webRoot ?? defaultWebRoot());

  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 8443 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 8443);
  const shownHost = (opts.host ?? '127.0.0.1').includes(':') ? `[${opts.host}]` : (opts.host ?? '127.0.0.1');
  log.info({ engine: opened.engine, where: opened.where, port, fingerprint: certificate.fingerprint }, 'server started');

  let closed: Promise<void> | null = null;
  const close = async () => {
    closing = true;
    // Event streams never end by themselves: end them so the server can stop.
    for (const s of sessions.values()) for (const r of s.streams) r.end();
    // The listener stops at once (no new connection; a new request on an open one gets 503); calls
    // already running (a transaction) finish and are answered before the store closes.
    const stopping = app.close();
    while (running.size) await Promise.allSettled([...running]);
    // Their keep-alive connections are idle now: closed, so the listener's close can complete.
    app.server.closeIdleConnections();
    await stopping;
    clearInterval(sweep);
    for (const s of sessions.values()) s.end();
    sessions.clear();
    anonymous.end();
    await opened.store.close();
    rmSync(work, { recursive: true, force: true });
    log.info('server stopped');
    logOpen = false;
    if (logStream) await new Promise<void>((r) => logStream!.end(r));
  };

  return {
    url: `https://${shownHost}:${port}`,
    port,
    engine: opened.engine,
    certificate,
    logFile,
    inFlight: () => running.size,
    sessionCount: () => sessions.size,
    close: () => (closed ??= close()),
  };
}

function contentType(name: string): string {
  const ext = name.toLowerCase().split('.').pop();
  switch (ext) {
    case 'pdf':
      return 'application/pdf';
    case 'xlsx':
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    case 'csv':
      return 'text/csv; charset=utf-8';
    case 'txt':
      return 'text/plain; charset=utf-8';
    case 'zip':
      return 'application/zip';
    default:
      return 'application/octet-stream';
  }
}

