import { storeOf } from '../../electron/core/store/of-context';
import { opdRepo } from '../../electron/core/settings/employer-repository';
import { personRepo } from '../../electron/core/roster/person-repository';
import { saveRegistration } from '../../electron/core/settings/registrations';
import { afterEach, describe, expect, it } from 'vitest';
import { personBilling } from '../../electron/core/billing/person-billing';
import { addPersonException } from '../../electron/core/billing/person-exceptions';
import { addCategory, addStaff, addUnit, billingDb, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx.close());

describe('the person page\'s billing rules (person.billing)', () => {
  it('says when JP stopped, which programs and class apply, and lists the exceptions', async () => {
    ctx = await billingDb('2026-03-20T03:00:00Z');
    const opd = await addUnit(ctx, '01', 'Dinas Kesehatan');
    const full = await addCategory(ctx, { name: 'PPPK paruh waktu', segment: 'PU', programs: 'JKK,JKM,JHT,JP' });
    const [old, young] = await addStaff(ctx, { opdId: opd, categoryId: full, honor: 4_000_000, count: 2 });
    await personRepo.update(storeOf(ctx), old!, { birth_date: '1965-01-10' }, 'x');
    await personRepo.update(storeOf(ctx), young!, { birth_date: '1971-05-05' }, 'x');

    const o = await personBilling(ctx, old!, '2026-03');
    expect(o).toMatchObject({
      category: 'PPPK paruh waktu', segment: 'PU', unit: 'Dinas Kesehatan',
      categoryPrograms: ['JKK', 'JKM', 'JHT', 'JP'], programs: ['JKK', 'JKM', 'JHT'],
      jkkClass: 1, jkkClassFrom: 'Pemda (NPP 18040012)', exceptions: [],
    });
    // 58 was in force when the person turned 58 on 10 January 2023.
    expect(o.jp).toEqual({ stopped: true, sentence: 'JP berhenti: usia pensiun 58 tercapai 10 Januari 2023 (PP 45/2015 Ps.15)' });

    await addPersonException(ctx, { personId: young!, fromMonth: '2026-03', programs: ['JKK', 'JKM'], jkkClass: 3, reason: 'Tugas lapangan', source: 'SK 800/12/2026' });
    const y = await personBilling(ctx, young!, '2026-03');
    expect(y).toMatchObject({ programs: ['JKK', 'JKM'], jkkClass: 3, jkkClassFrom: 'pengecualian', jp: null });
    expect(y.exceptions.map((e) => [e.sentence, e.active])).toEqual([['Pengecualian: hanya JKK+JKM; JKK kelas III mulai Maret 2026, SK 800/12/2026', true]]);
    // February is before the exception: the category's programs. JP: the person is 59 in 2030 (60 in
    // force from 2028), 60 on 5 May 2031 when 61 is already in force (from 2031), so 61 on 5 May 2032.
    const feb = await personBilling(ctx, young!, '2026-02');
    expect(feb).toMatchObject({ programs: ['JKK', 'JKM', 'JHT', 'JP'], jkkClass: 1 });
    expect(feb.jp!.sentence).toBe('JP sampai usia pensiun 61 pada 5 Mei 2032 (bulan terakhir dengan JP: Mei 2032; PP 45/2015 Ps.15)');
    expect(feb.exceptions[0]!.active).toBe(false);
  });

  it('names the registration a class comes from', async () => {
    ctx = await billingDb('2026-03-20T03:00:00Z');
    const reg = await saveRegistration(ctx, { npp: '18040099', name: 'RSUD Liwa', jkkClass: 3 });
    const rsud = await addUnit(ctx, '02', 'RSUD Liwa');
    await opdRepo.update(storeOf(ctx), rsud, { registration_id: reg });
    const [id] = await addStaff(ctx, { opdId: rsud, honor: 2_000_000 });
    expect(await personBilling(ctx, id!, '2026-03')).toMatchObject({ jkkClass: 3, jkkClassFrom: 'NPP 18040099 (RSUD Liwa)', programs: ['JKK', 'JKM'], jp: null });
    // No engagement in the month (the staff start in 2025): nothing billed.
    expect(await personBilling(ctx, id!, '2024-06')).toMatchObject({ category: null, programs: [], jkkClass: null });
  });
});
