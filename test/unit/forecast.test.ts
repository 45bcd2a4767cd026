/**
 * Next year's budget: who is counted, months of service, the JP cap growth each March, headroom, and
 * the RKA export. Expected amounts are computed here from the wages and the regulation rates.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { addCategory, addUnit, billingDb, HONORER, RENTAN, type BillingCtx } from './billing-fixture';
import { forecastYear, forecastDoc, RKA_HEADER } from '../../electron/core/coverage/index';
import { saveRateParam } from '../../electron/core/billing/rates-edit';
import { storeOf } from '../../electron/core/store/of-context';
import { personRepo } from '../../electron/core/roster/person-repository';
import { runCli } from '../cli-harness';

let ctx: BillingCtx;
let seq = 0;
async function staff(unit: number, cat: number, engs: { wage: number; start: string; end?: string | null; reason?: string }[]): Promise<number> {
  seq++;
  const q = storeOf(ctx);
  const id = await personRepo.insert(q, {
    nik: `3302${String(seq).padStart(12, '0')}`, name: `P${seq}`, birth_place: null, birth_date: null, sex: null, address: null, phone: null,
    mother_name: null, kpj: null, postal_code: null, email: null, marital_status: null, work_location: null,
  }, 'x');
  for (const e of engs) {
    // honor and reported wage both e.wage (insertEngagement reports the honor); the end reason as the roster's "end" writes it.
    const eng = await personRepo.insertEngagement(q, { personId: id, opdId: unit, categoryId: cat, position: null, honor: e.wage, startDate: e.start, endDate: e.end ?? null });
    if (e.reason !== undefined) await personRepo.endEngagement(q, eng, e.end!, e.reason, e.end ?? null);
  }
  return id;
}
const bp = (base: number, rate: number) => Math.floor((base * rate + 5000) / 10000);
const CAP_2026 = 11_086_300;

let dinas: number, pekon: number, full: number, notEnrolled: number;
beforeEach(async () => {
  ctx = await billingDb('2026-11-20T03:00:00Z');
  dinas = await addUnit(ctx, 'D01', 'Dinas Sosial');
  pekon = await addUnit(ctx, 'P01', 'Pekon Satu', 'village');
  full = await addCategory(ctx, { name: 'PPPK Paruh Waktu', segment: 'PU', programs: 'JKK,JKM,JHT,JP' });
  notEnrolled = await addCategory(ctx, { name: 'Tenaga Lepas', segment: 'PU', programs: 'JKK,JKM', enrolled: false });
  await staff(dinas, HONORER, [{ wage: 1_500_000, start: '2026-01-01', end: '2026-12-31' }]); // yearly SK: renewed
  await staff(dinas, HONORER, [{ wage: 2_000_000, start: '2026-01-01', end: '2026-12-31', reason: 'Mengundurkan diri' }]); // resigned: not renewed
  await staff(dinas, full, [{ wage: 12_000_000, start: '2025-01-01' }]); // open-ended, above the JP cap
  await staff(dinas, HONORER, [{ wage: 1_000_000, start: '2027-01-01', end: '2027-06-30' }]); // next year's draft SK, six months
  await staff(dinas, HONORER, [{ wage: 1_600_000, start: '2026-01-01', end: '2026-12-31' }, { wage: 1_800_000, start: '2027-01-01', end: '2027-12-31' }]);
  await staff(pekon, RENTAN, [{ wage: 1_000_000, start: '2026-01-01', end: '2026-12-31' }]);
  await staff(dinas, notEnrolled, [{ wage: 1_500_000, start: '2026-01-01', end: '2026-12-31' }]);
});
afterEach(() => ctx.close());

/** The Dinas employer share per program, month by month, with the given JP caps (Jan-Feb, Mar-Dec). */
function expectedDinas(capMar: number) {
  const honor = [[1_500_000, 12], [1_000_000, 6], [1_800_000, 12]] as const;
  const jkk = honor.reduce((s, [w, n]) => s + n * bp(w, 24), 0) + 12 * bp(12_000_000, 24);
  const jkm = honor.reduce((s, [w, n]) => s + n * bp(w, 30), 0) + 12 * bp(12_000_000, 30);
  const jht = 12 * bp(12_000_000, 370);
  const jp = 2 * bp(CAP_2026, 200) + 10 * bp(capMar, 200);
  const worker = 12 * bp(12_000_000, 200) + 2 * bp(CAP_2026, 100) + 10 * bp(capMar, 100);
  return { jkk, jkm, jht, jp, total: jkk + jkm + jht + jp, worker, personMonths: 12 + 6 + 12 + 12 };
}

