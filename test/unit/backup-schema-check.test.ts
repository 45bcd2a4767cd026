/**
 * A crafted backup (protection triggers dropped, a trigger, table or index of its own, a changed
 * trigger) fails `backup check` and is never restored: its schema is compared with the one Sigap's
 * own migrations give at the backup's version.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seedDemo } from '../../electron/core/demo/index';
import { createBackup } from '../../electron/core/backup/create';
import { inspectBackup, restoreBackup } from '../../electron/core/backup/restore';
import { openDatabase } from '../../electron/core/db/open';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';
import { runCli } from '../cli-harness';
import { sqliteContext, dumpDb } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql as sqlq } from '../../electron/core/store/sql';

let ctx: ReturnType<typeof sqliteContext>;
let good: string;
beforeEach(async () => {
  ctx = sqliteContext('2026-05-04T02:00:00Z');
  await seedDemo(ctx, { persons: 20, year: 2026 });
  good = (await createBackup(ctx, join(ctx.dir, 'cadangan'), 'manual')).path;
});
afterEach(async () => {
  if (ctx.db.open) ctx.db.close();
  await ctx.close();
});

/** A copy of the good backup changed with `sql`, as someone with a SQLite tool would. */
function crafted(name: string, sql: string): string {
  const path = join(ctx.dir, `${name}.sigapdb`);
  copyFileSync(good, path);
  const d = new Database(path);
  d.exec(sql);
  d.close();
  return path;
}

const rejects = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code: string; message: string });

describe('a backup whose schema is not Sigap\'s', () => {
  it('with the audit and invoice protection triggers dropped and a trigger of its own: check fails naming them, restore refused, nothing changed', async () => {
    const bad = crafted('tanpa-pemicu', `
      DROP TRIGGER audit_log_no_update;
      DROP TRIGGER audit_log_no_delete;
      DROP TRIGGER invoice_issued_no_update;
      CREATE TRIGGER sembunyikan AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log WHERE id = NEW.id; END;
    `);
    const cli = await runCli(['backup', 'check', bad, '--db', ctx.dbPath]);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toMatch(/tidak cocok dengan skema Sigap versi \d+/);
    for (const phrase of ['pemicu "audit_log_no_update" hilang', 'pemicu "audit_log_no_delete" hilang', 'pemicu "invoice_issued_no_update" hilang', 'pemicu "sembunyikan" tidak dikenal']) {
      expect(cli.stderr).toContain(phrase);
    }
    const before = dumpDb(ctx);
    const e = await rejects(restoreBackup(ctx.db, ctx.dbPath, bad, { backupDir: join(ctx.dir, 'cadangan'), clock: ctx.clock, actor: 'test', closeCurrent: () => ctx.db.close() }));
    expect(e).toMatchObject({ code: 'BACKUP_INVALID' });
    expect(ctx.db.open).toBe(true);
    expect(dumpDb(ctx)).toEqual(before);
    // The live audit log is still append-only.
    await expect(storeOf(ctx).run(sqlq`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it.each([
    ['an extra table', 'CREATE TABLE catatan (x TEXT)', 'tabel "catatan" tidak dikenal'],
    ['a missing index', 'DROP INDEX audit_entity', 'indeks "audit_entity" hilang'],
    ['an extra index', 'CREATE INDEX person_nama ON person (name)', 'indeks "person_nama" tidak dikenal'],
    ['a trigger with its name but another body', "DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END", 'pemicu "audit_log_no_delete" diubah'],
    ['a view of its own', 'CREATE VIEW v AS SELECT nik FROM person', 'tampilan "v" tidak dikenal'],
  ])('with %s: refused, the message names it', async (_what, sql, phrase) => {
    const e = await rejects(inspectBackup(crafted('ubah', sql), ctx.dir));
    expect(e).toMatchObject({ code: 'BACKUP_INVALID' });
    expect(e!.message).toContain(phrase);
  });

  it('a layout-only difference (whitespace) is not a difference; every version Sigap ever made passes', async () => {
    expect((await inspectBackup(good, ctx.dir)).integrity).toBe('ok');
    const relaid = crafted('spasi', "DROP TRIGGER audit_log_no_update; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN\n   SELECT RAISE( ABORT, 'audit_log is append-only' ) ;\nEND");
    expect((await inspectBackup(relaid, ctx.dir)).integrity).toBe('ok');
    for (let i = 0; i < MIGRATIONS.length; i++) {
      const path = join(ctx.dir, `v${MIGRATIONS[i]!.version}.sigapdb`);
      openDatabase(path, { migrations: MIGRATIONS.slice(0, i + 1) }).db.close();
      expect((await inspectBackup(path, ctx.dir)).schemaVersion).toBe(MIGRATIONS[i]!.version);
    }
  });

  it('a user_version no migration ends at is refused', async () => {
    const e = await rejects(inspectBackup(crafted('versi', 'PRAGMA user_version = 15'), ctx.dir));
    expect(e).toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringContaining('versi skema 15 tidak dikenal') });
  });
});
