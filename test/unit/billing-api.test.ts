/** The billing calls through the bridge: contract-checked inputs and replies over a real database. */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { bridge, testHost } from '../api-harness';
import type { Role } from '../../shared/roles';
import { addStaff, addUnit, billingDb, issuedRows, RENTAN, type BillingCtx } from './billing-fixture';
import { runBilling } from '../../electron/core/billing/index';
import { waitMessage } from '../../electron/core/billing/month-lock';
import { testEngine } from '../helpers';
import pg from 'pg';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

async function setup(role: Role = 'finance') {
  ctx = await billingDb('2026-03-10T03:00:00Z');
  const dinkes = await addUnit(ctx, '05', 'Dinas Kesehatan');
  const dinsos = await addUnit(ctx, '07', 'Dinas Sosial');
  await addStaff(ctx, { count: 10, opdId: dinkes, honor: 1_000_000 });
  await addStaff(ctx, { count: 3, opdId: dinsos, honor: 2_000_000 });
  await addStaff(ctx, { count: 4, opdId: dinsos, categoryId: RENTAN, honor: 500_000 });
  const host = testHost();
  const api = bridge(ctx, host, { as: role });
  await api.ready;
  return { host, api, dinkes, dinsos };
}

describe('billing bridge', () => {
  it('runs a month with progress, lists its drafts per unit and segment with totals, and pages the person lines', async () => {
    const { api, host, dinkes } = await setup();
    const run = await api.ok('billing.run', { month: '2026-02' });
    expect(run).toEqual({ month: '2026-02', drafts: 3, issued: 0, persons: 17, total: 54_000 + 32_400 + 4 * 16_800 });
    expect(host.events.filter((e) => e.task === 'billing.run').map((e) => e.done)).toEqual([0, 1]);

    const list = await api.ok('invoice.list', { month: '2026-02' });
    expect(list.rows.map((r) => [r.opdCode, r.segment, r.status, r.persons, r.total, r.payable])).toEqual([
      ['05', 'PU', 'draft', 10, 54_000, 0],
      ['07', 'PU', 'draft', 3, 32_400, 0],
      ['07', 'BPU', 'draft', 4, 67_200, 0],
    ]);
    expect(list.totals).toMatchObject({ persons: 17, total: run.total, jkk: 24_000 + 14_400 + 40_000, drafts: 3, invoices: 3 });
    expect((await api.ok('invoice.list', { month: '2026-02', opdId: dinkes })).rows).toHaveLength(1);
    expect((await api.ok('invoice.list', { month: '2026-02', offset: 1, limit: 1 })).rows.map((r) => r.opdCode)).toEqual(['07']);

    const id = list.rows[0]!.id;
    const detail = await api.ok('invoice.get', { invoiceId: id, limit: 4 });
    expect(detail.lines.total).toBe(10);
    expect(detail.lines.rows).toHaveLength(4);
    expect(detail.unit).toMatchObject({ code: '05', name: 'Dinas Kesehatan', budgetAccount: '5.1.02.02.01.05' });
    const jkk1 = detail.rates.params.find((p) => p.key === 'pu.jkk.1')!;
    expect(jkk1.value).toBe(24);
    expect(jkk1.source).toMatch(/PP 44\/2015/);
    const next = await api.ok('invoice.lines', { invoiceId: id, offset: 8, limit: 4 });
    expect(next.rows).toHaveLength(2);
    expect([...detail.lines.rows, ...next.rows].every((l) => l.total === 5_400)).toBe(true);

    expect((await api.ok('billing.months', {})).map((m) => [m.month, m.invoices, m.drafts])).toEqual([['2026-02', 3, 3]]);
  });

  it('issues one draft then the rest; records a partial payment; refuses an overpayment with the core message', async () => {
    const { api } = await setup();
    await api.ok('billing.run', { month: '2026-02' });
    const [first] = (await api.ok('invoice.list', { month: '2026-02' })).rows;
    const issued = await api.ok('invoice.issue', { invoiceId: first!.id });
    expect(issued.number).toBe('IUR/2026/02/05/001');
    expect(issued.payable).toBe(54_000);
    expect(await api.ok('billing.issueAll', { month: '2026-02' })).toEqual({ issued: 2 });
    const again = await api.call('invoice.issue', { invoiceId: first!.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const paid = await api.ok('payment.record', { invoiceId: first!.id, sp2d: '00123/SP2D/LS/2026', date: '2026-03-10', amount: 20_000 });
    expect(paid.remaining).toBe(34_000);
    expect(paid.invoice).toMatchObject({ paid: 20_000, payable: 34_000 });
    const over = await api.call('payment.record', { invoiceId: first!.id, sp2d: '00124/SP2D/LS/2026', date: '2026-03-06', amount: 34_001 });
    expect(over).toEqual({ ok: false, error: { code: 'OVERPAYMENT', message: 'Pembayaran Rp34.001 melebihi sisa tagihan IUR/2026/02/05/001 sebesar Rp34.000. Periksa nilai SP2D; catat paling banyak Rp34.000.' } });
    const detail = await api.ok('invoice.get', { invoiceId: first!.id });
    expect(detail.payments.map((p) => [p.sp2dNumber, p.sp2dDate, p.amount])).toEqual([['00123/SP2D/LS/2026', '2026-03-10', 20_000]]);
    expect(detail.invoice.payable).toBe(34_000);
  });

  it('reports arrears per unit with aging and the estimated fine', async () => {
    const { api, dinsos } = await setup();
    // Issued on 10 January (straight through the core: the session is not touched at that time),
    // before either due date, so both keep the rule date.
    ctx.clock = () => new Date('2026-01-10T03:00:00Z');
    await runBilling(ctx, { month: '2026-01', issue: true });
    ctx.clock = () => new Date('2026-03-10T03:00:00Z');
    // PU January is due 16 February 2026 (the 15th is a Sunday); BPU January 15 January.
    const r = await api.ok('billing.arrears', { asOf: '2026-03-10' });
    expect(r.fineIsEstimate).toBe(true);
    const sos = r.units.find((u) => u.opdId === dinsos)!;
    expect(sos.items.map((i) => [i.segment, i.bucket, i.outstanding])).toEqual([['PU', 'd0_30', 32_400], ['BPU', 'd31_60', 67_200]]);
    expect(sos.fineEstimate).toBe(648); // 2% of Rp32,400 for one started month; BPU has no fine
    expect(r.totals.outstanding).toBe(54_000 + 32_400 + 67_200);
    const today = await api.ok('billing.arrears', {});
    expect(today.asOf).toBe('2026-03-10');
  });

  it('a rate edit changes later drafts but never an issued invoice, and the snapshot keeps the old rate', async () => {
    const { api } = await setup();
    await api.ok('billing.run', { month: '2026-02' });
    await api.ok('billing.issueAll', { month: '2026-02' });
    const before = await issuedRows(ctx);
    await api.ok('rates.save', { key: 'pu.jkm', effectiveMonth: '2026-02', value: 40, source: 'Uji: surat BPJS fiktif', confidence: 'L' });
    const rates = await api.ok('rates.list', {});
    expect(rates.params.find((p) => p.key === 'pu.jkm' && p.effectiveMonth === '2026-02')).toMatchObject({ value: 40, source: 'Uji: surat BPJS fiktif' });
    expect(rates.currentMonth).toBe('2026-03');

    await api.ok('billing.run', { month: '2026-02' });
    expect(await issuedRows(ctx)).toEqual(before);
    const list = await api.ok('invoice.list', { month: '2026-02' });
    const supplementary = list.rows.filter((r) => r.kind === 'supplementary');
    expect(supplementary.map((r) => [r.opdCode, r.status, r.originalNumber, r.total])).toEqual([
      ['05', 'draft', 'IUR/2026/02/05/001', 10 * 1_000], // +0.10% of Rp1,000,000 for 10 people
      ['07', 'draft', 'IUR/2026/02/07/001', 3 * 2_000],
    ]);
    const original = await api.ok('invoice.get', { invoiceId: list.rows[0]!.id });
    expect(original.rates.params.find((p) => p.key === 'pu.jkm')!.value).toBe(30);
    expect(original.corrections.map((c) => c.kind)).toEqual(['supplementary']);
  });

  it('deletes only rows not yet in force, and saves BPU brackets', async () => {
    const { api } = await setup();
    await api.ok('rates.save', { key: 'pu.jp.wage_cap', effectiveMonth: '2027-03', value: 11_600_000, source: 'Perkiraan', confidence: 'L' });
    // A row in force keeps its value; its source may be corrected.
    const cap = (await api.ok('rates.list', {})).params.find((p) => p.key === 'pu.jp.wage_cap' && p.effectiveMonth === '2026-03')!;
    const changed = await api.call('rates.save', { key: 'pu.jp.wage_cap', effectiveMonth: '2026-03', value: cap.value + 1, source: cap.source, confidence: 'H' });
    expect(changed).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await api.ok('rates.save', { key: 'pu.jp.wage_cap', effectiveMonth: '2026-03', value: cap.value, source: `${cap.source} (dikoreksi)`, confidence: 'H' });
    const past = await api.call('rates.delete', { key: 'pu.jp.wage_cap', effectiveMonth: '2026-03' });
    expect(past).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!past.ok) expect(past.error.message).toContain('Maret 2026');
    await api.ok('rates.delete', { key: 'pu.jp.wage_cap', effectiveMonth: '2027-03' });
    expect((await api.ok('rates.list', {})).params.some((p) => p.key === 'pu.jp.wage_cap' && p.effectiveMonth === '2027-03')).toBe(false);

    await api.ok('rates.saveBrackets', { effectiveMonth: '2027-01', source: 'PP 44/2015 Lampiran II', confidence: 'M', brackets: [{ incomeFrom: 0, declaredIncome: 1_000_000 }, { incomeFrom: 1_500_000, declaredIncome: 1_500_000 }] });
    const sets = (await api.ok('rates.list', {})).brackets;
    expect(sets.find((s) => s.effectiveMonth === '2027-01')!.brackets).toHaveLength(2);
    const bad = await api.call('rates.saveBrackets', { effectiveMonth: '2027-02', source: 'x', confidence: 'M', brackets: [{ incomeFrom: 100, declaredIncome: 1_000_000 }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('dimulai dari penghasilan 0') } });
  });

  it('writes the Excel copy where the clerk chose, and nothing when the dialog is cancelled', async () => {
    const { api, host } = await setup();
    await api.ok('billing.run', { month: '2026-02' });
    const [inv] = (await api.ok('invoice.list', { month: '2026-02' })).rows;
    expect(await api.ok('invoice.saveXlsx', { invoiceId: inv!.id })).toBeNull();
    const out = join(ctx.dir, 'tagihan.xlsx');
    host.saveQueue.push(out);
    expect(await api.ok('invoice.saveXlsx', { invoiceId: inv!.id })).toEqual({ path: out, rows: 10, fileId: expect.any(String) });
    expect(existsSync(out)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Rincian')!.rowCount).toBe(11);
  });

  it('lets a viewer read the rate tables but not bill, pay or edit rates', async () => {
    const { api } = await setup('viewer');
    expect((await api.ok('rates.list', {})).params.length).toBeGreaterThan(20);
    for (const [name, input] of [
      ['billing.run', { month: '2026-02' }],
      ['payment.record', { invoiceId: 1, sp2d: 'A', date: '2026-03-01', amount: 100 }],
      ['rates.save', { key: 'pu.jkm', effectiveMonth: '2027-01', value: 30, source: 'x', confidence: 'H' }],
      ['rates.delete', { key: 'pu.jkm', effectiveMonth: '2027-01' }],
      ['rates.saveBrackets', { effectiveMonth: '2027-01', source: 'x', confidence: 'H', brackets: [{ incomeFrom: 0, declaredIncome: 1 }] }],
    ] as const) {
      expect(await api.raw(name, input), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('refuses bad inputs before they reach the core', async () => {
    const { api } = await setup();
    const bad: [string, unknown][] = [
      ['billing.run', { month: '2026-13' }],
      ['billing.run', { month: '2026-02', extra: 1 }],
      ['invoice.get', { invoiceId: -1 }],
      ['invoice.lines', { invoiceId: 1, limit: 100_000 }],
      ['payment.record', { invoiceId: 1, sp2d: '', date: '2026-03-01', amount: 1 }],
      ['payment.record', { invoiceId: 1, sp2d: 'x'.repeat(101), date: '2026-03-01', amount: 1 }],
      ['payment.record', { invoiceId: 1, sp2d: 'A', date: '2026-03-01', amount: 1.5 }],
      ['payment.record', { invoiceId: 1, sp2d: 'A', date: '1-3-2026', amount: 100 }],
      ['rates.save', { key: 'pu.unknown', effectiveMonth: '2026-04', value: 1, source: 'x', confidence: 'H' }],
      ['rates.save', { key: 'pu.jkm', effectiveMonth: '2026-04', value: 1, source: '', confidence: 'H' }],
      ['rates.save', { key: 'pu.jkm', effectiveMonth: '2026-04', value: 1, source: 's'.repeat(301), confidence: 'H' }],
      ['rates.saveBrackets', { effectiveMonth: '2026-04', source: 'x', confidence: 'H', brackets: [] }],
    ];
    for (const [name, input] of bad) {
      const r = await api.raw(name, input);
      expect(r, `${name} ${JSON.stringify(input).slice(0, 60)}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    // Valid shape, refused by the core: out of the parameter's range, a draft paid, an unknown invoice.
    expect(await api.raw('rates.save', { key: 'pu.jkm', effectiveMonth: '2026-04', value: 20_000, source: 'x', confidence: 'H' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('basis poin') } });
    await api.ok('billing.run', { month: '2026-02' });
    const [draft] = (await api.ok('invoice.list', { month: '2026-02' })).rows;
    expect(await api.raw('payment.record', { invoiceId: draft!.id, sp2d: 'A', date: '2026-03-01', amount: 100 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('masih draf') } });
    expect(await api.raw('invoice.get', { invoiceId: 99_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe.runIf(testEngine === 'postgres')('billing bridge on a shared server', () => {
  it('says on the progress line that another office is billing the month, waits, then bills', async () => {
    const { api, host } = await setup();
    const holder = new pg.Client({ connectionString: ctx.dbPath });
    await holder.connect();
    try {
      // Another office's run of March holds the month's lock in an open transaction.
      await holder.query('BEGIN');
      await holder.query("SELECT pg_advisory_xact_lock(x'53494742'::int, 202603)");
      const run = api.ok('billing.run', { month: '2026-03' });
      const told = () => host.events.some((e) => e.task === 'billing.run' && e.phase === waitMessage('2026-03'));
      for (const end = Date.now() + 20_000; !told() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
      expect(told(), 'the wait is said on the progress line').toBe(true);
      await holder.query('COMMIT');
      expect(await run).toMatchObject({ month: '2026-03', drafts: 3, persons: 17 });
      expect(host.events.filter((e) => e.task === 'billing.run').map((e) => e.phase)).toEqual(['Menghitung iuran Maret 2026', waitMessage('2026-03'), 'Selesai']);
    } finally {
      await holder.end();
    }
  });
});
