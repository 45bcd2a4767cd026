/**
 * SIGKILL a real `sigap bill --issue` and a real `sigap export new` at random moments: afterwards the
 * database is intact, the month is billed completely or not at all, and a batch either exists with
 * files that match its record (or can be regenerated) or does not exist and left no real file behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { openDatabase } from '../../electron/core/db/open';
import { seedDemo } from '../../electron/core/demo/index';
import { rng } from '../../electron/core/demo/names';
import { tempDir } from '../helpers';

const BIN = join(__dirname, '../../electron/cli/bin.js');
const PERSONS = 40_000;
const TRIALS = 20;

let dir: string;
let cleanup: () => void;
let base: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('sigap-crash2-'));
  base = join(dir, 'base.db');
  const { db } = openDatabase(base);
  await seedDemo({ db, actor: 'test', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: PERSONS, year: 2026 });
  // Everyone still to be registered, with what the branch needs, so the export has 4 files to write.
  await storeOf({ db }).run(sql`UPDATE person SET kpj = NULL, mother_name = coalesce(mother_name, 'Siti Aminah'), marital_status = 'T', work_location = 'LIWA'`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
});
afterAll(() => cleanup());

function run(args: string[], killAfterMs: number | null): Promise<{ code: number | null; ms: number }> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, ms: Date.now() - start });
    });
  });
}

function fresh(name: string): string {
  const p = join(dir, name);
  for (const s of ['', '-wal', '-shm']) rmSync(`${p}${s}`, { force: true });
  copyFileSync(base, p);
  return p;
}

/** The file's own integrity check (SQLite), then the month's invoices read through the store. */
async function billState(path: string) {
  const db = new Database(path);
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const store = storeOf({ db });
    const invoices = (await store.one<{ n: number; total: number; persons: number; issued: number | null }>(
      sql`SELECT count(*) AS n, coalesce(sum(total), 0) AS total, coalesce(sum(persons), 0) AS persons, sum(CASE WHEN status = 'issued' THEN 1 ELSE 0 END) AS issued FROM invoice WHERE month = '2026-03'`,
    ))!;
    const lines = (await store.one<{ total: number }>(sql`SELECT coalesce(sum(l.total), 0) AS total FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.month = '2026-03'`))!;
    return { integrity, ...invoices, lineTotal: lines.total };
  } finally {
    db.close();
  }
}

describe('crash safety of billing and exports', () => {
  it(`a billing run killed at ${TRIALS} random moments bills the month wholly or not at all`, async () => {
    const full = fresh('bill-full.db');
    const clean = await run(['bill', '--month', '2026-03', '--issue', '--db', full], null);
    expect(clean.code).toBe(0);
    const done = await billState(full);
    expect(done.persons).toBe(PERSONS);
    expect(done.issued).toBe(done.n);
    const r = rng(7);
    let complete = 0;
    for (let i = 0; i < TRIALS; i++) {
      const db = fresh(`bill-${i}.db`);
      await run(['bill', '--month', '2026-03', '--issue', '--db', db], Math.floor(r() * clean.ms * 1.15));
      const s = await billState(db);
      expect(s.integrity).toBe('ok');
      if (s.n === 0) expect(s).toMatchObject({ total: 0, lineTotal: 0 });
      else {
        expect(s).toEqual(done);
        complete++;
      }
    }
    console.log(`crash-safety: ${TRIALS} SIGKILL trials of a ${PERSONS}-person billing run, ${TRIALS - complete} before commit, ${complete} after; all intact`);
  }, 300_000);

  it(`an export killed at ${TRIALS} random moments leaves a whole batch or none, and never a half file`, async () => {
    const full = fresh('exp-full.db');
    const fullOut = join(dir, 'out-full');
    mkdirSync(fullOut, { recursive: true });
    const clean = await run(['export', 'new', '--out', fullOut, '--db', full], null);
    expect(clean.code).toBe(0);
    expect(readdirSync(fullOut).filter((f) => f.endsWith('.xlsx'))).toHaveLength(4);
    const r = rng(11);
    let committed = 0;
    for (let i = 0; i < TRIALS; i++) {
      const db = fresh(`exp-${i}.db`);
      const out = join(dir, `out-${i}`);
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      await run(['export', 'new', '--out', out, '--db', db], Math.floor(r() * clean.ms * 1.15));
      const h = new Database(db);
      expect(h.pragma('integrity_check', { simple: true })).toBe('ok');
      const files = await storeOf({ db: h }).all<{ name: string; sha256: string }>(sql`SELECT f.name, f.sha256 FROM bpjs_batch_file f`);
      const batches = (await storeOf({ db: h }).one<{ n: number }>(sql`SELECT count(*) AS n FROM bpjs_batch`))!.n;
      h.close();
      const real = readdirSync(out).filter((f) => !f.startsWith('.'));
      if (batches === 0) {
        expect(real).toEqual([]);
      } else {
        committed++;
        expect(files).toHaveLength(4);
        // Every real file is whole: its bytes are what the batch recorded.
        for (const name of real) {
          const rec = files.find((f) => f.name === name)!;
          expect(createHash('sha256').update(readFileSync(join(out, name))).digest('hex')).toBe(rec.sha256);
        }
        // A file the kill kept from its real name is regenerated byte for byte.
        if (real.length < 4) {
          const again = await run(['batch', 'regenerate', '1', '--out', out, '--db', db], null);
          expect(again.code).toBe(0);
          for (const f of files) expect(existsSync(join(out, f.name))).toBe(true);
        }
      }
    }
    console.log(`crash-safety: ${TRIALS} SIGKILL trials of a ${PERSONS}-row export, ${TRIALS - committed} before commit, ${committed} after; no half files`);
  }, 400_000);
});
