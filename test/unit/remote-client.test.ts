/**
 * The desktop's server client against a REAL `sigap serve` on loopback (its self-signed certificate),
 * Node only: pinning, sign-in with the bearer token, uploads, downloads, a server that goes away and
 * comes back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testContext, type TestContext } from '../helpers';
import { testServer, type TestServer } from '../server/server-client';
import { TEST_ADMIN } from '../api-harness';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { RemoteClient, OFFLINE_MESSAGE, type ConnectionState, type ReceivedFile, type RemoteHost } from '../../electron/remote/remote-client';
import { MISMATCH_MESSAGE, normalizeFingerprint, parseServerAddress, peekFingerprint } from '../../electron/remote/pinned-agent';
import type { OpenDialog } from '../../electron/remote/file-calls';

let ctx: TestContext;
let server: TestServer;
const clients: RemoteClient[] = [];
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  server = await testServer(ctx);
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
  await ctx.close();
});

/** The desktop's dialogs, answered by the test: the file to open, and a folder for what is saved. */
function fakeHost(dir: string) {
  const opened: OpenDialog[] = [];
  const received: { call: string; files: ReceivedFile[] }[] = [];
  const host: RemoteHost & { next: string | null } = {
    next: null,
    chooseOpenFile: async (d) => {
      opened.push(d);
      return host.next;
    },
    readFile: (p) => readFile(p),
    receiveFiles: async (call, files) => {
      received.push({ call, files });
      mkdirSync(dir, { recursive: true });
      return files.map((f) => {
        const p = join(dir, f.name);
        writeFileSync(p, f.bytes);
        return p;
      });
    },
  };
  return { host, opened, received };
}

const address = (port: number) => parseServerAddress(`127.0.0.1:${port}`)!;

function client(port: number, fingerprint: string, host: RemoteHost, extra: Partial<ConstructorParameters<typeof RemoteClient>[0]> = {}): RemoteClient {
  const c = new RemoteClient({ address: address(port), fingerprint, host, retryMs: 50, maxRetryMs: 200, readWaitMs: 5_000, ...extra });
  clients.push(c);
  return c;
}

const ok = async (c: RemoteClient, name: string, input: unknown = {}): Promise<any> => {
  const r = await c.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
};