describe('next year\'s budget', () => {
  it('counts renewed yearly SKs, next year\'s draft SK and open-ended staff, with their months', async () => {
    const f = await forecastYear(ctx, { year: 2027, jpCapGrowthPct: 5 });
    const capMar = Math.round(CAP_2026 * 1.05);
    expect(f.jpCaps).toEqual([{ month: '2027-01', cap: CAP_2026, assumed: false }, { month: '2027-03', cap: capMar, assumed: true }]);
    const d = f.units.find((u) => u.opdId === dinas)!;
    const e = expectedDinas(capMar);
    const by = (p: string) => d.lines.filter((l) => l.program === p).reduce((s, l) => s + l.amount, 0);
    expect([by('JKK'), by('JKM'), by('JHT'), by('JP')]).toEqual([e.jkk, e.jkm, e.jht, e.jp]);
    expect(d).toMatchObject({ persons: 4, personMonths: e.personMonths, total: e.total, headroom: 0, workerShare: e.worker, budgetAccount: '5.1.02.02.01.D01' });
    // Every line: volume x tariff = amount. JP splits at March: two lines for the PPPK.
    for (const l of d.lines) expect(l.volume * l.tariff).toBe(l.amount);
    expect(d.lines.filter((l) => l.program === 'JP').map((l) => [l.volume, l.tariff])).toEqual([[2, bp(CAP_2026, 200)], [10, bp(capMar, 200)]]);
    expect(d.lines.find((l) => l.program === 'JKK' && l.base === 1_000_000)!.volume).toBe(6);
    // The pekerja rentan: 12 months of Rp10.000 + Rp6.800.
    const p = f.units.find((u) => u.opdId === pekon)!;
    expect(p).toMatchObject({ persons: 1, personMonths: 12, total: 12 * 16_800 });
    expect(f.total).toBe(e.total + 12 * 16_800);
    expect(f.programs).toEqual({ JKK: e.jkk + 12 * 10_000, JKM: e.jkm + 12 * 6_800, JHT: e.jht, JP: e.jp });

    // Two years ahead: the 2026 cap grows once by January 2028 and twice from March 2028.
    const later = await forecastYear(ctx, { year: 2028, jpCapGrowthPct: 5, renewAnnual: false });
    expect(later.jpCaps).toEqual([
      { month: '2028-01', cap: Math.round(CAP_2026 * 1.05), assumed: true },
      { month: '2028-03', cap: Math.round(CAP_2026 * 1.05 * 1.05), assumed: true },
    ]);

    // Without renewal only the open-ended and next year's engagements count.
    const strict = await forecastYear(ctx, { year: 2027, renewAnnual: false });
    expect(strict.units.find((u) => u.opdId === dinas)!.personMonths).toBe(12 + 6 + 12);
    expect(strict.units.find((u) => u.opdId === pekon)).toBeUndefined();
  });

  it('uses an entered March cap instead of the assumption, and adds headroom for new staff', async () => {
    await saveRateParam(ctx, { key: 'pu.jp.wage_cap', effectiveMonth: '2027-03', value: 11_500_000, source: 'Surat BPJS', confidence: 'H' });
    const f = await forecastYear(ctx, { year: 2027, jpCapGrowthPct: 5, headroomPct: 10, headroomPersons: 2 });
    expect(f.jpCaps).toEqual([{ month: '2027-01', cap: CAP_2026, assumed: false }, { month: '2027-03', cap: 11_500_000, assumed: false }]);
    const e = expectedDinas(11_500_000);
    const d = f.units.find((u) => u.opdId === dinas)!;
    expect(d.headroom).toBe(Math.round(e.total * 0.1));
    expect(d.total).toBe(e.total + Math.round(e.total * 0.1));
    // Two extra people for the year at the average PU cost per person-month of each program.
    const reserve = f.units.find((u) => u.kind === 'reserve')!;
    const avg = (amount: number) => Math.round(amount / e.personMonths);
    expect(reserve.lines.map((l) => [l.program, l.volume, l.tariff])).toEqual([
      ['JKK', 24, avg(e.jkk)], ['JKM', 24, avg(e.jkm)], ['JHT', 24, avg(e.jht)], ['JP', 24, avg(e.jp)],
    ]);
    expect(f.total).toBe(f.units.reduce((s, u) => s + u.total, 0));
    await expect(forecastYear(ctx, { year: 2027, headroomPct: 150 })).rejects.toThrow(/0% dan 100%/);
    const doc = await forecastDoc(ctx, f);
    expect(doc.body).toContain('5.1.02.02.01.D01');
    expect(doc.body).not.toMatch(/style=|<script/i);
  });

  it('sigap forecast writes the RKA workbook: kode rekening, uraian, volume, satuan, tarif, jumlah', async () => {
    const out = join(ctx.dir, 'rka.xlsx');
    const r = await runCli(['forecast', '--year', '2027', '--growth', '5', '--xlsx', out], { env: { SIGAP_DB: ctx.dbPath }, at: '2026-11-20T03:00:00Z' });
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('RKA 2027')!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push(Array.from({ length: 6 }, (_, i) => row.getCell(i + 1).value ?? '')));
    expect(rows[0]).toEqual(RKA_HEADER);
    const e = expectedDinas(Math.round(CAP_2026 * 1.05));
    expect(rows[1]).toEqual(['5.1.02.02.01.D01', 'D01 Dinas Sosial', '', '', '', e.total]);
    const jkkLine = rows.find((x) => String(x[1]).includes('(JKK)') && String(x[1]).includes('Rp1.500.000'))!;
    expect(jkkLine.slice(2)).toEqual([12, 'OB', bp(1_500_000, 24), 12 * bp(1_500_000, 24)]);
    expect(rows[rows.length - 1]!.slice(1)).toEqual(['Jumlah seluruh unit', e.personMonths + 12, 'OB', '', e.total + 12 * 16_800]);
    const json = await runCli(['forecast', '--year', '2027', '--json'], { env: { SIGAP_DB: ctx.dbPath }, at: '2026-11-20T03:00:00Z' });
    expect(json.json<{ total: number }>().total).toBe(e.total + 12 * 16_800);
    expect((await runCli(['forecast'], { env: { SIGAP_DB: ctx.dbPath } })).code).toBe(2);
  });
});
