/**
 * Unit names through the SK importer's core: the preview says what each name read maps to, the apply
 * step creates a unit only on request and remembers the clerk's matches as audited aliases.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { previewSk, applyImport } from '../../electron/core/skimport/index';
import { createOpd } from '../../electron/core/roster/units';
import { deleteUnitAlias, listUnitAliases, saveUnitAlias } from '../../electron/core/roster/unit-aliases';
import { SigapError } from '../../shared/errors';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { personDetail } from '../../electron/core/roster/detail';
import { personRepo } from '../../electron/core/roster/person-repository';
import { rosterCounts } from '../../electron/core/roster/counts-repository';
import { listAudit } from '../../electron/core/audit-query';
import { storeOf } from '../../electron/core/store/of-context';
import { dumpStore, testContext } from '../helpers';

let ctx: ReturnType<typeof testContext>;
let ids: Record<string, number>;
beforeEach(async () => {
  ctx = testContext();
  ids = {};
  for (const name of ['Dinas Kesehatan', 'Kecamatan Balik Bukit', 'Dinas Pendidikan dan Kebudayaan', 'Dinas Sosial']) ids[name] = await createOpd(ctx, { name });
});
afterEach(() => ctx.close());

const READ = ['DINKES', 'KEC. BALIK BUKIT', 'DINAS PENDIDIKAN', 'Dinas Sosial', 'Dinas Pemadam Kebakaran'];

async function preview(number: string, tmt = '2026-01-01', serialBase = 600_000) {
  const persons = fxPersons(10, READ, 5, serialBase);
  const w = await writeMessyAppendix(join(ctx.dir, `${number.replace(/\W/g, '_')}.xlsx`), persons, { number, date: tmt });
  return { persons, pv: await previewSk(ctx, { path: w.path, tmt, mode: 'amend' }) };
}

/** The unit of the person's one engagement (each has exactly one when this is asked). */
async function opdOf(nik: string) {
  const all = (await personDetail(ctx, (await personRepo.byNik(storeOf(ctx), nik))!.id)).engagements;
  expect(all).toHaveLength(1);
  return all[0]!.opd;
}
/** The unit_alias audit rows, oldest first (listAudit gives the newest first). */
const aliasAudits = async () => (await listAudit(ctx, { entity: 'unit_alias' })).rows.reverse();

