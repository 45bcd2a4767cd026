import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { previewSk, applyImport } from '../../electron/core/skimport/index';
import { queryRoster } from '../../electron/core/roster/query';
import { personDetail } from '../../electron/core/roster/detail';
import { personRepo } from '../../electron/core/roster/person-repository';
import { listAudit } from '../../electron/core/audit-query';
import { decreeRecords } from '../../electron/core/decree/records';
import { backupCopy } from '../../electron/core/backup/backup-file-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { SigapError } from '../../shared/errors';
import { fxPersons, writeMessyAppendix, type FxPerson } from '../fixtures/sk-workbook';
import { testContext, dumpStore } from '../helpers';

let ctx: ReturnType<typeof testContext>;
beforeEach(() => {
  ctx = testContext();
});
afterEach(() => ctx.close());

const UNITS = ['Dinas Sosial', 'Dinas Kesehatan', 'Sekretariat DPRD'];

async function importFile(persons: FxPerson[], number: string, tmt: string, extra: Parameters<typeof writeMessyAppendix>[2] = {}, skipInvalid = false) {
  const w = await writeMessyAppendix(join(ctx.dir, `${number.replace(/\W/g, '_')}.xlsx`), persons, { number, date: tmt, twoRowHeader: true, numberRow: true, ...extra });
  const pv = await previewSk(ctx, { path: w.path, tmt });
  return { w, pv, apply: () => applyImport(ctx, pv, { skipInvalid, createUnits: true }) };
}

