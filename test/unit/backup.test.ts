import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { seedDemo } from '../../electron/core/demo/index';
import { createBackup, listBackups, pruneBackups } from '../../electron/core/backup/create';
import { inspectBackup, restoreBackup } from '../../electron/core/backup/restore';
import { toKeep } from '../../electron/core/backup/retention';
import { SigapError } from '../../shared/errors';
import { sqliteContext, dumpDb } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { personRepo } from '../../electron/core/roster/person-repository';

let ctx: ReturnType<typeof sqliteContext>;
beforeEach(async () => {
  ctx = sqliteContext('2026-05-04T02:00:00Z');
  await seedDemo(ctx, { persons: 200, year: 2026 });
});
afterEach(() => ctx.close());

const rejects = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as SigapError);

describe('backups', () => {
  it('copies the live database with the online backup API into a complete, checkable file', async () => {
    const dir = join(ctx.dir, 'cadangan');
    const b = await createBackup(ctx, dir, 'manual');
    expect(b.path).toMatch(/sigap-20260504-020000-manual\.sigapdb$/);
    const check = await inspectBackup(b.path, ctx.dir);
    expect(check).toMatchObject({ integrity: 'ok', pemda: 'Pemerintah Kabupaten Lampung Barat', encrypted: false, counts: { persons: 200, decrees: 2 } });
    const again = await createBackup(ctx, dir, 'manual');
    expect(again.path).toMatch(/manual-2\.sigapdb$/);
    expect(listBackups(dir).map((x) => x.reason)).toEqual(['manual', 'manual']);
  });

  it('encrypts with a passphrase; a wrong passphrase or a tampered file gives a clear message', async () => {
    const b = await createBackup(ctx, join(ctx.dir, 'usb'), 'manual', 'rahasia-pemda-2026');
    expect(b.encrypted).toBe(true);
    const bytes = readFileSync(b.path);
    expect(bytes.subarray(0, 8).toString()).toBe('SIGAPENC');
    expect(bytes.includes(Buffer.from('Lampung Barat'))).toBe(false);
    const ok = await inspectBackup(b.path, ctx.dir, 'rahasia-pemda-2026');
    expect(ok.counts.persons).toBe(200);
    const wrong = await rejects(inspectBackup(b.path, ctx.dir, 'salah-sandi-123'));
    expect(wrong).toBeInstanceOf(SigapError);
    expect(wrong!.code).toBe('BACKUP_PASSPHRASE');
    expect(wrong!.message).toMatch(/Kata sandi cadangan salah/);
    const missing = await rejects(inspectBackup(b.path, ctx.dir));
    expect(missing!.message).toMatch(/terenkripsi/);
    bytes[200] = bytes[200]! ^ 0xff;
    writeFileSync(b.path, bytes);
    expect((await rejects(inspectBackup(b.path, ctx.dir, 'rahasia-pemda-2026')))!.code).toBe('BACKUP_PASSPHRASE');
    expect((await rejects(createBackup(ctx, ctx.dir, 'manual', 'pendek')))!.message).toMatch(/minimal 8/);
  });

  it('restores after checking, backs up the current state first, and records it', async () => {
    const dir = join(ctx.dir, 'cadangan');
    const b = await createBackup(ctx, dir, 'manual', 'sandi-panjang-1');
    const before = dumpDb(ctx);
    await personRepo.update(storeOf(ctx), 1, { name: 'DIUBAH' }, ctx.clock().toISOString());
    let closed = false;
    const { check, safety, db } = await restoreBackup(ctx.db, ctx.dbPath, b.path, {
      passphrase: 'sandi-panjang-1', backupDir: dir, clock: ctx.clock, actor: 'test', closeCurrent: () => { ctx.db.close(); closed = true; },
    });
    expect(closed).toBe(true);
    expect(check.counts.persons).toBe(200);
    expect(existsSync(safety)).toBe(true);
    const restored = { db };
    const after = dumpDb(restored);
    expect(after.person).toEqual(before.person);
    expect((after.audit_log as { summary: string }[]).at(-1)!.summary).toMatch(/Dipulihkan dari/);
    // The safety copy holds the state just before the restore.
    const s = new Database(safety, { readonly: true });
    expect(s.prepare('SELECT name FROM person WHERE id = 1').get()).toEqual({ name: 'DIUBAH' });
    s.close();
    ctx.db = db; // let afterEach close the new connection
    // No staged copy, nor the -wal/-shm a read-only check of a WAL-mode copy leaves, beside the database.
    expect(readdirSync(ctx.dir).filter((n) => n.startsWith('.restore-'))).toEqual([]);
  });

  it('leaves no staged copy behind after checking a backup, good or refused', async () => {
    const dir = join(ctx.dir, 'cadangan');
    const b = await createBackup(ctx, dir, 'manual');
    await inspectBackup(b.path, dir);
    const cut = join(ctx.dir, 'terpotong.sigapdb');
    writeFileSync(cut, readFileSync(b.path).subarray(0, Math.floor(readFileSync(b.path).length / 2)));
    expect((await rejects(inspectBackup(cut, dir)))!.code).toBe('BACKUP_INVALID');
    expect((await rejects(restoreBackup(ctx.db, ctx.dbPath, cut, { backupDir: dir, clock: ctx.clock, actor: 'test', closeCurrent: () => ctx.db.close() })))!.code).toBe('BACKUP_INVALID');
    expect([...readdirSync(dir), ...readdirSync(ctx.dir)].filter((n) => n.startsWith('.restore-'))).toEqual([]);
  });

  it('refuses files that are not Sigap backups, leaving the database as it was', async () => {
    const junk = join(ctx.dir, 'junk.sigapdb');
    writeFileSync(junk, 'not a database'.repeat(500));
    const other = join(ctx.dir, 'other.sigapdb');
    const o = new Database(other);
    o.exec('CREATE TABLE x (a)');
    o.close();
    const before = dumpDb(ctx);
    for (const f of [junk, other, join(ctx.dir, 'missing.sigapdb')]) {
      const e = await rejects(restoreBackup(ctx.db, ctx.dbPath, f, { backupDir: ctx.dir, clock: ctx.clock, actor: 'test', closeCurrent: () => ctx.db.close() }));
      expect(e).toBeInstanceOf(SigapError);
    }
    expect(dumpDb(ctx)).toEqual(before);
  });

  it('refuses a backup from a newer Sigap', async () => {
    const b = await createBackup(ctx, ctx.dir, 'manual');
    const d = new Database(b.path);
    d.pragma('user_version = 9990');
    d.close();
    expect((await rejects(inspectBackup(b.path, ctx.dir)))!.code).toBe('DB_TOO_NEW');
  });

  it('keeps 7 daily, 4 weekly and 12 monthly backups', () => {
    const days = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 86400000).toISOString());
    const backups = days.flatMap((at) => [{ name: `${at}-a`, at }, { name: `${at}-b`, at: at.replace('T00', 'T12') }]);
    const keep = toKeep(backups);
    const kept = backups.filter((b) => keep.has(b.name)).map((b) => b.at.slice(0, 10));
    // Newest 7 days (their latest backup each), 4 weeks, 12 months; they overlap at the recent end.
    expect(kept.slice(-7)).toEqual(days.slice(-7).map((d) => d.slice(0, 10)));
    expect([...keep].every((n) => n.endsWith('-b'))).toBe(true);
    const months = new Set(kept.map((d) => d.slice(0, 7)));
    expect(months.size).toBe(12);
    expect(keep.size).toBeLessThanOrEqual(7 + 4 + 12);
    expect(keep.size).toBeGreaterThanOrEqual(12);
  });

  it('prunes a folder by the rule', async () => {
    const dir = join(ctx.dir, 'auto');
    for (let d = 1; d <= 20; d++) {
      const c = { ...ctx, clock: () => new Date(Date.UTC(2026, 3, d, 3)) };
      await createBackup(c, dir, 'harian');
    }
    const gone = pruneBackups(dir, { daily: 7, weekly: 2, monthly: 1 });
    const left = listBackups(dir).map((b) => b.at.slice(0, 10));
    expect(left.slice(0, 7)).toEqual(Array.from({ length: 7 }, (_, i) => `2026-04-${String(20 - i).padStart(2, '0')}`));
    expect(left.length + gone.length).toBe(20);
    expect(left.length).toBeLessThan(20);
    expect((await inspectBackup(listBackups(dir)[0]!.path, ctx.dir)).counts.persons).toBe(200);
  });
});

