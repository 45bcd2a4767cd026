/**
 * Two real processes write the same database at once: a `sigap import-sk` of a 20,000-row SK and a
 * `sigap bill --issue`, the bill started at a random moment of the import. Before transactions took
 * the write lock at BEGIN, the bill's deferred transaction had read when the import held the lock, and
 * SQLite failed it at once with SQLITE_BUSY (busy_timeout does not apply to a read that upgrades).
 * Now the bill waits: both finish, and the data is what one order or the other gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { writeBigAppendix } from '../fixtures/sk-stream';
import { openDatabase } from '../../electron/core/db/open';
import { seedDemo } from '../../electron/core/demo/index';
import { rng } from '../../electron/core/demo/names';
import { tempDir } from '../helpers';

const BIN = join(__dirname, '../../electron/cli/bin.js');
const BASE_PERSONS = 2_000;
const SK_ROWS = 20_000;
const TRIALS = 20;

let dir: string;
let cleanup: () => void;
let base: string;
let sk: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('sigap-locks-'));
  base = join(dir, 'base.db');
  const { db } = openDatabase(base);
  await seedDemo({ db, actor: 'test', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: BASE_PERSONS, year: 2026 });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  sk = join(dir, 'sk.xlsx');
  await writeBigAppendix(sk, { persons: SK_ROWS, number: 'SK/LOCK/2026', serialBase: 300_000 });
}, 60_000);
afterAll(() => cleanup());

interface Run { code: number | null; stderr: string; stdout: string; ms: number }

/** Runs the CLI; `probe` (optional) records when another connection finds the write lock taken. */
function run(args: string[], probe?: { db: string; busyAt: number[] }): Promise<Run> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => void (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => void (stderr += b.toString()));
    let timer: NodeJS.Timeout | undefined;
    if (probe) {
      const h = new Database(probe.db);
      h.pragma('busy_timeout = 0');
      timer = setInterval(() => {
        try {
          h.exec('BEGIN IMMEDIATE');
          h.exec('ROLLBACK');
        } catch {
          probe.busyAt.push(Date.now() - start);
        }
      }, 5);
      child.on('close', () => h.close());
    }
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - start });
    });
  });
}

const importSk = (db: string, busyAt?: number[]) => run(['import-sk', sk, '--db', db, '--tmt', '2026-02-01', '--amend', '--no-backup'], busyAt && { db, busyAt });
const bill = (db: string, busyAt?: number[]) => run(['bill', '--month', '2026-03', '--issue', '--json', '--db', db], busyAt && { db, busyAt });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fresh(name: string): string {
  const p = join(dir, name);
  for (const s of ['', '-wal', '-shm']) rmSync(`${p}${s}`, { force: true });
  copyFileSync(base, p);
  return p;
}

/** The file's own integrity check (SQLite), then the decree, counts and invoices read through the store. */
async function state(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const store = storeOf({ db });
    const decree = await store.one<{ id: number }>(sql`SELECT id FROM decree WHERE number = 'SK/LOCK/2026'`);
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      engagements: decree ? (await store.one<{ n: number }>(sql`SELECT count(*) AS n FROM engagement WHERE decree_id = ${decree.id}`))!.n : 0,
      persons: (await store.one<{ n: number }>(sql`SELECT count(*) AS n FROM person`))!.n,
      invoices: (await store.one<{ n: number; issued: number; persons: number; total: number }>(
        sql`SELECT count(*) AS n, sum(CASE WHEN status = 'issued' THEN 1 ELSE 0 END) AS issued, coalesce(sum(persons), 0) AS persons, coalesce(sum(total), 0) AS total FROM invoice WHERE month = '2026-03'`,
      ))!,
      lineTotal: (await store.one<{ t: number }>(sql`SELECT coalesce(sum(l.total), 0) AS t FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.month = '2026-03'`))!.t,
    };
  } finally {
    db.close();
  }
}

