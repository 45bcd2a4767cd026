import { storeOf } from '../../electron/core/store/of-context';
import { opdRepo } from '../../electron/core/settings/employer-repository';
import { categoryRepo } from '../../electron/core/roster/category-repository';
import { saveRegistration } from '../../electron/core/settings/registrations';
import { afterEach, describe, expect, it } from 'vitest';
import { invoiceLines, runBilling } from '../../electron/core/billing/index';
import { addPersonException } from '../../electron/core/billing/person-exceptions';
import { addCategory, addStaff, addUnit, billingDb, HONORER, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx.close());

/** A registration as Pengaturan saves it. */
function addRegistration(npp: string, name: string, jkkClass: number): Promise<number> {
  return saveRegistration(ctx, { npp, name, jkkClass });
}

/** A category's registration, the rest of the category as it is. */
async function setCategoryRegistration(id: number, reg: number): Promise<void> {
  const q = storeOf(ctx);
  const c = (await categoryRepo.list(q)).find((x) => x.id === id)!;
  await categoryRepo.update(q, id, { name: c.name, segment: c.segment, programs: c.programs, jkkClass: c.jkk_class, enrolled: Boolean(c.enrolled), registrationId: reg });
}

describe('the JKK class of a line: exception, category, registration (unit, then category), employer', () => {
  it('resolves each case to the rupiah on Rp2.000.000 (JKK+JKM)', async () => {
    ctx = await billingDb('2026-03-20T03:00:00Z', 1); // the Pemda's own NPP: class I
    const rsudReg = await addRegistration('18040099', 'RSUD Liwa (BLUD)', 3);
    const desaReg = await addRegistration('18040077', 'Pemerintah Desa', 2);
    const dinas = await addUnit(ctx, '01', 'Dinas Pendidikan');
    const rsud = await addUnit(ctx, '02', 'RSUD Liwa');
    await opdRepo.update(storeOf(ctx), rsud, { registration_id: rsudReg });
    const desa = await addCategory(ctx, { name: 'Perangkat desa', segment: 'PU', programs: 'JKK,JKM' });
    await setCategoryRegistration(desa, desaReg);
    const sopir = await addCategory(ctx, { name: 'Sopir', segment: 'PU', programs: 'JKK,JKM', jkkClass: 4 });
    const staff = async (opdId: number, categoryId: number) => (await addStaff(ctx, { opdId, categoryId, honor: 2_000_000 }))[0]!;
    const cases = {
      plain: await staff(dinas, HONORER), //            employer class I:              2.000.000 x 0,24% = 4.800
      unitReg: await staff(rsud, HONORER), //           the unit's NPP, class III:     2.000.000 x 0,89% = 17.800
      categoryReg: await staff(dinas, desa), //         the category's NPP, class II:  2.000.000 x 0,54% = 10.800
      unitBeatsCategory: await staff(rsud, desa), //    unit's NPP (III) before the category's (II):      17.800
      ownClass: await staff(rsud, sopir), //            the category's own class IV:   2.000.000 x 1,27% = 25.400
      exception: await staff(rsud, sopir), //           the person's class V:          2.000.000 x 1,74% = 34.800
    };
    await addPersonException(ctx, { personId: cases.exception, fromMonth: '2026-01', jkkClass: 5, reason: 'Tugas jaga IGD', source: 'SK Direktur 3/2026' });
    const res = await runBilling(ctx, { month: '2026-03' });
    const lines = (await Promise.all(res.invoices.map((i) => invoiceLines(ctx, i.id)))).flat();
    const got = Object.fromEntries(Object.entries(cases).map(([k, id]) => {
      const l = lines.find((x) => x.personId === id)!;
      // JKM is 0,30% of 2.000.000 = 6.000 whatever the class.
      return [k, [l.jkkClass, l.jkk, l.jkm]];
    }));
    expect(got).toEqual({
      plain: [1, 4_800, 6_000],
      unitReg: [3, 17_800, 6_000],
      categoryReg: [2, 10_800, 6_000],
      unitBeatsCategory: [3, 17_800, 6_000],
      ownClass: [4, 25_400, 6_000],
      exception: [5, 34_800, 6_000],
    });
    // The month is the exact sum of its lines: 4.800 + 17.800 + 10.800 + 17.800 + 25.400 + 34.800 + 6 x 6.000 = 147.400.
    expect(res.total).toBe(147_400);
  });

  it('a BPU line has no JKK class and ignores the registrations', async () => {
    ctx = await billingDb('2026-03-20T03:00:00Z', 1);
    const reg = await addRegistration('18040055', 'Desa Sukamaju', 4);
    const unit = await addUnit(ctx, '03', 'Desa Sukamaju', 'village');
    await opdRepo.update(storeOf(ctx), unit, { registration_id: reg });
    const rentan = (await addStaff(ctx, { opdId: unit, categoryId: 2, honor: 1_000_000 }))[0]!;
    const res = await runBilling(ctx, { month: '2026-03' });
    const l = (await Promise.all(res.invoices.map((i) => invoiceLines(ctx, i.id)))).flat().find((x) => x.personId === rentan)!;
    // BPU minimum package: JKK 1% of Rp1.000.000 = 10.000, JKM flat 6.800: 16.800.
    expect([l.jkkClass, l.jkk, l.jkm, l.total]).toEqual([null, 10_000, 6_800, 16_800]);
  });
});

describe("next year's budget", () => {
  it('uses the same class order as billing (the unit\'s NPP class here)', async () => {
    const { forecastYear } = await import('../../electron/core/coverage/forecast');
    ctx = await billingDb('2026-10-10T03:00:00Z', 1);
    const reg = await addRegistration('18040099', 'RSUD Liwa (BLUD)', 3);
    const rsud = await addUnit(ctx, '02', 'RSUD Liwa');
    await opdRepo.update(storeOf(ctx), rsud, { registration_id: reg });
    await addStaff(ctx, { opdId: rsud, categoryId: HONORER, honor: 2_000_000 });
    const f = await forecastYear(ctx, { year: 2027, renewAnnual: false });
    const jkk = f.units.flatMap((u) => u.lines).filter((l) => l.program === 'JKK');
    // Class III: 2.000.000 x 0,89% = 17.800 a month, 12 months.
    expect(jkk.map((l) => [l.tariff, l.volume])).toEqual([[17_800, 12]]);
    expect(f.programs.JKK).toBe(12 * 17_800);
  });
});
