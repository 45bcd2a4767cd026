/**
 * Only ciphertext may touch an encrypted backup's destination (a flash disk), and a failed backup
 * leaves no file behind. Every file the code removes or renames inside the watched folder is read
 * first (node:fs is wrapped), every name created there is seen by fs.watch, and what is left is read
 * at the end: none may hold the SQLite header, a NIK or a name of the roster.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { seedDemo } from '../../electron/core/demo/index';
import { createBackup } from '../../electron/core/backup/create';
import { inspectBackup, restoreBackup } from '../../electron/core/backup/restore';
import { faultToSigapError } from '../../electron/core/db/errors';
import { runCli } from '../cli-harness';
import { sqliteContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

const spy = vi.hoisted(() => ({
  dir: '',
  /** Bytes of each file in `dir` just before it was removed or renamed. */
  seen: [] as { path: string; bytes: Buffer }[],
  /** When >= 0, a write stream into `dir` fails with ENOSPC after this many bytes. */
  failAfter: -1,
}));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const inDir = (p: unknown): p is string => typeof p === 'string' && spy.dir !== '' && p.startsWith(spy.dir);
  const capture = (p: unknown) => {
    if (inDir(p) && fs.existsSync(p) && fs.statSync(p).isFile()) spy.seen.push({ path: p, bytes: fs.readFileSync(p) });
  };
  const rmSync: typeof fs.rmSync = (p, o) => {
    capture(p);
    fs.rmSync(p, o);
  };
  const unlinkSync: typeof fs.unlinkSync = (p) => {
    capture(p);
    fs.unlinkSync(p);
  };
  const renameSync: typeof fs.renameSync = (a, b) => {
    capture(a);
    fs.renameSync(a, b);
  };
  const createWriteStream = ((p: string, o?: Parameters<typeof fs.createWriteStream>[1]) => {
    const real = fs.createWriteStream(p, o);
    if (!inDir(p) || spy.failAfter < 0) return real;
    let written = 0;
    // A disk that fills up part-way through the backup.
    return new Writable({
      write(chunk: Buffer, _enc, cb) {
        written += chunk.length;
        if (written > spy.failAfter) {
          // As fs.write reports it: a code and a syscall, no path.
          real.end(() => cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' })));
        } else real.write(chunk, cb);
      },
      final(cb) {
        real.end(cb);
      },
    });
  }) as typeof fs.createWriteStream;
  const overrides = { rmSync, unlinkSync, renameSync, createWriteStream };
  return { ...fs, ...overrides, default: { ...fs, ...overrides } };
});

// Imported after the mock: the real functions, for the test's own reading.
const fs = await vi.importActual<typeof import('node:fs')>('node:fs');

let ctx: ReturnType<typeof sqliteContext>;
let usb: string;
let watcher: import('node:fs').FSWatcher;
let created: Set<string>;
let markers: Buffer[];

beforeEach(async () => {
  ctx = sqliteContext('2026-05-04T02:00:00Z');
  await seedDemo(ctx, { persons: 300, year: 2026 });
  usb = join(ctx.dir, 'flashdisk');
  fs.mkdirSync(usb);
  spy.dir = usb;
  spy.seen = [];
  spy.failAfter = -1;
  created = new Set();
  watcher = fs.watch(usb, (_event, name) => {
    if (name) created.add(String(name));
  });
  const person = (await storeOf(ctx).one<{ nik: string; name: string }>(sql`SELECT nik, name FROM person ORDER BY id LIMIT 1`))!;
  markers = [Buffer.from('SQLite format 3\0'), Buffer.from(person.nik), Buffer.from(person.name)];
});
afterEach(async () => {
  watcher.close();
  spy.dir = '';
  if (ctx.db.open) ctx.db.close(); // a restore's new connection
  await ctx.close();
});

/** Every byte that was ever seen in the flash disk folder, by file: removed, renamed, or still there. */
function everything(): { path: string; bytes: Buffer }[] {
  const left = fs.readdirSync(usb).map((n) => ({ path: join(usb, n), bytes: fs.readFileSync(join(usb, n)) }));
  return [...spy.seen, ...left];
}

function plaintext(files: { path: string; bytes: Buffer }[]): string[] {
  return files.filter((f) => markers.some((m) => f.bytes.includes(m))).map((f) => f.path);
}

