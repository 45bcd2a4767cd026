/**
 * Locks and machine faults, each made for real: a transaction takes the write lock at BEGIN; a
 * database locked past the busy timeout, a full database, a read-only connection and a full disk
 * reach the clerk as Indonesian SigapErrors from the bridge and the CLI, never "kesalahan internal"
 * or a stack trace.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../electron/core/db/open';
import { faultToSigapError } from '../../electron/core/db/errors';
import { dispatch, type Handlers } from '../../electron/core/api/dispatch';
import { seedDemo } from '../../electron/core/demo/index';
import { SigapError } from '../../shared/errors';
import { tempDir, testContext, testEngine } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

const BIN = join(__dirname, '../../electron/cli/bin.js');
const NO_STACK = /\n\s+at |Error:|SQLITE_|ENOSPC|EACCES/;

let dir: string;
let cleanup: () => void;
let path: string;
const open: Db[] = [];
const conn = (readonly = false): Db => {
  const { db } = openDatabase(path, { readonly });
  open.push(db);
  return db;
};

beforeEach(() => {
  ({ dir, cleanup } = tempDir('sigap-faults-'));
  path = join(dir, 'sigap.db');
  conn().exec('CREATE TABLE IF NOT EXISTS t (x INTEGER)');
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  cleanup();
});

/** A bridge call whose handler runs `fn` (auth.status: public, so no session is needed). */
const viaBridge = (fn: () => unknown) => dispatch({ 'auth.status': fn } as unknown as Handlers, 'auth.status', {});

