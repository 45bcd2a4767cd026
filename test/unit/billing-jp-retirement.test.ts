import { storeOf } from '../../electron/core/store/of-context';
import { personRepo } from '../../electron/core/roster/person-repository';
import { afterEach, describe, expect, it } from 'vitest';
import { runBilling, invoiceLines } from '../../electron/core/billing/index';
import { addCategory, addStaff, addUnit, billingDb, type BillingCtx } from './billing-fixture';
import { ratesForMonth } from '../../electron/core/billing/rates';

let ctx: BillingCtx;
afterEach(() => ctx.close());

async function staffBorn(birthDate: string, category: number, opd: number, honor: number): Promise<number> {
  const [id] = await addStaff(ctx, { opdId: opd, categoryId: category, honor });
  await personRepo.update(storeOf(ctx), id!, { birth_date: birthDate }, 'x');
  return id!;
}

async function lineOf(month: string, personId: number) {
  const res = await runBilling(ctx, { month });
  const nik = (await personRepo.row(storeOf(ctx), personId))!.nik;
  for (const inv of res.invoices) {
    const l = (await invoiceLines(ctx, inv.id)).find((x) => x.nik === nik);
    if (l) return l;
  }
  throw new Error(`no line for ${personId}`);
}

describe('JP stops at retirement age (PP 45/2015 Ps.15)', () => {
  it('the dated table: 56, 57 from 2019, 58 from 2022, 59 from 2025, 60 from 2028', async () => {
    ctx = await billingDb('2026-03-10T03:00:00Z');
    const age = async (m: string) => (await ratesForMonth(ctx, m)).params['pu.jp.retirement_age']!.value;
    expect(await Promise.all(['2018-12', '2019-01', '2021-12', '2022-01', '2025-01', '2027-12', '2028-01', '2043-01'].map(age))).toEqual([56, 57, 57, 58, 59, 59, 60, 65]);
  });

  it('born 10-01-1965, Rp4.000.000, all four programs, March 2026: Rp249.600, not Rp369.600', async () => {
    ctx = await billingDb('2026-03-10T03:00:00Z');
    const opd = await addUnit(ctx, '01', 'Dinas Kesehatan');
    const full = await addCategory(ctx, { name: 'PPPK paruh waktu', segment: 'PU', programs: 'JKK,JKM,JHT,JP' });
    const old = await staffBorn('1965-01-10', full, opd, 4_000_000);
    const young = await staffBorn('1990-05-05', full, opd, 4_000_000);
    // 4,000,000 x (0.24% JKK + 0.30% JKM + 3.7% + 2% JHT) = 9,600 + 12,000 + 148,000 + 80,000 = 249,600.
    // JP would add 2% + 1% = 80,000 + 40,000 = 120,000 (369,600): the person turned 59 in January 2024,
    // past the age in force (59 from 2025), so none.
    const o = await lineOf('2026-03', old);
    expect([o.jpEmployer, o.jpWorker, o.jkk, o.jkm, o.jhtEmployer, o.jhtWorker, o.total]).toEqual([0, 0, 9_600, 12_000, 148_000, 80_000, 249_600]);
    const y = await lineOf('2026-03', young);
    expect([y.jpEmployer, y.jpWorker, y.total]).toEqual([80_000, 40_000, 369_600]);
  });

  it('the month the age is reached is still billed (unless reached on the 1st); later months are not', async () => {
    ctx = await billingDb('2026-06-10T03:00:00Z');
    const opd = await addUnit(ctx, '02', 'Inspektorat');
    const full = await addCategory(ctx, { name: 'PPPK penuh', segment: 'PU', programs: 'JKK,JKM,JHT,JP' });
    // Turns 59 on 15 April 2026: April billed with JP, May not.
    const mid = await staffBorn('1967-04-15', full, opd, 3_000_000);
    // Turns 59 on 1 May 2026: April billed, May not.
    const first = await staffBorn('1967-05-01', full, opd, 3_000_000);
    expect((await lineOf('2026-04', mid)).jpEmployer).toBe(60_000);
    expect((await lineOf('2026-05', mid)).jpEmployer).toBe(0);
    expect((await lineOf('2026-04', first)).jpEmployer).toBe(60_000);
    expect((await lineOf('2026-05', first)).jpEmployer).toBe(0);
    // JKK, JKM and JHT go on: 3,000,000 x (0.24 + 0.30 + 3.7 + 2)% = 7,200 + 9,000 + 111,000 + 60,000.
    expect((await lineOf('2026-05', mid)).total).toBe(187_200);
  });
});

describe("next year's budget", () => {
  it('stops JP at the retirement age the same way: the months after it carry no JP', async () => {
    const { forecastYear } = await import('../../electron/core/coverage/forecast');
    ctx = await billingDb('2026-10-10T03:00:00Z');
    const opd = await addUnit(ctx, '03', 'Bappeda');
    const full = await addCategory(ctx, { name: 'PPPK forecast', segment: 'PU', programs: 'JKK,JKM,JHT,JP' });
    // Turns 59 on 15 June 2027 (59 is in force until 2028): JP January to June, none July to December.
    await staffBorn('1968-06-15', full, opd, 2_000_000);
    const f = await forecastYear(ctx, { year: 2027, renewAnnual: false });
    const jp = f.units.flatMap((u) => u.lines).filter((l) => l.program === 'JP');
    // 2,000,000 x 2% employer = 40,000 a month, six months.
    expect(jp.reduce((s, l) => s + l.volume, 0)).toBe(6);
    expect(f.programs.JP).toBe(6 * 40_000);
    const jkk = f.units.flatMap((u) => u.lines).filter((l) => l.program === 'JKK');
    expect(jkk.reduce((s, l) => s + l.volume, 0)).toBe(12);
  });
});

describe('the printed basis', () => {
  it('names the retirement age in force, with its source, where JP is billed', async () => {
    const { invoicePrint } = await import('../../electron/core/print/invoice');
    ctx = await billingDb('2026-03-10T03:00:00Z');
    const opd = await addUnit(ctx, '04', 'Dinas Sosial');
    const full = await addCategory(ctx, { name: 'PPPK cetak', segment: 'PU', programs: 'JKK,JKM,JHT,JP' });
    await staffBorn('1965-01-10', full, opd, 4_000_000);
    await staffBorn('1990-05-05', full, opd, 4_000_000);
    const inv = (await runBilling(ctx, { month: '2026-03', issue: true })).invoices[0]!;
    const doc = await invoicePrint(ctx, inv.id, { attachment: false });
    expect(doc.body).toMatch(/Usia pensiun JP; sesudahnya JP tidak ditagih: <span class="strong">59 tahun<\/span> \(berlaku sejak Januari 2025; PP 45\/2015 Ps\.15/);
  });
});
