/**
 * "Buka folder" through the real core worker, as the desktop app runs it: the save's reply carries an
 * id, files.reveal asks main (the worker host) to show `{ path }`, and main's reveal (electron/main/reveal.ts)
 * calls shell.showItemInFolder with that path.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CoreWorkerClient } from '../../electron/core/worker/worker-client';
import { revealInFolder } from '../../electron/main/reveal';
import { tempDir, testDatabases } from '../helpers';
import { TEST_ADMIN } from '../api-harness';

let dir: string;
let cleanup: () => void;
const dbs = testDatabases();
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await dbs.closeAll();
  cleanup();
});

describe('the core worker and Buka folder', () => {
  it('a saved list is shown in its folder through main, by id only', async () => {
    const out = join(dir, 'daftar-pegawai.xlsx');
    const shown: string[] = [];
    const shell = { showItemInFolder: (p: string) => void shown.push(p) };
    const client = new CoreWorkerClient(
      new URL('../core-worker-boot.mjs', import.meta.url),
      { dbPath: await dbs.next(dir, 'w.db'), backupDir: null, appVersion: '1.0.0' },
      { chooseOpenFile: async () => null, chooseSaveFile: async () => out, showInFolder: async (args) => revealInFolder(shell, args), progress: () => undefined },
    );
    try {
      await client.ready;
      expect(await client.call('auth.setup', TEST_ADMIN)).toMatchObject({ ok: true });
      const saved = (await client.call('roster.saveXlsx', { month: '2026-03' })) as { ok: true; value: { path: string; fileId: string } };
      expect(saved.value.path).toBe(out);
      expect(saved.value.fileId).toMatch(/^[a-z]{24}$/);
      expect(await client.call('files.reveal', { fileId: saved.value.fileId })).toEqual({ ok: true, value: null });
      expect(shown).toEqual([out]);
      // A path where the id belongs is refused by the contract before it reaches anyone.
      expect(await client.call('files.reveal', { fileId: out })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(shown).toEqual([out]);
    } finally {
      await client.terminate();
    }
  }, 60_000);
});
