/**
 * A withdrawn SK gives its number and its file back (migration 0210): the clerk corrects the appendix
 * and imports the SK again under the number the Bupati signed. Two applied SKs still never share a
 * number, and the rebuild of `decree` keeps every reference to it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { previewSk, applyImport } from '../../electron/core/skimport/index';
import { undoDecree } from '../../electron/core/decree/undo';
import { decreeIdByNumber } from '../../electron/core/decree/scan-store';
import { decreeRecords } from '../../electron/core/decree/records';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { openDatabase } from '../../electron/core/db/open';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { testContext } from '../helpers';

let ctx: ReturnType<typeof testContext>;
beforeEach(() => {
  ctx = testContext('2026-03-10T03:00:00Z');
});
afterEach(() => ctx.close());

async function preview(path: string) {
  return previewSk(ctx, { path, tmt: '2026-01-01' });
}

describe('an SK withdrawn and imported again', () => {
  it('takes the same number and the same file again; a second applied SK of that number is still refused', async () => {
    const people = fxPersons(6, ['Dinas Sosial']);
    const w = await writeMessyAppendix(join(ctx.dir, 'sk.xlsx'), people, { number: 'SK-7/2026', date: '2026-01-01' });
    const first = await preview(w.path);
    expect(first.blocking).toEqual([]);
    await applyImport(ctx, first, { createUnits: true });
    // While it is applied, its number and its file are refused.
    expect((await preview(w.path)).blocking.map((b) => b.code).sort()).toEqual(['DECREE_EXISTS', 'DECREE_FILE_EXISTS']);

    const withdrawnId = await decreeIdByNumber(ctx, 'SK-7/2026');
    await undoDecree(ctx, withdrawnId, 'Lampiran salah, diimpor ulang');
    const again = await preview(w.path);
    expect(again.blocking).toEqual([]);
    await applyImport(ctx, again, { createUnits: true });

    const rows = (await decreeRecords(ctx)).filter((d) => d.number === 'SK-7/2026').map((d) => ({ id: d.decreeId, status: d.status }));
    expect(rows).toEqual([{ id: withdrawnId, status: 'withdrawn' }, { id: withdrawnId + 1, status: 'applied' }]);
    // The number now names the applied SK; its six people are engaged under it.
    expect(await decreeIdByNumber(ctx, 'SK-7/2026')).toBe(withdrawnId + 1);
    const engagedUnder = async (id: number) => (await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM engagement WHERE decree_id = ${id}`))!.n;
    expect(await engagedUnder(withdrawnId + 1)).toBe(6);
    expect(await engagedUnder(withdrawnId)).toBe(0);
    // The database itself still keeps two applied SKs from sharing a number (SQLite: "UNIQUE constraint failed";
    // PostgreSQL: "violates unique constraint").
    await expect(storeOf(ctx).run(sql`UPDATE decree SET status = 'applied' WHERE id = ${withdrawnId}`)).rejects.toThrow(/UNIQUE/i);
  });
});

describe('migration 0210', () => {
  it('rebuilds decree on a database with engagements, effects and scans, keeping every row and reference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigap-0210-'));
    try {
      const path = join(dir, 'old.db');
      const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version <= 200) }).db;
      const c = { db: old, actor: 'test', clock: () => new Date('2026-03-10T03:00:00Z'), dir };
      const w = await writeMessyAppendix(join(dir, 'sk.xlsx'), fxPersons(5, ['Dinas Sosial']), { number: 'SK-1/2026', date: '2026-01-01' });
      await applyImport(c, await previewSk(c, { path: w.path, tmt: '2026-01-01' }), { createUnits: true });
      const before = old.prepare('SELECT * FROM decree').all();
      const engagements = old.prepare('SELECT count(*) FROM engagement WHERE decree_id IS NOT NULL').pluck().get();
      old.close();

      const { db, fromVersion } = openDatabase(path);
      expect(fromVersion).toBe(200);
      expect(db.prepare('SELECT * FROM decree').all()).toEqual(before);
      expect(db.prepare('SELECT count(*) FROM engagement e JOIN decree d ON d.id = e.decree_id').pluck().get()).toBe(engagements);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // The children still name `decree`, not the table it was renamed from during the rebuild.
      const refs = db.prepare("SELECT sql FROM sqlite_schema WHERE sql LIKE '%decree_before_0210%'").all();
      expect(refs).toEqual([]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
