/**
 * Bulk edit on a roster selection through the bridge (gate, schema, handlers, core): the preview's
 * counts, all-or-nothing apply with one audit row per person changed, the filtered list sent as a filter,
 * a preview the roster moved away from, bad values and roles that may not.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { seedDemo } from '../../electron/core/demo/index';
import { bridge, testHost } from '../api-harness';
import { storeOf } from '../../electron/core/store/of-context';
import { sql, sqlJoin } from '../../electron/core/store/sql';
import { nowIso } from '../../electron/core/context';
import { personRepo } from '../../electron/core/roster/person-repository';
import { personDetailRepo } from '../../electron/core/roster/person-detail-repository';
import { listOpds } from '../../electron/core/roster/units';
import { applyBulkEdit, planBulkEdit } from '../../electron/core/roster/bulk-edit';
import { outcome, overlapping } from '../store-gates';

let ctx: ReturnType<typeof testContext>;
let api: ReturnType<typeof bridge>;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  await seedDemo(ctx, { persons: 60, year: 2026 });
  api = bridge(ctx, testHost());
  await api.ready;
});
afterEach(() => ctx.close());

const marital = async (id: number) => (await personRepo.row(storeOf(ctx), id))!.marital_status;
const maritals = (ids: number[]) => Promise.all(ids.map(marital));
/** Set one contact column of one person, as the app's own person writes do. */
const setPerson = (id: number, changes: Parameters<typeof personRepo.update>[2]) => personRepo.update(storeOf(ctx), id, changes, nowIso(ctx));
/** Audit rows of bulk edits: no core read counts them by summary. */
const auditCount = async () => (await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'person' AND summary LIKE '%(ubah massal)'`))!.n;

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
    for (const id of ids.slice(0, 3)) await setPerson(id, { marital_status: 'Y' });
    for (const id of ids.slice(3, 5)) await setPerson(id, { marital_status: 'T' });
    const pv = await api.ok('roster.bulkPreview', { selection: { kind: 'ids', personIds: ids }, field: 'maritalStatus', value: 'Kawin' });
    expect(pv).toMatchObject({ field: 'maritalStatus', label: 'Status kawin', value: 'Y', selected: 40, changing: 37, unchanged: 3 });
    expect(pv.groups).toEqual([{ from: null, count: 35 }, { from: 'T', count: 2 }]);
    expect(pv.people.map((p) => p.personId)).toEqual(ids.slice(3));
    // Nothing is written by a preview.
    expect((await maritals(ids)).filter((m) => m === 'Y')).toHaveLength(3);

    const before = await auditCount();
    expect(await api.ok('roster.bulkApply', { previewId: pv.previewId })).toEqual({ changed: 37 });
    expect((await maritals(ids)).every((m) => m === 'Y')).toBe(true);
    expect((await auditCount()) - before).toBe(37);
    // The person's newest audit row about the person itself (the trail is newest first).
    const row = (await personDetailRepo.trail(storeOf(ctx), ids[3]!, [])).find((a) => a.entity === 'person' && a.entityId === ids[3]);
    expect(row).toMatchObject({ actor: 'admin', action: 'update', beforeJson: '{"marital_status":"T"}', afterJson: '{"marital_status":"Y"}' });
    // Someone outside the selection is untouched.
    const outside = (await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM person WHERE marital_status IS NOT NULL AND id NOT IN (${sqlJoin(ids)})`))!.n;
    expect(outside).toBe(0);
    // The preview is used up.
    const again = await api.call('roster.bulkApply', { previewId: pv.previewId });
    expect(again.ok ? null : again.error.code).toBe('NOT_FOUND');
  });

  it('"all shown" travels as the filter (less those unticked) and means exactly the list on screen', async () => {
    const opdId = (await listOpds(ctx)).find((o) => o.name === 'Dinas Kesehatan')!.id;
    const filter = { month: '2026-03', opdId, sort: 'name' as const };
    const shown = await api.ok('roster.list', { ...filter, limit: 1000 });
    expect(shown.total).toBeGreaterThan(2);
    const except = [shown.rows[0]!.personId];
    const pv = await api.ok('roster.bulkPreview', { selection: { kind: 'filter', filter, except }, field: 'postalCode', value: ' 34.812 ' });
    expect(pv).toMatchObject({ value: '34812', selected: shown.total - 1, changing: shown.total - 1 });
    await api.ok('roster.bulkApply', { previewId: pv.previewId });
    const coded = (await storeOf(ctx).all<{ id: number }>(sql`SELECT id FROM person WHERE postal_code = '34812' ORDER BY id`)).map((r) => r.id);
    expect(coded).toEqual(shown.rows.slice(1).map((r) => r.personId).sort((a, b) => a - b));
  });

  it('writes nothing when a person changed since the preview, and names how many', async () => {
    const ids = await firstIds(10);
    const pv = await api.ok('roster.bulkPreview', { selection: { kind: 'ids', personIds: ids }, field: 'workLocation', value: 'kantor bupati' });
    expect(pv.value).toBe('KANTOR BUPATI');
    await setPerson(ids[7]!, { work_location: 'PUSKESMAS' });
    const before = await auditCount();
    const r = await api.call('roster.bulkApply', { previewId: pv.previewId });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ code: 'CONFLICT', message: 'Data 1 pegawai berubah sejak pratinjau. Tidak ada yang disimpan; buat pratinjau lagi.' });
    expect((await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM person WHERE work_location = 'KANTOR BUPATI'`))!.n).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it("another clerk's edit committing while the apply runs: refused as moved, the edit kept", async () => {
    const ids = await firstIds(5);
    const plan = await planBulkEdit(ctx, { kind: 'ids', personIds: ids }, 'maritalStatus', 'Kawin');
    expect(plan.changes).toHaveLength(5);
    const before = await auditCount();
    // The other clerk's write of one of them is made and not yet committed when the apply starts.
    const [, apply] = await overlapping(
      ctx,
      (c) => storeOf(c).tx('write', (q) => personRepo.update(q, ids[2]!, { marital_status: 'T' }, nowIso(ctx))),
      (c) => applyBulkEdit(c, plan),
    );
    // Checked against the committed edit, not against what the preview saw: nothing written, the edit stands.
    expect(outcome(apply)).toBe('CONFLICT: Data 1 pegawai berubah sejak pratinjau. Tidak ada yang disimpan; buat pratinjau lagi.');
    expect(await maritals(ids)).toEqual([null, null, 'T', null, null]);
    expect(await auditCount()).toBe(before);
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
