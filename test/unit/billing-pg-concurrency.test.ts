/**
 * Billing on a shared PostgreSQL server, where several offices (several processes) write at once
 * (issue #13): real `sigap bill` child processes against one database on a real cluster.
 * - two runs (with issue) of the same month at once: one invoice per unit, segment and NPP, numbers
 *   001… per unit without a gap or a repeat, the sequence rows agreeing;
 * - a run that finds the month taken says so on stderr and waits, then bills;
 * - a roster change committed while a run computes: the month is billed from one snapshot (all of the
 *   change or none of it), nobody twice;
 * - SIGKILL at random moments of a big month: all billed or nothing, and the next run works.
 * Always on PostgreSQL (its own cluster), whatever SIGAP_TEST_ENGINE says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../pg/cluster';
import { openStore } from '../../electron/core/store/open-store';
import { PostgresStore } from '../../electron/core/store/postgres';
import { sql } from '../../electron/core/store/sql';
import { seedDemo } from '../../electron/core/demo/index';
import { rng } from '../../electron/core/demo/names';
import { waitMessage } from '../../electron/core/billing/month-lock';

const BIN = join(__dirname, '../../electron/cli/bin.js');
// A Pemda of 20,000 by default (SIGAP_PG_KILL_PERSONS to change it).
const PERSONS = Number(process.env.SIGAP_PG_KILL_PERSONS ?? 20_000);
const TRIALS = Number(process.env.SIGAP_PG_KILL_TRIALS ?? 8);
const MONTH = '2026-03';

let cluster: PgCluster;
let seq = 0;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: cluster.adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A copy of the seeded Pemda (CREATE DATABASE … TEMPLATE: a file copy). */
async function fresh(): Promise<{ name: string; url: string }> {
  const name = `bill_${++seq}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE bill_base`));
  return { name, url: cluster.adminUrl.replace(/\/[^/]*$/, `/${name}`) };
}

/** Until no other connection to the database is left: a killed client's transaction is rolled back (or committed) by then. */
async function settled(name: string): Promise<void> {
  for (;;) {
    const { rows } = await admin((c) => c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]));
    if (rows[0].n === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Child { code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number }

function bill(url: string, o: { killAfterMs?: number; onStderr?: (text: string) => void } = {}): Promise<Child> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, [BIN, 'bill', '--month', MONTH, '--issue', '--json', '--db', url], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      o.onStderr?.(stderr);
    });
    const timer = o.killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), o.killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr, ms: Date.now() - start });
    });
  });
}

/** The month as the database holds it: invoices, lines, numbers, sequence rows and the audit trail. */
async function monthState(url: string) {
  const s = new PostgresStore(url, { max: 1 });
  try {
    const inv = (await s.one<{ n: number; total: number; persons: number; issued: number }>(sql`
      SELECT count(*) AS n, coalesce(sum(total), 0) AS total, coalesce(sum(persons), 0) AS persons,
             coalesce(sum(CASE WHEN status = 'issued' THEN 1 ELSE 0 END), 0) AS issued
      FROM invoice WHERE month = ${MONTH}`))!;
    const lines = (await s.one<{ n: number; total: number; people: number }>(sql`
      SELECT count(*) AS n, coalesce(sum(l.total), 0) AS total, count(DISTINCT l.person_id) AS people
      FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.month = ${MONTH}`))!;
    const sequence = (await s.one<{ rows: number; last: number }>(sql`SELECT count(*) AS rows, coalesce(sum(last), 0) AS last FROM invoice_sequence WHERE month = ${MONTH}`))!;
    const audit = (await s.one<{ runs: number; issues: number }>(sql`
      SELECT coalesce(sum(CASE WHEN entity = 'billing_run' THEN 1 ELSE 0 END), 0) AS runs,
             coalesce(sum(CASE WHEN entity = 'invoice' AND summary LIKE ${`Terbit %/${MONTH.slice(0, 4)}/${MONTH.slice(5)}/%`} THEN 1 ELSE 0 END), 0) AS issues
      FROM audit_log`))!;
    // Per unit: the numbers' last parts, which must run 1..n with no gap and no repeat.
    const numbers = await s.all<{ opdId: number; seqs: string; last: number | null }>(sql`
      SELECT i.opd_id AS "opdId", string_agg(split_part(i.number, '/', 5), ',' ORDER BY i.number) AS seqs,
             (SELECT q.last FROM invoice_sequence q WHERE q.opd_id = i.opd_id AND q.month = i.month) AS last
      FROM invoice i WHERE i.month = ${MONTH} AND i.status = 'issued' GROUP BY i.opd_id, i.month ORDER BY i.opd_id`);
    const regular = (await s.one<{ dup: number }>(sql`
      SELECT count(*) AS dup FROM (SELECT 1 FROM invoice WHERE month = ${MONTH} AND kind = 'regular'
      GROUP BY opd_id, segment, coalesce(registration_id, 0) HAVING count(*) > 1) d`))!;
    return { ...inv, lineCount: lines.n, lineTotal: lines.total, people: lines.people, sequence, audit, numbers, duplicateRegular: regular.dup };
  } finally {
    await s.close();
  }
}

