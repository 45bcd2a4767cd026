/**
 * A tiny HTTPS client for the server tests: node's own https, the server's certificate pinned by its
 * SHA-256 fingerprint (as the desktop will pin it), cookies or a bearer token like a browser or the
 * desktop would send them.
 */
import { Agent, request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startServer, type ServerOptions, type SigapServer } from '../../electron/server/server';
import type { TestContext } from '../helpers';
import { TEST_ADMIN, TEST_PASSWORD } from '../api-harness';
import type { Role } from '../../shared/roles';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

export interface Res<T = any> {
  status: number;
  headers: IncomingHttpHeaders;
  body: T;
  text: string;
  raw: Buffer;
}

/** One keep-alive agent per server port: a TLS handshake per request would make the sweeps slow. */
const agents = new Map<string, Agent>();
const agentFor = (port: number, fingerprint: string): Agent => {
  const key = `${port} ${fingerprint}`; // a socket is reused only for the fingerprint it was checked against
  let a = agents.get(key);
  if (!a) {
    a = new Agent({ keepAlive: true, rejectUnauthorized: false, maxSockets: 8, maxCachedSessions: 0 });
    agents.set(key, a);
  }
  return a;
};
export function dropAgent(port: number): void {
  for (const [key, a] of agents) {
    if (!key.startsWith(`${port} `)) continue;
    a.destroy();
    agents.delete(key);
  }
}

const watched = new WeakSet<object>();

export async function httpsRequest(server: { port: number; fingerprint: string }, method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Res> {
  return await new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers: opts.headers ?? {}, rejectUnauthorized: false, agent: agentFor(server.port, server.fingerprint) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = raw.toString('utf8');
        let body: unknown = undefined;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, raw });
      });
      res.on('error', reject);
    });
    req.on('socket', (s) => {
      if (watched.has(s)) return; // a kept-alive socket was checked when it connected
      watched.add(s);
      (s as TLSSocket).once('secureConnect', () => {
        // Pinned: the certificate the server printed, nothing else.
        const fp = (s as TLSSocket).getPeerCertificate().fingerprint256;
        if (fp !== server.fingerprint) req.destroy(new Error(`certificate fingerprint ${fp} is not the pinned ${server.fingerprint}`));
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export class Client {
  cookie?: string;
  csrf?: string;
  token?: string;
  constructor(
    readonly server: { port: number; fingerprint: string },
    readonly mode: 'cookie' | 'bearer' = 'cookie',
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.mode === 'bearer') {
      h['x-sigap-client'] = 'desktop';
      if (this.token) h.authorization = `Bearer ${this.token}`;
    } else {
      if (this.cookie) h.cookie = this.cookie;
      if (this.csrf) h['x-sigap-csrf'] = this.csrf;
    }
    return h;
  }

  async req(method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Res> {
    const r = await httpsRequest(this.server, method, path, { ...opts, headers: this.headers(opts.headers) });
    const set = r.headers['set-cookie']?.[0];
    if (set) {
      const v = set.split(';')[0]!;
      this.cookie = v.endsWith('=') ? undefined : v;
    }
    if (typeof r.headers['x-sigap-csrf'] === 'string') this.csrf = r.headers['x-sigap-csrf'];
    if (typeof r.headers['x-sigap-token'] === 'string') this.token = r.headers['x-sigap-token'];
    return r;
  }

  call(name: string, input: unknown = {}, headers: Record<string, string> = {}): Promise<Res> {
    return this.req('POST', `/api/call/${name}`, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) });
  }

  async ok<T = any>(name: string, input: unknown = {}, headers: Record<string, string> = {}): Promise<T> {
    const r = await this.call(name, input, headers);
    if (r.status !== 200 || !r.body?.ok) throw new Error(`${name} failed: ${r.status} ${r.text}`);
    return r.body.value as T;
  }
}

export interface TestServer extends SigapServer {
  fingerprint: string;
  dataDir: string;
}

export async function testServer(ctx: TestContext, opts: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? join(ctx.dir, 'server');
  // A PostgreSQL test database is made on its store's first query: made before the server connects.
  await storeOf(ctx).one(sql`SELECT 1 AS one`);
  const s = await startServer({ db: ctx.dbPath, port: 0, dataDir, clock: ctx.clock, ...opts });
  const close = s.close.bind(s);
  return Object.assign(s, {
    fingerprint: s.certificate.fingerprint,
    dataDir,
    close: async () => {
      try {
        await close();
      } finally {
        dropAgent(s.port);
      }
    },
  });
}

/** The first administrator through the real first-run call, signed in (cookie or bearer). */
export async function adminClient(server: TestServer, mode: 'cookie' | 'bearer' = 'cookie'): Promise<Client> {
  const c = new Client(server, mode);
  const status = await c.ok('auth.status');
  if (status.needsSetup) await c.ok('auth.setup', TEST_ADMIN);
  else await c.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  return c;
}

/** An account of `role` made by the admin, signed in with its own session, its temporary password changed. */
export async function roleClient(server: TestServer, admin: Client, role: Role, mode: 'cookie' | 'bearer' = 'cookie'): Promise<Client> {
  if (role === 'admin') return admin;
  const username = `uji-${role}`;
  const { temporaryPassword } = await admin.ok('users.create', { username, displayName: `Uji ${role}`, role });
  const c = new Client(server, mode);
  await c.ok('auth.login', { username, password: temporaryPassword });
  await c.ok('auth.changePassword', { oldPassword: temporaryPassword, newPassword: TEST_PASSWORD });
  return c;
}

/** A real `sigap serve` child process (the command as installed, from source), its address and certificate read from what it printed. */
export interface ServeProcess {
  child: ChildProcess;
  port: number;
  fingerprint: string;
  out: () => string;
  err: () => string;
  /** The exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const SIGAP_BIN = resolve(__dirname, '../../electron/cli/bin.js');

/**
 * Starts `sigap serve --db <db> --port <port> …` and waits for its address and fingerprint. `home`
 * is its XDG_CONFIG_HOME (where a server on PostgreSQL keeps its certificate): the same one again
 * gives the same certificate.
 */
export async function spawnServe(db: string, o: { home: string; port?: number; args?: string[] }): Promise<ServeProcess> {
  const child = spawn(process.execPath, [SIGAP_BIN, 'serve', '--db', db, '--port', String(o.port ?? 0), ...(o.args ?? [])], {
    env: { ...process.env, SIGAP_CLI_SOURCE: '1', XDG_CONFIG_HOME: o.home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  const start = Date.now();
  while (!/Sidik jari SHA-256: [0-9A-F:]{95}\n/.test(out)) {
    if (gone) throw new Error(`sigap serve exited before serving: ${err}`);
    if (Date.now() - start > 90_000) {
      child.kill('SIGKILL');
      throw new Error(`sigap serve did not start in 90 s: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    port: Number(/https:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1]),
    fingerprint: /Sidik jari SHA-256: ([0-9A-F:]{95})/.exec(out)![1]!,
    out: () => out,
    err: () => err,
    exited,
  };
}
