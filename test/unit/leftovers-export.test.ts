/**
 * Files left behind. A real `sigap export new` killed with SIGKILL at random moments leaves its part
 * files in the clerk's folder (nothing can remove them at that instant); the next export of the same
 * kind into that folder removes them, and every file Sigap wrote there is readable by its owner only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { openDatabase } from '../../electron/core/db/open';
import { seedDemo } from '../../electron/core/demo/index';
import { rng } from '../../electron/core/demo/names';
import { tempDir } from '../helpers';

const BIN = join(__dirname, '../../electron/cli/bin.js');
const PERSONS = 4_000;
const TRIALS = 20;

let dir: string;
let cleanup: () => void;
let base: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('sigap-leftovers-'));
  base = join(dir, 'base.db');
  const { db } = openDatabase(base);
  await seedDemo({ db, actor: 'test', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: PERSONS, year: 2026 });
  // Everyone to register, with what the portal requires filled in (as the clerk does in one step).
  await storeOf({ db }).run(sql`UPDATE person SET kpj = NULL, mother_name = coalesce(mother_name, 'Siti Aminah'), marital_status = 'T', work_location = 'LIWA'`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}, 120_000);
afterAll(() => cleanup());

/**
 * Runs the CLI. With `watch`, polls the output folder and, once a hidden part file appears there (the
 * export has begun writing), kills the process after `killAfterPartMs` (never, when null); `partAt`
 * says when the first part appeared.
 */
function run(args: string[], watch: { dir: string; killAfterPartMs: number | null }): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number; partAt: number | null }> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
    let partAt: number | null = null;
    let timer: NodeJS.Timeout | undefined;
    const poll = setInterval(() => {
      if (partAt !== null || readdirSync(watch.dir).every((f) => !f.startsWith('.'))) return;
      partAt = Date.now() - start;
      if (watch.killAfterPartMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), watch.killAfterPartMs);
    }, 5);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - start, partAt });
    });
  });
}

function fresh(name: string): string {
  const p = join(dir, name);
  for (const s of ['', '-wal', '-shm']) rmSync(`${p}${s}`, { force: true });
  copyFileSync(base, p);
  return p;
}

const hidden = (out: string) => readdirSync(out).filter((f) => f.startsWith('.'));
const modes = (out: string) => readdirSync(out).map((f) => statSync(join(out, f)).mode & 0o777);

describe('files left behind by a killed export', () => {
  it(`${TRIALS} SIGKILLed exports: the next export of the kind leaves no part file, every file 0600`, async () => {
    const full = fresh('full.db');
    const fullOut = join(dir, 'out-full');
    mkdirSync(fullOut);
    const clean = await run(['export', 'new', '--out', fullOut, '--db', full], { dir: fullOut, killAfterPartMs: null });
    expect(clean.partAt).not.toBeNull();
    const writeMs = clean.ms - clean.partAt!;
    expect(clean.code).toBe(0);
    const files = readdirSync(fullOut).length;
    expect(files).toBeGreaterThan(0);
    expect(hidden(fullOut)).toEqual([]);
    if (process.platform !== 'win32') expect(modes(fullOut)).toEqual(Array(files).fill(0o600));

    const r = rng(17);
    let leftBehind = 0;
    let killed = 0;
    let committed = 0;
    for (let i = 0; i < TRIALS; i++) {
      const db = fresh(`t-${i}.db`);
      const out = join(dir, `out-${i}`);
      mkdirSync(out);
      // Killed at a random moment after it began writing: while the workbook is written, while the
      // batch is committed, or while the parts are renamed (or, rarely, once it has finished).
      const first = await run(['export', 'new', '--out', out, '--db', db], { dir: out, killAfterPartMs: Math.floor(r() * writeMs * 1.1) });
      if (first.signal === 'SIGKILL') killed++;
      if (hidden(out).length > 0) leftBehind++;
      // The next run of the same kind, into the same folder: it exports what is still pending (or
      // nothing, when the killed batch had committed) and clears the dead run's parts either way.
      const next = await run(['export', 'new', '--out', out, '--db', db], { dir: out, killAfterPartMs: null });
      expect(next.code, `trial ${i}`).toBe(0);
      expect(hidden(out), `trial ${i}`).toEqual([]);
      if (process.platform !== 'win32') for (const m of modes(out)) expect(m.toString(8), `trial ${i}`).toBe('600');
      const h = new Database(db, { readonly: true });
      const batches = (await storeOf({ db: h }).one<{ n: number }>(sql`SELECT count(*) AS n FROM bpjs_batch`))!.n;
      h.close();
      if (batches === 1 && readdirSync(out).length < files) committed++; // killed after its commit: files regenerate
      expect(batches).toBe(1);
      rmSync(out, { recursive: true, force: true });
      for (const s of ['', '-wal', '-shm']) rmSync(`${db}${s}`, { force: true });
    }
    console.log(`leftovers: ${TRIALS} SIGKILL trials of a ${PERSONS}-person export, ${files} file(s) (${clean.ms} ms alone, writing its last ${writeMs} ms): ${killed} killed, ${leftBehind} left part files, all removed by the next export; ${committed} killed after commit; every file 0600`);
    // The test means something only if kills did leave parts behind.
    expect(leftBehind).toBeGreaterThan(0);
  }, 600_000);
});
