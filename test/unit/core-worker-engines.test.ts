/**
 * The core worker on the suite's engine (SIGAP_DB a SQLite file, or a postgres:// URL for the desktop
 * app on a server): it opens through openStore, answers calls, tells "Tentang Sigap" its schema version,
 * schedules daily backups only for a SQLite file, and refuses a server it cannot reach in Indonesian.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CoreWorkerClient } from '../../electron/core/worker/worker-client';
import { latestSchemaVersion } from '../../electron/core/store/open-store';
import { testDatabases, testEngine, tempDir } from '../helpers';
import { TEST_ADMIN } from '../api-harness';

let dir: string;
let cleanup: () => void;
const dbs = testDatabases();
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await dbs.closeAll();
  cleanup();
});

const boot = new URL('../core-worker-boot.mjs', import.meta.url);
const noHost = { chooseOpenFile: async () => null, chooseSaveFile: async () => null, progress: () => undefined };

describe('the core worker on either engine', () => {
  it('opens the database SIGAP_DB names, answers calls, reports its schema version and shuts down', async () => {
    const backupDir = join(dir, 'cadangan');
    const client = new CoreWorkerClient(boot, { dbPath: await dbs.next(dir), backupDir, appVersion: '1.0.0' }, noHost);
    try {
      await client.ready;
      expect(await client.call('auth.setup', TEST_ADMIN)).toMatchObject({ ok: true });
      expect(await client.call('app.info', {})).toMatchObject({ ok: true, value: { version: '1.0.0', counts: { persons: 0 } } });
      const latest = latestSchemaVersion(testEngine);
      expect(await client.schemaVersion()).toEqual({ version: latest, latest });
      const done = await client.shutdown(20_000);
      expect(done.ok).toBe(true);
      // A SQLite file gets its backup on quit from the worker; a server database is the IT office's to back up.
      expect(done.ok && done.backup !== null).toBe(testEngine === 'sqlite');
      if (testEngine === 'postgres') expect(existsSync(backupDir)).toBe(false);
      expect(await client.schemaVersion()).toEqual({ version: -1, latest: -1 });
    } finally {
      await client.terminate();
    }
  }, 60_000);

  it('says in Indonesian that a PostgreSQL server cannot be reached, without starting', async () => {
    const client = new CoreWorkerClient(boot, { dbPath: 'postgres://sigap:rahasia@127.0.0.1:1/sigap', backupDir: null, appVersion: '1.0.0' }, noHost);
    try {
      const failed = await client.ready.then(() => null, (e: Error) => e.message);
      expect(failed).toMatch(/^Server PostgreSQL postgres:\/\/sigap:\*\*\*@127\.0\.0\.1:1\/sigap tidak dapat dihubungi/);
      expect(failed).not.toContain('rahasia');
    } finally {
      await client.terminate();
    }
  }, 30_000);
});
