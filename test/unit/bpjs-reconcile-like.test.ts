import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { testContext } from '../helpers';
import { NPP, addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { reconcileBill, sigapBilledLines } from '../../electron/core/bpjs/index';
import { runBilling } from '../../electron/core/billing/index';
import { saveRegistration } from '../../electron/core/settings/registrations';
import { opdRepo } from '../../electron/core/settings/employer-repository';
import { storeOf } from '../../electron/core/store/of-context';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

const MONTH = '2026-03';
const RSUD_NPP = '18040099';

/** A bill as a branch types it: a title block naming NPP, period and segment, then one row per person. */
async function bill(path: string, title: string[], rows: { nik: string; name: string; jkk: number; jkm: number }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Rincian');
  for (const t of title) ws.addRow([t]);
  ws.addRow([]);
  ws.addRow(['No', 'N I K', 'Nama Tenaga Kerja', 'Iuran JKK 0.24%', 'Iuran JKM 0.30%', 'Total Iuran']);
  rows.forEach((r, i) => ws.addRow([String(i + 1), r.nik, r.name, r.jkk.toLocaleString('id-ID'), r.jkm.toLocaleString('id-ID'), (r.jkk + r.jkm).toLocaleString('id-ID')]));
  ws.addRow(['JUMLAH SELURUHNYA']);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('a bill is compared only with invoices of its own NPP and segment', () => {
  it('PU bill of the Pemda, PU bill of the RSUD, BPU bill: each against its own invoices', async () => {
    // The RSUD (a BLUD) holds its own NPP; its unit belongs to that registration (migration 0130).
    const rsudReg = await saveRegistration(ctx, { npp: RSUD_NPP, name: 'RSUD Alimuddin Umar (BLUD)', jkkClass: 1 });
    const rsud = {
      id: await opdRepo.insert(storeOf(ctx), { code: 'R01', name: 'RSUD Alimuddin Umar', name_key: 'RSUD ALIMUDDIN UMAR', kind: 'opd', created_at: 'x', registration_id: rsudReg }),
      code: 'R01', name: 'RSUD Alimuddin Umar',
    };
    // Wages above any floor: JKK 0.24% and JKM 0.30% (class I): 3.000.000 -> 7.200 + 9.000; 4.000.000 -> 9.600 + 12.000.
    const clerk = await addPerson(ctx, { name: 'Ani Lestari' });
    await addEngagement(ctx, clerk.id, { unit: s.dinas, category: s.pu, wage: 3_000_000 });
    const driver = await addPerson(ctx, { name: 'Budi Santoso' });
    await addEngagement(ctx, driver.id, { unit: s.dinas, category: s.pu, wage: 4_000_000 });
    const nurse = await addPerson(ctx, { name: 'Cici Rahayu' });
    await addEngagement(ctx, nurse.id, { unit: rsud, category: s.pu, wage: 3_000_000 });
    const rentan = await addPerson(ctx, { name: 'Dedi Pekerja Rentan' });
    await addEngagement(ctx, rentan.id, { unit: s.pekon, category: s.bpu, wage: 1_000_000 });
    await runBilling(ctx, { month: MONTH, issue: true });
    const lines = await sigapBilledLines(ctx, MONTH);
    const of = (nik: string) => lines.filter((l) => l.nik === nik);
    expect(of(clerk.nik).map((l) => [l.program, l.amount, l.segment, l.npp])).toEqual([['JKK', 7_200, 'PU', NPP], ['JKM', 9_000, 'PU', NPP]]);
    expect(of(nurse.nik).map((l) => [l.segment, l.npp])).toEqual([['PU', RSUD_NPP], ['PU', RSUD_NPP]]);
    expect(new Set(of(rentan.nik).map((l) => l.segment))).toEqual(new Set(['BPU']));

    // The Pemda's PU bill: exactly what was billed to the two Dinas staff. The nurse (another NPP) and
    // the BPU member are not "billed only by Sigap" on it.
    const pemda = await bill(join(ctx.dir, 'pemda.xlsx'), ['RINCIAN IURAN TENAGA KERJA', `NPP : ${NPP}`, 'Periode Iuran : Maret 2026'], [
      { nik: clerk.nik, name: clerk.name, jkk: 7_200, jkm: 9_000 }, { nik: driver.nik, name: driver.name, jkk: 9_600, jkm: 12_000 },
    ]);
    const r = await reconcileBill(ctx, pemda, MONTH, lines);
    expect([r.npp, r.segment, r.excluded]).toEqual([NPP, 'PU', { otherSegment: 1, otherNpp: 1 }]);
    expect([r.onlyBranch, r.onlySigap, r.differences]).toEqual([[], [], []]);
    // 7.200 + 9.000 + 9.600 + 12.000 = 37.800 on both sides.
    expect([r.totals.branch.total, r.totals.sigap.total, r.persons.equal]).toEqual([37_800, 37_800, 2]);

    // The RSUD's bill: only the nurse is compared; a JKM 100 rupiah higher at the branch.
    const rs = await bill(join(ctx.dir, 'rsud.xlsx'), [`NPP : ${RSUD_NPP}`, 'Bulan Iuran : 03-2026'], [{ nik: nurse.nik, name: nurse.name, jkk: 7_200, jkm: 9_100 }]);
    const rr = await reconcileBill(ctx, rs, MONTH, lines);
    expect([rr.npp, rr.excluded]).toEqual([RSUD_NPP, { otherSegment: 1, otherNpp: 2 }]);
    expect(rr.differences.map((d) => [d.nik, d.program, d.difference])).toEqual([[nurse.nik, 'JKM', 100]]);
    expect(rr.onlySigap).toEqual([]);

    // A BPU bill (the title says so): only the BPU member, three PU staff left out.
    const bpuLines = of(rentan.nik);
    const amount = (p: string) => bpuLines.filter((l) => l.program === p).reduce((a, l) => a + l.amount, 0);
    const bp = await bill(join(ctx.dir, 'bpu.xlsx'), [`NPP : ${NPP}`, 'Peserta Bukan Penerima Upah', 'Periode : Maret 2026'], [{ nik: rentan.nik, name: rentan.name, jkk: amount('JKK'), jkm: amount('JKM') }]);
    const rb = await reconcileBill(ctx, bp, MONTH, lines);
    expect([rb.segment, rb.excluded, rb.persons]).toEqual(['BPU', { otherSegment: 3, otherNpp: 0 }, { branch: 1, sigap: 1, both: 1, equal: 1 }]);
  });

  it('without segment or NPP on the lines (older callers) every line is compared, as before', async () => {
    const p = await addPerson(ctx);
    const path = await bill(join(ctx.dir, 'b.xlsx'), ['RINCIAN'], [{ nik: p.nik, name: p.name, jkk: 3_600, jkm: 4_500 }]);
    const r = await reconcileBill(ctx, path, MONTH, [{ nik: p.nik, name: p.name, opdCode: 'D01', program: 'JKK', amount: 3_600 }, { nik: p.nik, name: p.name, opdCode: 'D01', program: 'JKM', amount: 4_500 }]);
    expect([r.persons.equal, r.excluded, r.npp]).toEqual([1, { otherSegment: 0, otherNpp: 0 }, NPP]);
  });
});
