/**
 * Employer registrations (settings/registrations.ts) through the core and the bridge: the NPP check,
 * refusals in Indonesian naming what is wrong, the audit rows, who may write, and units and categories
 * that belong to one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { bridge, testHost, type TestHost } from '../api-harness';
import { cleanNpp, deleteRegistration, listRegistrations, registrationIdByNpp, saveRegistration } from '../../electron/core/settings/registrations';
import { saveEmployer, saveOpd } from '../../electron/core/settings/employer';
import { saveCategory } from '../../electron/core/roster/categories';
import { listOpds } from '../../electron/core/roster/units';
import { listAudit } from '../../electron/core/audit-query';
import { batchRepo } from '../../electron/core/bpjs/batch-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { faultToSigapError } from '../../electron/core/db/errors';
import { overlapping } from '../store-gates';

let ctx: ReturnType<typeof testContext>;
let host: TestHost;
beforeEach(async () => {
  ctx = testContext('2026-03-20T03:00:00Z');
  await saveEmployer(ctx, { name: 'Pemerintah Kabupaten Lampung Barat', npp: '18040012', address: 'Liwa', jkkClass: 1 });
  host = testHost();
});
afterEach(() => ctx.close());

/** The registrations' audit rows, oldest first. */
const audits = async () => (await listAudit(ctx, { entity: 'employer_registration' })).rows.map((r) => ({ action: r.action, summary: r.summary })).reverse();

