import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../electron/core/api/create-api';
import { dispatch } from '../../electron/core/api/dispatch';
import { PUBLIC_CALLS, sessionFor } from '../../electron/core/auth/session';
import { seedDemo } from '../../electron/core/demo/index';
import { updatePerson } from '../../electron/core/roster/person';
import { CHANNELS } from '../../shared/contract/index';
import { mayCall, ROLES } from '../../shared/roles';
import { testContext } from '../helpers';
import { listUsers, updateUser } from '../../electron/core/auth/users';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { auditLog } from '../../electron/core/audit-repository';
import { personRepo } from '../../electron/core/roster/person-repository';
import { settingValue } from '../../electron/core/settings/setting-repository';
import { bridge, testHost, TEST_ADMIN, TEST_PASSWORD } from '../api-harness';

let ctx: ReturnType<typeof testContext>;
let now: number;
beforeEach(() => {
  ctx = testContext();
  now = Date.parse('2026-03-10T03:00:00Z');
  ctx.clock = () => new Date(now);
});
afterEach(() => ctx.close());

/** The person with the lowest id (the demo's first). */
const firstPersonId = async () => (await storeOf(ctx).one<{ id: number }>(sql`SELECT min(id) AS id FROM person`))!.id;

describe('the session gate on every bridge call', () => {
  it('refuses every call but the public ones when nobody is signed in, before looking at the input', async () => {
    const b = bridge(ctx, testHost(), { as: 'signedOut' });
    await b.ready;
    let refused = 0;
    for (const name of CHANNELS) {
      if (PUBLIC_CALLS.has(name)) continue;
      for (const input of [{}, null, { junk: 'x'.repeat(1000) }]) {
        const r = await b.raw(name, input);
        expect(r, name).toEqual({ ok: false, error: { code: 'AUTH_REQUIRED', message: 'Silakan masuk terlebih dahulu.' } });
      }
      refused++;
    }
    expect(refused).toBe(CHANNELS.length - PUBLIC_CALLS.size);
    expect(refused).toBeGreaterThan(40);
    // Nothing was written by the refused calls: only setup, sign-in and sign-out are in the trail.
    const actions = await auditLog.entities(storeOf(ctx));
    expect(actions.every((e) => e === 'user')).toBe(true);
    expect((await b.ok('auth.status', {})).user).toBeNull();
  });

  it('refuses everything but the public calls when a caller forgets the gate', async () => {
    const api = createApi(ctx, testHost());
    expect(await dispatch(api, 'roster.list', { month: '2026-03' })).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect(await dispatch(api, 'auth.status', {})).toMatchObject({ ok: true, value: { needsSetup: true } });
  });

  it('allows a call exactly when the role may make it, for every role and every call', async () => {
    await seedDemo(ctx, { persons: 5 });
    const b = bridge(ctx);
    for (const role of ROLES) {
      await b.signInAs(role);
      for (const name of CHANNELS) {
        if (PUBLIC_CALLS.has(name)) continue;
        // null is never a valid input: an allowed call stops at validation, a forbidden one at the gate.
        const r = await b.raw(name, null);
        expect(r.ok, `${role} ${name}`).toBe(false);
        if (r.ok) continue;
        if (mayCall(role, name)) expect(r.error.code, `${role} may ${name}`).toBe('INVALID_INPUT');
        else expect(r.error, `${role} may not ${name}`).toEqual({ code: 'FORBIDDEN', message: 'Peran Anda tidak diizinkan melakukan ini.' });
      }
    }
  });

  it('viewer cannot write, finance cannot import an SK, hr cannot record a payment', async () => {
    await seedDemo(ctx, { persons: 5 });
    const personId = await firstPersonId();
    const b = bridge(ctx);
    const forbidden = async (name: string, input: unknown) => expect((await b.raw(name, input)) as unknown, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await b.signInAs('viewer');
    await forbidden('person.update', { personId, person: { name: 'X' } });
    await forbidden('opd.save', { code: 'X', name: 'X', kind: 'dinas' });
    await forbidden('settings.saveEmployer', {});
    await forbidden('sk.chooseFile', {});
    await forbidden('users.create', { username: 'mallory', displayName: 'M', role: 'admin' });
    await forbidden('backup.create', {});
    await forbidden('audit.list', {});
    await forbidden('person.addException', { personId, fromMonth: '2026-03', jkkClass: 3, reason: 'X' });
    expect((await b.call('roster.list', { month: '2026-03' })).ok).toBe(true);
    // A person's billing rules are for every role to read; exceptions are HR's to keep.
    expect((await b.call('person.billing', { personId })).ok).toBe(true);
    await b.signInAs('finance');
    await forbidden('sk.chooseFile', {});
    await forbidden('person.endException', { id: 1, lastMonth: '2026-03' });
    await forbidden('sk.preview', { token: 'a'.repeat(32) });
    await forbidden('sk.apply', { previewId: 'a'.repeat(32) });
    await b.signInAs('hr');
    await forbidden('payment.record', {});
    await forbidden('billing.run', {});
    expect(await b.ok('sk.chooseFile', {})).toBeNull(); // allowed: the (empty) dialog answered
  });

  it('masks NIK and KPJ for finance and viewer on roster.list and person.get, not for hr and admin', async () => {
    await seedDemo(ctx, { persons: 8 });
    const personId = await firstPersonId();
    await personRepo.update(storeOf(ctx), personId, { kpj: '12345678901' }, '2026-03-10T03:00:00Z');
    const r = (await personRepo.row(storeOf(ctx), personId))!;
    const fullNik = r.nik;
    // An edit, so the person's audit trail carries the NIK in its summary text too.
    const p: Parameters<typeof updatePerson>[2] = { nik: r.nik, name: r.name, birthPlace: r.birth_place, birthDate: r.birth_date, sex: r.sex, motherName: r.mother_name, kpj: r.kpj };
    await updatePerson(ctx, personId, { ...p, phone: '0812 1111 2222' });
    const b = bridge(ctx);
    for (const role of ROLES) {
      await b.signInAs(role);
      const page = await b.ok('roster.list', { month: '2026-03', status: 'all', limit: 50 });
      const detail = await b.ok('person.get', { personId });
      const sees = role === 'admin' || role === 'hr';
      expect(page.rows.length).toBeGreaterThan(0);
      for (const row of page.rows) expect(/^\d{16}$/.test(row.nik), `${role} ${row.nik}`).toBe(sees);
      if (sees) {
        expect(detail.person.nik).toBe(fullNik);
        expect(detail.person.kpj).toBe('12345678901');
      } else {
        expect(detail.person.nik).toBe(`${fullNik.slice(0, 4)}********${fullNik.slice(-4)}`);
        expect(detail.person.kpj).not.toBe('12345678901');
        expect(JSON.stringify(detail)).not.toContain(fullNik);
        expect(JSON.stringify(detail)).toContain(`${fullNik.slice(0, 4)}********${fullNik.slice(-4)} diubah`);
      }
    }
  });

  it('locks after the inactivity set in Pengaturan; every call counts as activity; the password unlocks', async () => {
    const b = bridge(ctx);
    expect(await b.ok('settings.lockMinutes', {})).toEqual({ minutes: 15 });
    // Activity every 10 minutes for an hour keeps the session open.
    for (let i = 0; i < 6; i++) {
      now += 10 * 60_000;
      expect((await b.call('roster.options', {})).ok).toBe(true);
    }
    now += 16 * 60_000;
    expect(await b.raw('roster.options', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await b.ok('auth.status', {})).toMatchObject({ locked: true, user: { username: 'admin' } });
    expect(await b.raw('auth.unlock', { password: 'salah-sandi-1' })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: 'Kata sandi salah.' } });
    expect(await b.ok('auth.unlock', { password: TEST_ADMIN.password })).toMatchObject({ locked: false });
    // A shorter lock, stored in the setting table (no migration), audited.
    await b.ok('settings.setLockMinutes', { minutes: 5 });
    expect(await settingValue(storeOf(ctx), 'session.lockMinutes')).toBe('5');
    now += 6 * 60_000;
    expect(await b.raw('opd.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    // Guessing at the lock screen: the fifth wrong password ends the session.
    for (let i = 1; i <= 4; i++) expect(await b.raw('auth.unlock', { password: `tebakan-${i}-salah` })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(await b.raw('auth.unlock', { password: 'tebakan-5-salah' })).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect((await b.ok('auth.status', {})).user).toBeNull();
    await b.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    await b.ok('settings.setLockMinutes', { minutes: 0 }); // never
    now += 24 * 3600_000;
    expect((await b.call('opd.list', {})).ok).toBe(true);
  });

  it('writes the signed-in username as the actor of the audit trail', async () => {
    await seedDemo(ctx, { persons: 3 });
    const b = bridge(ctx);
    await b.signInAs('hr');
    const personId = await firstPersonId();
    const before = await b.ok('person.get', { personId });
    const { id: _id, createdAt: _c, updatedAt: _u, ...person } = before.person as typeof before.person & { id: number; createdAt: string; updatedAt: string };
    await b.ok('person.update', { personId, person: { ...person, phone: '081234567890' } } as never);
    const row = (await auditLog.page(storeOf(ctx), { entity: 'person', action: 'update' }, 1, 0))[0]!;
    expect(row.actor).toBe('uji-hr');
    await b.signInAs('admin');
    await b.ok('settings.setLockMinutes', { minutes: 20 });
    expect((await auditLog.page(storeOf(ctx), { entity: 'setting' }, 1, 0))[0]!.actor).toBe('admin');
  });

  it('signs out an account the moment it is switched off, and makes a role change count at once', async () => {
    const b = bridge(ctx);
    const admin = bridge(ctx); // same core, same session: sign-in again as admin to act on others
    await b.signInAs('hr');
    const hr = (await listUsers(ctx)).find((u) => u.username === 'uji-hr')!;
    // Switched to viewer behind the session's back (as another admin would, then the hr clerk acts).
    await updateUser(ctx, hr.id, { displayName: hr.displayName, role: 'viewer', active: true });
    expect(await b.raw('sk.chooseFile', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await updateUser(ctx, hr.id, { displayName: hr.displayName, role: 'viewer', active: false });
    expect(await b.raw('roster.options', {})).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect((await b.ok('auth.status', {})).user).toBeNull();
    expect(await b.raw('auth.login', { username: 'uji-hr', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: expect.stringMatching(/dinonaktifkan/) } });
    await admin.ready;
    expect(sessionFor(ctx)).toBe(b.gate);
  });
});
