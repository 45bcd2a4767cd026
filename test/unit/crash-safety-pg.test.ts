/**
 * The PostgreSQL side of crash-safety.test.ts: a real `sigap import-sk --db postgres://…` child process
 * is killed with SIGKILL at random moments while it applies a 20,000-row SK (the moment its apply takes
 * its tables, found in pg_locks, plus a random delay up to the whole apply), and a few times anywhere
 * in the run. Each time the decree, its people, engagements, effects and audit rows are all there or
 * all absent, the counts agree, and the next import works (the server rolled the dead client's
 * transaction back and released its locks). Its own cluster (test/pg/cluster.ts), whatever the engine
 * of the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { writeBigAppendix } from '../fixtures/sk-stream';
import { openStore } from '../../electron/core/store/open-store';
import { seedDemo } from '../../electron/core/demo/index';
import { rng } from '../../electron/core/demo/names';
import { tempDir } from '../helpers';
import { startPgCluster, type PgCluster } from '../pg/cluster';

const BIN = join(__dirname, '../../electron/cli/bin.js');
const PERSONS = 20_000;
const NUMBER = 'SK/KILL/PG/2026';
/** Kills during the apply, and anywhere from start-up to the end. */
const APPLY_TRIALS = 8;
const ANY_TRIALS = 3;

let cluster: PgCluster;
let admin: pg.Client;
let dir: string;
let cleanup: () => void;
let sk: string;

const urlOf = (db: string) => cluster.adminUrl.replace(/\/postgres$/, `/${db}`);

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('sigap-crash-pg-'));
  cluster = await startPgCluster();
  admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  // The base: migrated, 50 demo people; a template each trial copies.
  const base = await cluster.createDatabase('kill_base');
  const { store } = await openStore(base);
  await seedDemo({ store, actor: 'test', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: 50, year: 2026 });
  await store.close();
  sk = join(dir, 'sk.xlsx');
  await writeBigAppendix(sk, { persons: PERSONS, number: NUMBER, serialBase: 300_000 });
}, 240_000);

afterAll(async () => {
  await admin?.end();
  cluster?.stop();
  cleanup?.();
});

async function copyOfBase(name: string): Promise<string> {
  await admin.query(`CREATE DATABASE ${name} TEMPLATE kill_base`);
  return urlOf(name);
}

/** Whether the child's apply holds its tables (skImport.lockForApply) in that database. */
async function applying(db: string): Promise<boolean> {
  const r = await admin.query(
    // pg_class is per database: the mode alone tells it (nothing else in an import takes it).
    `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
     WHERE d.datname = $1 AND l.locktype = 'relation' AND l.mode = 'ShareRowExclusiveLock' AND l.granted`,
    [db],
  );
  return r.rowCount! > 0;
}

interface Run {
  code: number | null;
  signal: string | null;
  ms: number;
  /** From the apply taking its tables to the exit, when seen. */
  applyMs: number | null;
}

/** Runs the import; kills it `killAfterMs` after the start, or after its apply began (`fromApply`). */
function runImport(url: string, db: string, kill: { afterMs: number; fromApply: boolean } | null): Promise<Run> {
  return new Promise((resolve) => {
    const start = Date.now();
    let applyAt: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    let exited = false;
    const child = spawn(process.execPath, [BIN, 'import-sk', sk, '--db', url, '--tmt', '2026-02-01', '--amend', '--no-backup'], { stdio: 'ignore' });
    const watch = async () => {
      while (!exited && applyAt === null) {
        if (await applying(db)) {
          applyAt = Date.now();
          if (kill?.fromApply) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
          return;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    void watch();
    if (kill && !kill.fromApply) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
    child.on('exit', (code, signal) => {
      exited = true;
      if (timer) clearTimeout(timer);
      const end = Date.now();
      resolve({ code, signal, ms: end - start, applyMs: applyAt === null ? null : end - applyAt });
    });
  });
}

/** Waits until the dead client's server process is gone (its transaction rolled back, its locks released). */
async function settled(db: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const r = await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [db]);
    if (Number(r.rows[0].n) === 0) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`connections to ${db} never ended`);
}

interface State {
  present: boolean;
  decrees: number;
  engagements: number;
  persons: number;
  effects: number;
  audits: number;
}

async function inspect(url: string): Promise<State> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const n = async (text: string, params: unknown[] = []) => Number((await c.query(text, params)).rows[0].n);
    const decrees = await n('SELECT count(*) AS n FROM decree WHERE number = $1', [NUMBER]);
    return {
      present: decrees > 0,
      decrees,
      engagements: await n('SELECT count(*) AS n FROM engagement e JOIN decree d ON d.id = e.decree_id WHERE d.number = $1', [NUMBER]),
      persons: await n('SELECT count(*) AS n FROM person'),
      effects: await n('SELECT count(*) AS n FROM decree_effect x JOIN decree d ON d.id = x.decree_id WHERE d.number = $1', [NUMBER]),
      audits: await n(`SELECT count(*) AS n FROM audit_log WHERE summary LIKE '%' || $1 || '%'`, [NUMBER]),
    };
  } finally {
    await c.end();
  }
}

/** One audit row per new person and one for the decree; one effect per new person. */
const FULL: State = { present: true, decrees: 1, engagements: PERSONS, persons: 50 + PERSONS, effects: PERSONS, audits: PERSONS + 1 };
const NONE: State = { present: false, decrees: 0, engagements: 0, persons: 50, effects: 0, audits: 0 };

describe('crash safety of an SK import on PostgreSQL', () => {
  it(`survives SIGKILL during the apply (${APPLY_TRIALS} times) and anywhere (${ANY_TRIALS} times): all or nothing, and the next import works`, async () => {
    const clean = await runImport(await copyOfBase('kill_full'), 'kill_full', null);
    expect(clean.code).toBe(0);
    await settled('kill_full');
    expect(await inspect(urlOf('kill_full'))).toEqual(FULL);
    expect(clean.applyMs).not.toBeNull();

    const r = rng(20261203);
    const outcomes = { present: 0, absent: 0 };
    let reimported = 0;
    for (let i = 0; i < APPLY_TRIALS + ANY_TRIALS; i++) {
      const name = `kill_trial_${i}`;
      const url = await copyOfBase(name);
      const fromApply = i < APPLY_TRIALS;
      // During the apply: up to just past its whole length (a kill at the commit); else over the whole run.
      const afterMs = Math.floor(r() * (fromApply ? clean.applyMs! : clean.ms) * 1.05);
      await runImport(url, name, { afterMs, fromApply });
      await settled(name);
      const state = await inspect(url);
      if (state.present) {
        expect(state).toEqual(FULL);
        outcomes.present++;
      } else {
        expect(state).toEqual(NONE);
        outcomes.absent++;
      }
      // The next import: the whole SK where the killed one left nothing, a refusal (same number) where it committed.
      if (i % 4 === 3 || i === APPLY_TRIALS + ANY_TRIALS - 1) {
        const next = await runImport(url, name, null);
        await settled(name);
        expect(next.code).toBe(state.present ? 1 : 0);
        expect(await inspect(url)).toEqual(FULL);
        reimported++;
      }
      await admin.query(`DROP DATABASE ${name}`);
    }
    console.log(
      `crash-safety-pg: ${APPLY_TRIALS + ANY_TRIALS} SIGKILL trials on a ${PERSONS}-row SK (apply ${clean.applyMs} ms of ${clean.ms} ms), ` +
        `${outcomes.absent} rolled back, ${outcomes.present} committed, ${reimported} imported again; all consistent`,
    );
    expect(outcomes.absent).toBeGreaterThan(0);
  }, 900_000);
});
