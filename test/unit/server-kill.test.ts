/**
 * `sigap serve` killed (SIGKILL) during a billing run, on the suite's engine (SQLite file or PostgreSQL):
 * a real server child process over real HTTPS on loopback; a desktop client (electron/remote/ behind
 * main's router, electron/main/backend.ts, as window.sigap reaches it) and a browser-like client (cookie
 * and CSRF token, retrying reads as renderer/src/web-bridge.ts does), each with a session of its own.
 *
 * Each trial: a copy of a seeded Pemda; one of the clients starts `billing.run`; the server is killed
 * a fraction of a clean run's time later (some before the commit, one long after the answer). Then:
 * - the database is whole: the month's draft invoices all there (exactly as a clean run makes them,
 *   with its audit row) or none of them (no line, no audit row); SQLite's own integrity check passes;
 * - both clients see the lost connection (the desktop goes offline and holds a read until the server
 *   answers again; the browser's reads get no answer until then);
 * - the server started again on the same database, port and certificate: sessions live in the server
 *   process's memory, so both get AUTH_REQUIRED and sign in again;
 * - the billing run again completes with the clean run's invoices, none twice, and both clients see
 *   the same month; SIGTERM then stops the server with exit code 0.
 * Also: SIGTERM while a billing run's transaction is open lets the run finish and be answered, then
 * exits 0, and the `--log` file shows the stop beginning with the run in flight and the run answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { testContext, targetStore, type TestContext } from '../helpers';
import { Client, spawnServe, type Res, type ServeProcess } from '../server/server-client';
import { TEST_ADMIN } from '../api-harness';
import { seedDemo } from '../../electron/core/demo/index';
import { createFirstAdmin } from '../../electron/core/auth/users';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { RemoteClient, OFFLINE_MESSAGE, type RemoteHost } from '../../electron/remote/remote-client';
import { parseServerAddress } from '../../electron/remote/pinned-agent';
import { BackendRouter } from '../../electron/main/backend';

const PERSONS = Number(process.env.SIGAP_SERVER_KILL_PERSONS ?? 20_000);
const MONTH = '2026-03';
/** When each trial's kill comes, as a fraction of a clean run's time: during the run, and long after it answered. */
const KILL_AT = [0.3, 0.7, 0.95, 3];
const CREDS = { username: TEST_ADMIN.username, password: TEST_ADMIN.password };

let base: TestContext;
const copies: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pgAdminUrl = () => base.dbPath.replace(/\/[^/]*$/, '/postgres');
const dbName = (url: string) => new URL(url).pathname.slice(1);

async function pgAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A copy of the seeded Pemda: a file copy, or CREATE DATABASE … TEMPLATE. */
async function copyOfBase(name: string): Promise<string> {
  if (base.engine === 'sqlite') {
    const path = join(base.dir, `${name}.db`);
    copyFileSync(base.dbPath, path);
    if (existsSync(`${base.dbPath}-wal`)) copyFileSync(`${base.dbPath}-wal`, `${path}-wal`);
    return path;
  }
  const db = `${dbName(base.dbPath)}_${name}`;
  await pgAdmin(pgAdminUrl(), (c) => c.query(`CREATE DATABASE ${db} TEMPLATE ${dbName(base.dbPath)}`));
  copies.push(db);
  return base.dbPath.replace(/\/[^/]*$/, `/${db}`);
}

/** On PostgreSQL: until the killed server's connections are gone (its open transaction rolled back). */
async function settled(target: string): Promise<void> {
  if (base.engine !== 'postgres') return;
  await pgAdmin(target, async (c) => {
    for (let i = 0; i < 600; i++) {
      const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      if (rows[0]!.n === 0) return;
      await sleep(50);
    }
    throw new Error(`connections to ${target} never ended`);
  });
}

/**
 * Whether a write transaction is open in the database right now: on SQLite another connection cannot
 * take the write lock (BEGIN IMMEDIATE, no waiting); on PostgreSQL a transaction holds an advisory
 * lock (the billing month's, month-lock.ts).
 */
