import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { afterEach, describe, expect, it } from 'vitest';
import {
  listRateParams, listBpuBrackets, ratesForMonth, saveRateParam, deleteRateParam, saveBpuBrackets, runBilling, formatBp, invoiceLines,
} from '../../electron/core/billing/index';
import { RATE_PARAM_KEYS } from '../../shared/billing-types';
import { addStaff, addUnit, billingDb, RENTAN, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

describe('seeded rates', () => {
  it('cover every parameter, each row with a source and a confidence', async () => {
    ctx = await billingDb();
    const rows = await listRateParams(ctx);
    expect(new Set(rows.map((r) => r.key))).toEqual(new Set(RATE_PARAM_KEYS));
    for (const r of rows) {
      expect(r.source.trim()).not.toBe('');
      expect(['H', 'M', 'L']).toContain(r.confidence);
      expect(r.effectiveMonth).toMatch(/^\d{4}-\d{2}$/);
    }
    const v = (key: string) => rows.filter((r) => r.key === key).map((r) => r.value);
    expect([1, 2, 3, 4, 5].map((c) => v(`pu.jkk.${c}`)[0])).toEqual([24, 54, 89, 127, 174]);
    expect([v('pu.jkm'), v('pu.jht.employer'), v('pu.jht.worker'), v('pu.jp.employer'), v('pu.jp.worker')]).toEqual([[30], [370], [200], [200], [100]]);
    expect([v('bpu.jkk'), v('bpu.jkm'), v('bpu.jht')]).toEqual([[100], [6_800], [200]]);
    expect([v('pu.due.month_offset'), v('pu.due.day'), v('bpu.due.month_offset'), v('bpu.due.day')]).toEqual([[1], [15], [0], [15]]);
    expect([v('pu.fine.enabled'), v('pu.fine.bp_per_month'), v('billing.month_rule'), v('pu.wage_floor')]).toEqual([[1], [200], [0], [0]]);
    expect(rows.filter((r) => r.estimate).map((r) => r.key).sort()).toEqual(['pu.fine.bp_per_month', 'pu.fine.enabled']);
  });

  it('hold every March JP cap from domain.md with its confidence and letter', async () => {
    ctx = await billingDb();
    const caps = (await listRateParams(ctx)).filter((r) => r.key === 'pu.jp.wage_cap').map((r) => [r.effectiveMonth, r.value, r.confidence]);
    expect(caps).toEqual([
      ['2019-03', 8_512_400, 'M'], ['2020-03', 8_939_700, 'M'], ['2021-03', 8_754_600, 'M'], ['2022-03', 9_077_600, 'H'],
      ['2023-03', 9_559_600, 'H'], ['2024-03', 10_042_300, 'H'], ['2025-03', 10_547_400, 'H'], ['2026-03', 11_086_300, 'M'],
    ]);
    const letters = (await listRateParams(ctx)).filter((r) => r.key === 'pu.jp.wage_cap' && r.effectiveMonth >= '2024-03').map((r) => r.source);
    expect(letters).toEqual(['Surat BPJS Ketenagakerjaan B/1387/022024', 'Surat BPJS Ketenagakerjaan B/726/022025', 'Surat BPJS Ketenagakerjaan B/1226/022026']);
    expect(await listBpuBrackets(ctx)).toEqual([{ effectiveMonth: '2015-07', source: expect.stringMatching(/Lampiran II/), confidence: 'H', brackets: [{ incomeFrom: 0, declaredIncome: 1_000_000 }] }]);
  });

  it('resolve to the row with the latest effective month on or before the month', async () => {
    ctx = await billingDb();
    expect((await ratesForMonth(ctx, '2026-02')).params['pu.jp.wage_cap']!.value).toBe(10_547_400);
    expect((await ratesForMonth(ctx, '2026-03')).params['pu.jp.wage_cap']!.value).toBe(11_086_300);
    expect((await ratesForMonth(ctx, '2019-02')).params['pu.jp.wage_cap']).toBeUndefined();
    expect((await ratesForMonth(ctx, '2026-03')).employerJkkClass).toBe(1);
    expect(formatBp(24)).toBe('0,24%');
    expect(formatBp(370)).toBe('3,7%');
    expect(formatBp(100)).toBe('1%');
  });
});

describe('editing rates', () => {
  it('adds an effective-dated row, changes it in place, and audits both in the same transaction', async () => {
    ctx = await billingDb();
    await saveRateParam(ctx, { key: 'pu.jp.wage_cap', effectiveMonth: '2027-03', value: 11_600_000, source: 'Surat BPJS B/999/022027', confidence: 'H' });
    await saveRateParam(ctx, { key: 'pu.jp.wage_cap', effectiveMonth: '2027-03', value: 11_650_000, source: 'Surat BPJS B/999/022027 (ralat)', confidence: 'H', note: 'ralat' });
    expect((await ratesForMonth(ctx, '2027-02')).params['pu.jp.wage_cap']!.value).toBe(11_086_300);
    expect((await ratesForMonth(ctx, '2027-03')).params['pu.jp.wage_cap']).toEqual({ value: 11_650_000, effectiveMonth: '2027-03', source: 'Surat BPJS B/999/022027 (ralat)', confidence: 'H' });
    const audit = await storeOf(ctx).all<{ action: string; before_json: string | null; after_json: string }>(sql`SELECT action, before_json, after_json FROM audit_log WHERE entity = 'rate_param' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ value: 11_600_000 });
    expect(JSON.parse(audit[1]!.after_json)).toMatchObject({ key: 'pu.jp.wage_cap', effectiveMonth: '2027-03', value: 11_650_000, note: 'ralat' });
    await deleteRateParam(ctx, 'pu.jp.wage_cap', '2027-03');
    expect((await ratesForMonth(ctx, '2027-03')).params['pu.jp.wage_cap']!.value).toBe(11_086_300);
    await expect(deleteRateParam(ctx, 'pu.jkm', '2015-07')).rejects.toThrow(/satu-satunya/);
    await expect(deleteRateParam(ctx, 'pu.jkm', '2030-01')).rejects.toThrow(/Tidak ada tarif/);
  });

  it('keeps a row in force as history: its value neither changes nor goes, its source may be corrected', async () => {
    ctx = await billingDb('2026-04-10T03:00:00Z');
    const cap = (await ratesForMonth(ctx, '2026-03')).params['pu.jp.wage_cap']!;
    expect(cap.effectiveMonth).toBe('2026-03');
    const edit = { key: 'pu.jp.wage_cap' as const, effectiveMonth: '2026-03', value: cap.value, source: cap.source, confidence: 'H' as const };
    await expect(saveRateParam(ctx, { ...edit, value: cap.value + 1 })).rejects.toThrow(/tidak dapat diubah nilainya/);
    await expect(deleteRateParam(ctx, 'pu.jp.wage_cap', '2026-03')).rejects.toThrow(/tidak dapat dihapus/);
    await saveRateParam(ctx, { ...edit, source: `${cap.source} (dikoreksi)` });
    expect((await ratesForMonth(ctx, '2026-03')).params['pu.jp.wage_cap']).toMatchObject({ value: cap.value, source: `${cap.source} (dikoreksi)` });
    // A change of rate is a new dated row, backdated if need be.
    await saveRateParam(ctx, { ...edit, effectiveMonth: '2026-04', value: cap.value + 100_000, source: 'Surat BPJS (uji)' });
    expect((await ratesForMonth(ctx, '2026-04')).params['pu.jp.wage_cap']!.value).toBe(cap.value + 100_000);
  });

  it('refuses unknown keys, bad months, missing sources and values out of range, writing nothing', async () => {
    ctx = await billingDb();
    const before = await listRateParams(ctx);
    const base = { key: 'pu.jkm', effectiveMonth: '2026-01', value: 30, source: 'PP', confidence: 'H' as const };
    await expect(saveRateParam(ctx, { ...base, key: 'pu.jkx' })).rejects.toThrow(/tidak dikenal/);
    await expect(saveRateParam(ctx, { ...base, effectiveMonth: '2026-1' })).rejects.toThrow(/YYYY-MM/);
    await expect(saveRateParam(ctx, { ...base, source: ' ' })).rejects.toThrow(/Sumber wajib/);
    await expect(saveRateParam(ctx, { ...base, value: 0.3 })).rejects.toThrow(/basis poin/);
    await expect(saveRateParam(ctx, { ...base, value: 10_001 })).rejects.toThrow(/0 sampai 10000/);
    await expect(saveRateParam(ctx, { ...base, key: 'pu.due.day', value: 32 })).rejects.toThrow(/1 sampai 31/);
    await expect(saveRateParam(ctx, { ...base, confidence: 'X' as 'H' })).rejects.toThrow(/H, M, atau L/);
    expect(await listRateParams(ctx)).toEqual(before);
  });

  it('replaces the BPU bracket table of a month, and billing puts each income in its bracket', async () => {
    ctx = await billingDb();
    const village = await addUnit(ctx, 'P01', 'Pekon Sebarus', 'village');
    const [low] = await addStaff(ctx, { opdId: village, categoryId: RENTAN, honor: 900_000 });
    const [mid] = await addStaff(ctx, { opdId: village, categoryId: RENTAN, honor: 1_600_000 });
    const [edge] = await addStaff(ctx, { opdId: village, categoryId: RENTAN, honor: 2_000_000 });
    await saveBpuBrackets(ctx, {
      effectiveMonth: '2026-02', source: 'PP 44/2015 Lampiran II (salinan dari kantor cabang)', confidence: 'H',
      brackets: [{ incomeFrom: 2_000_000, declaredIncome: 2_000_000 }, { incomeFrom: 0, declaredIncome: 1_000_000 }, { incomeFrom: 1_500_000, declaredIncome: 1_500_000 }],
    });
    expect((await listBpuBrackets(ctx)).map((s) => [s.effectiveMonth, s.brackets.length])).toEqual([['2015-07', 1], ['2026-02', 3]]);
    const jkkOf = async (month: string) => {
      const inv = (await runBilling(ctx, { month })).invoices[0]!;
      return new Map((await invoiceLines(ctx, inv.id)).map((l) => [l.personId, [l.base, l.jkk]]));
    };
    expect((await jkkOf('2026-01')).get(mid!)).toEqual([1_000_000, 10_000]);
    const feb = await jkkOf('2026-02');
    expect([feb.get(low!), feb.get(mid!), feb.get(edge!)]).toEqual([[1_000_000, 10_000], [1_500_000, 15_000], [2_000_000, 20_000]]);
    expect(await storeOf(ctx).one(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'bpu_bracket'`)).toEqual({ n: 1 });
    await expect(saveBpuBrackets(ctx, { effectiveMonth: '2026-03', source: 'x', confidence: 'H', brackets: [{ incomeFrom: 500_000, declaredIncome: 1_000_000 }] })).rejects.toThrow(/dimulai dari penghasilan 0/);
    await expect(saveBpuBrackets(ctx, { effectiveMonth: '2026-03', source: 'x', confidence: 'H', brackets: [{ incomeFrom: 0, declaredIncome: 1_000_000 }, { incomeFrom: 1, declaredIncome: 900_000 }] })).rejects.toThrow(/harus naik/);
  });
});
