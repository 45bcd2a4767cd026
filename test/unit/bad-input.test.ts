import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_BACKUP_FILES, BAD_BILL_FILES, BAD_FILES, BAD_KPJ_FILES, CORPUS, corpusPath, type BadFile } from '../fixtures/bad-files';
import type { Job, JobResult } from '../fixtures/bad-input-run';
import { runCli } from '../cli-harness';
import { openDatabase } from '../../electron/core/db/open';
import { dumpDb, tempDir } from '../helpers';

/** The bound on the peak resident memory of the process reading the whole corpus. */
const PEAK_RSS_BOUND_MB = 600;
const RUNNER = join(__dirname, '../fixtures/bad-input-run.ts');

let dir: string;
let cleanup: () => void;
let db: string;
let before: ReturnType<typeof dumpDb>;
let beforeHash: string;
let run: { startRssKb: number; results: JobResult[] };
const byName = new Map<string, JobResult>();

function argsFor(f: BadFile, path: string): Job {
  switch (f.reader ?? 'sk') {
    case 'sk':
      return { name: f.name, args: ['import-sk', path, '--db', db, '--number', `BAD/${f.name}`, '--tmt', '2026-02-01', '--amend', '--no-backup', '--json', '--create-units', '--accept-unit-proposals', ...(f.accepted ? ['--dry-run'] : [])] };
    case 'kpj':
      // Without --dry-run: a list that slipped through would be saved, and the database check would see it.
      return { name: f.name, args: ['import-kpj', path, '--db', db, '--json'] };
    case 'bill':
      return { name: f.name, args: ['reconcile', path, '--month', '2026-01', '--db', db, '--json'] };
    case 'backup':
      return { name: f.name, args: ['backup', 'restore', path, '--db', db, '--yes', ...(f.passphrase ? ['--passphrase-env', 'SIGAP_UJI_SANDI'] : [])], env: f.passphrase ? { SIGAP_UJI_SANDI: f.passphrase } : {} };
  }
}

