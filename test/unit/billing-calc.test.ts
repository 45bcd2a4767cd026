import { afterEach, describe, expect, it } from 'vitest';
import { runBilling, invoiceLines, saveRateParam, applyBp } from '../../electron/core/billing/index';
import { addCategory, addEngagement, addStaff, addUnit, billingDb, RENTAN, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

/** Each person's line of the month, by person id. */
async function linesByPerson(month: string) {
  const res = await runBilling(ctx, { month });
  const lines = [];
  for (const i of res.invoices) lines.push(...(await invoiceLines(ctx, i.id)).map((l) => ({ ...l, invoice: i })));
  return { res, by: new Map(lines.map((l) => [l.personId, l])) };
}

describe('billing figures (domain.md sections 3 and 4)', () => {
  it('4,156 PU staff reported at Rp1,000,000 with JKK 0.24% + JKM 0.30% cost Rp22,442,400 a month', async () => {
    ctx = await billingDb();
    const opd = await addUnit(ctx, '01', 'Sekretariat Daerah');
    await addStaff(ctx, { count: 4156, opdId: opd, honor: 1_000_000 });
    const res = await runBilling(ctx, { month: '2026-01' });
    expect(res.total).toBe(22_442_400);
    expect(res.persons).toBe(4156);
    expect(res.invoices).toHaveLength(1);
    const inv = res.invoices[0]!;
    expect([inv.jkk, inv.jkm, inv.employer, inv.worker, inv.persons]).toEqual([9_974_400, 12_468_000, 22_442_400, 0, 4156]);
    const lines = await invoiceLines(ctx, inv.id);
    expect(new Set(lines.map((l) => `${l.jkk}+${l.jkm}=${l.total}`))).toEqual(new Set(['2400+3000=5400']));
  });

  it('2,700 BPU pekerja rentan at the minimum package cost Rp45,360,000 a month', async () => {
    // Billed on 10 January, before the BPU rule date of the 15th of the same month.
    ctx = await billingDb('2026-01-10T03:00:00Z');
    const village = await addUnit(ctx, 'P01', 'Pekon Sebarus', 'village');
    // A pekerja rentan's own income is below the lowest bracket: declared at Rp1,000,000.
    await addStaff(ctx, { count: 2700, opdId: village, categoryId: RENTAN, honor: 600_000 });
    const res = await runBilling(ctx, { month: '2026-01' });
    expect(res.total).toBe(45_360_000);
    const inv = res.invoices[0]!;
    expect([inv.segment, inv.jkk, inv.jkm, inv.persons, inv.dueDate]).toEqual(['BPU', 27_000_000, 18_360_000, 2700, '2026-01-15']);
    const l = (await invoiceLines(ctx, inv.id))[0]!;
    expect([l.wage, l.base, l.jkk, l.jkm, l.total]).toEqual([600_000, 1_000_000, 10_000, 6_800, 16_800]);
  });

  it('caps the JP base by the cap in force: 10,547,400 in February 2026, 11,086,300 from March', async () => {
    ctx = await billingDb();
    const opd = await addUnit(ctx, '02', 'Dinas Kesehatan');
    const full = await addCategory(ctx, { name: 'PPPK paruh waktu', segment: 'PU', programs: 'JKK,JKM,JHT,JP' });
    const [high] = await addStaff(ctx, { opdId: opd, categoryId: full, honor: 11_000_000 });
    const [low] = await addStaff(ctx, { opdId: opd, categoryId: full, honor: 5_000_000 });
    const feb = (await linesByPerson('2026-02')).by.get(high!)!;
    expect([feb.base, feb.jpBase, feb.jpEmployer, feb.jpWorker]).toEqual([11_000_000, 10_547_400, 210_948, 105_474]);
    expect([feb.jkk, feb.jkm, feb.jhtEmployer, feb.jhtWorker]).toEqual([26_400, 33_000, 407_000, 220_000]);
    expect([feb.employer, feb.worker, feb.total]).toEqual([26_400 + 33_000 + 407_000 + 210_948, 220_000 + 105_474, 1_002_822]);
    const mar = (await linesByPerson('2026-03')).by.get(high!)!;
    expect([mar.jpBase, mar.jpEmployer, mar.jpWorker]).toEqual([11_000_000, 220_000, 110_000]);
    // Below every cap nothing changes.
    expect((await linesByPerson('2026-02')).by.get(low!)!.jpEmployer).toBe(100_000);
    expect((await linesByPerson('2026-03')).by.get(low!)!.jpEmployer).toBe(100_000);
  });

  it('rounds each program of each person half-up, and totals are sums of rounded lines (not rounded totals)', async () => {
    ctx = await billingDb();
    const opd = await addUnit(ctx, '03', 'Inspektorat');
    // 1,000,250 x 0.24% = 2,400.6 -> 2,401; x 0.30% = 3,000.75 -> 3,001: 5,402, while 0.54% of it is 5,401.35.
    const [a] = await addStaff(ctx, { opdId: opd, honor: 1_000_250 });
    // 1,000,625 x 0.24% = 2,401.5 exactly -> 2,402 (half-up); x 0.30% = 3,001.875 -> 3,002.
    const three = await addStaff(ctx, { count: 3, opdId: opd, honor: 1_000_625 });
    const { res, by } = await linesByPerson('2026-01');
    expect([by.get(a!)!.jkk, by.get(a!)!.jkm, by.get(a!)!.total]).toEqual([2_401, 3_001, 5_402]);
    for (const id of three) expect([by.get(id)!.jkk, by.get(id)!.jkm]).toEqual([2_402, 3_002]);
    const inv = res.invoices[0]!;
    expect(inv.jkk).toBe(2_401 + 3 * 2_402);
    expect(inv.jkm).toBe(3_001 + 3 * 3_002);
    expect(inv.total).toBe(5_402 + 3 * 5_404);
    // Rounding the totals instead would give other figures: the product never does that.
    const bases = 1_000_250 + 3 * 1_000_625;
    expect(applyBp(bases, 24)).toBe(9_605);
    expect(inv.jkk).toBe(9_607);
    expect(applyBp(bases, 54)).not.toBe(inv.total);
  });

  it('computes every program of every line exactly as base x rate rounded half-up, for 600 random wages', async () => {
    ctx = await billingDb();
    const opd = await addUnit(ctx, '12', 'Dinas Acak');
    const full = await addCategory(ctx, { name: 'Lengkap kelas V', segment: 'PU', programs: 'JKK,JKM,JHT,JP', jkkClass: 5 });
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const wages = new Map<number, number>();
    for (let i = 0; i < 600; i++) {
      const wage = Math.floor(rnd() * 20_000_000);
      wages.set((await addStaff(ctx, { opdId: opd, categoryId: full, honor: wage }))[0]!, wage);
    }
    const { res, by } = await linesByPerson('2026-02');
    for (const [id, wage] of wages) {
      const l = by.get(id)!;
      const jpBase = Math.min(wage, 10_547_400);
      expect([l.jkk, l.jkm, l.jhtEmployer, l.jhtWorker, l.jpEmployer, l.jpWorker]).toEqual(
        [applyBp(wage, 174), applyBp(wage, 30), applyBp(wage, 370), applyBp(wage, 200), applyBp(jpBase, 200), applyBp(jpBase, 100)],
      );
    }
    expect(res.total).toBe([...by.values()].reduce((s, l) => s + l.total, 0));
    expect(applyBp(1_000_625, 24)).toBe(2_402);
    expect(applyBp(1_000_624, 24)).toBe(2_401);
  });

  it('uses the reported wage when there is one, the honor otherwise, raised to a dated wage floor for PU only', async () => {
    ctx = await billingDb();
    const opd = await addUnit(ctx, '04', 'Dinas Sosial');
    const village = await addUnit(ctx, 'P02', 'Pekon Canggu', 'village');
    const [reported] = await addStaff(ctx, { opdId: opd, honor: 900_000, reportedWage: 1_200_000 });
    const [low] = await addStaff(ctx, { opdId: opd, honor: 1_500_000 });
    const [high] = await addStaff(ctx, { opdId: opd, honor: 2_500_000 });
    const [rentan] = await addStaff(ctx, { opdId: village, categoryId: RENTAN, honor: 500_000 });
    await saveRateParam(ctx, { key: 'pu.wage_floor', effectiveMonth: '2026-03', value: 2_000_000, source: 'UMK Kabupaten Contoh 2026 (SK Gubernur)', confidence: 'H' });
    const feb = (await linesByPerson('2026-02')).by;
    expect([feb.get(reported!)!.base, feb.get(low!)!.base, feb.get(high!)!.base]).toEqual([1_200_000, 1_500_000, 2_500_000]);
    const mar = (await linesByPerson('2026-03')).by;
    expect([mar.get(reported!)!.wage, mar.get(reported!)!.base, mar.get(low!)!.base, mar.get(high!)!.base]).toEqual([1_200_000, 2_000_000, 2_000_000, 2_500_000]);
    expect(mar.get(low!)!.jkk).toBe(4_800);
    expect(mar.get(rentan!)!.base).toBe(1_000_000);
  });

  it('takes the JKK class from the employer, overridden per category', async () => {
    ctx = await billingDb('2026-01-20T03:00:00Z', 2);
    const opd = await addUnit(ctx, '05', 'Dinas PUPR');
    const classOne = await addCategory(ctx, { name: 'Tenaga administrasi', segment: 'PU', programs: 'JKK,JKM', jkkClass: 1 });
    const [byEmployer] = await addStaff(ctx, { opdId: opd, honor: 2_000_000 });
    const [byCategory] = await addStaff(ctx, { opdId: opd, categoryId: classOne, honor: 2_000_000 });
    const { res, by } = await linesByPerson('2026-01');
    expect([by.get(byEmployer!)!.jkkClass, by.get(byEmployer!)!.jkk]).toEqual([2, 10_800]);
    expect([by.get(byCategory!)!.jkkClass, by.get(byCategory!)!.jkk]).toEqual([1, 4_800]);
    expect(res.invoices[0]!.jkk).toBe(15_600);
  });

  it('bills only enrolled categories, and a person once, on their latest engagement of the month', async () => {
    ctx = await billingDb();
    const a = await addUnit(ctx, '06', 'Dinas A');
    const b = await addUnit(ctx, '07', 'Dinas B');
    const notEnrolled = await addCategory(ctx, { name: 'Belum didaftarkan', segment: 'PU', programs: 'JKK,JKM', enrolled: false });
    await addStaff(ctx, { opdId: a, categoryId: notEnrolled, honor: 1_000_000 });
    const [moved] = await addStaff(ctx, { opdId: a, honor: 1_000_000, end: '2026-03-09' });
    await addEngagement(ctx, moved!, { opdId: b, honor: 2_000_000, start: '2026-03-10' });
    const { res, by } = await linesByPerson('2026-03');
    expect(res.persons).toBe(1);
    expect(by.get(moved!)!.invoice.opdId).toBe(b);
    expect(by.get(moved!)!.base).toBe(2_000_000);
    expect(res.invoices.map((i) => i.opdCode)).toEqual(['07']);
    expect((await linesByPerson('2026-02')).by.get(moved!)!.invoice.opdId).toBe(a);
  });
});

describe('the whole-month rule for people who start or end within a month', () => {
  async function roster() {
    ctx = await billingDb();
    const opd = await addUnit(ctx, '10', 'Dinas Perhubungan');
    const at = async (start: string, end: string | null = null) => (await addStaff(ctx, { opdId: opd, honor: 1_000_000, start, end }))[0]!;
    return {
      startsMidMarch: await at('2026-03-20'),
      endsMidMarch: await at('2025-06-01', '2026-03-10'),
      startsFirstMarch: await at('2026-03-01'),
      endedFebruary: await at('2025-06-01', '2026-02-28'),
      startsApril: await at('2026-04-01'),
      endsFirstMarch: await at('2025-06-01', '2026-03-01'),
    };
  }

  it('by default bills a whole month for anyone engaged on any day of it', async () => {
    const p = await roster();
    const march = (await linesByPerson('2026-03')).by;
    expect([...march.keys()].sort((x, y) => x - y)).toEqual([p.startsMidMarch, p.endsMidMarch, p.startsFirstMarch, p.endsFirstMarch].sort((x, y) => x - y));
    for (const l of march.values()) expect(l.total).toBe(5_400);
    expect([...(await linesByPerson('2026-04')).by.keys()].sort((x, y) => x - y)).toEqual([p.startsMidMarch, p.startsFirstMarch, p.startsApril].sort((x, y) => x - y));
  });

  it('with the first-day rule bills only those engaged on the 1st', async () => {
    const p = await roster();
    await saveRateParam(ctx, { key: 'billing.month_rule', effectiveMonth: '2026-03', value: 1, source: 'Keputusan Sekda tentang penagihan iuran', confidence: 'H' });
    const march = (await linesByPerson('2026-03')).by;
    expect([...march.keys()].sort((x, y) => x - y)).toEqual([p.endsMidMarch, p.startsFirstMarch, p.endsFirstMarch].sort((x, y) => x - y));
    expect([...(await linesByPerson('2026-04')).by.keys()].sort((x, y) => x - y)).toEqual([p.startsMidMarch, p.startsFirstMarch, p.startsApril].sort((x, y) => x - y));
    // The rule is dated: February still uses the any-day rule.
    expect((await linesByPerson('2026-02')).by.has(p.endedFebruary)).toBe(true);
  });
});

describe('missing rates', () => {
  it('stop the run with a message only when someone needs them', async () => {
    ctx = await billingDb();
    const opd = await addUnit(ctx, '11', 'Dinas Lama');
    await addStaff(ctx, { opdId: opd, honor: 3_000_000, start: '2018-01-01' });
    // No JP cap before March 2019, but nobody takes JP: billing runs.
    expect((await runBilling(ctx, { month: '2018-06' })).total).toBe(16_200);
    const jp = await addCategory(ctx, { name: 'Dengan JP', segment: 'PU', programs: 'JKK,JKM,JP' });
    await addStaff(ctx, { opdId: opd, categoryId: jp, honor: 3_000_000, start: '2018-01-01' });
    await expect(runBilling(ctx, { month: '2018-06' })).rejects.toThrow(/Batas atas upah JP.*Juni 2018/);
    expect((await runBilling(ctx, { month: '2019-03' })).persons).toBe(2);
    await expect(runBilling(ctx, { month: '2015-01' })).rejects.toThrow(/belum ada untuk Januari 2015/);
    await expect(runBilling(ctx, { month: '2026-13' })).rejects.toThrow(/YYYY-MM/);
  });

  it('bills BPU JHT at 2% of the declared income when the category takes it', async () => {
    ctx = await billingDb();
    const village = await addUnit(ctx, 'P03', 'Pekon Kenali', 'village');
    const withJht = await addCategory(ctx, { name: 'Perangkat pekon BPU', segment: 'BPU', programs: 'JKK,JKM,JHT' });
    await addStaff(ctx, { opdId: village, categoryId: withJht, honor: 0 });
    const inv = (await runBilling(ctx, { month: '2026-01' })).invoices[0]!;
    expect([inv.jkk, inv.jkm, inv.jhtEmployer, inv.jhtWorker, inv.jpEmployer, inv.total]).toEqual([10_000, 6_800, 20_000, 0, 0, 36_800]);
  });
});
