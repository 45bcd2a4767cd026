import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { personRepo } from '../../electron/core/roster/person-repository';
import { afterEach, describe, expect, it } from 'vitest';
import { invoiceLines, runBilling } from '../../electron/core/billing/index';
import { addPersonException, endPersonException, listPersonExceptions } from '../../electron/core/billing/person-exceptions';
import { addCategory, addStaff, addUnit, billingDb, issuedRows, type BillingCtx } from './billing-fixture';
import { SigapError } from '../../shared/errors';
import { outcome, overlapping } from '../store-gates';

let ctx: BillingCtx;
afterEach(() => ctx.close());

/** The line of one person after running `month` (optionally issuing it). */
async function lineOf(month: string, personId: number, issue = false) {
  const res = await runBilling(ctx, { month, issue });
  for (const inv of res.invoices) {
    const l = (await invoiceLines(ctx, inv.id)).find((x) => x.personId === personId);
    if (l) return l;
  }
  throw new Error(`no line for ${personId} in ${month}`);
}
const amounts = (l: Awaited<ReturnType<typeof lineOf>>) => [l.jkkClass, l.jkk, l.jkm, l.jhtEmployer, l.jhtWorker, l.jpEmployer, l.jpWorker, l.total];

async function setup(at: string) {
  ctx = await billingDb(at);
  const opd = await addUnit(ctx, '01', 'Dinas Pekerjaan Umum');
  // The category takes all four programs with JKK class I (0.24%).
  const full = await addCategory(ctx, { name: 'PPPK paruh waktu', segment: 'PU', programs: 'JKK,JKM,JHT,JP', jkkClass: 1 });
  const [person, other] = await addStaff(ctx, { opdId: opd, categoryId: full, honor: 3_000_000, count: 2 });
  return { person: person!, other: other! };
}

