import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { CoreWorkerClient } from '../../electron/core/worker/worker-client';
import { tempDir } from '../helpers';
import { TEST_ADMIN } from '../api-harness';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const boot = new URL('../core-worker-boot.mjs', import.meta.url);
const noHost = { chooseOpenFile: async () => null, chooseSaveFile: async () => null, progress: () => undefined };

async function waitFor(what: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the core worker owns the backups', () => {
  it('makes the daily backup itself, and on shutdown the backup on quit, then closes the database', async () => {
    const dbPath = join(dir, 'sigap.db');
    const backupDir = join(dir, 'cadangan');
    const client = new CoreWorkerClient(boot, { dbPath, backupDir, appVersion: '1.0.0' }, noHost);
    try {
      await client.ready;
      // No backup yet in the folder: the worker's schedule makes the daily one at start.
      await waitFor(() => existsSync(backupDir) && readdirSync(backupDir).some((f) => f.includes('-harian')));
      expect(await client.call('auth.setup', TEST_ADMIN)).toMatchObject({ ok: true });
      expect(existsSync(`${dbPath}-wal`)).toBe(true); // open in WAL mode while running

      const done = await client.shutdown(20_000);
      expect(done.ok).toBe(true);
      const backup = done.ok ? done.backup : null;
      expect(backup).not.toBeNull();
      expect(basename(backup!)).toMatch(/^sigap-\d{8}-\d{6}-keluar\.sigapdb$/);
      expect(readdirSync(backupDir)).toContain(basename(backup!));
      // Closed cleanly: the last connection checkpointed and removed the WAL.
      expect(existsSync(`${dbPath}-wal`)).toBe(false);
      const copy = new Database(backup!, { readonly: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(copy.prepare("SELECT username FROM app_user").pluck().all()).toEqual(['admin']);
      } finally {
        copy.close();
      }
      // After shutdown, calls are answered (refused), never left hanging; a second shutdown is the same.
      expect(await client.call('auth.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'Aplikasi sedang ditutup.' } });
      expect(await client.shutdown()).toEqual(done);
    } finally {
      await client.terminate();
    }
  }, 60_000);

  it('backs up the restored database on quit, not the file the restore replaced', async () => {
    const dbPath = join(dir, 'sigap.db');
    const backupDir = join(dir, 'cadangan');
    const client = new CoreWorkerClient(boot, { dbPath, backupDir, appVersion: '1.0.0' }, noHost);
    try {
      await client.ready;
      await waitFor(() => existsSync(backupDir) && readdirSync(backupDir).some((f) => f.includes('-harian')));
      expect(await client.call('auth.setup', TEST_ADMIN)).toMatchObject({ ok: true });
      const made = (await client.call('backup.create', {})) as { ok: true; value: { name: string } };
      expect(made.ok).toBe(true);
      expect(await client.call('settings.setLockMinutes', { minutes: 42 })).toMatchObject({ ok: true });
      expect(await client.call('backup.restore', { source: { kind: 'auto', name: made.value.name }, confirm: 'PULIHKAN' })).toMatchObject({ ok: true });

      const done = await client.shutdown(20_000);
      expect(done.ok).toBe(true);
      const copy = new Database((done as { backup: string }).backup, { readonly: true });
      try {
        // The restored state: the lock setting made after the backup is gone, the restore is on record.
        expect(copy.prepare("SELECT value FROM setting WHERE key = 'session.lockMinutes'").pluck().get()).toBeUndefined();
        expect(copy.prepare("SELECT count(*) FROM audit_log WHERE summary LIKE 'Dipulihkan dari%'").pluck().get()).toBe(1);
      } finally {
        copy.close();
      }
      expect(existsSync(`${dbPath}-wal`)).toBe(false);
      // Pruning after the backup on quit keeps the manual backup and the restore's safety backup.
      const reasons = readdirSync(backupDir).map((f) => /-\d{6}-([a-z-]+?)(?:-\d+)?\.sigapdb$/.exec(f)?.[1]);
      expect(reasons).toEqual(expect.arrayContaining(['manual', 'sebelum-pemulihan', 'keluar']));
    } finally {
      await client.terminate();
    }
  }, 60_000);
});
