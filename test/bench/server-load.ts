/**
 * `npm run bench -- --server [--quick]`: `sigap serve` on PostgreSQL under 30 simulated clerks (hr,
 * finance and viewer accounts, each its own desktop session over HTTPS on loopback) for two minutes
 * (--quick: 25 s on 10,000 people), with an SK import (hr) and a billing run (finance) in the middle.
 *
 * Correctness, which fails the run (exit 1): every call answered ok, and the audit rows the database
 * gained in the window equal the rows the clerks' writes document (nothing lost, nothing extra).
 * Timing, which is printed against its target and never fails the run (a loaded CI machine must not
 * turn a slow minute into a red build): p50/p95/p99 per call kind, beside floors measured in the same
 * run (the health round trip under the same load; the same roster filters on the core directly, alone).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { seedDemo } from '../../electron/core/demo/index';
import { openStore, type OpenedStore } from '../../electron/core/store/open-store';
import { sql } from '../../electron/core/store/sql';
import { hashPassword } from '../../electron/core/auth/passwords';
import { userRepo } from '../../electron/core/auth/user-repository';
import { runBilling } from '../../electron/core/billing/index';
import { createApi } from '../../electron/core/api/create-api';
import type { HostServices } from '../../electron/core/api/host';
import { contract, type ChannelName } from '../../shared/contract/index';
import type { CoreContext } from '../../electron/core/context';
import { writeBigAppendix } from '../fixtures/sk-stream';
import { startPgCluster } from '../pg/cluster';
import { benchHost, billMonth, CallLog, importSk, newClerk, work, type Clerk, type Known } from './server-clerks';
import { healthProbe, startServe, type ServeProcess } from './server-process';
import { fmt } from './figures';
import { withServerSection } from './doc-section';
import { serverReport } from './server-report';

const log = (s: string) => process.stderr.write(`${s}\n`);
const PASSWORD = 'sandi-bench-2026';
const ROLES = [...Array<'hr'>(12).fill('hr'), ...Array<'finance'>(8).fill('finance'), ...Array<'viewer'>(10).fill('viewer')];
/**
 * A clerk's pause between screens, uniform, in ms: reading the screen, typing, a look at the paper SK.
 * 2-8 s keeps all 30 clerks busy without a break for the whole window, several times a real office's
 * pace; `--think=0.5-2.5` (seconds) makes it a stress test.
 */
