/**
 * Kills a real `sigap import-sk` child process with SIGKILL at random moments and checks that the
 * database is intact and the decree is either wholly present or wholly absent.
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
const PERSONS = 20_000;
const TRIALS = 24;

let dir: string;
let cleanup: () => void;
let base: string;
let sk: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('sigap-crash-'));
  base = join(dir, 'base.db');
  const { db } = openDatabase(base);
  await seedDemo({ db, actor: 'test', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: 50, year: 2026 });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  sk = join(dir, 'sk.xlsx');
  await writeBigAppendix(sk, { persons: PERSONS, number: 'SK/KILL/2026', serialBase: 300_000 });
});
afterAll(() => cleanup());

function runImport(db: string, killAfterMs: number | null): Promise<{ code: number | null; signal: string | null; ms: number }> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, [BIN, 'import-sk', sk, '--db', db, '--tmt', '2026-02-01', '--amend', '--no-backup'], { stdio: 'ignore' });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - start });
    });
  });
}

/** The file's own integrity check (SQLite), then the decree and the counts read through the store. */
async function inspect(path: string) {
  const db = new Database(path);
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const store = storeOf({ db });
    const decree = await store.one<{ id: number }>(sql`SELECT id FROM decree WHERE number = 'SK/KILL/2026'`);
    const engagements = decree ? (await store.one<{ n: number }>(sql`SELECT count(*) AS n FROM engagement WHERE decree_id = ${decree.id}`))!.n : 0;
    const persons = (await store.one<{ n: number }>(sql`SELECT count(*) AS n FROM person`))!.n;
    return { integrity, present: Boolean(decree), engagements, persons };
  } finally {
    db.close();
  }
}

describe('crash safety of an SK import', () => {
  it(`survives SIGKILL at ${TRIALS} random moments: intact, and the decree all there or not at all`, async () => {
    const full = join(dir, 'full.db');
    copyFileSync(base, full);
    const clean = await runImport(full, null);
    expect(clean.code).toBe(0);
    expect(await inspect(full)).toEqual({ integrity: 'ok', present: true, engagements: PERSONS, persons: 50 + PERSONS });

    const r = rng(20261121);
    const outcomes = { present: 0, absent: 0 };
    for (let i = 0; i < TRIALS; i++) {
      const db = join(dir, `trial-${i}.db`);
      copyFileSync(base, db);
      // Spread the kills over the whole run, from start-up to the commit.
      const at = Math.floor(r() * clean.ms * 1.05);
      const run = await runImport(db, at);
      const state = await inspect(db);
      expect(state.integrity).toBe('ok');
      if (state.present) {
        expect(state).toEqual({ integrity: 'ok', present: true, engagements: PERSONS, persons: 50 + PERSONS });
        outcomes.present++;
      } else {
        expect(state).toEqual({ integrity: 'ok', present: false, engagements: 0, persons: 50 });
        outcomes.absent++;
      }
      void run;
      rmSync(db, { force: true });
      rmSync(`${db}-wal`, { force: true });
      rmSync(`${db}-shm`, { force: true });
    }
    console.log(`crash-safety: ${TRIALS} SIGKILL trials on a ${PERSONS}-row SK, ${outcomes.absent} interrupted before commit, ${outcomes.present} after; all intact`);
    expect(outcomes.present + outcomes.absent).toBe(TRIALS);
    // Most kills land before the commit; the run must have been interrupted at least once.
    expect(outcomes.absent).toBeGreaterThan(0);
  }, 240_000);
});