describe('an SK import and a billing run at the same time', () => {
  it(`${TRIALS} trials: the bill never fails with BUSY, both finish, the data is consistent`, async () => {
    // Alone, for the two consistent outcomes (billed before or after the SK) and for when each takes
    // the write lock (a probe connection finds it taken): the import from `lockFrom` to its exit, the
    // bill `billLock` ms after it starts.
    const alone = fresh('alone.db');
    const billBusy: number[] = [];
    const before = await bill(alone, billBusy);
    expect(before.code, before.stderr).toBe(0);
    const importBusy: number[] = [];
    const imp = await importSk(alone, importBusy);
    expect(imp.code, imp.stderr).toBe(0);
    const afterSk = fresh('after.db');
    expect((await importSk(afterSk)).code).toBe(0);
    const after = await bill(afterSk);
    expect(after.code, after.stderr).toBe(0);
    const totals = { [BASE_PERSONS]: JSON.parse(before.stdout).total as number, [BASE_PERSONS + SK_ROWS]: JSON.parse(after.stdout).total as number };
    const lockFrom = importBusy[0] ?? imp.ms * 0.8;
    const billLock = billBusy[0] ?? before.ms * 0.8;
    const writeMs = Math.max(imp.ms - lockFrom, 200);

    const r = rng(20261203);
    const seen = { billedBeforeSk: 0, billedAfterSk: 0, billMs: [] as number[] };
    const failures: string[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const db = fresh(`trial-${i}.db`);
      const importing = importSk(db);
      // The bill is started so that it asks for the write lock around the import's write: from half
      // that time before it begins until it ends (the import holds the lock then).
      await sleep(Math.max(0, Math.floor(lockFrom - billLock + writeMs * (1.5 * r() - 0.5))));
      const [b, s] = await Promise.all([bill(db), importing]);
      expect(s.code, `trial ${i}: ${s.stderr}`).toBe(0);
      // A failed bill is counted, not thrown at once, so a run shows how many of the trials fail.
      if (b.code !== 0 || /BUSY|SQLITE|\n\s+at /.test(b.stderr)) {
        failures.push(`trial ${i}: exit ${b.code}: ${b.stderr.trim().slice(0, 160)}`);
        expect(await state(db)).toMatchObject({ integrity: 'ok', engagements: SK_ROWS, invoices: { n: 0 } });
        for (const x of ['', '-wal', '-shm']) rmSync(`${db}${x}`, { force: true });
        continue;
      }
      const st = await state(db);
      expect(st.integrity).toBe('ok');
      expect(st.engagements).toBe(SK_ROWS);
      expect(st.persons).toBe(BASE_PERSONS + SK_ROWS);
      // The month is billed once, wholly issued, its headers equal to its lines, for the roster as it
      // was either before the SK or after it: never a half-applied SK.
      expect(st.invoices.issued).toBe(st.invoices.n);
      expect(st.invoices.total).toBe(st.lineTotal);
      expect([BASE_PERSONS, BASE_PERSONS + SK_ROWS]).toContain(st.invoices.persons);
      expect(st.invoices.total).toBe(totals[st.invoices.persons]);
      expect(JSON.parse(b.stdout).persons).toBe(st.invoices.persons);
      if (st.invoices.persons === BASE_PERSONS) seen.billedBeforeSk++;
      else seen.billedAfterSk++;
      seen.billMs.push(b.ms);
      for (const x of ['', '-wal', '-shm']) rmSync(`${db}${x}`, { force: true });
    }
    const ms = seen.billMs.sort((a, b) => a - b);
    console.log(`locks: ${TRIALS} trials of a ${SK_ROWS}-row import-sk with bill --issue asking for the lock during its write (import alone ${imp.ms} ms, write lock held its last ${imp.ms - lockFrom} ms): ${failures.length} bills failed, ${seen.billedBeforeSk} billed before the SK committed, ${seen.billedAfterSk} after; bill ${ms[0]}-${ms[ms.length - 1]} ms (alone ${before.ms} ms)`);
    expect(failures).toEqual([]);
    // Bills committed both before and after the import's commit: the starts straddled the import's
    // write, so some bills asked for the lock while the import held it (the failing case before).
    expect(seen.billedBeforeSk).toBeGreaterThan(0);
    expect(seen.billedAfterSk).toBeGreaterThan(0);
  }, 600_000);
});
