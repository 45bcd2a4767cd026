import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { dumpStore, testContext } from '../helpers';
import { runCli } from '../cli-harness';
import { writeKpjCsv, writeKpjList } from '../fixtures/bpjs-files';
import { addEngagement, addNewcomers, addPerson, setupRoster, type RosterSetup, auditRows } from '../fixtures/bpjs-roster';
import { applyKpjImport, exportBatch, preflight, previewKpjImport } from '../../electron/core/bpjs/index';
import { pendingChanges } from '../../electron/core/bpjs/pending';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { outcome, overlapping } from '../store-gates';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

const kpjOf = async (id: number) => (await personRepo.row(storeOf(ctx), id))!.kpj;

/** What the branch does with a registration file: gives every row a KPJ. Read from the file Sigap wrote. */
async function branchAssigns(path: string, firstKpj: number): Promise<{ nik: string; name: string; kpj: string }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet('data_tk_baru')!;
  const head = (ws.getRow(1).values as string[]).slice(1);
  const out: { nik: string; name: string; kpj: string }[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = (h: string) => row.getCell(head.indexOf(h) + 1).value as string;
    out.push({ nik: v('NOMOR_IDENTITAS'), name: v('NAMA_LENGKAP'), kpj: String(firstKpj + n) });
  });
  return out;
}

