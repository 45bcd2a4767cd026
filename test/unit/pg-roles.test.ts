/**
 * The two PostgreSQL roles of the README's set-up, on a real cluster: the owner migrates and runs
 * `sigap db grant --app-role sigap_app`; Sigap then works as the application role, which can add audit
 * rows but not change, delete or truncate them, nor disable their triggers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../pg/cluster';
import { openStore } from '../../electron/core/store/open-store';
import { seedDemo } from '../../electron/core/demo/index';
import { personRepo } from '../../electron/core/roster/person-repository';
import { createPerson } from '../../electron/core/roster/person';
import { personLockRepo } from '../../electron/core/roster/person-lock-repository';
import { completionRepo } from '../../electron/core/roster/completion-repository';
import { participantRepo } from '../../electron/core/bpjs/participant-repository';
import { skImport } from '../../electron/core/skimport/import-repository';
import { undoWrites } from '../../electron/core/decree/undo-repository';
import { userRepo } from '../../electron/core/auth/user-repository';
import type { Queries } from '../../electron/core/store/store';
import { pgBackupRepo } from '../../electron/core/backup/pg-backup-repository';
import { runCli } from '../cli-harness';
import { LATEST_VERSION } from '../../electron/core/db/migrations/index';

let cluster: PgCluster;
let ownerUrl: string;
let appUrl: string;
const dir = mkdtempSync(join(tmpdir(), 'sigap-pgroles-'));

async function asAdmin(statements: string[]): Promise<void> {
  const c = new pg.Client({ connectionString: cluster.adminUrl });
  await c.connect();
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

/** A raw connection as the application role: what someone holding its password could try. */
async function asApp<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: appUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const refused = (c: pg.Client, text: string) => c.query(text).then(() => 'accepted', (e: { code?: string; message: string }) => `${e.code}: ${e.message}`);