async function writerActive(target: string): Promise<boolean> {
  if (base.engine === 'sqlite') {
    const h = new Database(target, { timeout: 0 });
    try {
      h.exec('BEGIN IMMEDIATE');
      h.exec('ROLLBACK');
      return false;
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
      throw e;
    } finally {
      h.close();
    }
  }
  return await pgAdmin(target, async (c) => {
    const { rows } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.granted");
    return rows[0]!.n > 0;
  });
}

/** The month as the database holds it (read after the server is gone). */
async function monthState(target: string) {
  let integrity = 'ok';
  if (base.engine === 'sqlite') {
    const h = new Database(target, { readonly: true });
    try {
      integrity = String(h.pragma('integrity_check', { simple: true }));
    } finally {
      h.close();
    }
  }
  const s = targetStore(target);
  try {
    const n = async (q: ReturnType<typeof sql>) => Number((await s.one<{ n: number | string }>(q))!.n);
    return {
      integrity,
      invoices: await n(sql`SELECT count(*) AS n FROM invoice WHERE month = ${MONTH}`),
      total: await n(sql`SELECT coalesce(sum(total), 0) AS n FROM invoice WHERE month = ${MONTH}`),
      persons: await n(sql`SELECT coalesce(sum(persons), 0) AS n FROM invoice WHERE month = ${MONTH}`),
      lines: await n(sql`SELECT count(*) AS n FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.month = ${MONTH}`),
      lineTotal: await n(sql`SELECT coalesce(sum(l.total), 0) AS n FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.month = ${MONTH}`),
      people: await n(sql`SELECT count(DISTINCT l.person_id) AS n FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.month = ${MONTH}`),
      // One invoice per unit, segment and registration: a second would be a duplicate.
      duplicates: await n(sql`SELECT count(*) AS n FROM (SELECT 1 AS one FROM invoice WHERE month = ${MONTH} GROUP BY opd_id, segment, kind, coalesce(registration_id, 0) HAVING count(*) > 1) d`),
      runs: await n(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'billing_run'`),
    };
  } finally {
    await s.close();
  }
}
type MonthState = Awaited<ReturnType<typeof monthState>>;
const NONE: MonthState = { integrity: 'ok', invoices: 0, total: 0, persons: 0, lines: 0, lineTotal: 0, people: 0, duplicates: 0, runs: 0 };

/** The desktop's dialogs are not needed here: billing reads and writes no file. */
const noFiles: RemoteHost = { chooseOpenFile: async () => null, readFile: async () => Buffer.alloc(0), receiveFiles: async () => [] };

function desktopOf(p: ServeProcess): RemoteClient {
  return new RemoteClient({ address: parseServerAddress(`127.0.0.1:${p.port}`)!, fingerprint: p.fingerprint, host: noFiles, retryMs: 50, maxRetryMs: 250, readWaitMs: 120_000 });
}

async function deskOk<T = any>(c: BackendRouter, name: string, input: unknown = {}): Promise<T> {
  const r = await c.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/**
 * A read as the web bridge sends it (isRetryableRead): sent again until an answer comes, however
 * long; `failures` counts the attempts that got no answer (the bridge shows its banner meanwhile).
 */
function webRead(c: Client, name: string, input: unknown) {
  const seen = { failures: 0 };
  const done = (async (): Promise<Res> => {
    for (;;) {
      try {
        return await c.call(name, input);
      } catch {
        seen.failures++;
        await sleep(100);
      }
    }
  })();
  return { seen, done };
}

let cleanMs = 0;
let clean: MonthState;

beforeAll(async () => {
  base = testContext('2026-03-10T03:00:00Z');
  const t = Date.now();
  await seedDemo(base, { persons: PERSONS, year: 2026 });
  await createFirstAdmin(base, TEST_ADMIN);
  // Closed: copied as a file, or as a template no one is connected to.
  await storeOf(base).close();
  console.log(`server-kill (${base.engine}): seeded ${PERSONS} people in ${Date.now() - t} ms`);

  // The reference: one run alone, through the server, then a stop with SIGTERM.
  const target = await copyOfBase('ref');
  const srv = await spawnServe(target, { home: join(base.dir, 'home-ref') });
  const web = new Client(srv, 'cookie');
  await web.ok('auth.login', CREDS);
  const t0 = Date.now();
  const result = await web.ok('billing.run', { month: MONTH });
  cleanMs = Date.now() - t0;
  srv.child.kill('SIGTERM');
  expect(await srv.exited).toEqual({ code: 0, signal: null });
  clean = await monthState(target);
  expect(clean.invoices).toBeGreaterThan(0);
  expect(clean).toMatchObject({ integrity: 'ok', duplicates: 0, runs: 1, people: clean.persons });
  expect(result).toMatchObject({ month: MONTH, drafts: clean.invoices, persons: clean.persons, total: clean.total });
  console.log(`server-kill (${base.engine}): a run of ${clean.persons} people, ${clean.invoices} invoices, answered over HTTPS in ${cleanMs} ms`);
}, 900_000);

afterAll(async () => {
  if (base?.engine === 'postgres') for (const db of copies) await pgAdmin(pgAdminUrl(), (c) => c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`));
  await base?.close();
});