function runCorpus(jobs: Job[]): Promise<{ startRssKb: number; results: JobResult[] }> {
  const jobsFile = join(dir, 'jobs.json');
  const outFile = join(dir, 'results.json');
  writeFileSync(jobsFile, JSON.stringify(jobs));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, jobsFile, outFile, db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => void (err += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      // The process stays up: it finishes the whole corpus and exits normally.
      if (code !== 0) reject(new Error(`corpus runner ended with ${code ?? signal}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(readFileSync(outFile, 'utf8')));
    });
  });
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('sigap-bad-'));
  mkdirSync(join(dir, 'db'));
  db = join(dir, 'db', 'roster.db');
  expect((await runCli(['demo', '--persons', '100', '--db', db])).code).toBe(0);
  for (const f of CORPUS) await f.make(corpusPath(dir, f), { demoDb: db });
  const { db: h } = openDatabase(db);
  h.pragma('wal_checkpoint(TRUNCATE)');
  before = dumpDb({ db: h });
  h.close();
  const { dbHash } = await import('../fixtures/bad-input-run');
  beforeHash = dbHash(db);
  run = await runCorpus(CORPUS.map((f) => argsFor(f, corpusPath(dir, f))));
  for (const r of run.results) byName.set(r.name, r);
  if (process.env.SIGAP_SHOW_MESSAGES) for (const r of run.results) console.info(`${r.name}: ${r.stderr.trim().slice(0, 300)}`);
}, 600_000);
afterAll(() => cleanup());

describe('a corpus of bad files, read by one child process', () => {
  it('has at least 30 SK files and at least 2 for each other reader', () => {
    expect(BAD_FILES.length).toBeGreaterThanOrEqual(30);
    for (const list of [BAD_KPJ_FILES, BAD_BILL_FILES, BAD_BACKUP_FILES]) expect(list.length).toBeGreaterThanOrEqual(2);
    expect(new Set(CORPUS.map((f) => f.name)).size).toBe(CORPUS.length);
    expect(run.results.map((r) => r.name)).toEqual(CORPUS.map((f) => f.name));
  });

  it(`stays under ${PEAK_RSS_BOUND_MB} MB of peak resident memory (the kernel's high-water mark) for the whole corpus`, () => {
    const peakKb = Math.max(...run.results.map((r) => r.maxRssKb));
    // Which file raised the high-water mark most, for the record.
    let prev = run.startRssKb;
    const raised = run.results.map((r) => {
      const up = r.maxRssKb - prev;
      prev = Math.max(prev, r.maxRssKb);
      return { name: r.name, up };
    }).sort((a, b) => b.up - a.up).slice(0, 3);
    console.info(`bad-input corpus: ${CORPUS.length} files (${BAD_FILES.length} SK, ${BAD_KPJ_FILES.length} KPJ lists, ${BAD_BILL_FILES.length} bills, ${BAD_BACKUP_FILES.length} backups) in one process; ` +
      `peak RSS ${Math.round(peakKb / 1024)} MB (${Math.round(run.startRssKb / 1024)} MB at start); raised most by ${raised.map((x) => `${x.name} +${Math.round(x.up / 1024)} MB`).join(', ')}; ` +
      `${Math.round(run.results.reduce((s, r) => s + r.ms, 0) / 1000)} s reading`);
    expect(peakKb).toBeGreaterThan(run.startRssKb);
    expect(peakKb / 1024).toBeLessThan(PEAK_RSS_BOUND_MB);
  });

  it.each(CORPUS.map((f) => [f.reader ?? 'sk', f.name, f] as const))('%s %s: a clear message, nothing written', (reader, _name, f) => {
    const r = byName.get(f.name)!;
    if (f.refused) {
      expect(r.code, r.stderr).toBe(1);
      // The message names the file (a wrong passphrase is about the passphrase the clerk just typed).
      if (!f.passphrase) expect(r.stderr).toContain(f.name);
      expect(r.stderr).toMatch(f.refused);
      expect(r.stderr).not.toMatch(/internal|Error:|at .*\.ts:\d+/i);
    } else if (f.rejectedCodes) {
      expect(r.code).toBe(1);
      if (reader === 'kpj') {
        const doc = JSON.parse(r.stdout) as { applied: boolean; matched: number; errors: { code: string; row: number; message: string }[] };
        expect(doc.applied).toBe(false);
        // Good rows were there too, and still nothing was saved.
        expect(doc.matched).toBeGreaterThan(0);
        expect([...new Set(doc.errors.map((p) => p.code))].sort()).toEqual([...f.rejectedCodes].sort());
        for (const p of doc.errors) expect(p.message.length).toBeGreaterThan(10);
      } else {
        const doc = JSON.parse(r.stdout) as { applied: boolean; rejected: { code: string; sheet: string; row: number; column: string; message: string }[] };
        expect(doc.applied).toBe(false);
        expect([...new Set(doc.rejected.map((p) => p.code))].sort()).toEqual([...f.rejectedCodes].sort());
        for (const p of doc.rejected) {
          expect(p.row).toBeGreaterThan(0);
          expect(p.sheet).not.toBe('');
          expect(p.message.length).toBeGreaterThan(10);
        }
      }
    } else {
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout) as unknown).toMatchObject({ accepted: f.accepted, rejected: [] });
    }
    // The database is unchanged after this file, and nothing was left beside it (no staged restore,
    // no safety backup: a refused restore stops before either).
    expect(r.dbHash).toBe(beforeHash);
    expect(r.files.filter((n) => !/^roster\.db(-wal|-shm)?$/.test(n))).toEqual([]);
  });

  it('leaves the database exactly as it was, row for row', () => {
    const { db: h } = openDatabase(db);
    expect(dumpDb({ db: h })).toEqual(before);
    h.close();
  });
});
