/**
 * The pre-flight treats "no data" placeholders ("-", "n/a", "tidak ada") as missing, and the branch's bill
 * is read by its iuran columns only, so Sigap's own invoice detail reconciles to zero.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { preflight, reconcileBill, sigapBilledLines } from '../../electron/core/bpjs/index';
import { isPlaceholder } from '../../electron/core/bpjs/preflight';
import { programOf } from '../../electron/core/bpjs/bill-read';
import { listInvoices, runBilling } from '../../electron/core/billing/index';
import { writeInvoiceXlsx } from '../../electron/core/billing/xlsx';
import { categoryRepo } from '../../electron/core/roster/category-repository';
import { storeOf } from '../../electron/core/store/of-context';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

describe('pre-flight treats "no data" placeholders as missing', () => {
  it('flags "-", "--", ".", "n/a" and "tidak ada" in mother name, address and birth place, naming the column', async () => {
    const cases = [
      { mother: '-', address: '--', birthPlace: '.' },
      { mother: 'n/a', address: 'Tidak Ada', birthPlace: ' - ' },
      { mother: 'TDK ADA', address: '...', birthPlace: 'N/A' },
    ];
    const people = [];
    for (const c of cases) {
      const p = await addPerson(ctx, c);
      await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu });
      people.push(p);
    }
    const real = await addPerson(ctx, { mother: 'Siti Aminah', address: 'Jl. Pemuda 1, Liwa', birthPlace: 'Liwa' });
    await addEngagement(ctx, real.id, { unit: s.dinas, category: s.pu });

    const kind = (await preflight(ctx, { kinds: ['new'] })).kinds[0]!;
    // Warnings, not errors: the built-in profile does not require these columns (as the portal's upload).
    expect(kind).toMatchObject({ pending: 4, ready: 4 });
    for (const p of people) {
      const problems = kind.warned.find((b) => b.nik === p.nik)!.problems;
      expect(problems.map((x) => [x.code, x.column, x.severity]).sort()).toEqual([
        ['ADDRESS_MISSING', 'ALAMAT', 'warning'], ['BIRTH_PLACE_MISSING', 'TEMPAT_LAHIR', 'warning'], ['MOTHER_MISSING', 'NAMA_IBU_KANDUNG', 'warning'],
      ]);
      expect(problems.find((x) => x.code === 'MOTHER_MISSING')!.message).toMatch(/Nama ibu kandung belum diisi \(tertulis ".+", bukan data\)/);
    }
    expect(kind.warned.some((b) => b.nik === real.nik)).toBe(false);
  });

  it('knows placeholders from real short values', () => {
    for (const t of ['-', '--', '.', '—', 'n/a', 'N.A.', 'tidak ada', 'Tdk Ada', 'kosong', 'NULL', '0', ' ? ']) expect(isPlaceholder(t), t).toBe(true);
    for (const t of ['', 'Ani', 'Jl. A', 'Bu', 'Liwa', 'Ida Ayu']) expect(isPlaceholder(t), t).toBe(false);
  });
});

describe('bill columns that name a program but hold no iuran', () => {
  it('reads only amount columns as program iuran', () => {
    for (const h of ['Kelas JKK', 'Dasar JP', 'TARIF_JKK', 'PERSEN JKM', 'JKK (%)', '% JHT', 'PROSEN JP', 'RATE JHT', 'Upah JP', 'Total JKK', 'Denda JP']) expect(programOf(h), h).toBeNull();
    expect(['JKK', 'IURAN_JKM', 'JHT pemberi kerja', 'JHT TK', 'JP pekerja'].map(programOf)).toEqual(['JKK', 'JKM', 'JHT', 'JHT', 'JP']);
  });

  it("Sigap's own invoice detail workbook reconciles with Sigap's invoices with no difference", async () => {
    const full = await categoryRepo.insert(storeOf(ctx), { name: 'Tenaga kontrak', segment: 'PU', programs: 'JKK,JKM,JHT,JP', jkkClass: 2, enrolled: true, registrationId: null });
    for (const wage of [1_500_000, 2_345_678, 12_000_000]) await addEngagement(ctx, (await addPerson(ctx)).id, { unit: s.dinas, category: full, wage });
    for (const wage of [1_000_000, 1_234_567]) await addEngagement(ctx, (await addPerson(ctx)).id, { unit: s.dinas, category: s.pu, wage });
    await runBilling(ctx, { month: '2026-03', issue: true });
    const invoices = await listInvoices(ctx, { month: '2026-03', status: 'issued' });
    expect(invoices).toHaveLength(1);
    const path = join(ctx.dir, 'rincian-sigap.xlsx');
    expect(await writeInvoiceXlsx(ctx, invoices[0]!.id, path)).toBe(5);

    const r = await reconcileBill(ctx, path, '2026-03', await sigapBilledLines(ctx, '2026-03'));
    expect(r.programs).toEqual(['JKK', 'JKM', 'JHT', 'JP']);
    expect(r.differences).toEqual([]);
    expect(r.onlyBranch).toEqual([]);
    expect(r.onlySigap).toEqual([]);
    expect(r.persons).toEqual({ branch: 5, sigap: 5, both: 5, equal: 5 });
    expect(r.totals.difference.total).toBe(0);
    expect(r.totals.branch.total).toBe(invoices[0]!.total);
  });
});