function expectNumbersRun(state: Awaited<ReturnType<typeof monthState>>) {
  for (const u of state.numbers) {
    const seqs = u.seqs.split(',').map(Number);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(u.last).toBe(seqs.length);
  }
  expect(state.duplicateRegular).toBe(0);
}

let clean: Awaited<ReturnType<typeof monthState>>;
let cleanMs = 0;

beforeAll(async () => {
  cluster = await startPgCluster();
  const url = await cluster.createDatabase('bill_base');
  const opened = await openStore(url, { poolMax: 2 });
  try {
    const t = Date.now();
    await seedDemo({ ...opened.context, actor: 'test', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: PERSONS, year: 2026 });
    console.log(`billing-pg-concurrency: seeded ${PERSONS} people on PostgreSQL in ${Date.now() - t} ms`);
  } finally {
    await opened.store.close();
  }
  // The reference: one run alone.
  const db = await fresh();
  const run = await bill(db.url);
  expect(run.code, run.stderr).toBe(0);
  cleanMs = run.ms;
  clean = await monthState(db.url);
  expect(clean.persons).toBe(clean.people);
  expect(clean.issued).toBe(clean.n);
  expect(clean.audit.runs).toBe(1);
  expect(clean.audit.issues).toBe(clean.n);
  expect(clean.sequence.last).toBe(clean.n);
  expectNumbersRun(clean);
  console.log(`billing-pg-concurrency: a run of ${clean.persons} people, ${clean.n} invoices, took ${run.ms} ms (process included)`);
}, 900_000);

afterAll(() => cluster?.stop());

