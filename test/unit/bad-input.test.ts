import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BAD_FILES, corpusPath } from '../fixtures/bad-files';
import { runCli } from '../cli-harness';
import { openDatabase } from '../../electron/core/db/open';
import { dumpDb, tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
let db: string;
let before: ReturnType<typeof dumpDb>;
let peakRss = 0;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('sigap-bad-'));
  db = join(dir, 'roster.db');
  expect((await runCli(['demo', '--persons', '100', '--db', db])).code).toBe(0);
  for (const f of BAD_FILES) await f.make(corpusPath(dir, f));
  const { db: h } = openDatabase(db);
  before = dumpDb({ db: h });
  h.close();
}, 120_000);
afterAll(() => {
  console.log(`bad-input corpus: ${BAD_FILES.length} files tried, peak RSS ${Math.round(peakRss / 1048576)} MB`);
  cleanup();
});

describe('a corpus of bad SK files', () => {
  it('has at least 30 files', () => expect(BAD_FILES.length).toBeGreaterThanOrEqual(30));

  it.each(BAD_FILES.map((f) => [f.name, f] as const))('%s: a clear message, nothing written', async (_name, f) => {
    const path = corpusPath(dir, f);
    const r = await runCli(['import-sk', path, '--db', db, '--number', `BAD/${f.name}`, '--tmt', '2026-02-01', '--amend', '--no-backup', '--json', ...(f.accepted ? ['--dry-run'] : [])]);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (f.refused) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(f.name);
      expect(r.stderr).toMatch(f.refused);
    } else if (f.rejectedCodes) {
      expect(r.code).toBe(1);
      const doc = r.json<{ applied: boolean; rejected: { code: string; sheet: string; row: number; column: string; message: string }[] }>();
      expect(doc.applied).toBe(false);
      expect([...new Set(doc.rejected.map((p) => p.code))].sort()).toEqual([...f.rejectedCodes].sort());
      for (const p of doc.rejected) {
        expect(p.row).toBeGreaterThan(0);
        expect(p.sheet).not.toBe('');
        expect(p.message.length).toBeGreaterThan(10);
      }
    } else {
      expect(r.code).toBe(0);
      expect(r.json<{ accepted: number; rejected: unknown[] }>()).toMatchObject({ accepted: f.accepted, rejected: [] });
    }
    const { db: h } = openDatabase(db);
    expect(dumpDb({ db: h })).toEqual(before);
    h.close();
    // Each file is handled within a memory bound (the 10 MB cells and the bombs included).
    expect(process.memoryUsage().rss).toBeLessThan(1.5 * 1024 ** 3);
  }, 60_000);
});