describe('automatic backups in the app and the CLI', () => {
  it('back up before an SK is applied through the bridge, and before the CLI applies one', async () => {
    const { testHost, bridge } = await import('../api-harness');
    const { fxPersons, writeMessyAppendix } = await import('../fixtures/sk-workbook');
    const { runCli } = await import('../cli-harness');
    const host = { ...testHost(), backupDir: join(ctx.dir, 'auto') };
    const b = bridge(ctx, host);
    const w = await writeMessyAppendix(join(ctx.dir, 'sk.xlsx'), fxPersons(5, ['Dinas Sosial'], 3, 900_000), { number: 'SK-AUTO', twoRowHeader: true });
    host.openQueue.push(w.path);
    const chosen = (await b.ok('sk.chooseFile', {}))!;
    const pv = await b.ok('sk.preview', { token: chosen.token, tmt: '2026-06-01', mode: 'amend' });
    await b.ok('sk.apply', { previewId: pv.previewId });
    const auto = listBackups(join(ctx.dir, 'auto'));
    expect(auto.map((x) => x.reason)).toEqual(['sebelum-sk']);
    // The backup holds the roster before the SK.
    expect((await inspectBackup(auto[0]!.path, ctx.dir)).counts.persons).toBe(200);

    const db = join(ctx.dir, 'cli', 'x.db');
    await runCli(['demo', '--persons', '3', '--db', db]);
    const w2 = await writeMessyAppendix(join(ctx.dir, 'sk2.xlsx'), fxPersons(2, ['Inspektorat'], 4, 950_000), { number: 'SK-CLI', twoRowHeader: true });
    const r = await runCli(['import-sk', w2.path, '--db', db, '--tmt', '2026-07-01', '--amend']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Cadangan sebelum menerapkan SK/);
    expect(listBackups(join(ctx.dir, 'cli', 'cadangan')).map((x) => x.reason)).toEqual(['sebelum-sk']);
    const list = await runCli(['backup', 'list', '--db', db, '--json']);
    expect(list.json<{ backups: unknown[] }>().backups).toHaveLength(1);
  });
});