describe('the desktop client of sigap serve', () => {
  it('reads the address the clerk types', () => {
    expect(parseServerAddress('sigap.pemda.go.id')?.href).toBe('https://sigap.pemda.go.id:8443/');
    expect(parseServerAddress(' https://sigap.pemda.go.id:9443/apa?x ')?.href).toBe('https://sigap.pemda.go.id:9443/');
    expect(parseServerAddress('http://sigap.pemda.go.id')).toBeNull();
    expect(parseServerAddress('https://a:b@host')).toBeNull();
    expect(parseServerAddress('')).toBeNull();
    expect(normalizeFingerprint('ab'.repeat(32))).toBe(Array(32).fill('AB').join(':'));
    expect(normalizeFingerprint('AB:CD')).toBeNull();
  });

  it('shows the fingerprint the server printed, then signs in and calls through the pinned connection', async () => {
    const seen = await peekFingerprint(address(server.port));
    expect(seen).toBe(server.fingerprint);
    const { host } = fakeHost(join(ctx.dir, 'unduhan'));
    const c = client(server.port, seen, host);
    expect((await ok(c, 'auth.status')).needsSetup).toBe(true);
    await ok(c, 'auth.setup', TEST_ADMIN);
    // The bearer token from the sign-in carries the session: a contract call as the admin.
    const opd = await ok(c, 'opd.save', { code: '9.01', name: 'Dinas Kominfo', kind: 'opd' });
    expect(opd).toBeTruthy();
    expect((await ok(c, 'opd.list')).some((o: { name: string }) => o.name === 'Dinas Kominfo')).toBe(true);
    // Signed out: the token is gone, the next call needs a sign-in again.
    await ok(c, 'auth.logout');
    const after = await c.call('opd.list', {});
    expect(after).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    await ok(c, 'auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    expect((await ok(c, 'opd.list')).length).toBeGreaterThan(0);
    expect(c.state).toEqual({ state: 'online' });
  });

  it('refuses a server whose certificate is not the pinned one, before anything is sent', async () => {
    const { host } = fakeHost(join(ctx.dir, 'unduhan'));
    const wrong = client(server.port, Array(32).fill('AB').join(':'), host);
    const r = await wrong.call('auth.setup', TEST_ADMIN);
    expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: MISMATCH_MESSAGE } });
    expect(MISMATCH_MESSAGE).toMatch(/^Sidik jari sertifikat server tidak cocok/);
    // Nothing reached the server: it still waits for its first administrator, and no session exists.
    expect(server.sessionCount()).toBe(0);
    const right = client(server.port, server.fingerprint, host);
    expect((await ok(right, 'auth.status')).needsSetup).toBe(true);
    // A refused pin is not a lost connection.
    expect(wrong.state).toEqual({ state: 'online' });
  });

  it('uploads an SK appendix the desktop dialog chose and previews it; a cancelled dialog sends nothing', async () => {
    const { host, opened } = fakeHost(join(ctx.dir, 'unduhan'));
    const c = client(server.port, server.fingerprint, host);
    const progress: unknown[] = [];
    c.onProgress((e) => progress.push(e));
    await ok(c, 'auth.setup', TEST_ADMIN);
    host.next = null;
    expect(await c.call('sk.chooseFile', {})).toEqual({ ok: true, value: null });
    const w = await writeMessyAppendix(join(ctx.dir, 'lampiran.xlsx'), fxPersons(25, ['Dinas Sosial', 'Inspektorat']), { number: '800/12/KPTS/2026', date: '2026-03-01', twoRowHeader: true });
    host.next = w.path;
    const chosen = await ok(c, 'sk.chooseFile');
    expect(chosen.name).toBe('lampiran.xlsx');
    expect(opened.at(-1)).toMatchObject({ title: 'Pilih lampiran SK', filters: [{ extensions: expect.arrayContaining(['xlsx', 'csv']) }] });
    const pv = await ok(c, 'sk.preview', { token: chosen.token, tmt: '2026-03-01' });
    expect(pv.counts.added).toBe(25);
    await ok(c, 'sk.apply', { previewId: pv.previewId, createUnits: true });
    // The long work's progress came over the session's event stream, as over IPC.
    await expect.poll(() => progress.some((e) => (e as { task?: string }).task === 'sk.apply')).toBe(true);
    expect((await ok(c, 'roster.list', { month: '2026-03', status: 'all' })).total).toBe(25);
  });

  it('saves a file the server wrote through the desktop\'s own save step', async () => {
    const dir = join(ctx.dir, 'unduhan');
    const { host, received } = fakeHost(dir);
    const c = client(server.port, server.fingerprint, host);
    await ok(c, 'auth.setup', TEST_ADMIN);
    const r = await ok(c, 'sk.saveTemplate');
    expect(r.path).toBe('templat-lampiran-sk.xlsx');
    expect(received).toHaveLength(1);
    expect(received[0]!.call).toBe('sk.saveTemplate');
    expect(received[0]!.files.map((f) => [f.name, f.inline])).toEqual([['templat-lampiran-sk.xlsx', false]]);
    const saved = readFileSync(join(dir, 'templat-lampiran-sk.xlsx'));
    expect(saved.subarray(0, 2).toString()).toBe('PK');
  });

  it('a server stopped mid-session is a lost connection; writes are not sent, reads wait; a restarted server is reconnected', async () => {
    const { host } = fakeHost(join(ctx.dir, 'unduhan'));
    const states: ConnectionState[] = [];
    const c = client(server.port, server.fingerprint, host);
    c.onState((s) => states.push(s));
    await ok(c, 'auth.setup', TEST_ADMIN);
    await ok(c, 'opd.save', { code: '9.02', name: 'Dinas Sosial', kind: 'opd' });
    const port = server.port;
    await server.close();

    const write = await c.call('opd.save', { code: '9.03', name: 'Inspektorat', kind: 'opd' });
    expect(write).toEqual({ ok: false, error: { code: 'DB_BUSY', message: expect.stringMatching(/^Tidak tersambung ke server Sigap, jadi tidak ada yang dikirim/) } });
    expect(c.state).toMatchObject({ state: 'offline', message: OFFLINE_MESSAGE });
    expect(states.map((s) => s.state)).toEqual(['offline']);

    // A read made while offline waits; the server comes back on the same address with the same certificate.
    const read = c.call('opd.list', {});
    server = await testServer(ctx, { port });
    expect(server.fingerprint).toBe(c.opts.fingerprint);
    const r = await read;
    // Sessions live in the server's memory: the restarted server asks for a sign-in (the sign-in page shows).
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect(c.state).toEqual({ state: 'online' });
    expect(states.map((s) => s.state)).toEqual(['offline', 'online']);
    await ok(c, 'auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    const names = (await ok(c, 'opd.list')).map((o: { name: string }) => o.name);
    // The write refused while offline was never half-made.
    expect(names).toContain('Dinas Sosial');
    expect(names).not.toContain('Inspektorat');
  });

  it('a connection cut after a write was sent is not sent again (the clerk is told to look); a read is sent again', async () => {
    // A stand-in with the server's own certificate that cuts the first call it gets, then answers.
    let calls = 0;
    const fake = createHttpsServer({ cert: server.certificate.cert, key: server.certificate.key }, (req, res) => {
      if (req.url === '/api/health') return void res.end(JSON.stringify({ ok: true, value: { status: 'ok' } }));
      calls += 1;
      req.resume();
      req.on('end', () => {
        if (calls === 1 || calls === 3) req.socket.destroy();
        else res.setHeader('content-type', 'application/json').end(JSON.stringify({ ok: true, value: [] }));
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    try {
      const { host } = fakeHost(join(ctx.dir, 'unduhan'));
      const c = client((fake.address() as AddressInfo).port, server.fingerprint, host);
      const write = await c.call('opd.save', { code: '9.01', name: 'Dinas Kominfo', kind: 'opd' });
      expect(write).toEqual({ ok: false, error: { code: 'DB_BUSY', message: expect.stringMatching(/^Sambungan ke server terputus sebelum jawabannya diterima/) } });
      expect(calls).toBe(1);
      await expect.poll(() => c.state.state).toBe('online'); // the health check found it again
      expect(await c.call('opd.list', {})).toEqual({ ok: true, value: [] }); // call 2 answered
      // A read whose connection is cut is sent once more and answered.
      expect(await c.call('opd.list', {})).toEqual({ ok: true, value: [] });
      expect(calls).toBe(4);
    } finally {
      await new Promise<void>((r) => fake.close(() => r()));
      fake.closeAllConnections();
    }
  });
});
