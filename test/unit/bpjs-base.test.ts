/** The upload files report the base billing bills: wage floor for PU, bracket income for BPU. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { exportBatch, preflight } from '../../electron/core/bpjs/index';
import { pendingChanges } from '../../electron/core/bpjs/pending';
import { invoiceLines, listInvoices, runBilling } from '../../electron/core/billing/index';
import { baseRules, reportedBase } from '../../electron/core/billing/base';
import { ratesForMonth } from '../../electron/core/billing/rates';
import { rateRepo } from '../../electron/core/billing/rates-repository';
import { participantRepo } from '../../electron/core/bpjs/participant-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

async function addFloor(month: string, value: number): Promise<void> {
  await rateRepo.upsertParam(storeOf(ctx), 'pu.wage_floor', month, { value, source: 'UMK Kabupaten Contoh (SK Gubernur)', confidence: 'H', note: null }, 'x', 'x');
}

async function rowsOf(path: string): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, String(row.getCell(i + 1).value ?? '')])));
  });
  return rows;
}

/** The base billing used per NIK for a month. */
async function billedBase(month: string): Promise<Map<string, number>> {
  await runBilling(ctx, { month });
  const m = new Map<string, number>();
  for (const inv of await listInvoices(ctx, { month })) for (const l of await invoiceLines(ctx, inv.id)) m.set(l.nik, l.base);
  return m;
}