describe('import of the branch participant list (KPJ)', () => {
  it('round trip: registration file -> branch list -> KPJ filled, people enrolled, nothing pending, all audited', async () => {
    const people = await addNewcomers(ctx, s, 5);
    const exported = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'out') });
    expect((await preflight(ctx)).awaitingKpj).toBe(5);
    const assigned = await branchAssigns(exported.files[0]!.path, 19_000_000_000);
    const list = join(ctx.dir, 'peserta.xlsx');
    await writeKpjList(list, assigned.map((a) => ({ ...a, since: new Date(Date.UTC(2026, 2, 1)) })));

    const pv = await previewKpjImport(ctx, list);
    expect([pv.rows, pv.updates.length, pv.errors, pv.warnings]).toEqual([5, 5, [], []]);
    const res = await applyKpjImport(ctx, pv);
    expect(res).toMatchObject({ applied: 5, kpjFilled: 5, kpjReplaced: 0 });
    for (const p of people) expect(await kpjOf(p.id)).toBe(assigned.find((a) => a.nik === p.nik)!.kpj);
    // The membership rows: no core read lists them, so through the store.
    const members = await storeOf(ctx).all<{ kpj: string; member_since: string }>(sql`SELECT person_id, kpj, member_since FROM bpjs_membership ORDER BY person_id`);
    expect(members).toHaveLength(5);
    expect(new Set(members.map((m) => m.member_since))).toEqual(new Set(['2026-03-01']));
    expect((await preflight(ctx)).awaitingKpj).toBe(0);
    expect(await pendingChanges(ctx, 'new', '2026-03-10')).toEqual([]);
    const audit = (await auditRows(ctx)).filter((a) => a.action === 'update' || a.action === 'import');
    expect(audit.filter((a) => a.entity === 'person')).toHaveLength(5);
    expect(audit.filter((a) => a.entity === 'bpjs_kpj_import')).toHaveLength(1);
  });

  it('reports unknown NIKs and name mismatches, replaces a different KPJ, and reads a csv the same way', async () => {
    const a = await addPerson(ctx, { name: 'Muhammad Rizky' });
    await addEngagement(ctx, a.id, { unit: s.dinas, category: s.pu });
    const b = await addPerson(ctx, { name: 'Dewi Lestari, S.Pd.', kpj: '11111111111' });
    await addEngagement(ctx, b.id, { unit: s.dinas, category: s.pu });
    const stranger = '1804015506950001';
    const csv = join(ctx.dir, 'peserta.csv');
    writeKpjCsv(csv, [
      { nik: a.nik, name: 'Muhamad Rizki', kpj: '22222222222', since: '01-03-2026' },
      { nik: b.nik, name: 'DEWI LESTARI', kpj: '33333333333', since: '' },
      { nik: stranger, name: 'Orang Lain', kpj: '44444444444', since: '01-03-2026' },
    ]);
    const pv = await previewKpjImport(ctx, csv);
    expect(pv.errors).toEqual([]);
    expect(pv.warnings.map((w) => [w.row, w.column, w.code])).toEqual([[2, 'C', 'NAME_MISMATCH'], [3, 'D', 'KPJ_CHANGED'], [4, 'B', 'NIK_UNKNOWN']]);
    expect(pv.warnings[0]!.message).toContain('Muhammad Rizky');
    const res = await applyKpjImport(ctx, pv);
    expect(res).toMatchObject({ applied: 2, kpjFilled: 1, kpjReplaced: 1 });
    expect([await kpjOf(a.id), await kpjOf(b.id)]).toEqual(['22222222222', '33333333333']);
    expect(await personRepo.byNik(storeOf(ctx), stranger)).toBeUndefined();
  });

  it('two lists giving the same KPJ to different NIKs, applied at once: the second is checked against the first and refused', async () => {
    const a = await addPerson(ctx);
    const b = await addPerson(ctx);
    const [first, second] = [join(ctx.dir, 'peserta-1.csv'), join(ctx.dir, 'peserta-2.csv')];
    writeKpjCsv(first, [{ nik: a.nik, name: a.name, kpj: '99999999901', since: '01-03-2026' }]);
    writeKpjCsv(second, [{ nik: b.nik, name: b.name, kpj: '99999999901', since: '01-03-2026' }]);
    const [pv1, pv2] = [await previewKpjImport(ctx, first), await previewKpjImport(ctx, second)];
    expect([pv1.errors, pv2.errors]).toEqual([[], []]);
    // The first list's KPJ is written and not yet committed when the second one is applied.
    const [one, two] = await overlapping(ctx, (c) => applyKpjImport(c, pv1), (c) => applyKpjImport(c, pv2));
    expect(one).toMatchObject({ applied: 1, kpjFilled: 1 });
    expect(outcome(two)).toMatch(/^IMPORT_INVALID_ROWS: 1 baris bermasalah; tidak ada yang disimpan\..*KPJ 99999999901 di Sigap tercatat milik/);
    expect([await kpjOf(a.id), await kpjOf(b.id)]).toEqual(['99999999901', null]);
  });

  it('is all or nothing: a numeric NIK, a bad KPJ, an unreadable date or a KPJ of someone else refuse the whole file', async () => {
    const a = await addPerson(ctx);
    await addEngagement(ctx, a.id, { unit: s.dinas, category: s.pu });
    const b = await addPerson(ctx);
    const owner = await addPerson(ctx, { kpj: '55555555555' });
    const list = join(ctx.dir, 'salah.xlsx');
    await writeKpjList(list, [
      { nik: a.nik, name: a.name, kpj: '66666666666', since: '01-03-2026' },
      { nik: Number(b.nik), name: b.name, kpj: '77777777777', since: null },
      { nik: b.nik, name: b.name, kpj: 'ABC', since: null },
      { nik: b.nik, name: b.name, kpj: '88888888888', since: '31-02-2026' },
      { nik: b.nik, name: b.name, kpj: '55555555555', since: null },
    ]);
    const before = await dumpStore(ctx);
    const pv = await previewKpjImport(ctx, list);
    expect(pv.errors.map((e) => [e.row, e.column, e.columnName, e.code])).toEqual([
      [4, 'B', 'NIK', 'NIK_NUMERIC'], [5, 'D', 'KPJ', 'KPJ_INVALID'], [6, 'E', 'TGL_KEPESERTAAN', 'DATE_INVALID'], [7, 'D', 'KPJ', 'KPJ_TAKEN'],
    ]);
    expect(pv.errors[3]!.message).toContain(owner.nik);
    await expect(applyKpjImport(ctx, pv)).rejects.toThrow(/4 baris bermasalah; tidak ada yang disimpan. Berkas "salah.xlsx", sheet "Daftar Peserta", baris 4, kolom B \(NIK\)/);
    expect(await dumpStore(ctx)).toEqual(before);

    const cli = await runCli(['import-kpj', list, '--json', '--db', ctx.dbPath]);
    expect(cli.code).toBe(1);
    expect(cli.json<{ applied: boolean; errors: unknown[] }>()).toMatchObject({ applied: false, errors: expect.any(Array) });
    expect(await dumpStore(ctx)).toEqual(before);
  });

  it('sigap import-kpj --dry-run writes nothing; without it the KPJs are stored', async () => {
    const a = await addPerson(ctx);
    await addEngagement(ctx, a.id, { unit: s.dinas, category: s.pu });
    const list = join(ctx.dir, 'ok.xlsx');
    await writeKpjList(list, [{ nik: a.nik, name: a.name, kpj: '99999999999', since: '02-03-2026' }]);
    const dry = await runCli(['import-kpj', list, '--dry-run', '--json', '--db', ctx.dbPath]);
    expect([dry.code, dry.json<{ applied: boolean; matched: number }>()]).toEqual([0, expect.objectContaining({ applied: false, matched: 1 })]);
    expect(await kpjOf(a.id)).toBeNull();
    const real = await runCli(['import-kpj', list, '--json', '--db', ctx.dbPath]);
    expect(real.code).toBe(0);
    expect(await kpjOf(a.id)).toBe('99999999999');
  });
});
