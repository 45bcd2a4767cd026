import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { runCli } from '../cli-harness';
import { tempDir, testDatabases } from '../helpers';

let dir: string;
let cleanup: () => void;
const dbs = testDatabases();
beforeEach(async () => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await dbs.closeAll();
  cleanup();
});

const at = '2026-06-20T03:00:00Z';
const cli = (args: string[]) => runCli(args, { at });

interface BillJson {
  month: string;
  total: number;
  persons: number;
  issued: number;
  programs: Record<'JKK' | 'JKM' | 'JHT' | 'JP', number>;
  invoices: { number: string | null; status: string; opd: string; segment: string; persons: number; total: number; employer: number; worker: number; dueDate: string; programs: Record<'JKK' | 'JKM' | 'JHT' | 'JP', number> }[];
}

describe('sigap bill, pay, arrears, rates, invoice', () => {
  it('bills a month as JSON whose totals add up, issues it, and records payments', async () => {
    const db = await dbs.next(dir, 'b.db');
    expect((await cli(['demo', '--persons', '300', '--db', db])).code).toBe(0);
    const roster = (await cli(['roster', '--db', db, '--json', '--month', '2026-03'])).json<{ count: number }>();

    const draft = await cli(['bill', '--month', '2026-03', '--json', '--db', db]);
    expect(draft.code).toBe(0);
    const doc = draft.json<BillJson>();
    expect(doc.month).toBe('2026-03');
    expect(doc.persons).toBe(roster.count);
    expect(doc.invoices.length).toBeGreaterThan(1);
    expect(doc.invoices.reduce((s, i) => s + i.total, 0)).toBe(doc.total);
    expect(doc.invoices.reduce((s, i) => s + i.persons, 0)).toBe(roster.count);
    for (const i of doc.invoices) {
      expect(i.status).toBe('draft');
      expect(i.number).toBeNull();
      expect(typeof i.opd).toBe('string');
      expect(i.programs.JKK + i.programs.JKM + i.programs.JHT + i.programs.JP).toBe(i.total);
      expect(i.employer + i.worker).toBe(i.total);
    }
    expect(doc.programs.JKK + doc.programs.JKM + doc.programs.JHT + doc.programs.JP).toBe(doc.total);

    const issued = (await cli(['bill', '--month', '2026-03', '--issue', '--json', '--db', db])).json<BillJson>();
    expect(issued.total).toBe(doc.total);
    expect(issued.issued).toBe(doc.invoices.length);
    expect(issued.invoices.every((i) => i.status === 'issued' && /^IUR\/2026\/03\/[^/]+\/\d{3}$/.test(i.number!))).toBe(true);

    const pu = issued.invoices.find((i) => i.segment === 'PU')!;
    const paid = await cli(['pay', pu.number!, '--amount', String(pu.total - 100), '--date', '2026-06-20', '--sp2d', '00077/SP2D/LS/2026', '--json', '--db', db]);
    expect(paid.code).toBe(0);
    expect(paid.json<{ remaining: number }>().remaining).toBe(100);
    const over = await cli(['pay', pu.number!, '--amount', '101', '--date', '2026-04-11', '--sp2d', '00078/SP2D/LS/2026', '--db', db]);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/OVERPAYMENT.*melebihi sisa tagihan .* sebesar Rp100/);
    expect((await cli(['pay', pu.number!, '--amount', '1.OO', '--date', '2026-04-11', '--sp2d', 'X', '--db', db])).code).toBe(2);

    const arrears = await cli(['arrears', '--as-of', '2026-06-20', '--json', '--db', db]);
    expect(arrears.code).toBe(0);
    const rep = arrears.json<{ asOf: string; fineIsEstimate: boolean; units: { opd: string; outstanding: number; items: { invoiceNumbers: string[] }[] }[]; totals: { outstanding: number } }>();
    expect([rep.asOf, rep.fineIsEstimate]).toEqual(['2026-06-20', true]);
    expect(rep.totals.outstanding).toBe(doc.total - (pu.total - 100));
    expect(rep.units.find((u) => u.items.some((i) => i.invoiceNumbers.includes(pu.number!)))!.outstanding).toBe(100);
    expect((await cli(['arrears', '--db', db])).stdout).toMatch(/PERKIRAAN/);

    const xlsx = join(dir, 'rincian.xlsx');
    const x = await cli(['invoice', 'xlsx', pu.number!, '--out', xlsx, '--db', db]);
    expect(x.code).toBe(0);
    expect(existsSync(xlsx)).toBe(true);
    expect(x.stdout).toContain(`(${pu.persons} orang)`);
  });

  it('lists the rates with their sources, and the rates in force for a month', async () => {
    // `rates` only reads: it refuses a database file that does not exist.
    expect((await cli(['rates', '--json', '--db', join(dir, 'r.db')])).code).toBe(1);
    const db = await dbs.next(dir, 'r.db');
    expect((await cli(['settings', 'set', 'pemda.nama=Pemerintah Kabupaten Uji', '--db', db])).code).toBe(0);
    const all = await cli(['rates', '--json', '--db', db]);
    expect(all.code).toBe(0);
    const doc = all.json<{ params: { key: string; effectiveMonth: string; value: number; source: string }[]; bpuBrackets: unknown[] }>();
    expect(doc.params.filter((p) => p.key === 'pu.jp.wage_cap')).toHaveLength(8);
    expect(doc.params.every((p) => p.source.length > 0)).toBe(true);
    expect(doc.bpuBrackets).toHaveLength(1);
    const march = (await cli(['rates', '--month', '2026-03', '--json', '--db', db])).json<{ params: Record<string, { value: number }> }>();
    expect(march.params['pu.jp.wage_cap']!.value).toBe(11_086_300);
    const text = await cli(['rates', '--db', db]);
    expect(text.stdout).toMatch(/JKK kelas I \(pemberi kerja\)\s+2015-07\s+0,24%/);
    expect(text.stdout).toMatch(/B\/1226\/022026/);
  });

  it('explains bad arguments with exit code 2', async () => {
    const db = await dbs.next(dir, 'e.db');
    expect((await cli(['settings', 'set', 'pemda.nama=Pemerintah Kabupaten Uji', '--db', db])).code).toBe(0);
    expect((await cli(['bill', '--db', db])).code).toBe(2);
    expect((await cli(['bill', '--month', '2026-13', '--db', db])).stderr).toMatch(/bulan 2026-13 tidak sah, tulis tahun-bulan/);
    expect((await cli(['pay', 'IUR/2026/03/01/001', '--db', db])).code).toBe(2);
    expect((await cli(['invoice', 'pdfx', 'X', '--db', db])).code).toBe(2);
    expect((await cli(['rates', '--month', '03-2026', '--db', db])).code).toBe(2);
    expect((await cli(['arrears', '--as-of', '2026-02-30', '--db', db])).code).toBe(2);
    const missing = await cli(['invoice', 'xlsx', 'IUR/2026/03/99/001', '--out', join(dir, 'x.xlsx'), '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/tidak ditemukan/);
  });
});
