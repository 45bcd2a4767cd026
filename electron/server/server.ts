/**
 * `sigap serve`: the core and its session gate as an HTTPS service for the offices of a Pemda. The
 * contract travels unchanged: one `POST /api/call/<name>` per call, answered with the same Reply as
 * over IPC, checked by the same dispatch (session gate, zod on arrival, masking, Indonesian errors).
 * Knows neither Electron nor the engine: it opens its store through `openStore`.
 *
 * This file is the server's life: its certificate, store, request log, the framework's hooks and
 * refusals, and the graceful stop. The routes: routes-calls.ts (GET /api/health, POST /api/call/<name>,
 * GET /api/session), routes-events.ts (GET /api/events: progress as Server-Sent Events), routes-files.ts
 * (POST /api/upload, GET /api/files/<token>), web.ts (GET / and every page route: the built renderer);
 * who a request is: sessions.ts.
 */
import { createWriteStream, mkdirSync, mkdtempSync, openSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Fastify, { LogController } from 'fastify';
import { SigapError } from '../../shared/errors';
import type { PdfOptions } from '../../shared/paper';
import { maskIdsInText } from '../../shared/mask';
import { isPostgresUrl, openStore, type OpenedStore } from '../core/store/open-store';
import { schemaVersion } from '../core/db/open';
import { LATEST_VERSION } from '../core/db/migrations/index';
import { defaultBackupDir } from '../core/backup/names';
import { userDataDir } from '../core/paths';
import { givenCertificate, selfSignedCertificate, type ServerCertificate } from './cert';
import type { SessionDeps } from './session';
import { AddressThrottle } from './address-throttle';
import { MSG, refusal, send } from './replies';
import { addressOf, SessionTable, userOf } from './sessions';
import { registerCallRoutes } from './routes-calls';
import { registerEventRoutes } from './routes-events';
import { registerFileRoutes } from './routes-files';
import { defaultWebRoot, registerWeb } from './web';

export { SESSION_COOKIE } from './sessions';

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

const MB = 1024 * 1024;

/** Where a server on this database keeps its certificate and log. */
export function dataDirFor(db: string, env: NodeJS.ProcessEnv = process.env): string {
  return isPostgresUrl(db) ? userDataDir(process.platform, env) : dirname(resolve(db));
}

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
  const sessions = new SessionTable(deps, work, { clock, idleMs, maxSessions });

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
    log.info({ method: req.method, path, status: reply.statusCode, ms: Math.round(reply.elapsedTime), user: userOf(req) ?? '-', ip: addressOf(req) }, 'request');
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

  registerCallRoutes(app, {
    sessions,
    throttle,
    clock,
    closing: () => closing,
    health: () => ({ status: closing ? 'stopping' : 'ok', engine: opened.engine, schemaVersion: opened.db ? schemaVersion(opened.db) : opened.toVersion, latestVersion: LATEST_VERSION, appVersion: deps.appVersion }),
  });
  // Calls take JSON only: a plain-text body is what a cross-site form could send.
  app.removeContentTypeParser('text/plain');
  await registerFileRoutes(app, { sessions, clock, uploadLimit });
  registerEventRoutes(app, sessions);

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
    log.info({ inFlight: running.size }, 'server stopping');
    // Event streams never end by themselves: end them so the server can stop.
    sessions.endStreams();
    // The listener stops at once (no new connection; a new request on an open one gets 503); calls
    // already running (a transaction) finish and are answered before the store closes.
    const stopping = app.close();
    while (running.size) await Promise.allSettled([...running]);
    // Their keep-alive connections are idle now: closed, so the listener's close can complete.
    app.server.closeIdleConnections();
    await stopping;
    sessions.close();
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
