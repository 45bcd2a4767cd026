/**
 * Backups of a PostgreSQL database (issue #13) on a real cluster (test/pg/cluster.ts): pg_dump's custom
 * format through `sigap backup create|check|restore`, encrypted and plain; damaged dumps, wrong
 * passphrases, SQLite files and missing programs refused in Indonesian; automatic backups on a server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../pg/cluster';
import { openStore } from '../../electron/core/store/open-store';
import type { CoreContext } from '../../electron/core/context';
import { seedDemo } from '../../electron/core/demo/index';
import { personRepo } from '../../electron/core/roster/person-repository';
import { createBackup } from '../../electron/core/backup/create';
import { autoBackup } from '../../electron/core/backup/auto';
import { inspectBackup, restoreBackup } from '../../electron/core/backup/restore';
import { backupsScheduled } from '../../electron/core/backup/schedule';
import { restorePgBackup } from '../../electron/core/backup/pg-backup';
import { SigapError } from '../../shared/errors';
import { runCli } from '../cli-harness';
import { dumpStore, sqliteContext } from '../helpers';
import { LATEST_VERSION } from '../../electron/core/db/migrations/index';

let cluster: PgCluster;
const root = mkdtempSync(join(tmpdir(), 'sigap-pgbackup-'));
let serial = 0;
/** A password in every URL: the cluster trusts local connections, so it is never checked, only carried. */
const PASSWORD = 'Rahasia-URL-77';

