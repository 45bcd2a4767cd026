/**
 * Files Sigap creates hold NIKs, names and addresses: the database, its backups (plain, encrypted,
 * before a restore, before a migration), a restored database and exports are readable by their owner
 * only (0600 on Linux). A part file or private snapshot folder left by a killed backup is removed on
 * the next run, never one of a backup still running in another process.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '../../electron/core/demo/index';
import { createBackup } from '../../electron/core/backup/create';
import { restoreBackup } from '../../electron/core/backup/restore';
import { openDatabase } from '../../electron/core/db/open';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';
import { writeAtomically } from '../../electron/core/files/atomic';
import { sqliteContext, tempDir } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { putSetting } from '../../electron/core/settings/setting-repository';

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const posix = process.platform !== 'win32';

let ctx: ReturnType<typeof sqliteContext>;
beforeEach(async () => {
  ctx = sqliteContext('2026-05-04T02:00:00Z');
  await seedDemo(ctx, { persons: 5, year: 2026 });
});
afterEach(async () => {
  if (ctx.db.open) ctx.db.close();
  await ctx.close();
});

describe.runIf(posix)('files readable by their owner only', () => {
  it('the database Sigap creates, and its WAL', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'baru', 'sigap.db');
      const { db } = openDatabase(path);
      await putSetting(storeOf({ db }), 'x', '1', 'x');
      expect(mode(path)).toBe('600');
      expect(mode(`${path}-wal`)).toBe('600');
      db.close();
    } finally {
      cleanup();
    }
  });

  it('plain, encrypted, safety and pre-migration backups, the restored database, and an export', async () => {
    const dir = join(ctx.dir, 'cadangan');
    const plain = await createBackup(ctx, dir, 'manual');
    const enc = await createBackup(ctx, join(ctx.dir, 'usb'), 'manual', 'rahasia-usb-2026');
    expect(mode(plain.path)).toBe('600');
    expect(mode(enc.path)).toBe('600');
    const r = await restoreBackup(ctx.db, ctx.dbPath, enc.path, { passphrase: 'rahasia-usb-2026', backupDir: dir, clock: ctx.clock, actor: 'test', closeCurrent: () => ctx.db.close() });
    ctx.db = r.db;
    expect(mode(r.safety)).toBe('600');
    expect(mode(ctx.dbPath)).toBe('600');

    const old = join(ctx.dir, 'lama', 'sigap.db');
    openDatabase(old, { migrations: MIGRATIONS.slice(0, 1) }).db.close();
    const migrated = openDatabase(old);
    migrated.db.close();
    expect(mode(migrated.backupPath!)).toBe('600');

    const out = join(ctx.dir, 'ekspor.xlsx');
    await writeAtomically(out, async (tmp) => writeFileSync(tmp, 'isi'));
    expect(mode(out)).toBe('600');
  });
});

describe('what a killed backup left behind', () => {
  it('is removed on the next run: part files of dead processes and of earlier versions, and private snapshot folders; a running one stays', async () => {
    const dir = join(ctx.dir, 'usb');
    mkdirSync(dir);
    const dead = spawn(process.execPath, ['-e', '']);
    await once(dead, 'exit');
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const stale = [
        `.sigap-20260503-010000-manual.sigapenc.${dead.pid}-0a1b2c3d.part`,
        `.sigap-20260503-010000-manual.sigapdb.${dead.pid}-0a1b2c3d.part-journal`,
        '.sigap-20260502-010000-harian.sigapdb.part', // an earlier version's name
        '.sigap-20260502-010000-manual.sigapenc.enc.part',
      ];
      const live = `.sigap-20260504-015959-manual.sigapenc.${running.pid}-0a1b2c3d.part`;
      for (const n of [...stale, live, 'catatan.txt']) writeFileSync(join(dir, n), 'x');
      const staleTemp = join(ctx.dir, `.sigap-tmp-${dead.pid}-abc123`);
      mkdirSync(staleTemp);
      writeFileSync(join(staleTemp, 'snapshot.db'), 'x');

      await createBackup(ctx, dir, 'manual', 'rahasia-usb-2026');
      expect(readdirSync(dir).sort()).toEqual(['catatan.txt', live, 'sigap-20260504-020000-manual.sigapenc'].sort());
      expect(existsSync(staleTemp)).toBe(false);
    } finally {
      running.kill();
    }
  });
});