describe('sigap serve killed during a billing run', () => {
  it(`leaves the month whole at ${KILL_AT.length} kill moments, and the desktop and browser clients recover and bill again`, async () => {
    const outcomes: { at: number; during: boolean; answered: boolean; committed: boolean }[] = [];
    for (const [i, at] of KILL_AT.entries()) {
      const target = await copyOfBase(`kill_${i}`);
      const home = join(base.dir, `home-${i}`);
      const log = join(base.dir, `serve-${i}.log`);
      let srv = await spawnServe(target, { home, args: ['--log', log] });
      const { port, fingerprint } = srv;
      const desk = desktopOf(srv);
      try {
        // The desktop as main runs it: window.sigap's calls go through the router to the server client,
        // and the link's state comes back to the window (its banner).
        const states: string[] = [];
        const bridge = new BackendRouter((s) => states.push(s.state));
        bridge.use(desk);
        await deskOk(bridge, 'auth.login', CREDS);
        const web = new Client(srv, 'cookie');
        await web.ok('auth.login', CREDS);

        // One client bills (the desktop, then the browser, in turn); the server dies under it.
        const byDesktop = i % 2 === 0;
        const billing = byDesktop
          ? bridge.call('billing.run', { month: MONTH }).then((r) => (r.ok ? { ok: true as const } : { ok: false as const, code: r.error.code, message: r.error.message }))
          : web.call('billing.run', { month: MONTH }).then(
              (r) => (r.body?.ok ? { ok: true as const } : { ok: false as const, code: String(r.body?.error?.code), message: r.text }),
              (e: Error) => ({ ok: false as const, code: 'NO_ANSWER', message: e.message }),
            );
        await sleep(Math.floor(cleanMs * at));
        const during = await writerActive(target);
        srv.child.kill('SIGKILL');
        expect((await srv.exited).signal).toBe('SIGKILL');
        const answer = await billing;
        if (!answer.ok) {
          // The desktop says the write may or may not have been saved and not to repeat it blindly; the browser got no answer.
          if (byDesktop) expect(answer).toEqual({ ok: false, code: 'DB_BUSY', message: expect.stringMatching(/^Sambungan ke server terputus sebelum jawabannya diterima/) });
          else expect(answer.code).toBe('NO_ANSWER');
        }

        // The database: the whole month or none of it.
        await settled(target);
        const state = await monthState(target);
        const committed = state.invoices > 0;
        expect(state).toEqual(committed ? clean : NONE);
        if (answer.ok) expect(committed).toBe(true);
        outcomes.push({ at, during, answered: answer.ok, committed });

        // Both clients see the lost connection: the desktop goes offline and its read waits; the browser's reads get no answer.
        const deskRead = bridge.call('invoice.list', { month: MONTH });
        await expect.poll(() => bridge.linkState, { timeout: 10_000 }).toMatchObject({ state: 'offline', message: OFFLINE_MESSAGE });
        const browserRead = webRead(web, 'invoice.list', { month: MONTH });
        await expect.poll(() => browserRead.seen.failures, { timeout: 10_000 }).toBeGreaterThan(0);

        // The server again, on the same database, address and certificate.
        srv = await spawnServe(target, { home, port, args: ['--log', log] });
        expect(srv.fingerprint).toBe(fingerprint);
        // Sessions lived in the killed process: both are asked to sign in again.
        expect(await deskRead).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
        expect(bridge.linkState).toEqual({ state: 'online' });
        expect(states).toEqual(['offline', 'online']);
        const back = await browserRead.done;
        expect(back.status).toBe(401);
        expect(back.body).toEqual({ ok: false, error: { code: 'AUTH_REQUIRED', message: 'Silakan masuk terlebih dahulu.' } });
        await deskOk(bridge, 'auth.login', CREDS);
        await web.ok('auth.login', CREDS);

        // The run again, by the same client: the month as a clean run makes it, nothing twice.
        const again = byDesktop ? await deskOk(bridge, 'billing.run', { month: MONTH }) : await web.ok('billing.run', { month: MONTH });
        expect(again).toMatchObject({ month: MONTH, drafts: clean.invoices, persons: clean.persons, total: clean.total });
        expect((await web.ok('invoice.list', { month: MONTH })).total).toBe(clean.invoices);
        expect((await deskOk(bridge, 'invoice.list', { month: MONTH })).total).toBe(clean.invoices);

        srv.child.kill('SIGTERM');
        expect(await srv.exited).toEqual({ code: 0, signal: null });
        await settled(target);
        expect(await monthState(target)).toEqual({ ...clean, runs: committed ? 2 : 1 });
      } finally {
        desk.close();
        if (srv.child.exitCode === null && srv.child.signalCode === null) srv.child.kill('SIGKILL');
      }
    }
    const shown = outcomes.map((o) => `${o.at}: ${o.during ? 'in its transaction' : 'outside a transaction'}, ${o.answered ? 'answered' : 'cut'}, ${o.committed ? 'committed' : 'rolled back'}`);
    console.log(`server-kill (${base.engine}): clean run ${cleanMs} ms; killed at ${shown.join('; ')}`);
    // At least one kill came inside the run's open transaction and left nothing, and one came after it had answered.
    expect(outcomes.some((o) => o.during && !o.committed)).toBe(true);
    expect(outcomes.some((o) => o.answered && o.committed)).toBe(true);
  }, 900_000);

  it('SIGTERM while a billing run is in flight: the run finishes and is answered, then the process exits 0', async () => {
    const target = await copyOfBase('term');
    const log = join(base.dir, 'serve-term.log');
    const srv = await spawnServe(target, { home: join(base.dir, 'home-term'), args: ['--log', log] });
    try {
      const web = new Client(srv, 'cookie');
      await web.ok('auth.login', CREDS);
      const billing = web.call('billing.run', { month: MONTH });
      // SIGTERM once the run's write transaction is open (seen from outside the server).
      const start = Date.now();
      while (!(await writerActive(target))) {
        if (Date.now() - start > 30_000) throw new Error('the billing run never opened its transaction');
        await sleep(2);
      }
      srv.child.kill('SIGTERM');
      const r = await billing;
      expect(r.status, r.text).toBe(200);
      expect(r.body.value).toMatchObject({ month: MONTH, drafts: clean.invoices, persons: clean.persons, total: clean.total });
      expect(await srv.exited).toEqual({ code: 0, signal: null });
      expect(srv.err()).toContain('Menghentikan server: menunggu perintah yang sedang berjalan selesai...');
      expect(srv.err()).toContain('Server berhenti.');
      expect(await monthState(target)).toEqual(clean);
      // The log file named by --log: the run answered, the stop, the server stopped.
      const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const stopping = lines.findIndex((l) => l.msg === 'server stopping');
      const run = lines.findIndex((l) => l.msg === 'request' && l.path === '/api/call/billing.run' && l.status === 200 && l.user === 'admin');
      expect(stopping).toBeGreaterThan(-1);
      expect(run).toBeGreaterThan(-1);
      if (base.engine === 'postgres') {
        // The server's thread is free while PostgreSQL works: the stop began with the run in flight and waited for it.
        expect(lines[stopping]!.inFlight).toBe(1);
        expect(run).toBeGreaterThan(stopping);
      }
      // (On SQLite the transaction is synchronous work on the server's one thread: the signal is handled
      // once it has committed, just before or just after the answer went out.)
      expect(lines.findIndex((l) => l.msg === 'server stopped')).toBeGreaterThan(Math.max(run, stopping));
    } finally {
      if (srv.child.exitCode === null && srv.child.signalCode === null) srv.child.kill('SIGKILL');
    }
  }, 300_000);
});