describe('unit names in an SK import', () => {
  it('the preview maps each name read: exact, proposed with a confidence, or new; the diff shows the unit it resolves to', async () => {
    const { pv, persons } = await preview('SK/U/1');
    const by = Object.fromEntries(pv.units.map((u) => [u.read, u]));
    expect(by['DINKES']).toMatchObject({ status: 'proposed', opdId: ids['Dinas Kesehatan'], opdName: 'Dinas Kesehatan', via: 'abbreviation', rows: 2 });
    expect(by['KEC. BALIK BUKIT']).toMatchObject({ status: 'proposed', opdName: 'Kecamatan Balik Bukit', via: 'abbreviation' });
    expect(by['DINAS PENDIDIKAN']).toMatchObject({ status: 'proposed', opdName: 'Dinas Pendidikan dan Kebudayaan', via: 'similar' });
    expect(by['DINAS PENDIDIKAN']!.confidence).toBeGreaterThan(0.6);
    expect(by['DINAS PENDIDIKAN']!.confidence).toBeLessThan(1);
    expect(by['Dinas Sosial']).toMatchObject({ status: 'exact', opdId: ids['Dinas Sosial'], confidence: 1 });
    expect(by['Dinas Pemadam Kebakaran']).toMatchObject({ status: 'new', opdId: null, confidence: 0 });
    expect(pv.newUnits).toEqual(['DINAS PENDIDIKAN', 'DINKES', 'Dinas Pemadam Kebakaran', 'KEC. BALIK BUKIT']);
    expect(pv.diff.added.find((a) => a.nik === persons[0]!.nik)!.opd).toBe('Dinas Kesehatan');
  });

  it('refuses to apply while any name is undecided, and writes nothing', async () => {
    const { pv } = await preview('SK/U/2');
    const before = await dumpStore(ctx);
    await expect(applyImport(ctx, pv)).rejects.toThrow(SigapError);
    await expect(applyImport(ctx, pv)).rejects.toThrow(/"DINKES" \(usulan: Dinas Kesehatan\)/);
    // Accepting the proposals leaves the name with no proposal; asking for new units leaves the proposals.
    await expect(applyImport(ctx, pv, { acceptProposals: true })).rejects.toThrow(/1 nama unit kerja .*"Dinas Pemadam Kebakaran" \(belum ada\)/);
    await expect(applyImport(ctx, pv, { createUnits: true })).rejects.toThrow(/3 nama unit kerja/);
    expect(await dumpStore(ctx)).toEqual(before);
  });

  it('applies the clerk\'s choices, creates only the unit asked for, and remembers the matches as audited aliases', async () => {
    const { pv, persons } = await preview('SK/U/3');
    const res = await applyImport(ctx, pv, { acceptProposals: true, units: { 'Dinas Pemadam Kebakaran': 'new', 'dinas pendidikan': ids['Dinas Kesehatan']! } });
    expect(res.newUnits).toBe(1);
    const nik = (read: string) => persons.find((p) => p.unit === read)!.nik;
    expect(await opdOf(nik('DINKES'))).toBe('Dinas Kesehatan');
    expect(await opdOf(nik('KEC. BALIK BUKIT'))).toBe('Kecamatan Balik Bukit');
    expect(await opdOf(nik('DINAS PENDIDIKAN'))).toBe('Dinas Kesehatan'); // the clerk's choice beats the proposal
    expect(await opdOf(nik('Dinas Pemadam Kebakaran'))).toBe('Dinas Pemadam Kebakaran');
    expect((await rosterCounts(storeOf(ctx))).opds).toBe(5);
    expect((await listUnitAliases(ctx)).map((a) => [a.alias, a.opdName])).toEqual([
      ['DINAS PENDIDIKAN', 'Dinas Kesehatan'], ['DINKES', 'Dinas Kesehatan'], ['KEC. BALIK BUKIT', 'Kecamatan Balik Bukit'],
    ]);
    const audits = await aliasAudits();
    expect(audits).toEqual([
      expect.objectContaining({ actor: 'test', action: 'create', summary: 'Alias "DINAS PENDIDIKAN" -> Dinas Kesehatan' }),
      expect.objectContaining({ action: 'create', summary: 'Alias "DINKES" -> Dinas Kesehatan' }),
      expect.objectContaining({ action: 'create', summary: 'Alias "KEC. BALIK BUKIT" -> Kecamatan Balik Bukit' }),
    ]);

    // The next SK with the same names needs no decision: aliases and the new unit are known now.
    const next = await preview('SK/U/4', '2026-03-01', 610_000);
    expect(Object.fromEntries(next.pv.units.map((u) => [u.read, u.status]))).toEqual({
      'DINAS PENDIDIKAN': 'alias', DINKES: 'alias', 'Dinas Pemadam Kebakaran': 'exact', 'Dinas Sosial': 'exact', 'KEC. BALIK BUKIT': 'alias',
    });
    expect(next.pv.newUnits).toEqual([]);
    expect((await applyImport(ctx, next.pv)).newUnits).toBe(0);
  });

  it('an alias is never a unit\'s own name, can be pointed elsewhere and removed, each change audited', async () => {
    await expect(saveUnitAlias(ctx, 'dinas sosial', ids['Dinas Kesehatan']!)).rejects.toThrow(/unit lain \(Dinas Sosial\)/);
    await expect(saveUnitAlias(ctx, 'Dinas Kesehatan', ids['Dinas Kesehatan']!)).rejects.toThrow(/tidak perlu alias/);
    await expect(saveUnitAlias(ctx, ' .. ', ids['Dinas Kesehatan']!)).rejects.toThrow(/kosong/);
    const { id } = await saveUnitAlias(ctx, 'Diskes', ids['Dinas Kesehatan']!);
    expect(await saveUnitAlias(ctx, 'DISKES', ids['Dinas Sosial']!)).toEqual({ id, changed: true });
    expect(await listUnitAliases(ctx)).toEqual([expect.objectContaining({ alias: 'DISKES', opdName: 'Dinas Sosial', createdBy: 'test' })]);
    await deleteUnitAlias(ctx, id);
    expect(await listUnitAliases(ctx)).toEqual([]);
    await expect(deleteUnitAlias(ctx, id)).rejects.toThrow(/tidak ada/);
    expect((await aliasAudits()).map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});
