/** The one-step fill and the required marks over the bridge, as the Pelaporan BPJS screen calls them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { bridge, testHost } from '../api-harness';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { fillPersonField } from '../../electron/core/bpjs/fill-required';
import { listAudit } from '../../electron/core/audit-query';
import { nowIso } from '../../electron/core/context';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { outcome, overlapping } from '../store-gates';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
let api: ReturnType<typeof bridge>;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
  api = bridge(ctx, testHost());
});
afterEach(() => ctx.close());

const newcomer = async (spec: Parameters<typeof addPerson>[1]) => {
  const p = await addPerson(ctx, spec);
  await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu });
  return p;
};

describe('required columns over the bridge', () => {
  it('preflight lines, the people, a fixed value for all, and the profile check of a copy', async () => {
    const [a, b] = [await newcomer({ maritalStatus: null }), await newcomer({ maritalStatus: null })];
    await newcomer({});
    const k = (await api.ok('bpjs.preflight', {})).kinds.find((x) => x.kind === 'new')!;
    expect(k.requiredMissing).toEqual([{ column: 'STATUS_KAWIN', field: 'maritalStatus', count: 2, fillable: 'maritalStatus' }]);
    const people = await api.ok('bpjs.requiredPeople', { kind: 'new', column: 'STATUS_KAWIN' });
    expect(people.people.map((p) => p.personId).sort()).toEqual([a.id, b.id].sort());

    // A copy that does not require STATUS_KAWIN lets both through; the built-in still blocks them.
    await api.ok('bpjs.profileCopy', { from: 'sipp-tk-baru', name: 'Longgar' });
    const edited = await api.ok('bpjs.profileEdit', { name: 'Longgar', require: [{ header: 'STATUS_KAWIN', required: false }] });
    expect(edited.columns.filter((c) => c.required).map((c) => c.header)).toEqual(['LOKASI_PEKERJAAN']);
    expect(await api.ok('bpjs.profileCheck', { kind: 'new', profile: 'Longgar' })).toMatchObject({ pending: 3, ready: 3, blockedCount: 0, requiredMissing: [] });

    // Both ways at once, or neither, is refused; then one value for everyone missing it.
    expect(await api.call('bpjs.fillRequired', { field: 'maritalStatus' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await api.call('bpjs.fillRequired', { field: 'maritalStatus', all: { kind: 'new', column: 'STATUS_KAWIN', value: 'kawin ganda' } }))
      .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Status kawin "kawin ganda" tidak dikenal/) } });
    expect(await api.ok('bpjs.fillRequired', { field: 'maritalStatus', all: { kind: 'new', column: 'STATUS_KAWIN', value: 'Y' } })).toEqual({ field: 'maritalStatus', changed: 2, unchanged: 0 });
    expect((await api.ok('bpjs.preflight', {})).kinds.find((x) => x.kind === 'new')!.requiredMissing).toEqual([]);
    expect(await api.call('bpjs.fillRequired', { field: 'maritalStatus', all: { kind: 'new', column: 'STATUS_KAWIN', value: 'Y' } }))
      .toMatchObject({ ok: false, error: { message: expect.stringMatching(/sudah terisi untuk semua orang/) } });
  });

  it("a fill while another clerk's edit of the same person commits: audits the value it replaced", async () => {
    const [a, b] = [await newcomer({ maritalStatus: null }), await newcomer({ maritalStatus: null })];
    // The other clerk sets a's status (not yet committed) when the fill starts.
    const [, fill] = await overlapping(
      ctx,
      (c) => storeOf(c).tx('write', (q) => personRepo.update(q, a.id, { marital_status: 'T' }, nowIso(ctx))),
      (c) => fillPersonField(c, 'maritalStatus', [{ personId: a.id, value: 'Y' }, { personId: b.id, value: 'Y' }]),
    );
    expect(fill.status === 'fulfilled' ? fill.value : outcome(fill)).toEqual({ field: 'maritalStatus', changed: 2, unchanged: 0 });
    // The fill read a's row after the edit committed: its "before" is T, the value it replaced, not the empty one.
    const rows = (await listAudit(ctx, { entity: 'person' })).rows.filter((r) => r.summary?.includes('isi sekaligus'));
    expect(rows.find((r) => r.entityId === a.id)).toMatchObject({ before: { marital_status: 'T' }, after: { marital_status: 'Y' } });
    expect(rows.find((r) => r.entityId === b.id)).toMatchObject({ before: { marital_status: null }, after: { marital_status: 'Y' } });
  });
});
