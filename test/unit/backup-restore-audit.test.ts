/**
 * A restore is audited under the person who ran it, and the audit rows written after the backup was
 * made stay in the restored log as an archived segment (not only in the safety backup).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seedDemo } from '../../electron/core/demo/index';
import { audit } from '../../electron/core/audit';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { openDatabase } from '../../electron/core/db/open';
import { auditLog } from '../../electron/core/audit-repository';
import { personRepo } from '../../electron/core/roster/person-repository';
import { createBackup } from '../../electron/core/backup/create';
import { ARCHIVE_ENTITY } from '../../electron/core/backup/archive';
import { runCli } from '../cli-harness';
import { bridge, testHost, TEST_ADMIN } from '../api-harness';
import { sqliteContext } from '../helpers';

interface Row {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  summary: string | null;
  before_json: string | null;
  after_json: string | null;
}

let ctx: ReturnType<typeof sqliteContext>;
beforeEach(async () => {
  ctx = sqliteContext('2026-05-04T02:00:00Z');
  await seedDemo(ctx, { persons: 10, year: 2026 });
});
afterEach(async () => {
  if (ctx.db.open) ctx.db.close();
  await ctx.close();
});

const rows = (path: string): Row[] => {
  const d = new Database(path, { readonly: true });
  try {
    return d.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
  } finally {
    d.close();
  }
};

describe('the audit of a restore', () => {
  it('CLI: the restore is recorded under the user who ran it; later rows are kept as an archived segment', async () => {
    const backupDir = join(ctx.dir, 'cadangan');
    const b = await createBackup(ctx, backupDir, 'manual');
    const inBackup = rows(b.path);
    // Work done after the backup, by another clerk, that the restore will undo.
    const budi = { ...ctx, actor: 'budi', clock: () => new Date('2026-05-04T05:00:00Z') };
    const personId = (await storeOf(ctx).one<{ id: number }>(sql`SELECT min(id) AS id FROM person`))!.id;
    await storeOf(ctx).tx('write', async (tx) => {
      await personRepo.update(tx, personId, { name: 'NAMA BARU' }, '2026-05-04T05:00:00Z');
      await audit(budi, { action: 'update', entity: 'person', entityId: personId, summary: 'Nama diubah', before: { name: 'LAMA' }, after: { name: 'NAMA BARU' } });
      await audit(budi, { action: 'create', entity: 'setting', entityId: null, summary: 'Kunci otomatis 20 menit' });
    });
    // The backup's own audit row is written once it is complete, so after the copy: it is "later" too.
    const later = rows(ctx.dbPath).slice(inBackup.length);
    expect(later.map((x) => x.actor)).toEqual(['test', 'budi', 'budi']);
    ctx.db.close();

    const r = await runCli(['backup', 'restore', b.path, '--db', ctx.dbPath, '--yes'], { env: { SIGAP_USER: 'siti' }, at: '2026-05-04T06:00:00Z' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 entri jejak audit sesudah cadangan disimpan sebagai arsip/);

    const after = rows(ctx.dbPath);
    // The backup's own rows, unchanged and not repeated.
    expect(after.slice(0, inBackup.length)).toEqual(inBackup);
    const archived = after.filter((x) => x.entity === ARCHIVE_ENTITY);
    // The backup's own row, Budi's two rows, and the safety backup made by the restore itself.
    expect(archived.map((x) => x.actor)).toEqual(['test', 'budi', 'budi', 'cli:siti']);
    expect(archived[0]!.summary).toBe('[Arsip: dibatalkan oleh pemulihan 2026-05-04 06:00 UTC] backup: Cadangan manual: sigap-20260504-020000-manual.sigapdb');
    expect(archived[1]).toMatchObject({
      at: later[1]!.at,
      action: 'update',
      entity_id: personId,
      summary: `[Arsip: dibatalkan oleh pemulihan 2026-05-04 06:00 UTC] person #${personId}: Nama diubah`,
      before_json: later[1]!.before_json,
      after_json: later[1]!.after_json,
    });
    expect(archived[2]!.summary).toBe('[Arsip: dibatalkan oleh pemulihan 2026-05-04 06:00 UTC] setting: Kunci otomatis 20 menit');
    expect(archived[3]!.summary).toMatch(/backup: Cadangan sebelum-pemulihan/);
    const restore = after.at(-1)!;
    expect(restore).toMatchObject({ actor: 'cli:siti', entity: 'backup', action: 'update' });
    expect(restore.summary).toMatch(/^Dipulihkan dari sigap-20260504-020000-manual\.sigapdb; .*; 4 entri jejak audit sesudah cadangan disimpan sebagai arsip$/);
    expect(JSON.parse(restore.after_json!)).toMatchObject({ archivedAuditRows: 4 });
    expect(after).toHaveLength(inBackup.length + 4 + 1);
    // The archived segment is part of the append-only log.
    const d = openDatabase(ctx.dbPath).db;
    try {
      await expect(storeOf({ db: d }).run(sql`DELETE FROM audit_log WHERE entity = ${ARCHIVE_ENTITY}`)).rejects.toThrow(/append-only/);
    } finally {
      d.close();
    }
  });

  it('bridge: the restore is recorded under the signed-in administrator', async () => {
    const host = testHost();
    host.backupDir = join(ctx.dir, 'cadangan');
    const b = bridge(ctx, host);
    const saved = await b.ok('backup.create', {});
    await b.ok('settings.setLockMinutes', { minutes: 25 });
    await b.ok('backup.restore', { source: { kind: 'auto', name: saved.name }, confirm: 'PULIHKAN' });
    const log: Pick<Row, 'actor' | 'entity' | 'summary'>[] = [];
    for await (const x of auditLog.iterate(storeOf(ctx), {})) log.push({ actor: x.actor, entity: x.entity, summary: x.summary });
    expect(log.at(-1)).toMatchObject({ actor: TEST_ADMIN.username, entity: 'backup', summary: expect.stringMatching(/^Dipulihkan dari /) });
    expect(log.some((x) => x.entity === ARCHIVE_ENTITY && x.actor === TEST_ADMIN.username && /setting: /.test(x.summary ?? ''))).toBe(true);
    expect(log.some((x) => x.actor === 'pemulihan')).toBe(false);
  });
});
