/**
 * A later SK must not bring a dead person back onto the roster (and so into billing): the preview
 * rejects a row whose NIK belongs to someone with a recorded death before the row's TMT.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { previewSk, applyImport } from '../../electron/core/skimport/index';
import { queryRoster } from '../../electron/core/roster/query';
import { endEngagement } from '../../electron/core/roster/person';
import { saveIncident } from '../../electron/core/coverage/index';
import { invoiceLines, listInvoices, runBilling } from '../../electron/core/billing/index';
import { fxPersons, writeMessyAppendix, type FxPerson } from '../fixtures/sk-workbook';
import { personDetail } from '../../electron/core/roster/detail';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { dumpStore, testContext } from '../helpers';
import { setLockMinutes } from '../../electron/core/auth/session';

let ctx: ReturnType<typeof testContext>;
beforeEach(() => {
  ctx = testContext('2026-06-20T03:00:00Z');
});
afterEach(() => ctx.close());

const UNITS = ['Dinas Sosial', 'Dinas Kesehatan'];

async function preview(persons: FxPerson[], number: string, tmt: string) {
  const w = await writeMessyAppendix(join(ctx.dir, `${number.replace(/\W/g, '_')}.xlsx`), persons, { number, date: tmt, twoRowHeader: true, numberRow: true });
  return { w, pv: await previewSk(ctx, { path: w.path, tmt }) };
}

const personId = async (nik: string) => (await personRepo.byNik(storeOf(ctx), nik))!.id;
/** The person's one engagement (each has exactly one when this is asked). */
const engagementOf = async (nik: string) => {
  const all = (await personDetail(ctx, await personId(nik))).engagements;
  expect(all).toHaveLength(1);
  return all[0]!.id;
};

describe('an SK listing a person who died', () => {
  it('rejects the rows of people with a recorded death before the TMT, and the roster and billing leave them out', async () => {
    const persons = fxPersons(6, UNITS);
    const first = await preview(persons, 'SK-1/2026', '2026-01-01');
    await applyImport(ctx, first.pv, { createUnits: true });
    const [byIncident, byRoster, alive] = persons as [FxPerson, FxPerson, FxPerson];
    const incidentId = (await saveIncident(ctx, { personId: await personId(byIncident.nik), kind: 'work_death', date: '2026-03-10' })).id;
    // A death entered on the roster only (ended with the reason), no incident.
    await endEngagement(ctx, await engagementOf(byRoster.nik), '2026-04-05', 'Meninggal dunia');
    // Someone who left for another reason may come back.
    await endEngagement(ctx, await engagementOf(alive.nik), '2026-04-30', 'Mengundurkan diri');

    const { w, pv } = await preview(persons, 'SK-2/2026', '2026-07-01');
    expect(pv.blocking).toEqual([]);
    const deceased = pv.rejected.filter((p) => p.code === 'NIK_DECEASED');
    expect(deceased).toEqual([
      expect.objectContaining({
        row: w.rows[0], nik: byIncident.nik, severity: 'error',
        message: `NIK ${byIncident.nik} tercatat meninggal dunia pada 10 Maret 2026 (kejadian #${incidentId}). Hapus dari lampiran SK, atau perbaiki catatan kejadian bila keliru.`,
      }),
      expect.objectContaining({
        row: w.rows[1], nik: byRoster.nik,
        message: `NIK ${byRoster.nik} tercatat meninggal dunia pada 5 April 2026 (penugasan diakhiri dengan alasan "Meninggal dunia"). Hapus dari lampiran SK, atau perbaiki catatan kejadian bila keliru.`,
      }),
    ]);
    expect(pv.rejected).toHaveLength(2);
    expect(pv.accepted).toBe(4);
    expect(pv.diff.added.map((a) => a.nik)).toEqual([alive.nik]);

    // Without --skip-invalid nothing is written; with it, the four living people are on the July roster.
    await expect(applyImport(ctx, pv, { createUnits: true })).rejects.toThrow(/2 masalah/);
    await applyImport(ctx, pv, { skipInvalid: true, createUnits: true });
    const july = (await queryRoster(ctx, { month: '2026-07' })).rows.map((r) => r.nik).sort();
    expect(july).toEqual(persons.slice(2).map((p) => p.nik).sort());
    await runBilling(ctx, { month: '2026-07' });
    const billed: string[] = [];
    for (const i of await listInvoices(ctx, { month: '2026-07' })) billed.push(...(await invoiceLines(ctx, i.id)).map((l) => l.nik));
    expect([...billed].sort()).toEqual(july);
  });

  it('finds the same rejected rows again when the roster moved between the preview and the apply', async () => {
    const persons = fxPersons(4, UNITS, 21, 700_000);
    await applyImport(ctx, (await preview(persons, 'SK-1/2026', '2026-01-01')).pv, { createUnits: true });
    await saveIncident(ctx, { personId: await personId(persons[0]!.nik), kind: 'death', date: '2026-03-10' });
    const { pv } = await preview(persons, 'SK-2/2026', '2026-07-01');
    expect(pv.rejected.map((p) => p.code)).toEqual(['NIK_DECEASED']);
    // Another clerk writes meanwhile: the apply checks the file again inside its transaction, and must
    // find the dead person's row again (not take the rows the first check left as the whole file).
    await setLockMinutes(ctx, 20);
    const before = await dumpStore(ctx);
    await expect(applyImport(ctx, pv, { createUnits: true })).rejects.toThrow(/1 masalah/);
    expect(await dumpStore(ctx)).toEqual(before);
    const r = await applyImport(ctx, pv, { skipInvalid: true, createUnits: true });
    expect(r).toMatchObject({ number: 'SK-2/2026', persons: 3 });
    expect((await queryRoster(ctx, { month: '2026-07' })).rows.map((x) => x.nik).sort()).toEqual(persons.slice(1).map((p) => p.nik).sort());
  });

  it('accepts a row whose TMT is not after the death (an SK dated before the person died)', async () => {
    const persons = fxPersons(3, UNITS, 11, 600_000);
    await applyImport(ctx, (await preview(persons, 'SK-A/2026', '2026-01-01')).pv, { createUnits: true });
    await saveIncident(ctx, { personId: await personId(persons[0]!.nik), kind: 'death', date: '2026-05-15' });
    // An amending SK with TMT 1 May, before the death on 15 May: not a resurrection.
    const w = await writeMessyAppendix(join(ctx.dir, 'amend.xlsx'), persons.slice(1), { number: 'SK-B/2026', date: '2026-05-01', twoRowHeader: true, numberRow: true });
    const pv = await previewSk(ctx, { path: w.path, tmt: '2026-05-01', mode: 'amend' });
    expect(pv.rejected.filter((p) => p.code === 'NIK_DECEASED')).toEqual([]);
    const pv2 = (await preview(persons.slice(0, 1), 'SK-C/2026', '2026-05-15')).pv;
    expect(pv2.rejected.filter((p) => p.code === 'NIK_DECEASED')).toEqual([]);
  });
});
