import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { readBill, programOf } from '../../electron/core/bpjs/bill-read';
import { reconcileBill } from '../../electron/core/bpjs/index';
import { setupRoster } from '../fixtures/bpjs-roster';
import { F2A_MONTH, F2A_NPP, F2A_PEOPLE } from '../fixtures/files/formulir-2a-expected';

const FILES = join(__dirname, '..', 'fixtures', 'files');

let ctx: ReturnType<typeof testContext>;
beforeEach(async () => {
  ctx = testContext('2026-04-10T03:00:00Z');
  await setupRoster(ctx, F2A_NPP);
});
afterEach(() => ctx.close());

describe('the classic Formulir 2a (Rincian Iuran Tenaga Kerja) as the branch hands it over', () => {
  it('takes rated headers as program amounts, but not totals, wages or bare rates', () => {
    expect(['Iuran JKK 0.24%', 'Iuran JKM 0.30%', 'Iuran JHT TK 2%', 'Iuran JHT PRSH 3.7%', 'Iuran JP TK 1%', 'Iuran JP PRSH 2%'].map(programOf))
      .toEqual(['JKK', 'JKM', 'JHT', 'JHT', 'JP', 'JP']);
    expect(['Total Iuran', 'Data Upah (Rp.)', 'JKK 0.24%', 'Tarif JKK 0,24%', 'JKK (%)'].map(programOf)).toEqual([null, null, null, null, null]);
  });

  for (const ext of ['xls', 'xlsx'] as const) {
    it(`reads the LibreOffice-made .${ext}: title block, two merged header rows, column numbers, text amounts, JUMLAH SELURUHNYA`, async () => {
      const bill = await readBill(join(FILES, `formulir-2a-lo.${ext}`), F2A_MONTH);
      expect([bill.npp, bill.period, bill.segment, bill.sheet]).toEqual([F2A_NPP, '2026-03', 'PU', 'Formulir 2a']);
      expect(bill.programs).toEqual(['JKK', 'JKM', 'JHT', 'JP']);
      // Rows 10-12 of the sheet (6 title rows, 2 header rows, 1 row of column numbers); JHT and JP add
      // the worker's and the employer's share: 30.000 + 55.500 = 85.500, 15.000 + 30.000 = 45.000 ...
      expect(bill.lines.map((l) => [l.row, l.nik, l.kpj, l.name, l.amounts])).toEqual([
        [10, F2A_PEOPLE[0]!.nik, F2A_PEOPLE[0]!.kpj, 'ANI LESTARI', { JKK: 3_600, JKM: 4_500, JHT: 85_500, JP: 45_000 }],
        [11, F2A_PEOPLE[1]!.nik, F2A_PEOPLE[1]!.kpj, 'BUDI SANTOSO', { JKK: 4_800, JKM: 6_000, JHT: 114_000, JP: 60_000 }],
        [12, F2A_PEOPLE[2]!.nik, F2A_PEOPLE[2]!.kpj, 'CICI RAHAYU', { JKK: 6_000, JKM: 7_500, JHT: 142_500, JP: 75_000 }],
      ]);
      // The lines add up to the form's own JUMLAH SELURUHNYA: 14.400 + 18.000 + 342.000 + 180.000 = 554.400.
      const total = bill.lines.reduce((s, l) => s + l.amounts.JKK + l.amounts.JKM + l.amounts.JHT + l.amounts.JP, 0);
      expect(total).toBe(554_400);
      expect(bill.warnings).toEqual([]);
    });
  }

  it('refuses the bill of another month by its title, naming the file', async () => {
    await expect(readBill(join(FILES, 'formulir-2a-lo.xlsx'), '2026-04')).rejects.toThrow(/formulir-2a-lo\.xlsx.*bulan 2026-03, bukan 2026-04/);
  });

  it('reconciles the form against Sigap lines of its NPP and segment', async () => {
    const path = join(ctx.dir, 'Formulir 2a Maret.xls');
    copyFileSync(join(FILES, 'formulir-2a-lo.xls'), path);
    const [a, b] = F2A_PEOPLE as [typeof F2A_PEOPLE[0], typeof F2A_PEOPLE[0], typeof F2A_PEOPLE[0]];
    const line = (p: { nik: string; name: string }, program: 'JKK' | 'JKM' | 'JHT' | 'JP', amount: number) => ({ nik: p.nik, name: p.name, opdCode: 'D01', program, amount, segment: 'PU' as const, npp: F2A_NPP });
    const r = await reconcileBill(ctx, path, F2A_MONTH, [
      line(a, 'JKK', 3_600), line(a, 'JKM', 4_500), line(a, 'JHT', 85_500), line(a, 'JP', 45_000),
      line(b, 'JKK', 4_800), line(b, 'JKM', 6_000), line(b, 'JHT', 114_000), line(b, 'JP', 40_000),
    ]);
    expect([r.npp, r.segment]).toEqual([F2A_NPP, 'PU']);
    expect(r.persons).toEqual({ branch: 3, sigap: 2, both: 2, equal: 1 });
    // B: JP 60.000 on the bill, 40.000 in Sigap -> +20.000; C only on the bill (231.000).
    expect(r.differences.map((d) => [d.nik, d.program, d.difference])).toEqual([[b.nik, 'JP', 20_000]]);
    expect(r.onlyBranch.map((p) => [p.nik, p.amounts.total])).toEqual([[F2A_PEOPLE[2]!.nik, 231_000]]);
    expect(r.totals.difference.total).toBe(554_400 - (138_600 + 164_800));
  });
});