describe('billing on PostgreSQL from several processes', () => {
  it('two runs with issue of the same month at once make each invoice once and number without a gap or a repeat', async () => {
    const db = await fresh();
    const [a, b] = await Promise.all([bill(db.url), bill(db.url)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const s = await monthState(db.url);
    // The second run found everything issued: nothing new, nothing twice.
    expect({ n: s.n, total: s.total, persons: s.persons, issued: s.issued, lineCount: s.lineCount, lineTotal: s.lineTotal }).toEqual({
      n: clean.n, total: clean.total, persons: clean.persons, issued: clean.issued, lineCount: clean.lineCount, lineTotal: clean.lineTotal,
    });
    expect(s.sequence).toEqual(clean.sequence);
    expectNumbersRun(s);
    expect(s.audit.runs).toBe(2);
    expect(s.audit.issues).toBe(clean.n);
  }, 300_000);

  it('a run that finds the month taken says so, waits, and bills when it is free', async () => {
    const db = await fresh();
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      // Another office's run of the month, as the server sees it: the month's lock held in an open transaction.
      await holder.query('BEGIN');
      await holder.query("SELECT pg_advisory_xact_lock(x'53494742'::int, 202603)");
      let told!: () => void;
      const waiting = new Promise<void>((r) => (told = r));
      const run = bill(db.url, { onStderr: (t) => t.includes(waitMessage(MONTH)) && told() });
      await waiting;
      expect((await monthState(db.url)).n).toBe(0);
      await holder.query('COMMIT');
      const done = await run;
      expect(done.code, done.stderr).toBe(0);
      expect(done.stderr).toContain('Penagihan bulan Maret 2026 sedang dijalankan di komputer lain; menunggu…');
      expect((await monthState(db.url)).n).toBe(clean.n);
    } finally {
      await holder.end();
    }
  }, 300_000);

  it('a roster change committed during a run is billed wholly or not at all, nobody twice', async () => {
    // The change, as an SK applies it in one transaction: 300 people of the biggest unit moved on 10
    // March to another unit with a new wage (their engagement ended, a new one started).
    const ACTIVE = sql`start_date <= '2026-03-01' AND (end_date IS NULL OR end_date >= '2026-03-31')`;
    const moveStaff = (s: PostgresStore, from: number, to: number) =>
      s.tx('write', async (tx) => {
        const moved = await tx.all<{ id: number }>(sql`SELECT id FROM engagement WHERE opd_id = ${from} AND ${ACTIVE} ORDER BY id LIMIT 300`);
        expect(moved.length).toBe(300);
        for (const m of moved) {
          await tx.run(sql`INSERT INTO engagement (person_id, opd_id, category_id, honor, reported_wage, start_date)
            SELECT person_id, ${to}, category_id, honor, 10000000, '2026-03-10' FROM engagement WHERE id = ${m.id}`);
          await tx.run(sql`UPDATE engagement SET end_date = '2026-03-09' WHERE id = ${m.id}`);
        }
      });
    const db = await fresh();
    const s = new PostgresStore(db.url, { max: 1 });
    const after = await fresh();
    const s2 = new PostgresStore(after.url, { max: 1 });
    try {
      const units = await s.all<{ opdId: number }>(sql`SELECT opd_id AS "opdId" FROM engagement WHERE ${ACTIVE} GROUP BY opd_id ORDER BY count(*) DESC, opd_id LIMIT 2`);
      const [from, to] = units.map((u) => u.opdId) as [number, number];
      // The month after the change, for comparison: billed on a copy that had it before the run.
      await moveStaff(s2, from, to);
      expect((await bill(after.url)).code).toBe(0);
      const changed = await monthState(after.url);
      expect(changed.total).not.toBe(clean.total);

      const run = bill(db.url);
      await new Promise((r) => setTimeout(r, Math.max(500, cleanMs * 0.6)));
      await moveStaff(s, from, to);
      const done = await run;
      expect(done.code, done.stderr).toBe(0);
      const st = await monthState(db.url);
      // Every billed person once, and the month as it was before the change or as it is after it.
      expect(st.people).toBe(st.lineCount);
      expect(st.persons).toBe(clean.persons);
      expectNumbersRun(st);
      expect([clean.total, changed.total]).toContain(st.total);
    } finally {
      await s.close();
      await s2.close();
    }
  }, 300_000);

  it(`a run killed (SIGKILL) at ${TRIALS} random moments bills the month wholly or not at all, and the next run works`, async () => {
    const r = rng(13);
    let complete = 0;
    const outcomes: string[] = [];
    const whole = (s: Awaited<ReturnType<typeof monthState>>) => ({ ...s, audit: s.audit });
    for (let i = 0; i < TRIALS; i++) {
      const db = await fresh();
      // From early in the run to past its end, so some kills land before the commit and some after.
      const killAfterMs = Math.floor(cleanMs * (0.2 + r() * 1.1));
      const killed = await bill(db.url, { killAfterMs });
      // A run the kill came too late for finished on its own, and well.
      if (killed.signal !== 'SIGKILL') expect(killed.code, killed.stderr).toBe(0);
      outcomes.push(`${killAfterMs} ms: ${killed.signal === 'SIGKILL' ? 'killed' : 'finished'}`);
      await settled(db.name);
      const s = await monthState(db.url);
      if (s.n === 0) {
        expect(s).toMatchObject({ total: 0, lineCount: 0, sequence: { rows: 0, last: 0 }, audit: { runs: 0, issues: 0 } });
        const next = await bill(db.url);
        expect(next.code, next.stderr).toBe(0);
        expect(whole(await monthState(db.url))).toEqual(whole(clean));
      } else {
        expect(s).toEqual(clean);
        complete++;
        // Billed already: the next run adds nothing.
        const next = await bill(db.url);
        expect(next.code, next.stderr).toBe(0);
        expect({ ...(await monthState(db.url)), audit: null }).toEqual({ ...clean, audit: null });
      }
      await admin((c) => c.query(`DROP DATABASE ${db.name} WITH (FORCE)`));
    }
    console.log(`billing-pg-concurrency: ${TRIALS} SIGKILL trials of a ${clean.persons}-person run (${outcomes.join(', ')}), ${TRIALS - complete} before commit, ${complete} after; all consistent`);
  }, 900_000);
});