describe('applying an SK', () => {
  it('creates persons, OPDs and engagements, and the roster shows them in the TMT month', async () => {
    const persons = fxPersons(30, UNITS);
    const { pv, apply } = await importFile(persons, '800/1/2026', '2026-01-01');
    expect(pv.blocking).toEqual([]);
    expect(pv.accepted).toBe(30);
    expect(pv.newUnits).toEqual([...UNITS].sort());
    expect(pv.diff.added).toHaveLength(30);
    const res = await apply();
    expect(res).toMatchObject({ persons: 30, created: 30, updated: 0, ended: 0, newUnits: 3 });
    const jan = await queryRoster(ctx, { month: '2026-01' });
    expect(jan.total).toBe(30);
    expect(jan.rows.find((r) => r.nik === persons[0]!.nik)).toMatchObject({ name: persons[0]!.name, opd: persons[0]!.unit, honor: persons[0]!.honor, decreeNumber: '800/1/2026', endDate: '2026-12-31' });
    expect((await queryRoster(ctx, { month: '2025-12' })).total).toBe(0);
    let n = 0;
    for (const entity of ['person', 'engagement', 'decree', 'opd']) n += (await listAudit(ctx, { entity })).total;
    const audits = { n };
    // One row per new person (with the engagement the SK gives them), one for the decree, one per new OPD.
    expect(audits.n).toBe(30 + 1 + 3);
  });

  it('shows added, removed, moved and honor changes against the previous SK, and applies them', async () => {
    const first = fxPersons(10, UNITS);
    await importFile(first, 'SK-1', '2026-01-01').then((x) => x.apply());
    const second = first.slice(0, 8).map((p) => ({ ...p }));
    second[0]!.unit = 'Dinas Kesehatan' === second[0]!.unit ? 'Dinas Sosial' : 'Dinas Kesehatan';
    second[1]!.honor += 250_000;
    const newcomers = fxPersons(2, UNITS, 99, 700_000);
    const { pv, apply } = await importFile([...second, ...newcomers], 'SK-2', '2026-07-01');
    expect(pv.blocking).toEqual([]);
    expect(pv.diff.added.map((a) => a.nik).sort()).toEqual(newcomers.map((p) => p.nik).sort());
    expect(pv.diff.removed.map((a) => a.nik).sort()).toEqual([first[8]!.nik, first[9]!.nik].sort());
    expect(pv.diff.changed).toEqual([
      expect.objectContaining({ nik: second[0]!.nik, moved: true, honorChanged: false, fromOpd: first[0]!.unit, toOpd: second[0]!.unit }),
      expect.objectContaining({ nik: second[1]!.nik, moved: false, honorChanged: true, fromHonor: first[1]!.honor, toHonor: second[1]!.honor }),
    ]);
    expect(pv.diff.unchanged).toBe(6);
    const res = await apply();
    expect(res.ended).toBe(10);
    const june = await queryRoster(ctx, { month: '2026-06' });
    const july = await queryRoster(ctx, { month: '2026-07' });
    expect(june.total).toBe(10);
    expect(july.total).toBe(10);
    expect(july.rows.map((r) => r.nik)).not.toContain(first[9]!.nik);
    expect(july.rows.find((r) => r.nik === second[0]!.nik)!.opd).toBe(second[0]!.unit);
    expect(july.rows.find((r) => r.nik === second[1]!.nik)!.honor).toBe(second[1]!.honor);
    const gone = (await personDetail(ctx, (await personRepo.byNik(storeOf(ctx), first[9]!.nik))!.id)).engagements;
    expect(gone).toHaveLength(1);
    const removed = { end_date: gone[0]!.endDate, end_reason: gone[0]!.endReason };
    expect(removed).toEqual({ end_date: '2026-06-30', end_reason: 'Tidak tercantum dalam SK SK-2' });
  });

  it('writes nothing when rows are invalid, unless asked to skip them', async () => {
    const persons = fxPersons(6, UNITS);
    const bad = { cell: (i: number, p: FxPerson) => (i === 2 ? { nik: Number(p.nik) } : {}) };
    const before = await dumpStore(ctx);
    const { pv, apply } = await importFile(persons, 'SK-BAD', '2026-01-01', bad);
    expect(pv.rejected.map((p) => p.code)).toEqual(['NIK_NUMERIC']);
    await expect(apply()).rejects.toThrow(SigapError);
    expect(await dumpStore(ctx)).toEqual(before);
    const res = await applyImport(ctx, pv, { skipInvalid: true, createUnits: true });
    expect(res.persons).toBe(5);
  });

  it('rolls back everything when a failure happens mid-apply', async () => {
    await importFile(fxPersons(5, UNITS), 'SK-A', '2026-01-01').then((x) => x.apply());
    const before = await dumpStore(ctx);
    const { pv } = await importFile(fxPersons(20, UNITS, 3, 800_000), 'SK-B', '2026-03-01');
    await expect(applyImport(ctx, pv, { failAfter: 12, createUnits: true })).rejects.toThrow('injected failure');
    expect(await dumpStore(ctx)).toEqual(before);
    // SQLite's own check of the file (PostgreSQL has no such file to check).
    if (storeOf(ctx).engine === 'sqlite') expect(await backupCopy.integrity(storeOf(ctx))).toBe('ok');
  });

  it('refuses the same decree number or the same file twice', async () => {
    const persons = fxPersons(3, UNITS);
    const { w, apply } = await importFile(persons, 'SK-X', '2026-01-01');
    await apply();
    const again = await previewSk(ctx, { path: w.path, tmt: '2026-01-01' });
    expect(again.blocking.map((b) => b.code).sort()).toEqual(['DECREE_EXISTS', 'DECREE_FILE_EXISTS']);
  });

  it('rejects a NIK still active in another category', async () => {
    const persons = fxPersons(3, UNITS);
    await importFile(persons, 'SK-PU', '2026-01-01').then((x) => x.apply());
    const w = await writeMessyAppendix(join(ctx.dir, 'rentan.xlsx'), [persons[0]!, ...fxPersons(2, ['Pekon Sebarus'], 5, 900_000)], { number: 'SK-BPU', twoRowHeader: true });
    const pv = await previewSk(ctx, { path: w.path, tmt: '2026-02-01', category: 'rentan' });
    expect(pv.decree?.category.segment).toBe('BPU');
    expect(pv.rejected.map((p) => [p.code, p.row])).toEqual([['NIK_ACTIVE_OTHER', w.rows[0]]]);
  });

  it('an amendment adds people without ending the others', async () => {
    const first = fxPersons(4, UNITS);
    await importFile(first, 'SK-1', '2026-01-01').then((x) => x.apply());
    const extra = fxPersons(2, UNITS, 11, 900_000);
    const w = await writeMessyAppendix(join(ctx.dir, 'amend.xlsx'), extra, { number: 'SK-1a', twoRowHeader: true });
    const pv = await previewSk(ctx, { path: w.path, tmt: '2026-04-01', mode: 'amend' });
    expect(pv.diff.removed).toEqual([]);
    await applyImport(ctx, pv, { createUnits: true });
    expect((await queryRoster(ctx, { month: '2026-04' })).total).toBe(6);
    expect((await queryRoster(ctx, { month: '2026-03' })).total).toBe(4);
  });

  it('checks again at apply time when the roster changed after the preview', async () => {
    const persons = fxPersons(3, UNITS);
    const { pv } = await importFile(persons, 'SK-LATE', '2026-01-01');
    expect(pv.rejected).toEqual([]);
    // Meanwhile someone imports the same person as pekerja rentan.
    const w = await writeMessyAppendix(join(ctx.dir, 'other.xlsx'), [persons[0]!], { number: 'SK-OTHER', twoRowHeader: true });
    await applyImport(ctx, await previewSk(ctx, { path: w.path, tmt: '2026-01-01', category: 'rentan' }), { createUnits: true });
    await expect(applyImport(ctx, pv, { createUnits: true })).rejects.toThrow(SigapError);
    expect((await decreeRecords(ctx)).filter((d) => d.number === 'SK-LATE')).toHaveLength(0);
  });
});
