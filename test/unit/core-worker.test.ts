import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CoreWorkerClient } from '../../electron/core/worker/worker-client';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { tempDir, testDatabases } from '../helpers';
import { TEST_ADMIN } from '../api-harness';
import type { ProgressEvent } from '../../shared/contract/index';

let dir: string;
let cleanup: () => void;
const dbs = testDatabases();
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await dbs.closeAll();
  cleanup();
});

describe('the core worker', () => {
  it('answers bridge calls off the main thread, asks main for dialogs, and streams progress', async () => {
    const events: ProgressEvent[] = [];
    const w = await writeMessyAppendix(join(dir, 'sk.xlsx'), fxPersons(6000, ['Dinas Sosial', 'Inspektorat']), { number: 'SK/W/1', twoRowHeader: true });
    const client = new CoreWorkerClient(
      new URL('../core-worker-boot.mjs', import.meta.url),
      { dbPath: await dbs.next(dir, 'w.db'), backupDir: join(dir, 'cadangan'), appVersion: '1.0.0' },
      { chooseOpenFile: async () => w.path, chooseSaveFile: async () => null, progress: (e) => void events.push(e) },
    );
    try {
      await client.ready;
      // The worker enforces the session gate: nothing but the auth calls before someone signs in.
      expect(await client.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
      expect(await client.call('auth.setup', TEST_ADMIN)).toMatchObject({ ok: true });
      const info = await client.call('app.info', {});
      expect(info).toMatchObject({ ok: true, value: { version: '1.0.0', counts: { persons: 0 } } });
      expect(await client.call('roster.list', { month: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      const chosen = (await client.call('sk.chooseFile', {})) as { ok: true; value: { token: string } };
      const pv = (await client.call('sk.preview', { token: chosen.value.token, tmt: '2026-01-01' })) as { ok: true; value: { previewId: string; accepted: number } };
      expect(pv.value.accepted).toBe(6000);
      // While the worker applies, the calling thread stays free: a timer keeps ticking.
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      const applied = await client.call('sk.apply', { previewId: pv.value.previewId, createUnits: true });
      clearInterval(timer);
      expect(applied).toMatchObject({ ok: true, value: { persons: 6000 } });
      expect(ticks).toBeGreaterThan(0);
      expect(events.some((e) => e.task === 'sk.preview')).toBe(true);
      expect(events.filter((e) => e.task === 'sk.apply').at(-1)).toMatchObject({ done: 6000, total: 6000 });
    } finally {
      await client.terminate();
    }
  }, 60_000);
});
