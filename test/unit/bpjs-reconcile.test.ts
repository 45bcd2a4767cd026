import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { runCli } from '../cli-harness';
import { writeBill, type BillLineFx } from '../fixtures/bpjs-files';
import { addEngagement, addNewcomers, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { reconcileBill, sigapBilledLines, type ReconcileReport, type SigapBilledLine } from '../../electron/core/bpjs/index';
import { runBilling } from '../../electron/core/billing/index';
import { fxPersons } from '../fixtures/sk-workbook';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

const MONTH = '2026-03';
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Sigap's lines for a person: JKK and JKM. */
function billed(p: { nik: string; name: string }, jkk: number, jkm: number, opdCode = 'D01'): SigapBilledLine[] {
  return [{ nik: p.nik, name: p.name, opdCode, program: 'JKK', amount: jkk }, { nik: p.nik, name: p.name, opdCode, program: 'JKM', amount: jkm }];
}

describe('reconciling the branch bill with Sigap invoices', () => {
  it('finds people billed by one side only and per-program differences, with totals per program', async () => {
    const same = await addPerson(ctx, { kpj: '10000000001' });
    const differs = await addPerson(ctx, { kpj: '10000000002' });
    const byKpjOnly = await addPerson(ctx, { kpj: '10000000003' });
    const sigapOnly = await addPerson(ctx, { kpj: '10000000004' });
    const sigap = [...billed(same, 3600, 4500), ...billed(differs, 3600, 4500), ...billed(byKpjOnly, 4800, 6000), ...billed(sigapOnly, 2400, 3000, 'P01')];
    const branchLines: BillLineFx[] = [
      { nik: same.nik, kpj: same.kpj, name: same.name, jkk: 3600, jkm: 4500 },
      { nik: differs.nik, kpj: differs.kpj, name: differs.name, jkk: 3600, jkm: 4800, jhtTk: 20_000, jhtPk: 37_000 },
      { nik: null, kpj: byKpjOnly.kpj, name: byKpjOnly.name, jkk: 4800, jkm: 6000 },
      { nik: '1804014404900007', kpj: '10000000099', name: 'Tidak Dikenal', jkk: 'Rp 2.400', jkm: '3.000' },
    ];
    const path = join(ctx.dir, 'rincian.xlsx');
    await writeBill(path, MONTH, branchLines);
    const r = await reconcileBill(ctx, path, MONTH, sigap);

    expect(r.programs).toEqual(['JKK', 'JKM', 'JHT']);
    expect(r.persons).toEqual({ branch: 4, sigap: 4, both: 3, equal: 2 });
    expect(r.onlyBranch.map((p) => [p.nik, p.kpj, p.rows, p.amounts.total])).toEqual([['1804014404900007', '10000000099', [6], 5400]]);
    expect(r.onlySigap.map((p) => [p.nik, p.opdCode, p.amounts.JKK, p.amounts.JKM, p.amounts.total])).toEqual([[sigapOnly.nik, 'P01', 2400, 3000, 5400]]);
    expect(r.differences.map((d) => [d.nik, d.program, d.branch, d.sigap, d.difference, d.rows])).toEqual([
      [differs.nik, 'JKM', 4800, 4500, 300, [4]], [differs.nik, 'JHT', 57_000, 0, 57_000, [4]],
    ]);
    const amount = (v: number | string) => (typeof v === 'number' ? v : Number(v.replace(/\D/g, '')));
    const branchJkk = sum(branchLines.map((l) => amount(l.jkk)));
    const branchJkm = sum(branchLines.map((l) => amount(l.jkm)));
    const branchJht = sum(branchLines.map((l) => (l.jhtTk ?? 0) + (l.jhtPk ?? 0)));
    const sigapJkk = sum(sigap.filter((l) => l.program === 'JKK').map((l) => l.amount));
    const sigapJkm = sum(sigap.filter((l) => l.program === 'JKM').map((l) => l.amount));
    expect(r.totals.branch).toEqual({ JKK: branchJkk, JKM: branchJkm, JHT: branchJht, JP: 0, total: branchJkk + branchJkm + branchJht });
    expect(r.totals.sigap).toEqual({ JKK: sigapJkk, JKM: sigapJkm, JHT: 0, JP: 0, total: sigapJkk + sigapJkm });
    expect(r.totals.difference.total).toBe(r.totals.branch.total - r.totals.sigap.total);
    // The total difference is exactly what the per-person findings add up to.
    expect(r.totals.difference.total).toBe(sum(r.differences.map((d) => d.difference)) + sum(r.onlyBranch.map((p) => p.amounts.total)) - sum(r.onlySigap.map((p) => p.amounts.total)));
  });

  it('refuses a bill with rows of another month or unreadable amounts, naming file, sheet, row and column', async () => {
    const p = await addPerson(ctx);
    const path = join(ctx.dir, 'salah.xlsx');
    await writeBill(path, MONTH, [
      { nik: p.nik, kpj: null, name: p.name, jkk: 3600, jkm: 4500, month: '02-2026' },
      { nik: p.nik, kpj: null, name: p.name, jkk: 'tiga ribu', jkm: 4500 },
    ]);
    await expect(reconcileBill(ctx, path, MONTH, [])).rejects.toThrow(
      /2 baris tagihan bermasalah; rekonsiliasi tidak dijalankan. Berkas "salah.xlsx", sheet "Rincian Iuran", baris 3, kolom E \(BLTH\): Baris untuk bulan 2026-02, bukan 2026-03. Berkas "salah.xlsx", sheet "Rincian Iuran", baris 4, kolom G \(IURAN JKK\)/,
    );
    await expect(reconcileBill(ctx, path, '2026-13', [])).rejects.toThrow(/Bulan "2026-13" tidak sah/);
  });

  it('sigap reconcile compares the bill with the month\'s issued invoices from billing', async () => {
    const staff = await addNewcomers(ctx, s, 4);
    const extra = await addPerson(ctx);
    await addEngagement(ctx, extra.id, { unit: s.pekon, category: s.bpu, wage: 1_000_000 });
    await runBilling(ctx, { month: MONTH, issue: true });
    const lines = await sigapBilledLines(ctx, MONTH);
    expect(new Set(lines.map((l) => l.nik))).toEqual(new Set([...staff, extra].map((p) => p.nik)));

    // The branch bills everyone Sigap billed except the last staff member, one JKM a rupiah higher.
    const byNik = new Map<string, { name: string; jkk: number; jkm: number }>();
    for (const l of lines) {
      const e = byNik.get(l.nik) ?? { name: l.name, jkk: 0, jkm: 0 };
      if (l.program === 'JKK') e.jkk += l.amount;
      if (l.program === 'JKM') e.jkm += l.amount;
      byNik.set(l.nik, e);
    }
    const missing = staff[3]!;
    const bumped = staff[0]!;
    // A PU bill: the BPU member (extra) is on the branch's BPU bill, not this one (bpjs-reconcile-like.test.ts).
    const bill = [...byNik].filter(([nik]) => nik !== missing.nik && nik !== extra.nik).map(([nik, e]) => ({ nik, kpj: null, name: e.name, jkk: e.jkk, jkm: e.jkm + (nik === bumped.nik ? 1 : 0) }));
    const path = join(ctx.dir, 'tagihan.xlsx');
    await writeBill(path, MONTH, bill);

    const run = await runCli(['reconcile', path, '--month', MONTH, '--json', '--db', ctx.dbPath], { at: '2026-03-10T03:00:00Z' });
    expect(run.code).toBe(1);
    const r = run.json<ReconcileReport>();
    expect(r.onlyBranch).toEqual([]);
    expect(r.onlySigap.map((p) => p.nik)).toEqual([missing.nik]);
    expect(r.differences.map((d) => [d.nik, d.program, d.difference])).toEqual([[bumped.nik, 'JKM', 1]]);
    expect(r.excluded).toEqual({ otherSegment: 1, otherNpp: 0 });
    expect(r.totals.sigap.total).toBe(sum(lines.filter((l) => l.nik !== extra.nik).map((l) => l.amount)));
    expect(r.totals.difference.total).toBe(1 - byNik.get(missing.nik)!.jkk - byNik.get(missing.nik)!.jkm);
    const ok = await runCli(['reconcile', path, '--month', '2026-13', '--db', ctx.dbPath]);
    expect(ok.code).toBe(2);
  });
});

describe('reconciling for a role that sees identities masked', () => {
  it('does not tell finance whether typed numbers are on the roster', async () => {
    const known = await addPerson(ctx, { kpj: '10000000011' });
    const sigap = billed(known, 3600, 4500);
    // A line with only the KPJ: the name stays the file's (blank here), not the roster's.
    const kpjOnly = join(ctx.dir, 'kpj-saja.xlsx');
    await writeBill(kpjOnly, MONTH, [{ nik: null, kpj: known.kpj, name: '', jkk: 3600, jkm: 4500 }]);
    const full = await reconcileBill(ctx, kpjOnly, MONTH, sigap);
    expect(full.persons.both).toBe(1);
    const masked = await reconcileBill({ ...ctx, seesIdentity: false }, kpjOnly, MONTH, sigap);
    expect(JSON.stringify(masked)).not.toContain(known.name);

    // A file of guessed NIKs (many people Sigap did not bill) is refused for that role, answered for hr.
    const guesses: BillLineFx[] = fxPersons(30, ['x'], 5, 900_000).map((p, i) => ({ nik: p.nik, kpj: null, name: `Tebakan ${i}`, jkk: 3600, jkm: 4500 }));
    const crafted = join(ctx.dir, 'tebakan.xlsx');
    await writeBill(crafted, MONTH, [{ nik: known.nik, kpj: known.kpj, name: known.name, jkk: 3600, jkm: 4500 }, ...guesses]);
    await expect(reconcileBill({ ...ctx, seesIdentity: false }, crafted, MONTH, sigap)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/memuat 30 orang yang tidak ditagih Sigap/) });
    const asHr = await reconcileBill(ctx, crafted, MONTH, sigap);
    expect(asHr.onlyBranch).toHaveLength(30);
  });
});
