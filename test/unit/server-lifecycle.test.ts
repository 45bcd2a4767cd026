import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { testContext, type TestContext } from '../helpers';
import { adminClient, Client, dropAgent, httpsRequest, spawnServe, testServer } from '../server/server-client';
import { FORCED_STOP, runServe } from '../../electron/cli/commands/serve';
import type { SigapServer } from '../../electron/server/server';
import { TEST_ADMIN } from '../api-harness';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

let ctx: TestContext;
beforeEach(async () => {
  ctx = testContext();
  // A PostgreSQL test database is made on its store's first query: made before a server connects.
  await storeOf(ctx).one(sql`SELECT 1 AS one`);
});
afterEach(async () => {
  await ctx.close();
});

describe('sigap serve: certificate, log, shutdown', () => {
  it('makes its certificate once, owner-only key, and reuses it on restart (same fingerprint)', async () => {
    const first = await testServer(ctx);
    expect(first.certificate.origin).toBe('created');
    expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    if (process.platform !== 'win32') expect(statSync(first.certificate.keyPath).mode & 0o777).toBe(0o600);
    await first.close();
    const second = await testServer(ctx);
    try {
      expect(second.certificate.origin).toBe('reused');
      expect(second.fingerprint).toBe(first.fingerprint);
      // The client pins it: a request checks the fingerprint the server printed.
      expect((await httpsRequest(second, 'GET', '/api/health')).status).toBe(200);
      await expect(httpsRequest({ port: second.port, fingerprint: 'AA:BB' }, 'GET', '/api/health')).rejects.toThrow(/not the pinned/);
    } finally {
      await second.close();
    }
  });

  it('finishes a running call before it stops, then refuses connections; the log names requests without secrets', async () => {
    const server = await testServer(ctx);
    const admin = await adminClient(server);
    const cookie = admin.cookie!.split('=')[1]!;
    // A sign-in runs scrypt: a call that is surely still running when the stop begins.
    const c = new Client(server, 'bearer');
    const running = c.call('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    await expect.poll(() => server.inFlight(), { interval: 1 }).toBe(1);
    const stopped = server.close();
    const r = await running;
    expect(r.status).toBe(200);
    expect(r.body.value.user.username).toBe('admin');
    await stopped;
    await expect(httpsRequest(server, 'GET', '/api/health')).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);

    const lines = readFileSync(server.logFile!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const l of requests) expect(Object.keys(l)).toEqual(expect.arrayContaining(['method', 'path', 'status', 'ms', 'user']));
    expect(requests).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/call/auth.setup', status: 200, user: 'admin' }));
    expect(requests).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/call/auth.status', status: 200, user: '-' }));
    const text = readFileSync(server.logFile!, 'utf8');
    expect(text).not.toContain(TEST_ADMIN.password);
    expect(text).not.toContain(cookie);
    expect(text).not.toContain(admin.csrf!);
    expect(text).toContain('server stopped');
  });

  it('`sigap serve` prints the address and fingerprint, serves, and stops cleanly when asked', async () => {
    let out = '';
    let err = '';
    let stop!: () => void;
    const stopping = new Promise<void>((r) => (stop = r));
    let server!: SigapServer;
    const up = new Promise<void>((r, fail) => {
      void runServe(['--db', ctx.dbPath, '--port', '0'], { io: { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false }, env: { XDG_CONFIG_HOME: join(ctx.dir, 'cfg') }, clock: ctx.clock }, stopping, (s) => {
        server = s;
        r();
      }).then((code) => (exit = code), fail);
    });
    let exit: number | undefined;
    await up;
    expect(out).toMatch(/^Server Sigap berjalan di https:\/\/127\.0\.0\.1:\d+ /);
    expect(out).toContain(`Sidik jari SHA-256: ${server.certificate.fingerprint}\n`);
    expect((await httpsRequest({ port: server.port, fingerprint: server.certificate.fingerprint }, 'GET', '/api/health')).body.ok).toBe(true);
    stop();
    await expect.poll(() => exit).toBe(0);
    expect(err).toContain('Server berhenti.');
  });

  it('a stop that outlasts its wait gives up with exit code 1 and says so (the real command then ends its process)', async () => {
    let err = '';
    let stop!: () => void;
    const stopping = new Promise<void>((r) => (stop = r));
    let server!: SigapServer;
    let exit: number | undefined;
    const up = new Promise<void>((r, fail) => {
      const io = { out: () => {}, err: (t: string) => void (err += t), isTty: false };
      void runServe(['--db', ctx.dbPath, '--port', '0'], { io, env: { XDG_CONFIG_HOME: join(ctx.dir, 'cfg') }, clock: ctx.clock }, stopping, (s) => {
        server = s;
        r();
      }, 1).then((code) => (exit = code), fail);
    });
    await up;
    const pinned = { port: server.port, fingerprint: server.certificate.fingerprint };
    try {
      await new Client(pinned, 'bearer').ok('auth.setup', TEST_ADMIN);
      // A sign-in (scrypt) still running when the stop begins, and a wait of 1 ms.
      const running = new Client(pinned, 'bearer').call('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
      await expect.poll(() => server.inFlight(), { interval: 1 }).toBe(1);
      stop();
      await expect.poll(() => exit).toBe(FORCED_STOP);
      expect(FORCED_STOP).not.toBe(0);
      expect(err).toContain('Server dihentikan setelah menunggu 0 detik: perintah yang masih berjalan tidak diselesaikan');
      expect(err).not.toContain('Server berhenti.');
      await running.catch(() => {});
    } finally {
      await server.close();
      dropAgent(server.port);
    }
  });

  it('exits 0 on SIGTERM (the real command, in its own process)', async () => {
    const p = await spawnServe(ctx.dbPath, { home: join(ctx.dir, 'cfg') });
    expect((await httpsRequest(p, 'GET', '/api/health')).status).toBe(200);
    p.child.kill('SIGTERM');
    expect((await p.exited).code, p.err()).toBe(0);
    expect(p.err()).toContain('Server berhenti.');
  }, 90_000);
});
