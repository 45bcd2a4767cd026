import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { seedDemo } from '../../electron/core/demo/index';
import { testContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { personRepo } from '../../electron/core/roster/person-repository';
import { bridge, testHost, TEST_ADMIN } from '../api-harness';

let ctx: ReturnType<typeof testContext>;
let now: number;
beforeEach(() => {
  ctx = testContext();
  now = Date.parse('2026-03-10T03:00:00Z');
  ctx.clock = () => new Date(now);
});
afterEach(() => ctx.close());

/** How many people carry this name. */
const namedCount = async (name: string) => (await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM person WHERE name = ${name}`))!.n;

describe('users, backups and the audit trail over the bridge', () => {
  it('creates a user with a one-time password that must be changed, edits and resets it', async () => {
    const b = bridge(ctx);
    const { user, temporaryPassword } = await b.ok('users.create', { username: 'Siti.Keu', displayName: 'Siti (Keuangan)', role: 'finance' });
    expect(user).toMatchObject({ username: 'siti.keu', role: 'finance', active: true, mustChangePassword: true });
    expect(temporaryPassword).toMatch(/^[a-z2-9]{10,}$/);
    expect(await b.raw('users.create', { username: 'siti.keu', displayName: 'x', role: 'viewer' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await b.ok('users.update', { id: user.id, displayName: 'Siti', role: 'viewer', active: true });
    const me = (await b.ok('auth.status', {})).user!;
    expect(await b.raw('users.update', { id: me.id, displayName: 'Admin', role: 'admin', active: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const { temporaryPassword: again } = await b.ok('users.resetPassword', { id: user.id });
    expect(again).not.toBe(temporaryPassword);
    await b.ok('auth.logout', {});
    expect(await b.raw('auth.login', { username: 'siti.keu', password: temporaryPassword })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    const s = await b.ok('auth.login', { username: 'siti.keu', password: again });
    expect(s).toMatchObject({ user: { role: 'viewer', mustChangePassword: true }, seesIdentity: false });
    expect(await b.raw('auth.changePassword', { oldPassword: again, newPassword: 'pendek' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await b.ok('auth.changePassword', { oldPassword: again, newPassword: 'sandibaru2026' })).user?.mustChangePassword).toBe(false);
  });

  it('backs up now and to a chosen folder with a passphrase; checks before restoring; restores after a safety backup', async () => {
    await seedDemo(ctx, { persons: 6 });
    const host = testHost();
    host.backupDir = join(ctx.dir, 'cadangan');
    const usb = join(ctx.dir, 'flashdisk');
    mkdirSync(usb);
    const b = bridge(ctx, host);
    const made = await b.ok('backup.create', {});
    expect(made).toMatchObject({ reason: 'manual', encrypted: false });
    expect((await b.ok('backup.list', {})).backups.map((x) => x.name)).toEqual([made.name]);

    host.folderQueue.push(usb);
    const folder = (await b.ok('backup.chooseFolder', {}))!;
    expect(await b.raw('backup.createTo', { token: folder.token, passphrase: 'pendek' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const enc = await b.ok('backup.createTo', { token: folder.token, passphrase: 'rahasia-usb-2026' });
    expect(enc.encrypted).toBe(true);
    expect(readdirSync(usb)).toHaveLength(1);

    host.openQueue.push(enc.path);
    const file = (await b.ok('backup.chooseFile', {}))!;
    expect(file.encrypted).toBe(true);
    const source = { kind: 'file' as const, token: file.token };
    expect(await b.raw('backup.inspect', { source })).toMatchObject({ ok: false, error: { code: 'BACKUP_PASSPHRASE', message: expect.stringMatching(/terenkripsi/) } });
    expect(await b.raw('backup.inspect', { source, passphrase: 'salah-sandi-99' })).toMatchObject({ ok: false, error: { code: 'BACKUP_PASSPHRASE', message: 'Kata sandi cadangan salah, atau berkas cadangan rusak.' } });
    const check = await b.ok('backup.inspect', { source, passphrase: 'rahasia-usb-2026' });
    expect(check).toMatchObject({ integrity: 'ok', encrypted: true, counts: { persons: 6 } });
    expect(check.pemda).toBeTruthy();

    // Change the data, then restore: the persons come back, the current state is kept in a safety backup.
    const firstId = (await storeOf(ctx).one<{ id: number }>(sql`SELECT min(id) AS id FROM person`))!.id;
    await personRepo.update(storeOf(ctx), firstId, { name: 'DIUBAH' }, new Date(now).toISOString());
    expect(await namedCount('DIUBAH')).toBe(1);
    expect(await b.raw('backup.restore', { source, passphrase: 'rahasia-usb-2026', confirm: 'ya' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const restored = await b.ok('backup.restore', { source, passphrase: 'rahasia-usb-2026', confirm: 'PULIHKAN' });
    expect(restored.safety).toMatch(/sebelum-pemulihan/);
    expect(existsSync(join(host.backupDir, restored.safety))).toBe(true);
    expect(await namedCount('DIUBAH')).toBe(0); // read through the restored connection
    // Everyone signs in again after a restore.
    expect(await b.raw('roster.options', {})).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    await b.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    expect((await b.ok('backup.list', {})).backups.map((x) => x.reason).sort()).toEqual(['manual', 'sebelum-pemulihan']);
  });

  it('filters and pages the audit trail and exports it to Excel', async () => {
    await seedDemo(ctx, { persons: 4 });
    const host = testHost();
    const b = bridge(ctx, host);
    await b.ok('settings.setLockMinutes', { minutes: 30 });
    const all = await b.ok('audit.list', {});
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.actors).toContain('admin');
    const mine = await b.ok('audit.list', { actor: 'admin', entity: 'setting' });
    expect(mine.rows).toHaveLength(1);
    expect(mine.rows[0]).toMatchObject({ actor: 'admin', entity: 'setting', before: { 'session.lockMinutes': 15 }, after: { 'session.lockMinutes': 30 } });
    expect((await b.ok('audit.list', { search: 'Kunci otomatis' })).total).toBe(1);
    expect((await b.ok('audit.list', { from: '2026-03-11' })).total).toBe(0);
    expect((await b.ok('audit.list', { to: '2026-03-10', limit: 2 })).rows).toHaveLength(2);
    const page2 = await b.ok('audit.list', { limit: 2, offset: 2 });
    expect(page2.rows[0]!.id).toBe(all.rows[2]!.id);
    const out = join(ctx.dir, 'audit.xlsx');
    host.saveQueue.push(out);
    const exp = (await b.ok('audit.export', { entity: 'setting' }))!;
    expect(exp.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]!.getRow(2).getCell(3).value).toBe('admin');
    expect(await b.ok('audit.export', {})).toBeNull(); // dialog cancelled
  });
});