describe('per-person exceptions in the billing run', () => {
  it('JKK class III and no JP from March 2026: Rp3.000.000 gives Rp206.700 instead of Rp277.200', async () => {
    const { person, other } = await setup('2026-03-20T03:00:00Z');
    await addPersonException(ctx, { personId: person, fromMonth: '2026-03', programs: ['JKK', 'JKM', 'JHT'], jkkClass: 3, reason: 'Tugas lapangan berisiko', source: 'SK 800/12/2026' });
    // Under the category (class I, all four), Rp3.000.000:
    //   JKK 0,24% = 7.200; JKM 0,30% = 9.000; JHT 3,7% = 111.000 + 2% = 60.000; JP 2% = 60.000 + 1% = 30.000
    //   total 7.200 + 9.000 + 111.000 + 60.000 + 60.000 + 30.000 = 277.200.
    expect(amounts(await lineOf('2026-02', person))).toEqual([1, 7_200, 9_000, 111_000, 60_000, 60_000, 30_000, 277_200]);
    // With the exception (class III, no JP): JKK 0,89% = 26.700; JKM 9.000; JHT 111.000 + 60.000; JP 0
    //   total 26.700 + 9.000 + 111.000 + 60.000 = 206.700.
    const march = await lineOf('2026-03', person);
    expect(amounts(march)).toEqual([3, 26_700, 9_000, 111_000, 60_000, 0, 0, 206_700]);
    expect(march.jpBase).toBe(0);
    expect(march.note).toBe('Pengecualian: hanya JKK+JKM+JHT; JKK kelas III (SK 800/12/2026)');
    // The colleague in the same category is billed as before, with no note.
    const o = await lineOf('2026-03', other);
    expect([o.total, o.note]).toEqual([277_200, null]);
  });

  it('JKK+JKM only while the category has all four: Rp3.000.000 gives Rp16.200', async () => {
    const { person } = await setup('2026-03-20T03:00:00Z');
    await addPersonException(ctx, { personId: person, fromMonth: '2026-03', programs: ['JKM', 'JKK'], reason: 'Sudah peserta JHT dan JP lewat pekerjaan lain', source: null });
    // JKK 0,24% = 7.200 + JKM 0,30% = 9.000 = 16.200; the class stays the category's (I).
    expect(amounts(await lineOf('2026-03', person))).toEqual([1, 7_200, 9_000, 0, 0, 0, 0, 16_200]);
    expect((await lineOf('2026-03', person)).note).toBe('Pengecualian: hanya JKK+JKM');
  });

  it('a class only: the category programs stay, JP included', async () => {
    const { person } = await setup('2026-03-20T03:00:00Z');
    await addPersonException(ctx, { personId: person, fromMonth: '2026-01', jkkClass: 5, reason: 'Sopir ambulans', source: 'SK Kadis 12/2026' });
    // JKK class V 1,74% of 3.000.000 = 52.200; the rest as the category: 9.000 + 171.000 + 90.000; total 322.200.
    expect(amounts(await lineOf('2026-03', person))).toEqual([5, 52_200, 9_000, 111_000, 60_000, 60_000, 30_000, 322_200]);
  });

  it('covers only its months; ending it brings the category back and leaves the issued line and its note as they were', async () => {
    const { person } = await setup('2026-06-20T03:00:00Z');
    const id = await addPersonException(ctx, { personId: person, fromMonth: '2026-03', programs: ['JKK', 'JKM', 'JHT'], jkkClass: 3, reason: 'Tugas lapangan', source: 'SK 800/12/2026' });
    expect((await lineOf('2026-04', person, true)).total).toBe(206_700);
    const before = await issuedRows(ctx);
    // Ended with March as its last month (e.g. the SK was revoked from April).
    const ended = await endPersonException(ctx, id, '2026-03');
    expect(ended.toMonth).toBe('2026-03');
    expect((await lineOf('2026-03', person)).total).toBe(206_700);
    // May is after its last month: the category again (277.200, see the first test).
    expect([(await lineOf('2026-05', person)).total, (await lineOf('2026-05', person)).note]).toEqual([277_200, null]);
    // April was issued under the exception: rerunning April now makes a supplementary of the difference,
    // 277.200 - 206.700 = 70.500 (the colleague is unchanged), and the issued line still says what it was billed under.
    const rerun = await runBilling(ctx, { month: '2026-04' });
    const supp = rerun.invoices.find((i) => i.status === 'draft')!;
    expect([supp.kind, supp.total]).toEqual(['supplementary', 70_500]);
    const issued = rerun.invoices.find((i) => i.status === 'issued')!;
    expect((await invoiceLines(ctx, issued.id)).find((l) => l.personId === person)!.note).toBe('Pengecualian: hanya JKK+JKM+JHT; JKK kelas III (SK 800/12/2026)');
    expect(await issuedRows(ctx)).toEqual(before);
  });

  it('is checked, audited and never overlaps another of the same person', async () => {
    const { person } = await setup('2026-03-20T03:00:00Z');
    const bad = async (f: () => Promise<unknown>) => {
      try { await f(); } catch (e) { return e instanceof SigapError ? `${e.code}: ${e.message}` : String(e); }
      return 'accepted';
    };
    const base = { personId: person, fromMonth: '2026-03', reason: 'Alasan' };
    expect(await bad(() => addPersonException(ctx, { ...base }))).toBe('INVALID_INPUT: Pengecualian harus mengubah program, kelas JKK, atau keduanya.');
    expect(await bad(() => addPersonException(ctx, { ...base, programs: ['JKK'] }))).toBe('INVALID_INPUT: Program pengecualian sekurang-kurangnya JKK dan JKM (Inpres 2/2021).');
    expect(await bad(() => addPersonException(ctx, { ...base, jkkClass: 2, toMonth: '2026-01' }))).toBe('INVALID_INPUT: Bulan akhir (Januari 2026) sebelum bulan mulai (Maret 2026).');
    expect(await bad(() => addPersonException(ctx, { ...base, jkkClass: 2, reason: '  ' }))).toBe('INVALID_INPUT: Alasan pengecualian wajib diisi.');
    const id = await addPersonException(ctx, { ...base, jkkClass: 2, toMonth: '2026-12', source: 'SK 1/2026' });
    expect(await bad(() => addPersonException(ctx, { ...base, fromMonth: '2026-12', jkkClass: 3 }))).toMatch(/^CONFLICT: .* sudah punya pengecualian yang mencakup bulan itu \(Pengecualian: JKK kelas II Maret 2026 sampai Desember 2026, SK 1\/2026\)/);
    // From January 2027 it does not overlap.
    await addPersonException(ctx, { ...base, fromMonth: '2027-01', jkkClass: 3 });
    expect(await bad(() => endPersonException(ctx, id, '2026-02'))).toBe('INVALID_INPUT: Bulan terakhir (Februari 2026) sebelum pengecualian mulai (Maret 2026).');
    expect(await bad(() => endPersonException(ctx, id, '2027-01'))).toBe('CONFLICT: Pengecualian ini sudah berakhir Desember 2026.');
    await endPersonException(ctx, id, '2026-06');
    expect((await listPersonExceptions(ctx, person)).map((e) => [e.fromMonth, e.toMonth, e.jkkClass])).toEqual([['2027-01', null, 3], ['2026-03', '2026-06', 2]]);
    const log = await storeOf(ctx).all(sql`SELECT action, summary FROM audit_log WHERE entity = 'person_exception' ORDER BY id`);
    expect(log).toEqual([
      { action: 'create', summary: expect.stringContaining('Pengecualian: JKK kelas II Maret 2026 sampai Desember 2026, SK 1/2026 (Alasan)') },
      { action: 'create', summary: expect.stringContaining('Pengecualian: JKK kelas III mulai Januari 2027') },
      { action: 'end', summary: expect.stringContaining('pengecualian berakhir Juni 2026') },
    ]);
  });
});

