/**
 * Kills a real `sigap backup create --to <flash disk> --passphrase-env` child with SIGKILL at random
 * moments: whatever it leaves on the disk is never plaintext, and the next backup removes the part file
 * (and the private snapshot folder beside the database) that the killed run left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/open';
import { seedDemo } from '../../electron/core/demo/index';
import { rng } from '../../electron/core/demo/names';
import { inspectBackup } from '../../electron/core/backup/restore';
import { tempDir } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

const BIN = join(__dirname, '../../electron/cli/bin.js');
const TRIALS = 20;

let dir: string;
let cleanup: () => void;
let db: string;
let markers: Buffer[];
let dbBytes = 0;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('sigap-kill-backup-'));
  db = join(dir, 'data', 'sigap.db');
  const o = openDatabase(db);
  await seedDemo({ db: o.db, actor: 'test', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: 3000, year: 2026 });
  const p = (await storeOf({ db: o.db }).one<{ nik: string; name: string }>(sql`SELECT nik, name FROM person ORDER BY id LIMIT 1`))!;
  markers = [Buffer.from('SQLite format 3\0'), Buffer.from(p.nik), Buffer.from(p.name)];
  o.db.pragma('wal_checkpoint(TRUNCATE)');
  o.db.close();
  dbBytes = statSync(db).size;
});
afterAll(() => cleanup());

/**
 * When to kill: after a time from the start, or a few milliseconds after a file whose name matches
 * appears in a folder (the part file on the disk: mid-encryption; the private snapshot folder beside
 * the database: mid-snapshot). A fixed time alone rarely lands in the short encryption.
 */
type Kill = { afterMs: number } | { when: RegExp; in: string; delayMs: number };

function runBackup(to: string, kill: Kill | null): Promise<{ code: number | null; ms: number }> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, [BIN, 'backup', 'create', '--to', to, '--passphrase-env', 'SANDI', '--db', db], {
      stdio: 'ignore',
      env: { ...process.env, SANDI: 'rahasia-usb-2026' },
    });
    const timers: NodeJS.Timeout[] = [];
    const killSoon = (ms: number) => timers.push(setTimeout(() => child.kill('SIGKILL'), ms));
    let watcher: FSWatcher | null = null;
    if (kill && 'afterMs' in kill) killSoon(kill.afterMs);
    else if (kill) {
      watcher = watch(kill.in, (_e, name) => {
        if (name && kill.when.test(String(name))) killSoon(kill.delayMs);
      });
    }
    child.on('exit', (code) => {
      for (const t of timers) clearTimeout(t);
      watcher?.close();
      resolve({ code, ms: Date.now() - start });
    });
  });
}

const plaintextIn = (folder: string): string[] =>
  readdirSync(folder).filter((n) => {
    const bytes = readFileSync(join(folder, n));
    return markers.some((m) => bytes.includes(m));
  });

describe('a killed encrypted backup', () => {
  it(`leaves no plaintext on the flash disk at ${TRIALS} random moments, and the next run removes what it left`, async () => {
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const clean = await runBackup(usb, null);
    expect(clean.code).toBe(0);
    const r = rng(20261203);
    let partsLeft = 0;
    for (let i = 0; i < TRIALS; i++) {
      const kill: Kill =
        i % 3 === 0 ? { afterMs: Math.floor(r() * clean.ms * 1.05) }
        : i % 3 === 1 ? { when: /\.part$/, in: usb, delayMs: Math.floor(r() * 15) }
        : { when: /^\.sigap-tmp-/, in: join(dir, 'data'), delayMs: Math.floor(r() * 30) };
      await runBackup(usb, kill);
      expect(plaintextIn(usb)).toEqual([]);
      const names = readdirSync(usb);
      if (names.some((n) => n.endsWith('.part'))) partsLeft++;
      // Every finished name is a whole encrypted backup.
      for (const n of names.filter((x) => x.endsWith('.sigapenc'))) expect(readFileSync(join(usb, n)).subarray(0, 8).toString()).toBe('SIGAPENC');
    }
    // The kills did land mid-backup (a part file left) in some trials: the clean-up below is exercised.
    expect(partsLeft).toBeGreaterThan(0);
    expect(await runBackup(usb, null)).toMatchObject({ code: 0 });
    const after = readdirSync(usb);
    expect(after.filter((n) => !/^sigap-\d{8}-\d{6}-manual(-\d+)?\.sigapenc$/.test(n))).toEqual([]);
    const finished = after.length;
    // Every finished backup, including those of runs killed after the rename, is whole: it decrypts and checks.
    for (const n of after) expect((await inspectBackup(join(usb, n), join(dir, 'data'), 'rahasia-usb-2026')).counts.persons).toBe(3000);
    // Nor any private snapshot folder of a killed run beside the database.
    expect(readdirSync(join(dir, 'data')).filter((n) => n.startsWith('.sigap-tmp-'))).toEqual([]);
    console.log(`backup kill test (${(dbBytes / 1e6).toFixed(1)} MB database): ${TRIALS} kills, ${partsLeft} left a part file (removed by the next run), ${finished - 2} finished before the kill; every finished file decrypts`);
  }, 300_000);
});