beforeAll(async () => {
  cluster = await startPgCluster();
}, 60_000);
afterAll(() => {
  cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

type PgCtx = CoreContext & { dbPath: string; dir: string; close(): Promise<void> };

/** A new migrated database with 40 demo people; its URL carries a password. */
async function pgContext(): Promise<PgCtx> {
  const url = (await cluster.createDatabase(`b${++serial}`)).replace('postgres@', `postgres:${PASSWORD}@`);
  const opened = await openStore(url, { poolMax: 2 });
  const dir = mkdtempSync(join(root, 'c-'));
  const ctx: PgCtx = { store: opened.store, actor: 'test', clock: () => new Date('2026-05-04T02:00:00Z'), dbPath: url, dir, close: () => opened.store.close() };
  await seedDemo(ctx, { persons: 40, year: 2026 });
  return ctx;
}

const rejects = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as SigapError);
const without = (d: Record<string, unknown[]>, ...tables: string[]) => Object.fromEntries(Object.entries(d).filter(([k]) => !tables.includes(k)));

describe('sigap backup on PostgreSQL', () => {
  it('creates a plain dump, checks it, and restores it in one transaction after a safety dump', async () => {
    const ctx = await pgContext();
    try {
      const to = join(ctx.dir, 'cadangan');
      const made = await runCli(['backup', 'create', '--db', ctx.dbPath, '--to', to, '--json']);
      expect(made.stderr).toBe('');
      expect(made.code).toBe(0);
      const b = made.json<{ path: string; bytes: number; encrypted: boolean }>();
      expect(b.path).toMatch(/sigap-20260120-030000-manual\.sigappg$/);
      expect(readFileSync(b.path).subarray(0, 5).toString()).toBe('PGDMP');
      expect(statSync(b.path).mode & 0o777).toBe(0o600);
      expect(readdirSync(to)).toEqual([b.path.split('/').at(-1)]); // no part file left
      const before = await dumpStore(ctx);

      const check = await runCli(['backup', 'check', b.path]);
      expect(check.code).toBe(0);
      expect(check.stdout).toMatch(new RegExp(`cadangan PostgreSQL utuh .*skema ${LATEST_VERSION}, Pemerintah Kabupaten Lampung Barat, 40 orang, 2 SK`));
      expect(await inspectBackup(b.path, ctx.dir)).toMatchObject({ engine: 'postgres', encrypted: false, schemaVersion: LATEST_VERSION, counts: { persons: 40, decrees: 2 } });

      await personRepo.update(ctx.store!, 1, { name: 'DIUBAH' }, '2026-05-04T02:00:00Z');
      const asked = await runCli(['backup', 'restore', b.path, '--db', ctx.dbPath]);
      expect(asked.code).toBe(1);
      expect(asked.stdout).toMatch(new RegExp(`Akan memulihkan .* 40 orang, 2 SK, skema ${LATEST_VERSION}\\.\nJalankan lagi dengan --yes`));
      expect((await personRepo.row(ctx.store!, 1))!.name).toBe('DIUBAH');

      const xdg = join(ctx.dir, 'xdg');
      const done = await runCli(['backup', 'restore', b.path, '--db', ctx.dbPath, '--yes'], { env: { XDG_CONFIG_HOME: xdg } });
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      expect(done.stdout).toMatch(/^Dipulihkan dari sigap-20260120-030000-manual\.sigappg\. Keadaan sebelumnya: .*sebelum-pemulihan\.sigappg\. \d+ entri jejak audit sesudah cadangan disimpan sebagai arsip\.\n$/);
      // The safety dump went to the user-data folder's backups (a URL has no folder of its own).
      const safety = readdirSync(join(xdg, 'Sigap', 'cadangan'));
      expect(safety).toEqual([expect.stringMatching(/sebelum-pemulihan\.sigappg$/)]);

      const after = await dumpStore(ctx);
      expect(without(after, 'audit_log')).toEqual(without(before, 'audit_log'));
      expect((await personRepo.row(ctx.store!, 1))!.name).not.toBe('DIUBAH');
      // The log kept: the backup's rows, then the rows written since (archived), then the restore itself.
      const rows = (after.audit_log as string[]).map((r) => JSON.parse(r) as { id: number; entity: string; summary: string | null }).sort((a, b) => a.id - b.id);
      expect(rows.at(-1)!.summary).toMatch(/^Dipulihkan dari sigap-20260120-030000-manual\.sigappg; keadaan sebelumnya dicadangkan di .*sebelum-pemulihan\.sigappg; \d+ entri jejak audit/);
      expect(rows.some((r) => r.entity === 'arsip-pemulihan' && /Cadangan sebelum-pemulihan/.test(r.summary ?? ''))).toBe(true);
      // The safety dump holds the state just before the restore: restoring it brings the change back.
      const back = await runCli(['backup', 'restore', join(xdg, 'Sigap', 'cadangan', safety[0]!), '--db', ctx.dbPath, '--yes', '--dir', join(ctx.dir, 'x')], { env: { XDG_CONFIG_HOME: xdg } });
      expect(back.code).toBe(0);
      expect((await personRepo.row(ctx.store!, 1))!.name).toBe('DIUBAH');
      // The password of the URL is never printed.
      for (const out of [made, check, asked, done, back]) expect(out.stdout + out.stderr).not.toContain(PASSWORD);
    } finally {
      await ctx.close();
    }
  }, 180_000);

  it('encrypts with the same passphrase format; a wrong or missing passphrase is refused; the encrypted dump restores', async () => {
    const ctx = await pgContext();
    try {
      const to = join(ctx.dir, 'usb');
      const env = { SANDI: 'sandi-pemda-2026', SALAH: 'salah-sandi-123' };
      const made = await runCli(['backup', 'create', '--db', ctx.dbPath, '--to', to, '--passphrase-env', 'SANDI', '--json'], { env });
      expect(made.code).toBe(0);
      const b = made.json<{ path: string; encrypted: boolean }>();
      expect(b).toMatchObject({ encrypted: true });
      expect(b.path).toMatch(/manual\.sigapenc$/);
      const bytes = readFileSync(b.path);
      expect(bytes.subarray(0, 8).toString()).toBe('SIGAPENC');
      expect(bytes.includes(Buffer.from('PGDMP'))).toBe(false);
      expect(bytes.includes(Buffer.from('Lampung Barat'))).toBe(false);
      // No plaintext dump was ever written beside it.
      expect(readdirSync(to)).toEqual([b.path.split('/').at(-1)]);

      const ok = await runCli(['backup', 'check', b.path, '--passphrase-env', 'SANDI', '--json'], { env });
      expect(ok.code).toBe(0);
      expect(ok.json()).toMatchObject({ engine: 'postgres', encrypted: true, counts: { persons: 40 } });
      const wrong = await runCli(['backup', 'check', b.path, '--passphrase-env', 'SALAH'], { env });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toBe('Galat (BACKUP_PASSPHRASE): Kata sandi cadangan salah, atau berkas cadangan rusak.\n');
      const missing = await runCli(['backup', 'restore', b.path, '--db', ctx.dbPath, '--yes']);
      expect(missing.stderr).toMatch(/terenkripsi: masukkan kata sandinya/);
      const wrongRestore = await runCli(['backup', 'restore', b.path, '--db', ctx.dbPath, '--yes', '--passphrase-env', 'SALAH'], { env });
      expect(wrongRestore.stderr).toMatch(/Kata sandi cadangan salah/);

      const before = await dumpStore(ctx);
      await personRepo.update(ctx.store!, 2, { name: 'DIUBAH JUGA' }, '2026-05-04T02:00:00Z');
      const done = await runCli(['backup', 'restore', b.path, '--db', ctx.dbPath, '--yes', '--passphrase-env', 'SANDI', '--dir', join(ctx.dir, 'aman')], { env: { ...env, XDG_CONFIG_HOME: join(ctx.dir, 'xdg') } });
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      expect(without(await dumpStore(ctx), 'audit_log')).toEqual(without(before, 'audit_log'));
    } finally {
      await ctx.close();
    }
  }, 180_000);

  it('finds a damaged or cut-off dump, and leaves the database as it was', async () => {
    const ctx = await pgContext();
    try {
      const b = await createBackup(ctx, join(ctx.dir, 'cadangan'), 'manual');
      const bytes = readFileSync(b.path);
      const cut = join(ctx.dir, 'terpotong.sigappg');
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const flipped = Buffer.from(bytes);
      for (let i = Math.floor(bytes.length * 0.5); i < Math.floor(bytes.length * 0.5) + 64; i++) flipped[i] = flipped[i]! ^ 0x5a;
      const damaged = join(ctx.dir, 'rusak.sigappg');
      writeFileSync(damaged, flipped);
      const junk = join(ctx.dir, 'sampah.sigappg');
      writeFileSync(junk, 'PGDMP bukan arsip'.repeat(50));
      const before = await dumpStore(ctx);
      for (const f of [cut, damaged, junk]) {
        const e = await rejects(inspectBackup(f, ctx.dir));
        expect(e, f).toBeInstanceOf(SigapError);
        expect(e!.code, f).toBe('BACKUP_INVALID');
        expect(e!.message).toMatch(/rusak|bukan/);
        const r = await runCli(['backup', 'restore', f, '--db', ctx.dbPath, '--yes', '--dir', join(ctx.dir, 'aman')]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^Galat \(BACKUP_INVALID\): /);
        expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      }
      // Nothing was restored, and no safety dump was made for a restore that could not happen.
      expect(await dumpStore(ctx)).toEqual(before);
      expect(existsSync(join(ctx.dir, 'aman'))).toBe(false);
      expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`.sigap-tmp-${process.pid}-`))).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 180_000);

  it('refuses a dump whose schema differs from Sigap (audit trigger dropped, a trigger of its own), before any work', async () => {
    const ctx = await pgContext();
    try {
      const q = (text: string) => ctx.store!.tx('write', async () => (ctx.store as unknown as { execScript(t: string): Promise<void> }).execScript(text));
      await q('DROP TRIGGER audit_log_no_update ON audit_log');
      const dropped = await createBackup(ctx, join(ctx.dir, 'cadangan'), 'manual');
      await q("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION sigap_refuse('audit_log is append-only')");
      await q("CREATE FUNCTION planted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER planted BEFORE INSERT ON person FOR EACH ROW EXECUTE FUNCTION planted()");
      const planted = await createBackup(ctx, join(ctx.dir, 'cadangan'), 'manual');
      await q('DROP TRIGGER planted ON person; DROP FUNCTION planted()');
      const before = await dumpStore(ctx);
      const cases: [string, RegExp][] = [
        [dropped.path, new RegExp(`tidak cocok dengan skema Sigap versi ${LATEST_VERSION} \\(diubah di luar Sigap\\?\\), jadi tidak dapat dipulihkan: pemicu "audit_log audit_log_no_update" hilang\\.$`)],
        [planted.path, /tidak dapat dipulihkan: .*fungsi "planted\(\)" tidak dikenal.*pemicu "person planted" tidak dikenal|tidak dapat dipulihkan: .*pemicu "person planted" tidak dikenal.*fungsi "planted\(\)" tidak dikenal/],
      ];
      for (const [f, message] of cases) {
        const r = await runCli(['backup', 'restore', f, '--db', ctx.dbPath, '--yes', '--dir', join(ctx.dir, 'aman')]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^Galat \(BACKUP_INVALID\): Cadangan "sigap-.*\.sigappg" /);
        expect(r.stderr.trim()).toMatch(message);
      }
      expect(existsSync(join(ctx.dir, 'aman'))).toBe(false);
      expect(await dumpStore(ctx)).toEqual(before);
    } finally {
      await ctx.close();
    }
  }, 180_000);

  it('a restore that meets a table held by another session gives up after its lock timeout, changing nothing', async () => {
    const ctx = await pgContext();
    const other = new pg.Client({ connectionString: ctx.dbPath });
    await other.connect();
    try {
      const b = await createBackup(ctx, join(ctx.dir, 'cadangan'), 'manual');
      await personRepo.update(ctx.store!, 1, { name: 'SESUDAH CADANGAN' }, '2026-05-04T02:00:00Z');
      // Another PC's Sigap in the middle of a transaction that read the roster.
      await other.query('BEGIN');
      await other.query('SELECT count(*) FROM person');
      const before = await dumpStore(ctx);
      const e = await rejects(restorePgBackup(ctx, b.path, { backupDir: join(ctx.dir, 'aman'), lockTimeoutMs: 300 }));
      expect(e!.code).toBe('CONFLICT');
      expect(e!.message).toMatch(/^Basis data postgres:\/\/postgres:\*\*\*@.* sedang dipakai .* Tidak ada yang diubah\.$/);
      const after = await dumpStore(ctx);
      // Only the safety dump's own audit row was added.
      expect(without(after, 'audit_log')).toEqual(without(before, 'audit_log'));
      await other.query('COMMIT');
      await restorePgBackup(ctx, b.path, { backupDir: join(ctx.dir, 'aman') });
      expect((await personRepo.row(ctx.store!, 1))!.name).not.toBe('SESUDAH CADANGAN');
    } finally {
      await other.end();
      await ctx.close();
    }
  }, 180_000);

  it('refuses a SQLite backup on PostgreSQL and a PostgreSQL dump on SQLite, plain or encrypted', async () => {
    const ctx = await pgContext();
    const lite = sqliteContext();
    try {
      const liteBackup = await createBackup(lite, join(lite.dir, 'cadangan'), 'manual');
      const liteEnc = await createBackup(lite, join(lite.dir, 'cadangan'), 'manual', 'sandi-panjang-1');
      const env = { SANDI: 'sandi-panjang-1' };
      for (const f of [liteBackup.path, liteEnc.path]) {
        const r = await runCli(['backup', 'restore', f, '--db', ctx.dbPath, '--yes', '--passphrase-env', 'SANDI'], { env });
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/adalah cadangan berkas SQLite .*bukan cadangan PostgreSQL: tidak dapat dipulihkan ke server PostgreSQL/);
      }
      const dump = await createBackup(ctx, join(ctx.dir, 'cadangan'), 'manual');
      const dumpEnc = await createBackup(ctx, join(ctx.dir, 'cadangan'), 'manual', 'sandi-panjang-1');
      const before = await dumpStore(lite);
      for (const f of [dump.path, dumpEnc.path]) {
        const e = await rejects(restoreBackup(lite.db, lite.dbPath, f, { passphrase: 'sandi-panjang-1', backupDir: join(lite.dir, 'cadangan'), clock: lite.clock, actor: 'test', closeCurrent: () => lite.db.close() }));
        expect(e!.code).toBe('BACKUP_INVALID');
        expect(e!.message).toMatch(/adalah cadangan basis data PostgreSQL \(pg_dump\), bukan berkas SQLite/);
        const r = await runCli(['backup', 'restore', f, '--db', lite.dbPath, '--yes', '--passphrase-env', 'SANDI'], { env });
        expect(r.stderr).toMatch(/bukan berkas SQLite/);
      }
      expect(lite.db.open).toBe(true);
      expect(await dumpStore(lite)).toEqual(before);
    } finally {
      await ctx.close();
      await lite.close();
    }
  }, 180_000);

  it('says so in Indonesian when pg_dump is missing or the server cannot be reached', async () => {
    const ctx = await pgContext();
    const saved = process.env.SIGAP_PG_BIN;
    try {
      process.env.SIGAP_PG_BIN = join(ctx.dir, 'tidak-ada');
      const r = await runCli(['backup', 'create', '--db', ctx.dbPath, '--to', join(ctx.dir, 'c')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Galat \(NOT_FOUND\): Program pg_dump dari PostgreSQL tidak ditemukan di komputer ini\. Pasang klien PostgreSQL/);
      // Automatic backups of a server database are skipped without pg_dump (the CLI prints PG_AUTO_BACKUP_SKIPPED).
      expect(await autoBackup(ctx, join(ctx.dir, 'c'), 'sebelum-sk')).toBeNull();
      expect(existsSync(join(ctx.dir, 'c'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.SIGAP_PG_BIN;
      else process.env.SIGAP_PG_BIN = saved;
    }
    try {
      // With pg_dump, an automatic backup is a dump into the folder, pruned like the SQLite ones.
      const a = await autoBackup(ctx, join(ctx.dir, 'auto'), 'sebelum-sk');
      expect(a!.path).toMatch(/sebelum-sk\.sigappg$/);
      // No daily or on-quit dumps of a server database from each PC.
      expect(backupsScheduled(ctx)).toBe(false);
      // A server that does not answer: a port nobody listens on.
      const dead = { ...ctx, dbPath: ctx.dbPath.replace(`:${cluster.port}/`, ':1/') };
      const e = await rejects(createBackup(dead, join(ctx.dir, 'mati'), 'manual'));
      expect(e!.code).toBe('DB_UNREADABLE');
      expect(e!.message).toMatch(/^Server PostgreSQL postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/b\d+ tidak dapat dihubungi\./);
      expect(e!.message).not.toContain(PASSWORD);
      expect(readdirSync(join(ctx.dir, 'mati'))).toEqual([]); // the part file went with the failure
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