describe('two clerks at once', () => {

  it('two exceptions covering the same months: the second is checked against the first and refused', async () => {
    const { person } = await setup('2026-03-20T03:00:00Z');
    // The first clerk's exception is written and not yet committed while the second one's goes as far as it can.
    const [, b] = await overlapping(
      ctx,
      (c) => addPersonException(c, { personId: person, fromMonth: '2026-03', jkkClass: 2, reason: 'Tugas lapangan', source: 'SK 1/2026' }),
      (c) => addPersonException(c, { personId: person, fromMonth: '2026-05', toMonth: '2026-06', jkkClass: 3, reason: 'Sopir' }),
    );
    expect(outcome(b)).toMatch(/^CONFLICT: .* sudah punya pengecualian yang mencakup bulan itu \(Pengecualian: JKK kelas II mulai Maret 2026, SK 1\/2026\)/);
    expect((await listPersonExceptions(ctx, person)).map((e) => [e.fromMonth, e.toMonth, e.jkkClass])).toEqual([['2026-03', null, 2]]);
  });

  it('two ends of the same exception: the second is refused, the first end stays', async () => {
    const { person } = await setup('2026-06-20T03:00:00Z');
    const id = await addPersonException(ctx, { personId: person, fromMonth: '2026-03', jkkClass: 2, reason: 'Tugas lapangan' });
    // The second checked against the open exception it read, a later last month than the first clerk's.
    const [, b] = await overlapping(ctx, (c) => endPersonException(c, id, '2026-06'), (c) => endPersonException(c, id, '2026-08'));
    // SQLite: the second reads the first one's end; PostgreSQL: its conditional write finds the end changed.
    expect(outcome(b)).toMatch(/^CONFLICT: Pengecualian (ini sudah berakhir Juni 2026|#\d+ baru saja diakhiri oleh pengguna lain)/);
    expect((await listPersonExceptions(ctx, person)).map((e) => [e.fromMonth, e.toMonth])).toEqual([['2026-03', '2026-06']]);
    const ends = await storeOf(ctx).all(sql`SELECT action FROM audit_log WHERE entity = 'person_exception' AND action = 'end'`);
    expect(ends).toHaveLength(1);
  });
});

describe('the printed invoice', () => {
  it('writes the exception under the name on the attachment and counts it in the basis', async () => {
    const { invoicePrint } = await import('../../electron/core/print/invoice');
    const { person } = await setup('2026-03-20T03:00:00Z');
    await addPersonException(ctx, { personId: person, fromMonth: '2026-03', programs: ['JKK', 'JKM', 'JHT'], jkkClass: 3, reason: 'Tugas lapangan', source: 'SK 800/12/2026' });
    const inv = (await runBilling(ctx, { month: '2026-03', issue: true })).invoices[0]!;
    const doc = await invoicePrint(ctx, inv.id, { attachment: true });
    expect(doc.body).toContain('<span class="line-note">Pengecualian: hanya JKK+JKM+JHT; JKK kelas III (SK 800/12/2026)</span>');
    expect(doc.body.match(/class="line-note"/g)).toHaveLength(1);
    expect(doc.body).toContain('Pengecualian per orang: <span class="strong">1 orang</span> ditagih dengan program atau kelas JKK berbeda');
    // Both classes used by the lines are in the basis: I (the colleague) and III (the exception).
    expect(doc.body).toMatch(/JKK kelas I, dari upah yang dilaporkan: <span class="strong">0,24%/);
    expect(doc.body).toMatch(/JKK kelas III, dari upah yang dilaporkan: <span class="strong">0,89%/);
  });
});

describe("next year's budget", () => {
  it('uses an exception for the months it covers', async () => {
    const { forecastYear } = await import('../../electron/core/coverage/forecast');
    const { person } = await setup('2026-10-10T03:00:00Z');
    await addPersonException(ctx, { personId: person, fromMonth: '2027-01', toMonth: '2027-06', programs: ['JKK', 'JKM', 'JHT'], jkkClass: 3, reason: 'Tugas lapangan' });
    const f = await forecastYear(ctx, { year: 2027, renewAnnual: false });
    const lines = f.units.flatMap((u) => u.lines);
    const volume = (program: string, tariff: number) => lines.filter((l) => l.program === program && l.tariff === tariff).reduce((s, l) => s + l.volume, 0);
    // Two persons x 12 months = 24 person-months. The exception covers 6 of them:
    // JKK at class III (3.000.000 x 0,89% = 26.700) for 6, class I (7.200) for the other 18.
    expect([volume('JKK', 26_700), volume('JKK', 7_200)]).toEqual([6, 18]);
    // JP (2% employer of 3.000.000 = 60.000) for 24 - 6 = 18 person-months.
    expect(volume('JP', 60_000)).toBe(18);
  });
});

describe('the Excel copy of an invoice', () => {
  it('writes the exception in the Keterangan column of its line', async () => {
    const { writeInvoiceXlsx } = await import('../../electron/core/billing/xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const { person } = await setup('2026-03-20T03:00:00Z');
    await addPersonException(ctx, { personId: person, fromMonth: '2026-03', jkkClass: 2, reason: 'Sopir', source: 'SK 9/2026' });
    const inv = (await runBilling(ctx, { month: '2026-03', issue: true })).invoices[0]!;
    const path = `${ctx.dir}/tagihan.xlsx`;
    await writeInvoiceXlsx(ctx, inv.id, path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets.find((w) => w.getRow(1).values.toString().includes('Keterangan') && w.getRow(1).values.toString().includes('NIK'))!;
    const head = (ws.getRow(1).values as string[]).slice(1);
    const notes = [2, 3].map((r) => [ws.getRow(r).getCell(head.indexOf('Nama') + 1).value, ws.getRow(r).getCell(head.indexOf('Keterangan') + 1).value]);
    const name = (await personRepo.row(storeOf(ctx), person))!.name;
    expect(notes.find(([n]) => n === name)![1]).toBe('Pengecualian: JKK kelas II (SK 9/2026)');
    expect(notes.filter(([, k]) => k === null || k === '')).toHaveLength(1);
  });
});
