/**
 * Coverage for a month on a small generated Pemda. Every expected figure is computed here from the
 * people the test writes (their units, categories, KPJs and wages), never by the code under test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCategory, addUnit, billingDb, HONORER, RENTAN, type BillingCtx } from './billing-fixture';
import { coverageSummary, saveCoverageSettings, coverageSettings, yearlyContributions } from '../../electron/core/coverage/index';
import { runBilling, listInvoices, recordPayment } from '../../electron/core/billing/index';
import { queryRoster } from '../../electron/core/roster/query';
import { storeOf } from '../../electron/core/store/of-context';
import { personRepo } from '../../electron/core/roster/person-repository';
import { runCli } from '../cli-harness';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface Spec { unit: number; cat: number; wage: number; kpj: boolean; start?: string; end?: string | null }

let ctx: BillingCtx;
let seq = 0;
async function person(s: Spec): Promise<number> {
  seq++;
  const q = storeOf(ctx);
  const id = await personRepo.insert(q, {
    nik: `3301${String(seq).padStart(12, '0')}`, name: `Orang ${seq}`, birth_place: null, birth_date: null, sex: null, address: null, phone: null,
    mother_name: null, kpj: s.kpj ? `2200${String(seq).padStart(7, '0')}` : null, postal_code: null, email: null, marital_status: null, work_location: null,
  }, 'x');
  // honor and reported wage both s.wage (insertEngagement reports the honor).
  await personRepo.insertEngagement(q, { personId: id, opdId: s.unit, categoryId: s.cat, position: null, honor: s.wage, startDate: s.start ?? '2026-01-01', endDate: s.end ?? null });
  return id;
}

// Rounded half-up per person and program, as domain.md section 3 says.
const bp = (base: number, rate: number) => Math.floor((base * rate + 5000) / 10000);

let dinas: number, rsud: number, v1: number, v2: number, full: number;
let specs: (Spec & { id: number })[];
beforeEach(async () => {
  ctx = await billingDb('2026-03-20T03:00:00Z');
  dinas = await addUnit(ctx, 'D01', 'Dinas Sosial');
  rsud = await addUnit(ctx, 'D02', 'RSUD');
  v1 = await addUnit(ctx, 'P01', 'Pekon Satu', 'village');
  v2 = await addUnit(ctx, 'P02', 'Pekon Dua', 'village');
  full = await addCategory(ctx, { name: 'PPPK Paruh Waktu', segment: 'PU', programs: 'JKK,JKM,JHT,JP' });
  const list: Spec[] = [
    ...Array.from({ length: 5 }, (_, i) => ({ unit: dinas, cat: HONORER, wage: 1_000_000 + i * 250_000, kpj: true })),
    ...Array.from({ length: 2 }, () => ({ unit: dinas, cat: HONORER, wage: 1_500_000, kpj: false })),
    ...Array.from({ length: 3 }, (_, i) => ({ unit: rsud, cat: full, wage: 2_000_000 + i * 1_000, kpj: true })),
    { unit: rsud, cat: HONORER, wage: 1_750_000, kpj: true, end: '2026-01-31' }, // left before March
    ...Array.from({ length: 12 }, () => ({ unit: v1, cat: RENTAN, wage: 1_000_000, kpj: true })),
    ...Array.from({ length: 4 }, () => ({ unit: v2, cat: RENTAN, wage: 1_000_000, kpj: true })),
    { unit: v2, cat: RENTAN, wage: 1_000_000, kpj: false },
  ];
  specs = [];
  for (const s of list) specs.push({ ...s, id: await person(s) });
});
afterEach(() => ctx.close());

const activeIn = (s: Spec, month: string) => (s.start ?? '2026-01-01') <= `${month}-31` && ((s.end ?? null) === null || s.end! >= `${month}-01`);

describe('coverage of a month', () => {
  it('counts people on SK against enrolled people by unit, segment, category and program', async () => {
    const c = await coverageSummary(ctx, '2026-03');
    const act = specs.filter((s) => activeIn(s, '2026-03'));
    expect(c.totals).toEqual({ active: act.length, enrolled: act.filter((s) => s.kpj).length, notEnrolled: act.filter((s) => !s.kpj).length });
    expect(c.totals).toEqual({ active: 27, enrolled: 24, notEnrolled: 3 });
    const unit = (id: number) => c.byOpd.find((o) => o.opdId === id)!;
    for (const u of [dinas, rsud, v1, v2]) {
      const a = act.filter((s) => s.unit === u);
      expect([unit(u).active, unit(u).enrolled]).toEqual([a.length, a.filter((s) => s.kpj).length]);
    }
    const pu = act.filter((s) => s.cat !== RENTAN);
    expect(c.bySegment.PU).toEqual({ active: pu.length, enrolled: pu.filter((s) => s.kpj).length });
    expect(c.bySegment.BPU).toEqual({ active: 17, enrolled: 16 });
    // JKK and JKM for every enrolled person; JHT and JP only for the three in the four-program category.
    expect(c.programs).toEqual([{ program: 'JKK', persons: 24 }, { program: 'JKM', persons: 24 }, { program: 'JHT', persons: 3 }, { program: 'JP', persons: 3 }]);
    expect(c.programMix).toEqual({ jkkJkmOnly: 21, allFour: 3, other: 0 });
    // Each unit's number is the count of the roster list it links to.
    for (const u of [dinas, rsud, v1]) expect((await queryRoster(ctx, { month: '2026-03', opdId: u, status: 'active' })).total).toBe(unit(u).active);
    // In January the one who left is still counted.
    expect((await coverageSummary(ctx, '2026-01')).totals.active).toBe(28);
  });

  it('compares villages with the pekerja rentan quota, and the region with its working population', async () => {
    let c = await coverageSummary(ctx, '2026-03');
    expect(c.villages).toMatchObject({ quota: 10, count: 2, meeting: 1, rentanEnrolled: 16, target: 20 });
    expect(c.villages.below.map((v) => [v.opdId, v.rentan, v.enrolled])).toEqual([[v2, 5, 4]]);
    expect(c.paritrana.regionPct).toBeNull();
    // PU non-ASN: 5 of 7 in Dinas + 3 of 3 in RSUD.
    expect(c.paritrana.nonAsnPct).toBe(Math.round((8 / 10) * 10000) / 100);

    await saveCoverageSettings(ctx, { villageQuota: 4, semestaYear: 2026, semestaPekerja: 92_913, regionCoveredPu: 15_000, regionCoveredBpu: 7_680 });
    c = await coverageSummary(ctx, '2026-03');
    expect(c.villages).toMatchObject({ quota: 4, meeting: 2, target: 8 });
    // The Lampung Barat 2023 inputs of domain.md section 9: 22,680 covered of a working population of 92,913.
    expect(c.paritrana.regionPct).toBe(Math.round((22_680 / 92_913) * 10000) / 100);
    expect(c.paritrana.regionPct).toBe(24.41);
    expect((await coverageSettings(ctx)).semestaPekerja).toBe(92_913);
    await expect(saveCoverageSettings(ctx, { incidentDeadlineDays: 0 })).rejects.toThrow(/antara 1 dan 30/);
    await expect(saveCoverageSettings(ctx, { villageQuota: null as unknown as number })).rejects.toThrow(/wajib/);
  });

  it('shows the month dues issued and paid, a twelve-month trend, arrears by age and the work waiting', async () => {
    const monthly = (month: string) => specs.filter((s) => activeIn(s, month)).reduce((sum, s) => {
      if (s.cat === RENTAN) return sum + 10_000 + 6_800; // BPU: 1% of Rp1.000.000 + Rp6.800
      let t = bp(s.wage, 24) + bp(s.wage, 30);
      if (s.cat === full) t += bp(s.wage, 370) + bp(s.wage, 200) + bp(s.wage, 200) + bp(s.wage, 100);
      return sum + t;
    }, 0);
    // Each month issued on the 10th, before its due dates, so every invoice keeps its rule's due date.
    for (const m of ['2026-01', '2026-02', '2026-03']) {
      ctx.clock = () => new Date(`${m}-10T03:00:00Z`);
      await runBilling(ctx, { month: m, issue: true });
    }
    ctx.clock = () => new Date('2026-03-20T03:00:00Z');
    const jan = (await listInvoices(ctx, { month: '2026-01' })).filter((i) => i.status === 'issued');
    const paidInvoice = jan.find((i) => i.opdId === dinas)!;
    await recordPayment(ctx, { invoice: paidInvoice.number!, amount: paidInvoice.total, date: '2026-02-10', sp2d: 'SP2D-1' });

    const c = await coverageSummary(ctx, '2026-03');
    expect(c.money).toMatchObject({ month: '2026-03', issued: monthly('2026-03'), paid: 0, draftInvoices: 0, unitsNotBilled: 0 });
    expect(c.trend).toHaveLength(12);
    expect(c.trend[0]!.month).toBe('2025-04');
    expect(c.trend.slice(-3)).toEqual([
      { month: '2026-01', issued: monthly('2026-01'), paid: paidInvoice.total },
      { month: '2026-02', issued: monthly('2026-02'), paid: 0 },
      { month: '2026-03', issued: monthly('2026-03'), paid: 0 },
    ]);
    // As of 20 March: BPU January (due Thursday 15 Jan) is 64 days late; PU January and BPU February
    // (due Monday 16 Feb, the 15th being a Sunday) 32 days; PU February and BPU March (due Monday
    // 16 March) 4 days; PU March is not due. 17 pekerja rentan at Rp16.800 a month.
    const bpuMonth = 17 * 16_800;
    const puJan = monthly('2026-01') - bpuMonth - paidInvoice.total;
    expect(c.arrears.outstanding).toBe(monthly('2026-01') - paidInvoice.total + monthly('2026-02') + monthly('2026-03'));
    expect(c.arrears.buckets.notDue).toBe(monthly('2026-03') - bpuMonth);
    expect(c.arrears.buckets.d61_90).toBe(bpuMonth);
    expect(c.arrears.buckets.d31_60).toBe(puJan + bpuMonth);
    expect(c.arrears.buckets.d0_30).toBe(monthly('2026-02') - bpuMonth + bpuMonth);
    expect(c.arrears.pastDue).toBe(c.arrears.outstanding - c.arrears.buckets.notDue);
    // The work waiting: 3 people without a KPJ (2 PU to register, 1 BPU).
    expect(c.work.pending).toEqual({ new: 2, continue: 0, na: 1, wage: 0, bpu: 1 });
    // April not billed yet: every unit with someone to bill is counted.
    expect((await coverageSummary(ctx, '2026-04')).money.unitsNotBilled).toBe(4);

    const y = await yearlyContributions(ctx, 2026);
    expect(y.totals.total).toBe(monthly('2026-01') + monthly('2026-02') + monthly('2026-03'));
    expect(y.totals.paid).toBe(paidInvoice.total);
    expect(y.units.find((u) => u.opdId === rsud)!.jpWorker).toBe(3 * specs.filter((s) => s.cat === full).reduce((a, s) => a + bp(s.wage, 100), 0));
  });

  it('sigap coverage prints the figures and --json the whole summary', async () => {
    const env = { SIGAP_DB: ctx.dbPath };
    const json = await runCli(['coverage', '--month', '2026-03', '--json'], { env, at: '2026-03-20T03:00:00Z' });
    expect(json.code).toBe(0);
    expect(json.json<{ totals: { active: number; enrolled: number } }>().totals).toEqual({ active: 27, enrolled: 24, notEnrolled: 3 });
    const text = await runCli(['coverage', '--month', '2026-03'], { env, at: '2026-03-20T03:00:00Z' });
    expect(text.stdout).toContain('Cakupan Maret 2026: 24 dari 27 pegawai pada SK terdaftar (88,9%)');
    const bad = await runCli(['coverage', '--month', '03-2026'], { env });
    expect(bad.code).toBe(2);
    // The report for the head of the region fits one page, printed by headless Chromium.
    const pdf = join(ctx.dir, 'cakupan.pdf');
    const printed = await runCli(['coverage', '--month', '2026-03', '--pdf', pdf], { env, at: '2026-03-20T03:00:00Z' });
    expect(printed.stdout).toContain('1 halaman');
    const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(pdfText).toContain('LAPORAN CAKUPAN BPJS KETENAGAKERJAAN PEGAWAI NON-ASN');
    // Villages are one line on the page: 17 pekerja rentan on SK, 16 enrolled.
    expect(pdfText).toMatch(/Desa\/Pekon \(2\)\s+17\s+16\s+94,1%/);
    expect(pdfText).toMatch(/Dinas Sosial\s+7\s+5\s+71,4%/);
  });
});
