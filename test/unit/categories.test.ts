import { afterEach, describe, expect, it } from 'vitest';
import { categoryInfos, parsePrograms, saveCategory } from '../../electron/core/roster/categories';
import { listCategories } from '../../electron/core/roster/units';
import { listAudit } from '../../electron/core/audit-query';
import { invoiceLines, issueDrafts, listInvoices, runBilling } from '../../electron/core/billing/index';
import { SigapError } from '../../shared/errors';
import { bridge } from '../api-harness';
import { addCategory, addStaff, addUnit, billingDb, HONORER, issuedRows, RENTAN, type BillingCtx } from './billing-fixture';
import { createPerson } from '../../electron/core/roster/person';
import { outcome, overlapping } from '../store-gates';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

/** The SigapError a call throws (the test fails if it does not throw one). */
async function refusal(f: () => unknown): Promise<SigapError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof SigapError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const PU_FULL = { segment: 'PU' as const, programs: ['JKK', 'JKM', 'JHT', 'JP'], jkkClass: null };

describe('staff categories in the core', () => {
  it('creates a category with a trimmed name, programs in the canonical order and an audit row in the same transaction', async () => {
    ctx = await billingDb();
    const { id } = await saveCategory({ ...ctx, actor: 'rina' }, { name: '  PPPK   Paruh Waktu ', segment: 'PU', programs: 'jp, jkm,JKK , jht', jkkClass: 2 });
    const row = (await listCategories(ctx)).find((c) => c.id === id)!;
    expect(row).toEqual({ id, name: 'PPPK Paruh Waktu', segment: 'PU', programs: 'JKK,JKM,JHT,JP', jkk_class: 2, enrolled: 1, registration_id: null });
    const audit = (await listAudit(ctx, { entity: 'category' })).rows;
    expect(audit).toHaveLength(1);
    expect([audit[0]!.action, audit[0]!.actor, audit[0]!.entityId]).toEqual(['create', 'rina', id]);
    expect(audit[0]!.after).toEqual({ name: 'PPPK Paruh Waktu', segment: 'PU', programs: 'JKK,JKM,JHT,JP', jkkClass: 2, enrolled: true, registrationId: null });
  });

  it('refuses what the program rules forbid, with messages a clerk understands, and writes nothing', async () => {
    ctx = await billingDb();
    const before = await listCategories(ctx);
    const cases: [Parameters<typeof saveCategory>[1], string, RegExp][] = [
      [{ name: 'Perangkat Desa', segment: 'PU', programs: ['JKK'] }, 'INVALID_INPUT', /JKK dan JKM wajib/],
      [{ name: 'Perangkat Desa', segment: 'PU', programs: ['JKM', 'JHT'] }, 'INVALID_INPUT', /JKK dan JKM wajib/],
      [{ name: 'Nelayan', segment: 'BPU', programs: ['JKK', 'JKM', 'JP'] }, 'INVALID_INPUT', /JP \(Jaminan Pensiun\) hanya untuk peserta Penerima Upah/],
      [{ name: 'Nelayan', segment: 'BPU', programs: ['JKK', 'JKM'], jkkClass: 2 }, 'INVALID_INPUT', /Kelas risiko JKK hanya untuk PU/],
      [{ name: 'Perangkat Desa', segment: 'PU', programs: ['JKK', 'JKM'], jkkClass: 6 }, 'INVALID_INPUT', /harus 1 sampai 5/],
      [{ name: 'Perangkat Desa', segment: 'PU', programs: 'JKK,JKM,JKP' }, 'INVALID_INPUT', /Program "JKP" tidak dikenal/],
      [{ name: ' x ', segment: 'PU', programs: ['JKK', 'JKM'] }, 'INVALID_INPUT', /minimal 3 huruf/],
      // The seeded name in another case is the same name.
      [{ name: 'tenaga non-asn (honorer)', segment: 'PU', programs: ['JKK', 'JKM'] }, 'CONFLICT', /"Tenaga Non-ASN \(Honorer\)" sudah dipakai/],
      [{ id: RENTAN, name: 'Tenaga  Non-ASN (Honorer)', segment: 'BPU', programs: ['JKK', 'JKM'] }, 'CONFLICT', /sudah dipakai/],
    ];
    for (const [input, code, message] of cases) {
      const e = await refusal(() => saveCategory(ctx, input));
      expect([e.code, e.message], JSON.stringify(input)).toEqual([code, expect.stringMatching(message)]);
    }
    expect(await listCategories(ctx)).toEqual(before);
    expect((await listAudit(ctx, { entity: 'category' })).total).toBe(0);
  });

  it('lets BPU take JHT (domain.md section 4) and stores no JKK class for it', async () => {
    ctx = await billingDb();
    const { id } = await saveCategory(ctx, { name: 'Nelayan', segment: 'BPU', programs: ['JHT', 'JKM', 'JKK'] });
    expect((await listCategories(ctx)).find((c) => c.id === id)).toMatchObject({ segment: 'BPU', programs: 'JKK,JKM,JHT', jkk_class: null });
    expect(parsePrograms('jkk+jkm jht')).toEqual(['JKK', 'JKM', 'JHT']);
  });

  it('a new JKK class is used by the next billing run; issued invoices keep their lines, totals and rate snapshot', async () => {
    ctx = await billingDb('2026-02-20T03:00:00Z');
    const opd = await addUnit(ctx, '01', 'Dinas Sosial');
    await addStaff(ctx, { count: 3, opdId: opd, honor: 1_000_000 });
    await runBilling(ctx, { month: '2026-01' });
    expect(await issueDrafts(ctx, '2026-01')).toBe(1);
    const feb = await runBilling(ctx, { month: '2026-02' });
    expect(feb.total).toBe(3 * 5_400);
    const issuedBefore = await issuedRows(ctx);
    expect(issuedBefore.invoices).toHaveLength(1);

    // Class III: 0.89% of Rp1,000,000 = Rp8,900.
    const res = await saveCategory(ctx, { id: HONORER, name: 'Tenaga Non-ASN (Honorer)', segment: 'PU', programs: ['JKK', 'JKM'], jkkClass: 3 });
    expect(res.draftMonths).toEqual(['2026-02']);
    expect(await issuedRows(ctx)).toEqual(issuedBefore);

    const again = await runBilling(ctx, { month: '2026-02' });
    expect(again.total).toBe(3 * (8_900 + 3_000));
    const line = (await invoiceLines(ctx, again.invoices[0]!.id))[0]!;
    expect([line.jkkClass, line.jkk, line.jkm]).toEqual([3, 8_900, 3_000]);
    // Billing January again adds a correction at most; the issued invoice itself is untouched.
    await runBilling(ctx, { month: '2026-01' });
    expect(await issuedRows(ctx)).toEqual(issuedBefore);
    const jan = (await listInvoices(ctx, { month: '2026-01' })).find((i) => i.status === 'issued')!;
    expect((await invoiceLines(ctx, jan.id)).map((l) => [l.jkkClass, l.jkk])).toEqual([[1, 2_400], [1, 2_400], [1, 2_400]]);
  });

  it('adding JHT and JP bills them from the next run; stopping enrolment bills nobody of the category', async () => {
    ctx = await billingDb('2026-02-20T03:00:00Z');
    const opd = await addUnit(ctx, '01', 'Dinas Kesehatan');
    const pppk = await addCategory(ctx, { name: 'PPPK Paruh Waktu', segment: 'PU', programs: 'JKK,JKM' });
    await addStaff(ctx, { opdId: opd, categoryId: pppk, honor: 2_000_000 });
    await addStaff(ctx, { opdId: opd, honor: 1_000_000 });
    expect((await runBilling(ctx, { month: '2026-02' })).total).toBe(10_800 + 5_400);
    await saveCategory(ctx, { id: pppk, name: 'PPPK Paruh Waktu', ...PU_FULL });
    const full = await runBilling(ctx, { month: '2026-02' });
    // 2,000,000: JKK 4,800 + JKM 6,000 + JHT 74,000 + 40,000 + JP 40,000 + 20,000.
    expect(full.total).toBe(184_800 + 5_400);
    await saveCategory(ctx, { id: pppk, name: 'PPPK Paruh Waktu', ...PU_FULL, enrolled: false });
    const off = await runBilling(ctx, { month: '2026-02' });
    expect([off.total, off.persons]).toEqual([5_400, 1]);
    expect((await categoryInfos(ctx)).find((c) => c.id === pppk)).toMatchObject({ enrolled: false, active: 1, engagements: 1, decrees: 0, programs: ['JKK', 'JKM', 'JHT', 'JP'] });
  });

  it('refuses a segment change once SKs, engagements or issued invoices use the category; allows it before', async () => {
    ctx = await billingDb();
    const opd = await addUnit(ctx, '01', 'Dinas Sosial');
    await addStaff(ctx, { opdId: opd, honor: 1_000_000 });
    const refused = await refusal(() => saveCategory(ctx, { id: HONORER, name: 'Tenaga Non-ASN (Honorer)', segment: 'BPU', programs: ['JKK', 'JKM'] }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/Segmen kategori "Tenaga Non-ASN \(Honorer\)" tidak dapat diubah dari PU ke BPU/);
    expect(refused.message).toMatch(/Buat kategori baru/);
    expect((await listCategories(ctx)).find((c) => c.id === HONORER)!.segment).toBe('PU');

    const unused = await addCategory(ctx, { name: 'Kader Posyandu', segment: 'PU', programs: 'JKK,JKM' });
    await saveCategory(ctx, { id: unused, name: 'Kader Posyandu', segment: 'BPU', programs: ['JKK', 'JKM'] });
    expect((await listCategories(ctx)).find((c) => c.id === unused)!.segment).toBe('BPU');
    const upd = (await listAudit(ctx, { entity: 'category' })).rows.find((r) => r.entityId === unused)!;
    expect([upd.action, upd.before, upd.after]).toEqual(['update', { segment: 'PU' }, { segment: 'BPU' }]);
  });

  it('a segment change while a person is added to the category: the change waits for the new engagement and is refused', async () => {
    ctx = await billingDb();
    const opdId = await addUnit(ctx, '01', 'Dinas Sosial');
    const categoryId = await addCategory(ctx, { name: 'Kader Posyandu', segment: 'PU', programs: 'JKK,JKM' });
    // The new person's engagement is written and not yet committed while the segment change goes as far as it can.
    const [, change] = await overlapping(
      ctx,
      (c) => createPerson(c, { nik: '1804010101900001', name: 'Ahmad Fauzi' }, { opdId, categoryId, honor: 1_500_000, startDate: '2026-01-01' }),
      (c) => saveCategory(c, { id: categoryId, name: 'Kader Posyandu', segment: 'BPU', programs: ['JKK', 'JKM'] }),
    );
    expect(outcome(change)).toMatch(/^CONFLICT: .*Segmen kategori "Kader Posyandu" tidak dapat diubah dari PU ke BPU/);
    expect((await listCategories(ctx)).find((c) => c.id === categoryId)!.segment).toBe('PU');
  });

  it('an edit that changes nothing writes no audit row', async () => {
    ctx = await billingDb();
    await saveCategory(ctx, { id: HONORER, name: 'Tenaga Non-ASN (Honorer)', segment: 'PU', programs: ['JKM', 'JKK'], jkkClass: null });
    expect((await listAudit(ctx, { entity: 'category' })).total).toBe(0);
  });
});

describe('category calls over the bridge', () => {
  it('lists categories with the employer class and people active today; an admin saves', async () => {
    ctx = await billingDb('2026-02-20T03:00:00Z', 2);
    const opd = await addUnit(ctx, '01', 'Dinas Sosial');
    await addStaff(ctx, { count: 2, opdId: opd, honor: 1_000_000 });
    await addStaff(ctx, { opdId: opd, honor: 1_000_000, end: '2025-12-31' });
    const b = bridge(ctx);
    const list = await b.ok('category.list', {});
    expect(list.employerJkkClass).toBe(2);
    expect(list.categories.map((c) => [c.name, c.segment, c.programs, c.jkkClass, c.enrolled, c.active, c.engagements, c.decrees])).toEqual([
      ['Tenaga Non-ASN (Honorer)', 'PU', ['JKK', 'JKM'], null, true, 2, 3, 0],
      ['Pekerja Rentan', 'BPU', ['JKK', 'JKM'], null, true, 0, 0, 0],
    ]);
    const saved = await b.ok('category.save', { name: 'Perangkat Desa', segment: 'PU', programs: ['JKK', 'JKM', 'JHT'], jkkClass: 1, enrolled: true });
    expect((await b.ok('category.list', {})).categories.find((c) => c.id === saved.id)).toMatchObject({ name: 'Perangkat Desa', programs: ['JKK', 'JKM', 'JHT'], jkkClass: 1 });
    const audit = (await listAudit(ctx, { entity: 'category' })).rows;
    expect(audit.map((r) => [r.action, r.actor])).toEqual([['create', 'admin']]);

    const bad = await b.call('category.save', { name: 'Nelayan', segment: 'BPU', programs: ['JKK', 'JKM', 'JP'], jkkClass: null, enrolled: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('JP (Jaminan Pensiun) hanya untuk') } });
    const unknown = await b.raw('category.save', { name: 'Nelayan', segment: 'BPU', programs: ['JKK', 'JKM', 'JKP'], jkkClass: null, enrolled: true });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it.each(['hr', 'finance', 'viewer'] as const)('refuses category.save to %s (reading stays open)', async (role) => {
    ctx = await billingDb();
    const b = bridge(ctx, undefined, { as: role });
    expect((await b.ok('category.list', {})).categories).toHaveLength(2);
    const r = await b.call('category.save', { id: HONORER, name: 'Tenaga Non-ASN (Honorer)', segment: 'PU', programs: ['JKK', 'JKM'], jkkClass: 4, enrolled: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await listCategories(ctx)).find((c) => c.id === HONORER)!.jkk_class).toBeNull();
    expect((await listAudit(ctx, { entity: 'category' })).total).toBe(0);
  });
});