describe('employer registrations (NPP)', () => {
  it("adds, edits and lists them after the Pemda's own, with an audit row each", async () => {
    const id = await saveRegistration(ctx, { npp: '18.04.00.99', name: '  RSUD  Liwa (BLUD) ', jkkClass: 2 });
    await saveRegistration(ctx, { id, npp: '18040099', name: 'RSUD Liwa (BLUD)', jkkClass: 3 });
    await saveRegistration(ctx, { id, npp: '18040099', name: 'RSUD Liwa (BLUD)', jkkClass: 3 }); // no change: no row
    expect((await listRegistrations(ctx)).map((r) => [r.id, r.npp, r.name, r.jkkClass])).toEqual([
      [null, '18040012', 'Pemerintah Kabupaten Lampung Barat', 1],
      [id, '18040099', 'RSUD Liwa (BLUD)', 3],
    ]);
    expect(await audits()).toEqual([
      { action: 'create', summary: 'Pendaftaran BPJS NPP 18040099 (RSUD Liwa (BLUD)), JKK kelas 2' },
      { action: 'update', summary: 'Pendaftaran BPJS NPP 18040099 diubah (jkkClass)' },
    ]);
    expect(await registrationIdByNpp(ctx, '1804 0099')).toBe(id);
    expect(await registrationIdByNpp(ctx, '18040012')).toBeNull();
    await expect(registrationIdByNpp(ctx, '18049999')).rejects.toThrow('NPP "18049999" belum terdaftar. Lihat daftarnya di Pengaturan › Pendaftaran BPJS (NPP) atau dengan: sigap npp list');
  });

  it("refuses a malformed NPP, the Pemda's own, a duplicate and a bad class, in Indonesian", async () => {
    expect(() => cleanNpp('1804001')).toThrow('NPP "1804001" tidak sah: NPP BPJS Ketenagakerjaan terdiri dari 8 angka (mis. 18040012).');
    expect(() => cleanNpp('NN040012')).toThrow('tidak sah');
    await expect(saveRegistration(ctx, { npp: '18040012', name: 'Pemda lagi', jkkClass: 1 })).rejects.toThrow('NPP 18040012 adalah NPP Pemda sendiri');
    await saveRegistration(ctx, { npp: '18040099', name: 'RSUD Liwa', jkkClass: 1 });
    await expect(saveRegistration(ctx, { npp: '18040099', name: 'RSUD lain', jkkClass: 1 })).rejects.toThrow('NPP 18040099 sudah terdaftar atas nama "RSUD Liwa".');
    await expect(saveRegistration(ctx, { npp: '18040100', name: 'Desa', jkkClass: 6 })).rejects.toThrow('Kelas risiko JKK harus 1 sampai 5.');
    await expect(saveRegistration(ctx, { npp: '18040100', name: 'Ds', jkkClass: 1 })).rejects.toThrow('Nama pendaftaran minimal 3 huruf');
  });

  it('units and categories belong to one; it cannot be deleted or renumbered while used', async () => {
    const reg = await saveRegistration(ctx, { npp: '18040099', name: 'RSUD Liwa', jkkClass: 1 });
    const unit = await saveOpd(ctx, { code: '07', name: 'RSUD Liwa', kind: 'opd', registrationId: reg });
    const cat = (await saveCategory(ctx, { name: 'Tenaga BLUD', segment: 'PU', programs: 'JKK,JKM', registrationId: reg })).id;
    expect((await listRegistrations(ctx))[1]).toMatchObject({ units: 1, categories: 1, batches: 0 });
    await expect(deleteRegistration(ctx, reg)).rejects.toThrow('NPP 18040099 (RSUD Liwa) tidak dapat dihapus: masih dipakai 1 unit, 1 kategori.');
    // An edit that leaves registrationId out keeps it; null moves back to the Pemda's NPP.
    await saveOpd(ctx, { id: unit, code: '07', name: 'RSUD Liwa Lampung Barat', kind: 'opd' });
    expect((await listOpds(ctx)).find((o) => o.id === unit)!.registration_id).toBe(reg);
    await saveOpd(ctx, { id: unit, code: '07', name: 'RSUD Liwa Lampung Barat', kind: 'opd', registrationId: null });
    await saveCategory(ctx, { id: cat, name: 'Tenaga BLUD', segment: 'PU', programs: 'JKK,JKM', registrationId: null });
    expect((await listAudit(ctx, { entity: 'opd', limit: 1 })).rows[0]!.after).toStrictEqual({ registration_id: null });
    // A batch made under the NPP: no renumbering (the batch keeps its NPP), no deletion.
    await batchRepo.insert(storeOf(ctx), { kind: 'new', profileName: 'p', profileJson: '{}', npp: '18040099', asOf: '2026-03-20', includeIncomplete: false, rows: 1, createdAt: 'x', createdBy: 'x' });
    await expect(saveRegistration(ctx, { id: reg, npp: '18040100', name: 'RSUD Liwa', jkkClass: 1 })).rejects.toThrow('NPP 18040099 tidak dapat diubah: sudah dipakai di 1 batch berkas BPJS.');
    await expect(deleteRegistration(ctx, reg)).rejects.toThrow('masih dipakai 1 batch berkas BPJS');
    // One nothing uses goes, audited; a unit can no longer name it.
    const unused = await saveRegistration(ctx, { npp: '18040100', name: 'Pemerintah Desa Sebarus', jkkClass: 1 });
    await deleteRegistration(ctx, unused);
    expect((await listRegistrations(ctx)).map((r) => r.npp)).toEqual(['18040012', '18040099']);
    expect((await audits()).at(-1)).toEqual({ action: 'delete', summary: 'Pendaftaran BPJS NPP 18040100 (Pemerintah Desa Sebarus) dihapus' });
    await expect(saveOpd(ctx, { code: '08', name: 'Dinas Sosial', kind: 'opd', registrationId: unused })).rejects.toThrow(`Pendaftaran BPJS (NPP) #${unused} tidak ditemukan.`);
  });

  it('deleted while another computer assigns a unit to it: refused as a conflict in Indonesian, never an internal error', async () => {
    const reg = await saveRegistration(ctx, { npp: '18040099', name: 'RSUD Liwa', jkkClass: 1 });
    const unit = await saveOpd(ctx, { code: '07', name: 'RSUD Liwa', kind: 'opd' });
    // The unit is moved to the registration (not yet committed) when the other clerk deletes the registration,
    // which therefore finds it unused.
    const [assigned, removal] = await overlapping(
      ctx,
      (c) => saveOpd(c, { id: unit, code: '07', name: 'RSUD Liwa', kind: 'opd', registrationId: reg }),
      (c) => deleteRegistration(c, reg),
    );
    expect(assigned).toBe(unit);
    // What the clerk is told (the bridge and the CLI pass every error through faultToSigapError).
    const told = faultToSigapError(removal.status === 'rejected' ? removal.reason : null);
    expect(told?.code).toBe('CONFLICT');
    // SQLite: the deletion ran after the assignment and counted it; PostgreSQL: it passed its count
    // and the server refused the removal of a row the unit now refers to.
    expect(told?.message).toBe(ctx.engine === 'postgres'
      ? 'Data yang dirujuk perubahan ini baru saja diubah atau dihapus di komputer lain, sehingga perubahan ini dibatalkan (tidak ada yang tersimpan sebagian). Muat ulang datanya, lalu coba lagi.'
      : 'NPP 18040099 (RSUD Liwa) tidak dapat dihapus: masih dipakai 1 unit. Pindahkan unit dan kategorinya ke NPP lain dulu; riwayat berkas dan tagihan tetap.');
    expect((await listRegistrations(ctx)).map((r) => r.id)).toEqual([null, reg]);
  });

  it('a foreign key the database refuses becomes the same conflict on both engines', async () => {
    const unit = await saveOpd(ctx, { code: '07', name: 'RSUD Liwa', kind: 'opd' });
    const refused = await storeOf(ctx).run(sql`UPDATE opd SET registration_id = ${999_999} WHERE id = ${unit}`).then(() => null, (e: unknown) => e);
    expect((refused as { code?: unknown }).code).toBe(ctx.engine === 'postgres' ? '23503' : 'SQLITE_CONSTRAINT_FOREIGNKEY');
    expect(faultToSigapError(refused)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Data yang dirujuk perubahan ini baru saja diubah atau dihapus di komputer lain/) });
  });

  it('through the bridge: everyone reads, only the administrator writes; the dialogs save a unit and a category with an NPP', async () => {
    const b = bridge(ctx, host, { as: 'finance' });
    expect((await b.ok('registration.list', {})).map((r) => r.npp)).toEqual(['18040012']);
    expect(await b.call('registration.save', { npp: '18040099', name: 'RSUD Liwa', jkkClass: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await b.signInAs('admin');
    const { id } = await b.ok('registration.save', { npp: '18040099', name: 'RSUD Liwa', jkkClass: 2 });
    expect(await b.call('registration.save', { npp: '123', name: 'Desa', jkkClass: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'NPP "123" tidak sah: NPP BPJS Ketenagakerjaan terdiri dari 8 angka (mis. 18040012).' } });
    const unit = await b.ok('opd.save', { code: '07', name: 'RSUD Liwa', kind: 'opd', registrationId: id });
    expect((await b.ok('opd.list', {})).find((o) => o.id === unit.id)!.registrationId).toBe(id);
    const cat = await b.ok('category.save', { name: 'Tenaga BLUD', segment: 'PU', programs: ['JKK', 'JKM'], jkkClass: null, enrolled: true, registrationId: id });
    expect((await b.ok('category.list', {})).categories.find((c) => c.id === cat.id)!.registrationId).toBe(id);
    expect(await b.call('registration.delete', { id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await b.signInAs('viewer');
    expect((await b.ok('registration.list', {}))[1]).toMatchObject({ npp: '18040099', units: 1, categories: 1 });
  });
});