describe('transactions take the write lock at BEGIN', () => {
  it('a transaction holds the lock before its first write, so a read-then-write cannot be cut off', () => {
    const a = conn();
    const b = conn();
    b.pragma('busy_timeout = 0');
    const seen: string[] = [];
    a.transaction(() => {
      a.prepare('SELECT count(*) FROM t').get(); // only a read so far
      // Deferred, `a` would hold no lock here and `b`'s write would get in, after which `a`'s write
      // fails with SQLITE_BUSY_SNAPSHOT whatever the busy timeout: the bill's crash in the audit.
      try {
        b.prepare('INSERT INTO t VALUES (1)').run();
        seen.push('b wrote');
      } catch (e) {
        seen.push((e as { code: string }).code);
      }
      a.prepare('INSERT INTO t VALUES (2)').run();
    })();
    expect(seen).toEqual(['SQLITE_BUSY']);
    expect(a.prepare('SELECT x FROM t').pluck().all()).toEqual([2]);
  });

  it('keeps the other variants and nesting', () => {
    const a = conn();
    const tx = a.transaction(() => a.transaction(() => a.prepare('INSERT INTO t VALUES (3)').run())());
    expect(typeof tx.deferred).toBe('function');
    tx();
    expect(a.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
  });
});

describe('faults become Indonesian SigapErrors', () => {
  it('SQLITE_BUSY after the timeout: DB_BUSY through the bridge', async () => {
    const holder = conn();
    holder.exec('BEGIN IMMEDIATE');
    const b = conn();
    b.pragma('busy_timeout = 50');
    const r = await viaBridge(() => b.transaction(() => b.prepare('INSERT INTO t VALUES (1)').run())());
    holder.exec('ROLLBACK');
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_BUSY' } });
    expect(JSON.stringify(r)).toMatch(/Basis data sedang dipakai oleh proses lain/);
  });

  it('SQLITE_FULL: DISK_FULL through the bridge; nothing written', async () => {
    const db = conn();
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const r = await viaBridge(() => db.transaction(() => db.prepare('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) INSERT INTO t SELECT i FROM n').run())());
    expect(r).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: expect.stringMatching(/Ruang disk penuh/) } });
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });

  it('SQLITE_READONLY: DB_READONLY through the bridge', async () => {
    const ro = conn(true);
    const r = await viaBridge(() => ro.prepare('INSERT INTO t VALUES (1)').run());
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_READONLY' } });
  });

  it('file-system codes, and a bug stays INTERNAL', async () => {
    const fsErr = (code: string, p = '/media/flash/.data_tk_baru_1_20260115_01.xlsx.4242-0a1b2c3d.part') => Object.assign(new Error(`${code}: x`), { code, path: p });
    expect(faultToSigapError(fsErr('ENOSPC'))).toMatchObject({ code: 'DISK_FULL', message: expect.stringContaining('"data_tk_baru_1_20260115_01.xlsx"') });
    expect(faultToSigapError(fsErr('EROFS'))?.code).toBe('FILE_NOT_WRITABLE');
    expect(faultToSigapError(fsErr('EACCES'))?.code).toBe('FILE_NOT_WRITABLE');
    expect(faultToSigapError(fsErr('EIO'))?.code).toBe('DISK_ERROR');
    expect(faultToSigapError(Object.assign(new Error('x'), { code: 'SQLITE_BUSY_SNAPSHOT' }))?.code).toBe('DB_BUSY');
    expect(faultToSigapError(Object.assign(new Error('x'), { code: 'SQLITE_READONLY_DBMOVED' }))?.code).toBe('DB_READONLY');
    const own = new SigapError('CONFLICT', 'x');
    expect(faultToSigapError(own)).toBe(own);
    expect(faultToSigapError(new TypeError('bug'))).toBeNull();
    expect(faultToSigapError(Object.assign(new Error('x'), { code: 'ERR_SOMETHING' }))).toBeNull();
    expect(await viaBridge(() => { throw new TypeError('bug'); })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

// On PostgreSQL the same faults have their own codes (db/errors.ts): a lock held by another office's
// work past lock_timeout, a read-only server reach the clerk as the same SigapErrors; a deadlock (the
// server rolled this side back so the other could go on) is a conflict to try again.
describe('PostgreSQL faults become Indonesian SigapErrors', () => {
  it('lock, deadlock and read-only codes, and a missing right', () => {
    expect(faultToSigapError(Object.assign(new Error('x'), { code: '40P01' }))?.code).toBe('CONFLICT');
    expect(faultToSigapError(Object.assign(new Error('x'), { code: '25006' }))?.code).toBe('DB_READONLY');
    expect(faultToSigapError(Object.assign(new Error('permission denied for table audit_log'), { code: '42501' })))
      .toMatchObject({ code: 'FORBIDDEN', message: 'Akun basis data yang dipakai Sigap tidak berhak atas jejak audit untuk tindakan ini (42501): tidak ada yang diubah. Hak akses akun itu diatur oleh DBA.' });
  });

  it.runIf(testEngine === 'postgres')('a row held by another transaction past lock_timeout: DB_BUSY through the bridge; nothing written', async () => {
    const ctx = testContext();
    try {
      const store = storeOf(ctx);
      await store.run(sql`INSERT INTO setting (key, value, updated_at) VALUES ('uji.kunci', 'a', '2026-01-15')`);
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let held!: () => void;
      const holding = new Promise<void>((r) => (held = r));
      const holder = store.tx('write', async (tx) => {
        await tx.one(sql`SELECT value FROM setting WHERE key = 'uji.kunci' FOR UPDATE`);
        held();
        await released;
      });
      await holding;
      const r = await viaBridge(() => store.tx('write', async (tx) => {
        await tx.run(sql`SET LOCAL lock_timeout = '100ms'`);
        await tx.run(sql`UPDATE setting SET value = 'b' WHERE key = 'uji.kunci'`);
      }));
      release();
      await holder;
      expect(r).toMatchObject({ ok: false, error: { code: 'DB_BUSY', message: expect.stringMatching(/sedang dikunci oleh proses lain/) } });
      expect(await store.one(sql`SELECT value FROM setting WHERE key = 'uji.kunci'`)).toEqual({ value: 'a' });
    } finally {
      await ctx.close();
    }
  });
});

describe('the CLI', () => {
  it('a database held by another process past the busy timeout: DB_BUSY in Indonesian, exit 1, no stack trace', async () => {
    const { db } = openDatabase(path);
    open.push(db);
    await seedDemo({ db, actor: 'test', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: 20, year: 2026 });
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const res = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'bill', '--month', '2026-03', '--issue', '--db', path], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (b: Buffer) => void (stderr += b.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/^Galat \(DB_BUSY\): Basis data sedang dipakai oleh proses lain/);
      expect(res.stderr).not.toMatch(NO_STACK);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 60_000);

  // A full disk needs a small file system: a tmpfs mounted in a private mount namespace (root only,
  // as on CI), gone with the process.
  const canMount = process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
  it.runIf(canMount)('an export to a full disk: DISK_FULL naming the file, exit 1, no part file left', async () => {
    const { db } = openDatabase(path);
    open.push(db);
    await seedDemo({ db, actor: 'test', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: 3000, year: 2026 });
    // Everyone to register, with what the portal requires filled in (as the clerk does in one step).
    await storeOf({ db }).run(sql`UPDATE person SET kpj = NULL, mother_name = coalesce(mother_name, 'Siti Aminah'), marital_status = 'T', work_location = 'LIWA'`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const flash = join(dir, 'flash');
    const script = `mkdir -p "${flash}" && mount -t tmpfs -o size=96k tmpfs "${flash}" && "${process.execPath}" "${BIN}" export new --out "${flash}" --db "${path}"; echo "EXIT=$?"; ls -A "${flash}"`;
    const r = spawnSync('unshare', ['-m', 'sh', '-c', script], { encoding: 'utf8', timeout: 120_000 });
    const exit = /EXIT=(\d+)/.exec(r.stdout)?.[1];
    const left = r.stdout.split('\n').slice(r.stdout.split('\n').findIndex((l) => l.startsWith('EXIT=')) + 1).filter(Boolean);
    expect(exit, r.stderr).toBe('1');
    expect(r.stderr).toMatch(/Galat \(DISK_FULL\): Ruang disk penuh \("data_tk_baru_[^"]+\.xlsx"\)/);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(left).toEqual([]); // the failed export removed its part
    const batches = new Database(path, { readonly: true });
    expect((await storeOf({ db: batches }).one<{ n: number }>(sql`SELECT count(*) AS n FROM bpjs_batch`))!.n).toBe(0);
    batches.close();
  }, 150_000);
});