function thinkTime(): [number, number] {
  const arg = process.argv.find((a) => a.startsWith('--think='));
  const m = arg ? /^--think=(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(arg) : null;
  if (arg && !m) throw new Error(`--think=A-B in seconds, e.g. --think=0.5-2.5 (got ${arg})`);
  return m ? [Number(m[1]) * 1000, Number(m[2]) * 1000] : [2000, 8000];
}

const ym = (d: Date) => d.toISOString().slice(0, 7);

/** The floor's host: the replayed calls only read, so no dialog, file or PDF is ever asked for. */
const noFiles = async (): Promise<never> => {
  throw new Error('the floor replays reads only');
};
const floorHost: HostServices = {
  chooseOpenFile: noFiles, chooseSaveFile: noFiles, chooseFolder: noFiles, printToPdf: noFiles, showInFolder: noFiles,
  progress: () => undefined, appVersion: 'bench', backupDir: null,
};

export async function serverBench(quick: boolean): Promise<number> {
  const N = quick ? 10_000 : 100_000;
  const windowMs = quick ? 25_000 : 120_000;
  // An SK appendix of a real size: a year's new contract staff of a large Pemda, not its whole roster.
  const skRows = quick ? 1_000 : 5_000;
  const THINK = thinkTime();
  const started = performance.now();
  let mark = started;
  /** How long the set-up's steps took (the quick mode must build its database well inside CI's minute and a half). */
  const phase = (what: string) => {
    const t = performance.now();
    log(`   ${what}: ${fmt(t - mark)}`);
    mark = t;
  };
  const dir = join(tmpdir(), `sigap-server-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const now = new Date();
  const year = now.getUTCFullYear();
  const month = ym(now);
  const paidMonth = `${year}-01`;
  const billing = month === paidMonth ? `${year}-02` : month;

  log(`Server bench: ${N.toLocaleString('en')} people, ${ROLES.length} clerks pausing ${THINK[0] / 1000}-${THINK[1] / 1000} s, ${windowMs / 1000} s, SK appendix of ${skRows.toLocaleString('en')} rows`);
  // The command as a Pemda runs it: the prebuilt CLI (bin.js falls back to tsx when it is stale).
  execFileSync(process.execPath, [join(process.cwd(), 'electron/cli/build.mjs')], { stdio: 'ignore' });
  const sk = join(dir, 'sk-server.xlsx');
  // New people only (serials far from the roster's own), so the apply's audit rows are known exactly.
  await writeBigAppendix(sk, { persons: skRows, number: `SK/BENCH-SERVER/${year}`, serialBase: 50 * 9999 });
  phase('command built, SK appendix written');

  const cluster = await startPgCluster({ durable: true });
  let server: ServeProcess | null = null;
  let store: OpenedStore | null = null;
  const clerks: Clerk[] = [];
  // Interrupted (Ctrl+C, a CI timeout): the cluster is stopped too (the server dies with the bench, server-process.ts).
  const interrupted = (sig: NodeJS.Signals) => {
    log(`${sig}: stopping the PostgreSQL cluster`);
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    log('1. the demo Pemda on PostgreSQL, the clerks\' accounts, a month billed and issued');
    const dbUrl = await cluster.createDatabase('bench_server');
    const t0 = performance.now();
    store = await openStore(dbUrl);
    const ctx: CoreContext = { ...store.context, actor: 'bench', clock: () => new Date(`${year}-01-05T00:00:00Z`) };
    phase('cluster started');
    await seedDemo(ctx, { persons: N, year });
    phase('demo seeded');
    const setup = { ...ctx, clock: () => new Date() };
    const names = ROLES.map((role, i) => `${role}${String(i + 1).padStart(2, '0')}`);
    // The accounts share one hash (thirty scrypt hashes of 128 MiB each would take half a minute on CI);
    // each clerk still signs in through the server, which checks the password as always.
    const passwordHash = await hashPassword(PASSWORD);
    await store.store.tx('write', async (tx) => {
      for (const [i, username] of names.entries()) await userRepo.insert(tx, { username, displayName: `Petugas ${username}`, role: ROLES[i]!, passwordHash, mustChange: false, createdAt: now.toISOString() });
    });
    // Last January billed and issued, so finance has invoices to read and pay.
    phase('accounts made');
    await runBilling(setup, { month: paidMonth, issue: true });
    phase(`${paidMonth} billed and issued`);
    await store.store.run(sql`VACUUM ANALYZE`);
    phase('VACUUM ANALYZE');
    const q = store.store;
    const known: Known = {
      month,
      paidMonth,
      billMonth: billing,
      today: now.toISOString().slice(0, 10),
      opdIds: (await q.all<{ id: number }>(sql`SELECT id FROM opd ORDER BY id`)).map((r) => Number(r.id)),
      categoryIds: (await q.all<{ id: number }>(sql`SELECT id FROM category ORDER BY id`)).map((r) => Number(r.id)),
      people: (await q.all<{ id: number; name: string; nik: string }>(sql`SELECT id, name, nik FROM person ORDER BY random() LIMIT 500`)).map((r) => ({ ...r, id: Number(r.id) })),
      issuedInvoiceIds: (await q.all<{ id: number }>(sql`SELECT id FROM invoice WHERE month = ${paidMonth} AND status = 'issued' AND kind = 'regular' ORDER BY id`)).map((r) => Number(r.id)),
    };
    const personIds = (await q.all<{ id: number }>(sql`SELECT id FROM person ORDER BY id LIMIT 2400`)).map((r) => Number(r.id));
    log(`   database built in ${fmt(performance.now() - t0)} (${known.issuedInvoiceIds.length} invoices issued for ${paidMonth})`);
    mark = performance.now();

    server = await startServe(dbUrl, dir, process.env.SIGAP_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SIGAP_BENCH_CPU_PROF}`] : []);
    phase(`sigap serve (pid ${server.pid}) started on port ${server.port}`);
    const importerHost = benchHost();
    for (const [i, username] of names.entries()) clerks.push(newClerk(server.port, server.fingerprint, username, ROLES[i]!, 1000 + i, i === 0 ? importerHost : undefined));
    // All at once, as after a power cut: each sign-in is a scrypt check (N=2^17, 128 MiB) on the server's thread pool.
    const signInMs: number[] = [];
    const signIns = await Promise.all(
      clerks.map(async (c) => {
        const t = performance.now();
        const r = await c.client.call('auth.login', { username: c.username, password: PASSWORD });
        signInMs.push(performance.now() - t);
        return r;
      }),
    );
    const refused = signIns.findIndex((r) => !r.ok);
    if (refused >= 0) throw new Error(`sign-in of ${clerks[refused]!.username} refused: ${JSON.stringify(signIns[refused])}`);
    phase('clerks signed in');

    const auditCount = async () => Number((await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log`))!.n);
    const auditBefore = await auditCount();
    const callLog = new CallLog();
    const health = healthProbe(server.port, server.fingerprint, 250);
    const cpu0 = server.cpuMs();
    const benchCpu0 = process.cpuUsage();
    const w0 = performance.now();
    const until = w0 + windowMs;
    let skResult: Awaited<ReturnType<typeof importSk>> = null;
    let billResult: Awaited<ReturnType<typeof billMonth>> = null;
    const slice = (list: number[], i: number, n: number) => list.filter((_, k) => k % n === i);
    const hrs = clerks.filter((c) => c.role === 'hr');
    const fins = clerks.filter((c) => c.role === 'finance');
    log(`2. ${ROLES.length} clerks at work for ${windowMs / 1000} s (SK import at ${Math.round(windowMs * 0.3 / 1000)} s, billing run at ${Math.round(windowMs * 0.45 / 1000)} s)`);
    await Promise.all(
      clerks.map((c) => {
        const own = c.role === 'hr' ? slice(personIds, hrs.indexOf(c), hrs.length) : c.role === 'finance' ? slice(known.issuedInvoiceIds, fins.indexOf(c), fins.length) : [];
        const chores =
          c === hrs[0] ? [{ at: w0 + windowMs * 0.3, run: async () => (skResult = await importSk(callLog, c, importerHost, sk, `${month}-01`)) }]
          : c === fins[0] ? [{ at: w0 + windowMs * 0.45, run: async () => (billResult = await billMonth(callLog, c, billing)) }]
          : [];
        return work(c, { log: callLog, known, until, own }, THINK, chores);
      }),
    );
    const windowEnd = performance.now();
    await health.stop();
    const serverCpuMs = server.cpuMs() - cpu0;
    const bc = process.cpuUsage(benchCpu0);
    const auditAfter = await auditCount();
    const peakRssMb = server.peakRssMb();

    phase('window');
    log('3. floor: the same calls on the core directly, one at a time, nothing else running');
    // The clerks' own inputs, checked by the contract as on arrival, to the same handlers the server calls.
    const floorCtx: CoreContext = { ...store.context, actor: 'bench', clock: () => new Date(), seesIdentity: true };
    const api = createApi(floorCtx, floorHost) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    const alone = async (name: string, input: unknown) => {
      const parsed: unknown = contract[name as ChannelName].input.parse(input);
      const t = performance.now();
      await api[name]!(parsed);
      return performance.now() - t;
    };
    const spread = <T>(xs: T[], k: number) => xs.filter((_, i) => i % Math.max(1, Math.floor(xs.length / k)) === 0).slice(0, k);
    const floorTimes: { kind: string; ms: number }[] = [];
    for (const { kind, input } of spread(callLog.rosterInputs, quick ? 100 : 300)) floorTimes.push({ kind, ms: await alone('roster.list', input) });
    const floorReads = new Map<string, number[]>();
    for (const [name, inputs] of callLog.readInputs) {
      const times: number[] = [];
      for (const input of spread(inputs, quick ? 5 : 10)) times.push(await alone(name, input));
      floorReads.set(name, times);
    }
    phase('floor');
    for (const c of clerks) c.client.close();
    const code = await server.stop();
    server = null;
    phase('sigap serve stopped');
    const report = serverReport({
      quick, N, clerks: ROLES.length, windowMs: windowEnd - w0, plannedMs: windowMs, think: THINK, thinkFlag: process.argv.find((a) => a.startsWith('--think=')) ?? null, skRows,
      log: callLog, serverLog: join(dir, 'server.log'), health: health.times, healthFailed: health.failed(), floor: floorTimes, floorReads,
      sk: skResult, bill: billResult, auditAdded: auditAfter - auditBefore, serverCpuMs, benchCpuMs: (bc.user + bc.system) / 1000, peakRssMb,
      progressEvents: clerks[0]!.progress, serverExit: code, billMonth: billing, signInMs,
    });
    process.stdout.write(`${report.text}\n`);
    // The document holds the standard run (full size, the default pauses); other runs are printed only.
    if (!quick && !process.argv.some((a) => a.startsWith('--think='))) {
      const docPath = join(process.cwd(), 'docs/performance.md');
      writeFileSync(docPath, withServerSection(existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Performance\n', report.doc));
    }
    log(`   server bench: ${fmt(performance.now() - started)} in all`);
    for (const p of report.problems) log(`FAILED: ${p}`);
    return report.problems.length ? 1 : 0;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    for (const c of clerks) c.client.close();
    if (server) await server.stop();
    if (store) await store.store.close();
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
