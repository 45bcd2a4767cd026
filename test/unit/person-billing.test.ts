import { afterEach, describe, expect, it } from 'vitest';
import { personBilling } from '../../electron/core/billing/person-billing';
import { addPersonException } from '../../electron/core/billing/person-exceptions';
import { addCategory, addStaff, addUnit, billingDb, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx.close());

describe('the person page\'s billing rules (person.billing)', () => {
  it('says when JP stopped, which programs and class apply, and lists the exceptions', async () => {
    ctx = billingDb('2026-03-20T03:00:00Z');
    const opd = addUnit(ctx, '01', 'Dinas Kesehatan');
    const full = addCategory(ctx, { name: 'PPPK paruh waktu', segment: 'PU', programs: 'JKK,JKM,JHT,JP' });
    const [old, young] = addStaff(ctx, { opdId: opd, categoryId: full, honor: 4_000_000, count: 2 });
    ctx.db.prepare("UPDATE person SET birth_date = '1965-01-10' WHERE id = ?").run(old);
    ctx.db.prepare("UPDATE person SET birth_date = '1971-05-05' WHERE id = ?").run(young);

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
    ctx = billingDb('2026-03-20T03:00:00Z');
    const reg = Number(ctx.db.prepare("INSERT INTO employer_registration (npp, name, jkk_class, created_at, created_by) VALUES ('18040099', 'RSUD Liwa', 3, 'x', 'x')").run().lastInsertRowid);
    const rsud = addUnit(ctx, '02', 'RSUD Liwa');
    ctx.db.prepare('UPDATE opd SET registration_id = ? WHERE id = ?').run(reg, rsud);
    const [id] = addStaff(ctx, { opdId: rsud, honor: 2_000_000 });
    expect(await personBilling(ctx, id!, '2026-03')).toMatchObject({ jkkClass: 3, jkkClassFrom: 'NPP 18040099 (RSUD Liwa)', programs: ['JKK', 'JKM'], jp: null });
    // No engagement in the month (the staff start in 2025): nothing billed.
    expect(await personBilling(ctx, id!, '2024-06')).toMatchObject({ category: null, programs: [], jkkClass: null });
  });
});
