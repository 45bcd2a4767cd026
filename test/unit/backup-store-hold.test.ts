import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createBackup } from '../../electron/core/backup/create';
import { storeOf } from '../../electron/core/store/of-context';
import { openReadOnlyFile } from '../../electron/core/store/sqlite-files';
import { sql } from '../../electron/core/store/sql';
import { sqliteContext } from '../helpers';

/**
 * The store's transactions may await between statements, so another caller of the same process can
 * ask for a backup while one is open. The backup holds the connection (SqliteStore.exclusive): it
 * waits for the transaction to end and copies only committed rows.
 */
describe('a backup while a store transaction is open', () => {
  let ctx: ReturnType<typeof sqliteContext>;
  beforeEach(() => {
    ctx = sqliteContext();
  });
  afterEach(() => ctx.close());

  async function keysIn(path: string): Promise<string[]> {
    const copy = openReadOnlyFile(path)!;
    try {
      return (await copy.all<{ key: string }>(sql`SELECT key FROM setting WHERE key LIKE 'uji.%' ORDER BY key`)).map((r) => r.key);
    } finally {
      await copy.close();
    }
  }

  for (const outcome of ['rolled back', 'committed'] as const) {
    it(`waits for it to end, and holds its rows only when ${outcome}`, async () => {
      const events: string[] = [];
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      let finish!: () => void;
      const gate = new Promise<void>((r) => (finish = r));
      const tx = storeOf(ctx)
        .tx('write', async (q) => {
          await q.run(sql`INSERT INTO setting (key, value, updated_at) VALUES ('uji.tx', 'a', '2026-01-15T03:00:00Z')`);
          entered();
          await gate;
          events.push('tx ends');
          if (outcome === 'rolled back') throw new Error('batal');
        })
        .catch(() => undefined);
      await inside;
      const backup = createBackup(ctx, join(ctx.dir, 'cadangan'), 'manual').then((b) => {
        events.push('backup done');
        return b;
      });
      await new Promise((r) => setTimeout(r, 100));
      finish();
      const [b] = await Promise.all([backup, tx]);
      expect(events).toEqual(['tx ends', 'backup done']);
      expect(await keysIn(b.path)).toEqual(outcome === 'committed' ? ['uji.tx'] : []);
    });
  }
});