describe('upload files and billing agree on the base', () => {
  it('PU people under a wage floor are registered at the floor, BPU people at their bracket income, as billing bills them', async () => {
    await addFloor('2026-01', 2_000_000);
    const low = await addPerson(ctx);
    await addEngagement(ctx, low.id, { unit: s.dinas, category: s.pu, wage: 1_500_000 });
    const high = await addPerson(ctx);
    await addEngagement(ctx, high.id, { unit: s.dinas, category: s.pu, wage: 2_750_000 });
    // No reported wage: billing takes the honor (and the floor over it).
    const honorOnly = await addPerson(ctx);
    // A reported wage of 0 has no core or repository write (they set it to the honor): through the store.
    await storeOf(ctx).run(sql`INSERT INTO engagement (person_id, opd_id, category_id, position, honor, reported_wage, start_date)
      VALUES (${honorOnly.id}, ${s.dinas.id}, ${s.pu}, 'Staf', 2100000, 0, '2026-01-01')`);
    const honorarium = await addPerson(ctx);
    await addEngagement(ctx, honorarium.id, { unit: s.pekon, category: s.bpu, wage: 500_000 });
    for (const b of [{ incomeFrom: 0, declaredIncome: 1_000_000 }, { incomeFrom: 1_500_000, declaredIncome: 1_500_000 }]) {
      await rateRepo.insertBracket(storeOf(ctx), '2026-01', b, 'PP 44/2015', 'H', 'x', 'x');
    }
    const bracket2 = await addPerson(ctx);
    await addEngagement(ctx, bracket2.id, { unit: s.pekon, category: s.bpu, wage: 1_700_000 });

    const billed = await billedBase('2026-03');
    expect(Object.fromEntries([low, high, honorOnly, honorarium, bracket2].map((p) => [p.nik, billed.get(p.nik)]))).toEqual({
      [low.nik]: 2_000_000, [high.nik]: 2_750_000, [honorOnly.nik]: 2_100_000, [honorarium.nik]: 1_000_000, [bracket2.nik]: 1_500_000,
    });

    const out = join(ctx.dir, 'out');
    const pu = await rowsOf((await exportBatch(ctx, { kind: 'new', outDir: out })).files[0]!.path);
    expect(pu).toHaveLength(3);
    for (const r of pu) expect([r.NOMOR_IDENTITAS, Number(r.UPAH)]).toEqual([r.NOMOR_IDENTITAS, billed.get(r.NOMOR_IDENTITAS!)]);
    expect(pu.find((r) => r.NOMOR_IDENTITAS === low.nik)!.UPAH).toBe('2000000');
    const bpu = await rowsOf((await exportBatch(ctx, { kind: 'bpu', outDir: out })).files[0]!.path);
    const idCol = Object.keys(bpu[0]!).find((h) => /NIK|NOMOR_IDENTITAS/.test(h))!;
    expect(Object.fromEntries(bpu.map((r) => [r[idCol], r.PENGHASILAN]))).toEqual({ [honorarium.nik]: '1000000', [bracket2.nik]: '1500000' });
    for (const r of bpu) expect(Number(r.PENGHASILAN)).toBe(billed.get(r[idCol]!));
  });

  it('computes the base with the same rule billing uses, for random wages, floors and brackets', async () => {
    await addFloor('2026-02', 2_345_678);
    const rules = baseRules(await ratesForMonth(ctx, '2026-03'));
    const rnd = (() => { let x = 7; return () => (x = (x * 48_271) % 2_147_483_647) / 2_147_483_647; })();
    for (let i = 0; i < 40; i++) {
      const p = await addPerson(ctx);
      await addEngagement(ctx, p.id, { unit: i % 2 ? s.pekon : s.dinas, category: i % 2 ? s.bpu : s.pu, wage: Math.floor(rnd() * 5_000_000) + 1 });
    }
    const billed = await billedBase('2026-03');
    // Every engagement's reported wage and segment: no core read lists them all, so through the store.
    const wages = await storeOf(ctx).all<{ nik: string; w: number; segment: 'PU' | 'BPU' }>(
      sql`SELECT p.nik, e.reported_wage AS w, c.segment FROM engagement e JOIN person p ON p.id = e.person_id JOIN category c ON c.id = e.category_id`);
    expect(wages).toHaveLength(40);
    for (const w of wages) expect(reportedBase(w.segment, w.w, rules)).toBe(billed.get(w.nik));
  });

  it('a new wage-floor row is a wage change, for its month, of the participants it lifts', async () => {
    const lifted = await addPerson(ctx, { kpj: '12000000001' });
    const liftedEng = await addEngagement(ctx, lifted.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2025-01-01', end: null });
    const above = await addPerson(ctx, { kpj: '12000000002' });
    await addEngagement(ctx, above.id, { unit: s.dinas, category: s.pu, wage: 2_500_000, start: '2025-01-01', end: null });
    // A new engagement from March with the same wage: the change is reported as that engagement's.
    const renewed = await addPerson(ctx, { kpj: '12000000003' });
    await addEngagement(ctx, renewed.id, { unit: s.dinas, category: s.pu, wage: 1_200_000, start: '2025-01-01', end: '2026-02-28' });
    const renewedEng = await addEngagement(ctx, renewed.id, { unit: s.dinas, category: s.pu, wage: 1_200_000, start: '2026-03-01', end: null });
    const notParticipant = await addPerson(ctx);
    await addEngagement(ctx, notParticipant.id, { unit: s.dinas, category: s.pu, wage: 1_000_000, start: '2025-01-01', end: null });
    const ended = await addPerson(ctx, { kpj: '12000000004' });
    await addEngagement(ctx, ended.id, { unit: s.dinas, category: s.pu, wage: 1_000_000, start: '2025-01-01', end: '2026-02-20' });
    expect(await pendingChanges(ctx, 'wage', '2026-03-10')).toEqual([]);

    await addFloor('2026-03', 2_000_000);
    // Not yet in force on a February date.
    expect(await pendingChanges(ctx, 'wage', '2026-02-27')).toEqual([]);
    const wage = await pendingChanges(ctx, 'wage', '2026-03-10');
    expect(wage.map((c) => [c.key, c.month, c.previousWage, c.reportedWage]).sort()).toEqual([
      [`wage:${liftedEng}:2026-03`, '2026-03', 1_500_000, 2_000_000],
      [`wage:${renewedEng}`, '2026-03', 1_200_000, 2_000_000],
    ].sort());
    // Billing agrees with the new base.
    const billed = await billedBase('2026-03');
    expect([billed.get(lifted.nik), billed.get(renewed.nik), billed.get(above.nik)]).toEqual([2_000_000, 2_000_000, 2_500_000]);

    const out = join(ctx.dir, 'out');
    const rows = await rowsOf((await exportBatch(ctx, { kind: 'wage', outDir: out })).files[0]!.path);
    expect(rows.map((r) => [r.KPJ, r.BLTH, r.UPAH, r.RAPEL]).sort()).toEqual([
      // Reported in the floor's own month (March): no back pay yet, RAPEL 0.
      ['12000000001', '03-2026', '2000000', '0'], ['12000000003', '03-2026', '2000000', '0'],
    ]);
    // Submitted: not offered again, also not in later months.
    expect(await pendingChanges(ctx, 'wage', '2026-04-10')).toEqual([]);
    // A later raise of the floor is a change again, for that month, with the March floor as before.
    await addFloor('2026-06', 2_200_000);
    expect((await pendingChanges(ctx, 'wage', '2026-06-05')).map((c) => [c.key, c.previousWage, c.reportedWage]).sort()).toEqual([
      [`wage:${liftedEng}:2026-06`, 2_000_000, 2_200_000], [`wage:${renewedEng}:2026-06`, 2_000_000, 2_200_000],
    ].sort());
  });

  it('a floor row before a registration was submitted is not reported again as a wage change', async () => {
    await addFloor('2026-02', 2_000_000);
    const p = await addPerson(ctx);
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 1_000_000, start: '2025-06-01', end: null });
    await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'out') });
    await participantRepo.setKpj(storeOf(ctx), p.id, '13000000001', 'x');
    expect(await pendingChanges(ctx, 'wage', '2026-03-10')).toEqual([]);
  });

  it('pre-flight names a BPU income no bracket holds', async () => {
    const q = storeOf(ctx);
    for (const m of new Set((await rateRepo.brackets(q)).map((b) => b.m))) await rateRepo.deleteBrackets(q, m);
    expect(await rateRepo.brackets(q)).toEqual([]);
    await rateRepo.insertBracket(q, '2015-07', { incomeFrom: 800_000, declaredIncome: 1_000_000 }, 'uji', 'H', 'x', 'x');
    const p = await addPerson(ctx);
    await addEngagement(ctx, p.id, { unit: s.pekon, category: s.bpu, wage: 500_000 });
    const kind = (await preflight(ctx, { kinds: ['bpu'] })).kinds[0]!;
    expect(kind.blocked.find((b) => b.nik === p.nik)!.problems).toEqual([expect.objectContaining({ code: 'WAGE_BASE', column: 'PENGHASILAN', severity: 'error' })]);
  });
});
