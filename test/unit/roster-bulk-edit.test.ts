/**
 * Bulk edit on a roster selection through the bridge (gate, schema, handlers, core): the preview's
 * counts, all-or-nothing apply with one audit row per person changed, the filtered list sent as a filter,
 * a preview the roster moved away from, bad values and roles that may not.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { seedDemo } from '../../electron/core/demo/index';
import { bridge, testHost } from '../api-harness';

let ctx: ReturnType<typeof testContext>;
let api: ReturnType<typeof bridge>;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  await seedDemo(ctx, { persons: 60, year: 2026 });
  api = bridge(ctx, testHost());
  await api.ready;
});
afterEach(() => ctx.close());

const marital = (id: number) => ctx.db.prepare('SELECT marital_status FROM person WHERE id = ?').pluck().get(id) as string | null;
const auditCount = () => ctx.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'person' AND summary LIKE '%(ubah massal)'").pluck().get() as number;

async function firstIds(n: number): Promise<number[]> {
  const page = await api.ok('roster.list', { month: '2026-03', limit: n });
  return page.rows.map((r) => r.personId);
}

describe('roster bulk edit', () => {
  it('previews who changes from what, then writes all of them with one audit row each', async () => {
    const ids = await firstIds(40);
    expect(ids).toHaveLength(40);
    // Three of the forty are already married (Y), two recorded as T: 40 selected, 37 change, 3 unchanged;
    // the groups are empty -> Y (35) and T -> Y (2).
    const set = ctx.db.prepare('UPDATE person SET marital_status = ? WHERE id = ?');
    for (const id of ids.slice(0, 3)) set.run('Y', id);
    for (const id of ids.slice(3, 5)) set.run('T', id);
    const pv = await api.ok('roster.bulkPreview', { selection: { kind: 'ids', personIds: ids }, field: 'maritalStatus', value: 'Kawin' });
    expect(pv).toMatchObject({ field: 'maritalStatus', label: 'Status kawin', value: 'Y', selected: 40, changing: 37, unchanged: 3 });
    expect(pv.groups).toEqual([{ from: null, count: 35 }, { from: 'T', count: 2 }]);
    expect(pv.people.map((p) => p.personId)).toEqual(ids.slice(3));
    // Nothing is written by a preview.
    expect(ids.filter((id) => marital(id) === 'Y')).toHaveLength(3);

    const before = auditCount();
    expect(await api.ok('roster.bulkApply', { previewId: pv.previewId })).toEqual({ changed: 37 });
    expect(ids.every((id) => marital(id) === 'Y')).toBe(true);
    expect(auditCount() - before).toBe(37);
    const row = ctx.db.prepare("SELECT actor, action, before_json, after_json FROM audit_log WHERE entity = 'person' AND entity_id = ? ORDER BY id DESC LIMIT 1").get(ids[3]) as Record<string, string>;
    expect(row).toMatchObject({ actor: 'admin', action: 'update', before_json: '{"marital_status":"T"}', after_json: '{"marital_status":"Y"}' });
    // Someone outside the selection is untouched.
    const outside = ctx.db.prepare(`SELECT count(*) FROM person WHERE marital_status IS NOT NULL AND id NOT IN (${ids.join(',')})`).pluck().get();
    expect(outside).toBe(0);
    // The preview is used up.
    const again = await api.call('roster.bulkApply', { previewId: pv.previewId });
    expect(again.ok ? null : again.error.code).toBe('NOT_FOUND');
  });

  it('"all shown" travels as the filter (less those unticked) and means exactly the list on screen', async () => {
    const opdId = ctx.db.prepare("SELECT id FROM opd WHERE name = 'Dinas Kesehatan'").pluck().get() as number;
    const filter = { month: '2026-03', opdId, sort: 'name' as const };
    const shown = await api.ok('roster.list', { ...filter, limit: 1000 });
    expect(shown.total).toBeGreaterThan(2);
    const except = [shown.rows[0]!.personId];
    const pv = await api.ok('roster.bulkPreview', { selection: { kind: 'filter', filter, except }, field: 'postalCode', value: ' 34.812 ' });
    expect(pv).toMatchObject({ value: '34812', selected: shown.total - 1, changing: shown.total - 1 });
    await api.ok('roster.bulkApply', { previewId: pv.previewId });
    const coded = ctx.db.prepare("SELECT id FROM person WHERE postal_code = '34812' ORDER BY id").pluck().all();
    expect(coded).toEqual(shown.rows.slice(1).map((r) => r.personId).sort((a, b) => a - b));
  });

  it('writes nothing when a person changed since the preview, and names how many', async () => {
    const ids = await firstIds(10);
    const pv = await api.ok('roster.bulkPreview', { selection: { kind: 'ids', personIds: ids }, field: 'workLocation', value: 'kantor bupati' });
    expect(pv.value).toBe('KANTOR BUPATI');
    ctx.db.prepare("UPDATE person SET work_location = 'PUSKESMAS' WHERE id = ?").run(ids[7]);
    const before = auditCount();
    const r = await api.call('roster.bulkApply', { previewId: pv.previewId });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ code: 'CONFLICT', message: 'Data 1 pegawai berubah sejak pratinjau. Tidak ada yang disimpan; buat pratinjau lagi.' });
    expect(ctx.db.prepare("SELECT count(*) FROM person WHERE work_location = 'KANTOR BUPATI'").pluck().get()).toBe(0);
    expect(auditCount()).toBe(before);
  });

  it('refuses a bad value with the parser message, an empty selection, and roles other than hr and admin', async () => {
    const ids = await firstIds(5);
    const bad = await api.call('roster.bulkPreview', { selection: { kind: 'ids', personIds: ids }, field: 'postalCode', value: '348' });
    expect(bad.ok ? null : bad.error).toEqual({ code: 'INVALID_INPUT', message: 'Kode pos "348" harus 5 angka.' });
    const none = await api.call('roster.bulkPreview', { selection: { kind: 'filter', filter: { month: '2026-03', search: 'tidak ada nama seperti ini' } }, field: 'maritalStatus', value: 'T' });
    expect(none.ok ? null : none.error).toEqual({ code: 'INVALID_INPUT', message: 'Belum ada pegawai yang dipilih.' });
    // Email is not a bulk field: the schema refuses it.
    const email = await api.raw('roster.bulkPreview', { selection: { kind: 'ids', personIds: ids }, field: 'email', value: 'a@b.go.id' });
    expect(email.ok ? null : email.error.code).toBe('INVALID_INPUT');
    for (const role of ['finance', 'viewer'] as const) {
      await api.signInAs(role);
      const r = await api.call('roster.bulkPreview', { selection: { kind: 'ids', personIds: ids }, field: 'maritalStatus', value: 'Y' });
      expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
    }
    await api.signInAs('hr');
    const hr = await api.ok('roster.bulkPreview', { selection: { kind: 'ids', personIds: ids }, field: 'maritalStatus', value: 'Y' });
    expect(hr.changing).toBe(5);
    // Clearing a field for many is allowed: the value empty is null.
    await api.ok('roster.bulkApply', { previewId: hr.previewId });
    const clear = await api.ok('roster.bulkPreview', { selection: { kind: 'ids', personIds: ids }, field: 'maritalStatus', value: '' });
    expect(clear).toMatchObject({ value: null, changing: 5, groups: [{ from: 'Y', count: 5 }] });
  });
});
