/**
 * BPJS files per NPP (bpjs/export.ts): each SIPP Online account takes only its own people, so an export
 * writes one batch per NPP, with the NPP in each file's name (and in the NPP column of the wage-change
 * file), each NPP's files in a folder named after it when there are several. Read back with exceljs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { testContext } from '../helpers';
import { runCli } from '../cli-harness';
import { addEngagement, addPerson, NPP, setEmployerNpp, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { exportBatch, listBatches, pendingChanges } from '../../electron/core/bpjs/index';
import { saveRegistration } from '../../electron/core/settings/registrations';
import { categoryRepo } from '../../electron/core/roster/category-repository';
import { opdRepo } from '../../electron/core/settings/employer-repository';
import { storeOf } from '../../electron/core/store/of-context';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
let out: string;
let rsud: number;
const RSUD_NPP = '18040099';

beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
  out = join(ctx.dir, 'out');
  rsud = await saveRegistration(ctx, { npp: RSUD_NPP, name: 'RSUD Liwa (BLUD)', jkkClass: 2 });
});
afterEach(() => ctx.close());

/** Column values of a sheet's data rows, by header. */
async function readRows(path: string): Promise<{ sheet: string; rows: Record<string, string>[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value === null ? '' : String(row.getCell(i + 1).value)])));
  });
  return { sheet: ws.name, rows };
}