const tick = () => new Promise((r) => setTimeout(r, 50));

describe('an encrypted backup to a flash disk', () => {
  it('never writes plaintext there: the snapshot stays in a private folder on the local disk', async () => {
    const b = await createBackup(ctx, usb, 'manual', 'rahasia-usb-2026');
    await tick();
    const files = everything();
    expect(files.length).toBeGreaterThan(0);
    expect(plaintext(files)).toEqual([]);
    // Only the part file and the finished backup were ever named there.
    expect([...created].every((n) => n === 'sigap-20260504-020000-manual.sigapenc' || /^\.sigap-20260504-020000-manual\.sigapenc\.\d+-[0-9a-f]{8}\.part$/.test(n))).toBe(true);
    expect(fs.readdirSync(usb)).toEqual(['sigap-20260504-020000-manual.sigapenc']);
    // The private snapshot folder beside the database is gone too.
    expect(fs.readdirSync(ctx.dir).filter((n) => n.startsWith('.sigap-tmp-'))).toEqual([]);
    expect((await inspectBackup(b.path, ctx.dir, 'rahasia-usb-2026')).counts.persons).toBe(300);
  });

  it('never stages the decrypted copy next to it when checked or restored (CLI check with --dir on the disk, and restore)', async () => {
    const b = await createBackup(ctx, usb, 'manual', 'rahasia-usb-2026');
    await tick(); // the watcher's events of the backup itself
    spy.seen = [];
    created.clear();
    const env = { SANDI: 'rahasia-usb-2026' };
    const check = await runCli(['backup', 'check', b.path, '--dir', usb, '--passphrase-env', 'SANDI', '--db', ctx.dbPath, '--json'], { env });
    expect(check.code).toBe(0);
    expect(check.json<{ counts: { persons: number } }>().counts.persons).toBe(300);
    await tick();
    expect(plaintext(everything())).toEqual([]);
    expect([...created]).toEqual([]);
  });

  it('restores from the disk without a plaintext file appearing there', async () => {
    const b = await createBackup(ctx, usb, 'manual', 'rahasia-usb-2026');
    await tick(); // the watcher's events of the backup itself
    spy.seen = [];
    created.clear();
    const r = await restoreBackup(ctx.db, ctx.dbPath, b.path, {
      passphrase: 'rahasia-usb-2026', backupDir: join(ctx.dir, 'cadangan'), clock: ctx.clock, actor: 'test', closeCurrent: () => ctx.db.close(),
    });
    ctx.db = r.db;
    await tick();
    expect(plaintext(everything())).toEqual([]);
    expect([...created]).toEqual([]);
    expect(fs.readdirSync(ctx.dir).filter((n) => n.startsWith('.sigap-tmp-') || n.startsWith('.restore-'))).toEqual([]);
  });
});

describe('a backup that fails part-way', () => {
  it('leaves no file in the destination (disk full while the ciphertext is written) and no private snapshot', async () => {
    spy.failAfter = 64 * 1024;
    const e = await createBackup(ctx, usb, 'manual', 'rahasia-usb-2026').then(() => null, (x: unknown) => x as NodeJS.ErrnoException);
    expect(e?.code).toBe('ENOSPC');
    // The bridge and the CLI put it in words naming the backup the clerk asked for.
    expect(faultToSigapError(e)?.message).toMatch(/^Ruang disk penuh \("sigap-20260504-020000-manual\.sigapenc"\)/);
    expect(fs.readdirSync(usb)).toEqual([]);
    expect(fs.readdirSync(ctx.dir).filter((n) => n.startsWith('.sigap-tmp-'))).toEqual([]);
    expect(plaintext(everything())).toEqual([]);
    // The next backup to the same disk works.
    spy.failAfter = -1;
    await createBackup(ctx, usb, 'manual', 'rahasia-usb-2026');
    expect(fs.readdirSync(usb)).toEqual(['sigap-20260504-020000-manual.sigapenc']);
  });

  it('leaves no file when the database cannot be read mid-way (a plain backup of a closed connection)', async () => {
    const dest = join(ctx.dir, 'cadangan');
    const db = ctx.db;
    db.close();
    await expect(createBackup({ ...ctx, db }, dest, 'manual')).rejects.toThrow();
    expect(fs.readdirSync(dest)).toEqual([]);
  });
});