beforeAll(async () => {
  cluster = await startPgCluster();
  // The README's commands, as the cluster's superuser (the DBA).
  await asAdmin([
    "CREATE ROLE sigap_owner LOGIN PASSWORD 'sandi-pemilik'",
    "CREATE ROLE sigap_app LOGIN PASSWORD 'sandi-aplikasi'",
    'CREATE DATABASE sigap OWNER sigap_owner',
  ]);
  const base = `127.0.0.1:${cluster.port}/sigap`;
  ownerUrl = `postgres://sigap_owner:sandi-pemilik@${base}`;
  appUrl = `postgres://sigap_app:sandi-aplikasi@${base}`;
}, 60_000);
afterAll(() => {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the owner and the application role', () => {
  it('the application role cannot connect before the owner has migrated and granted', async () => {
    const r = await runCli(['roster', '--db', appUrl]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Galat \(DB_UNREADABLE\): Pengguna PostgreSQL untuk postgres:\/\/sigap_app:\*\*\*@.* tidak berhak membuat atau mengubah tabel Sigap/);
  });

  it('the owner migrates (citext created by the owner, a trusted extension) and grants, idempotently', async () => {
    const m = await runCli(['db', 'migrate', '--db', ownerUrl, '--json']);
    expect(m.stderr).toBe('');
    expect(m.json()).toMatchObject({ engine: 'postgres', fromVersion: 0, toVersion: LATEST_VERSION });
    expect((await runCli(['db', 'migrate', '--db', ownerUrl])).stdout).toMatch(new RegExp(`sudah versi ${LATEST_VERSION}`));
    for (let i = 0; i < 2; i++) {
      const g = await runCli(['db', 'grant', '--app-role', 'sigap_app', '--db', ownerUrl]);
      expect(g.stderr).toBe('');
      expect(g.code).toBe(0);
      expect(g.stdout).toMatch(/^Hak peran sigap_app diberikan pada \d+ tabel Sigap \(pemilik: sigap_owner\); jejak audit \(audit_log\) hanya dapat dibaca dan ditambah\./);
    }
    const o = await openStore(ownerUrl);
    try {
      expect(await pgBackupRepo.tableRights(o.store, 'sigap_app', 'audit_log')).toEqual(['INSERT', 'SELECT']);
      expect(await pgBackupRepo.tableRights(o.store, 'sigap_app', 'sigap_schema')).toEqual(['SELECT']);
      expect(await pgBackupRepo.tableRights(o.store, 'sigap_app', 'person')).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    } finally {
      await o.store.close();
    }
  }, 180_000);

  it('refuses to make the owner, a superuser or a missing role the application role', async () => {
    await asAdmin(['CREATE ROLE sigap_super SUPERUSER', 'CREATE ROLE sigap_member IN ROLE sigap_owner']);
    const cases: [string, RegExp][] = [
      ['sigap_owner', /peran pemilik tabel Sigap/],
      ['sigap_super', /adalah superuser/],
      ['sigap_member', /anggota peran pemilik/],
      ['tidak_ada', /Peran PostgreSQL "tidak_ada" belum ada\. Buat dahulu: CREATE ROLE tidak_ada LOGIN/],
      ['Bukan-Nama', /tidak sah/],
    ];
    for (const [role, message] of cases) {
      const r = await runCli(['db', 'grant', '--app-role', role, '--db', ownerUrl]);
      expect(r.code, role).not.toBe(0);
      expect(r.stderr, role).toMatch(message);
    }
  });

  it('Sigap works as the application role: people are added and audited', async () => {
    const opened = await openStore(appUrl);
    try {
      const ctx = { store: opened.store, actor: 'test', clock: () => new Date('2026-05-04T02:00:00Z') };
      await seedDemo(ctx, { persons: 30, year: 2026 });
      const some = await asApp((c) => c.query<{ nik: string; opd_id: number; category_id: number; honor: number }>('SELECT p.nik, e.opd_id, e.category_id, e.honor FROM person p JOIN engagement e ON e.person_id = p.id ORDER BY p.id LIMIT 1'));
      const s = some.rows[0]!;
      const nik = `${s.nik.slice(0, 12)}9999`;
      const { personId } = await createPerson(ctx, { nik, name: 'Ani Peran Aplikasi' }, { opdId: Number(s.opd_id), categoryId: Number(s.category_id), honor: Number(s.honor) || 1_500_000, startDate: '2026-03-01' });
      expect((await personRepo.row(opened.store, personId))!.name).toBe('Ani Peran Aplikasi');
      const audit = await asApp((c) => c.query<{ actor: string; summary: string }>("SELECT actor, summary FROM audit_log WHERE entity = 'person' AND entity_id = $1", [personId]));
      expect(audit.rows).toEqual([{ actor: 'test', summary: `${nik} Ani Peran Aplikasi (input manual)` }]);
      // Every table lock Sigap's writers take, taken with the application role's rights.
      const locks: ((q: Queries) => Promise<void>)[] = [
        (q) => personLockRepo.hold(q, [personId]), (q) => completionRepo.lockForApply(q), (q) => participantRepo.lockForKpjImport(q),
        (q) => skImport.lockForApply(q), (q) => undoWrites.lock(q), (q) => userRepo.lockAccounts(q),
      ];
      for (const lock of locks) await opened.store.tx('write', lock);
      const list = await runCli(['opd', 'list', '--db', appUrl, '--json']);
      expect(list.stderr).toBe('');
      expect(list.code).toBe(0);
    } finally {
      await opened.store.close();
    }
  }, 180_000);

  it('the application role cannot change, delete, truncate or unprotect audit rows, nor change the schema', async () => {
    await asApp(async (c) => {
      expect(Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]!.n)).toBeGreaterThan(0);
      expect(await refused(c, "UPDATE audit_log SET summary = 'dipalsukan'")).toBe('42501: permission denied for table audit_log');
      expect(await refused(c, 'DELETE FROM audit_log')).toBe('42501: permission denied for table audit_log');
      expect(await refused(c, 'TRUNCATE audit_log')).toBe('42501: permission denied for table audit_log');
      expect(await refused(c, 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update')).toMatch(/^42501: must be owner of (table|relation) audit_log$/);
      expect(await refused(c, 'ALTER TABLE audit_log DISABLE TRIGGER ALL')).toMatch(/^42501: must be owner of (table|relation) audit_log$/);
      expect(await refused(c, 'DROP TABLE audit_log')).toMatch(/^42501: must be owner of (table|relation) audit_log$/);
      expect(await refused(c, 'DROP TRIGGER audit_log_no_delete ON audit_log')).toMatch(/^42501: must be owner of (table|relation) audit_log$/);
      expect(await refused(c, 'UPDATE sigap_schema SET version = 1')).toBe('42501: permission denied for table sigap_schema');
      expect(await refused(c, 'TRUNCATE person CASCADE')).toBe('42501: permission denied for table person');
      expect(await refused(c, 'CREATE TABLE tambahan (a int)')).toBe('42501: permission denied for schema public');
      expect(await refused(c, 'ALTER ROLE sigap_app SUPERUSER')).toMatch(/^42501: /);
      // Adding is allowed: that is how Sigap writes the trail.
      expect(await refused(c, "INSERT INTO audit_log (at, actor, action, entity) VALUES ('2026-05-04T02:00:00Z', 'uji', 'create', 'uji')")).toBe('accepted');
    });
  });

  it('a backup as the application role works; only the owner can restore it', async () => {
    const to = join(dir, 'cadangan');
    const b = await runCli(['backup', 'create', '--db', appUrl, '--to', to, '--json']);
    expect(b.stderr).toBe('');
    const path = b.json<{ path: string }>().path;
    const app = await runCli(['backup', 'restore', path, '--db', appUrl, '--yes', '--dir', join(dir, 'aman')], { env: { XDG_CONFIG_HOME: join(dir, 'xdg') } });
    expect(app.code).toBe(1);
    expect(app.stderr).toMatch(/^Galat \(FORBIDDEN\): Peran PostgreSQL ini tidak berhak memulihkan basis data .*: pemulihan dijalankan dengan peran pemilik/);
    const owner = await runCli(['backup', 'restore', path, '--db', ownerUrl, '--yes'], { env: { XDG_CONFIG_HOME: join(dir, 'xdg') } });
    expect(owner.stderr).toBe('');
    expect(owner.code).toBe(0);
    // The rights came back with the restored tables: the application role still works, the trail stays shut.
    await asApp(async (c) => {
      expect(await refused(c, 'DELETE FROM audit_log')).toBe('42501: permission denied for table audit_log');
      expect(await refused(c, "UPDATE person SET name = name WHERE id = 1")).toBe('accepted');
    });
  }, 180_000);
});