describe('BPJS files per NPP', () => {
  it('newcomers under two NPPs: one batch and one folder per NPP, the NPP in each file name', async () => {
    // Two in Dinas Sosial (the Pemda's NPP); one in Dinas Sosial under a category with the RSUD's NPP;
    // one in the village unit moved to the RSUD's NPP (the unit's registration wins over the category).
    const blud = await categoryRepo.insert(storeOf(ctx), { name: 'Tenaga BLUD', segment: 'PU', programs: 'JKK,JKM', jkkClass: null, enrolled: true, registrationId: rsud });
    await opdRepo.update(storeOf(ctx), s.pekon.id, { registration_id: rsud });
    const a = await addPerson(ctx, { name: 'Ani Pemda' });
    const b = await addPerson(ctx, { name: 'Budi Pemda' });
    const c = await addPerson(ctx, { name: 'Citra Blud' });
    const d = await addPerson(ctx, { name: 'Dedi Pekon' });
    for (const p of [a, b]) await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu });
    await addEngagement(ctx, c.id, { unit: s.dinas, category: blud });
    await addEngagement(ctx, d.id, { unit: s.pekon, category: s.pu });

    expect((await pendingChanges(ctx, 'new', '2026-03-10')).map((x) => [x.name, x.npp])).toEqual([
      ['Ani Pemda', NPP], ['Budi Pemda', NPP], ['Citra Blud', RSUD_NPP], ['Dedi Pekon', RSUD_NPP],
    ]);
    const r = await exportBatch(ctx, { kind: 'new', outDir: out });
    expect(r.rows).toBe(4);
    expect(r.batches!.map((x) => [x.npp, x.rows, x.files.map((f) => f.name)])).toEqual([
      [NPP, 2, [`data_tk_baru_${NPP}_20260310_01.xlsx`]],
      [RSUD_NPP, 2, [`data_tk_baru_${RSUD_NPP}_20260310_01.xlsx`]],
    ]);
    expect(r.files.map((f) => f.path)).toEqual([
      join(out, NPP, `data_tk_baru_${NPP}_20260310_01.xlsx`),
      join(out, RSUD_NPP, `data_tk_baru_${RSUD_NPP}_20260310_01.xlsx`),
    ]);
    const pemdaFile = await readRows(r.files[0]!.path);
    const rsudFile = await readRows(r.files[1]!.path);
    expect(pemdaFile.sheet).toBe('data_tk_baru');
    expect(pemdaFile.rows.map((x) => x.NAMA_LENGKAP)).toEqual(['Ani Pemda', 'Budi Pemda']);
    expect(rsudFile.rows.map((x) => x.NAMA_LENGKAP)).toEqual(['Citra Blud', 'Dedi Pekon']);
    // Each batch records its NPP and its own row numbers.
    expect((await listBatches(ctx)).map((x) => [x.npp, x.rows, x.files.length])).toEqual([[RSUD_NPP, 2, 1], [NPP, 2, 1]]);
    expect((await listBatches(ctx, { npp: RSUD_NPP })).map((x) => x.id)).toEqual([r.batches![1]!.batchId]);
    expect(await pendingChanges(ctx, 'new', '2026-03-10')).toEqual([]);
    // The same filter on the command line: sigap batches --npp.
    const cli = await runCli(['batches', '--npp', '1804 0099', '--json', '--db', ctx.dbPath]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.json<{ batches: { id: number; npp: string }[] }>().batches.map((x) => [x.id, x.npp])).toEqual([[r.batches![1]!.batchId, RSUD_NPP]]);
  });

  it('one NPP only: the files go straight into the chosen folder, as before', async () => {
    await opdRepo.update(storeOf(ctx), s.dinas.id, { registration_id: rsud });
    const p = await addPerson(ctx, { name: 'Eka Rsud' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu });
    const r = await exportBatch(ctx, { kind: 'new', outDir: out });
    expect(r.files.map((f) => f.path)).toEqual([join(out, `data_tk_baru_${RSUD_NPP}_20260310_01.xlsx`)]);
    expect(existsSync(join(out, RSUD_NPP))).toBe(false);
    expect(r.batches!.map((x) => x.npp)).toEqual([RSUD_NPP]);
  });

  it('the wage-change file writes the NPP each person is reported under', async () => {
    await opdRepo.update(storeOf(ctx), s.pekon.id, { registration_id: rsud });
    for (const [name, unit] of [['Fajar Pemda', s.dinas], ['Gita Pekon', s.pekon]] as const) {
      const p = await addPerson(ctx, { name, kpj: name === 'Fajar Pemda' ? '12345678901' : '23456789012' });
      await addEngagement(ctx, p.id, { unit, category: s.pu, wage: 1_500_000, start: '2025-01-01', end: '2026-01-31' });
      await addEngagement(ctx, p.id, { unit, category: s.pu, wage: 2_000_000, start: '2026-02-01', end: '2026-12-31' });
    }
    const r = await exportBatch(ctx, { kind: 'wage', outDir: out });
    const files = await Promise.all(r.files.map((f) => readRows(f.path)));
    expect(files.map((f) => f.rows.map((x) => [x.NAMA_LENGKAP, x.NPP, x.UPAH]))).toEqual([
      [['Fajar Pemda', NPP, '2000000']],
      [['Gita Pekon', RSUD_NPP, '2000000']],
    ]);
  });

  it('a unit under another NPP is exported even while the Pemda has no NPP; a Pemda person then is refused by name of the setting', async () => {
    await setEmployerNpp(ctx, null);
    await opdRepo.update(storeOf(ctx), s.pekon.id, { registration_id: rsud });
    const p = await addPerson(ctx, { name: 'Hana Pekon' });
    await addEngagement(ctx, p.id, { unit: s.pekon, category: s.pu });
    const r = await exportBatch(ctx, { kind: 'new', outDir: out });
    expect(r.files.map((f) => f.name)).toEqual([`data_tk_baru_${RSUD_NPP}_20260310_01.xlsx`]);
    const q = await addPerson(ctx, { name: 'Iwan Dinas' });
    await addEngagement(ctx, q.id, { unit: s.dinas, category: s.pu });
    await expect(exportBatch(ctx, { kind: 'new', outDir: out })).rejects.toThrow('NPP pemberi kerja belum diisi. Isi NPP di Pengaturan > Profil Pemda');
  });
});
