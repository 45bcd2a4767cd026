import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { employerRepo, opdRepo } from '../../electron/core/settings/employer-repository';
import { arrearsReport } from '../../electron/core/billing/index';
import { bpjsMonthStatus } from '../../electron/core/billing/bpjs-payment';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  runBilling, issueInvoice, issueDrafts, listInvoices, invoiceLines, invoiceRates, saveRateParam, invoiceDocument, monthRecap, writeInvoiceXlsx, getInvoice,
} from '../../electron/core/billing/index';
import { addStaff, addUnit, billingDb, issuedRows, RENTAN, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

/** Two OPDs and a village with staff; the Dinas also has BPU staff (two invoices). */
async function pemda() {
  ctx = await billingDb();
  const dinas = await addUnit(ctx, '05', 'Dinas Kesehatan');
  const setda = await addUnit(ctx, '01', 'Sekretariat Daerah');
  const pekon = await addUnit(ctx, 'P01', 'Pekon Sebarus', 'village');
  const dinasStaff = await addStaff(ctx, { count: 10, opdId: dinas, honor: 1_000_000 });
  await addStaff(ctx, { count: 2, opdId: dinas, categoryId: RENTAN, honor: 0 });
  const setdaStaff = await addStaff(ctx, { count: 5, opdId: setda, honor: 2_000_000 });
  await addStaff(ctx, { count: 4, opdId: pekon, categoryId: RENTAN, honor: 0 });
  return { dinas, setda, pekon, dinasStaff, setdaStaff };
}

describe('issuing', () => {
  it('numbers invoices IUR/YYYY/MM/UNIT/NNN per unit and month, one invoice per unit and segment', async () => {
    await pemda();
    const res = await runBilling(ctx, { month: '2026-01', issue: true });
    expect(res.issued).toBe(4);
    expect(res.invoices.map((i) => [i.number, i.segment, i.persons, i.total, i.dueDate])).toEqual([
      ['IUR/2026/01/01/001', 'PU', 5, 5 * 10_800, '2026-02-16'],
      ['IUR/2026/01/05/001', 'PU', 10, 10 * 5_400, '2026-02-16'],
      // BPU January fell due on 15 January; issued on the 20th, it is due on the 15th of the month
      // after the issue month instead (16 February: the 15th is a Sunday). See issue.ts.
      ['IUR/2026/01/05/002', 'BPU', 2, 2 * 16_800, '2026-02-16'],
      ['IUR/2026/01/P01/001', 'BPU', 4, 4 * 16_800, '2026-02-16'],
    ]);
    expect(res.total).toBe(54_000 + 54_000 + 33_600 + 67_200);
    const snap = await invoiceRates(ctx, res.invoices[0]!.id);
    expect(snap.month).toBe('2026-01');
    expect(snap.params['pu.jkk.1']).toEqual({ value: 24, effectiveMonth: '2015-07', source: 'PP 44/2015 Ps.16(1)', confidence: 'H' });
    const audit = (await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'invoice' AND summary LIKE 'Terbit IUR/2026/01/%'`))!;
    expect(audit.n).toBe(4);
  });

  it('keeps totals equal to the sum of their lines', async () => {
    await pemda();
    await runBilling(ctx, { month: '2026-01' });
    for (const i of await listInvoices(ctx, { month: '2026-01' })) {
      const lines = await invoiceLines(ctx, i.id);
      expect(lines.length).toBe(i.persons);
      for (const k of ['jkk', 'jkm', 'jhtEmployer', 'jhtWorker', 'jpEmployer', 'jpWorker', 'employer', 'worker', 'total'] as const) {
        expect(lines.reduce((s, l) => s + l[k], 0)).toBe(i[k]);
      }
    }
  });

  it('replaces drafts on every run and never leaves orphan lines', async () => {
    await pemda();
    const first = await runBilling(ctx, { month: '2026-01' });
    const second = await runBilling(ctx, { month: '2026-01' });
    expect(second.drafts).toBe(4);
    expect(second.total).toBe(first.total);
    expect((await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM invoice`))!.n).toBe(4);
    expect((await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM invoice_line`))!.n).toBe(21);
  });

  it('refuses to issue a draft computed before a rate edit, until billing runs again', async () => {
    await pemda();
    const draft = (await runBilling(ctx, { month: '2026-01' })).invoices[0]!;
    await saveRateParam(ctx, { key: 'pu.jkm', effectiveMonth: '2026-01', value: 35, source: 'uji', confidence: 'L' });
    await expect(issueInvoice(ctx, draft.id)).rejects.toThrow(/berubah sejak draf dibuat/);
    const fresh = (await runBilling(ctx, { month: '2026-01' })).invoices.find((i) => i.opdCode === draft.opdCode && i.segment === draft.segment)!;
    expect((await issueInvoice(ctx, fresh.id)).number).toBe('IUR/2026/01/01/001');
    await expect(issueInvoice(ctx, fresh.id)).rejects.toThrow(/sudah terbit/);
  });
});

describe('an issued invoice never changes', () => {
  it('is refused by the database itself', async () => {
    await pemda();
    const inv = (await runBilling(ctx, { month: '2026-01', issue: true })).invoices[0]!;
    const store = storeOf(ctx);
    const line = (await store.one<{ id: number }>(sql`SELECT id FROM invoice_line WHERE invoice_id = ${inv.id} LIMIT 1`))!;
    await expect(store.run(sql`UPDATE invoice SET due_date = ${'2026-12-31'} WHERE id = ${inv.id}`)).rejects.toThrow(/tidak dapat diubah/);
    await expect(store.run(sql`DELETE FROM invoice WHERE id = ${inv.id}`)).rejects.toThrow(/tidak dapat dihapus/);
    await expect(store.run(sql`UPDATE invoice_line SET jkk = jkk + 1 WHERE id = ${line.id}`)).rejects.toThrow(/tidak dapat diubah/);
    await expect(store.run(sql`DELETE FROM invoice_line WHERE id = ${line.id}`)).rejects.toThrow(/tidak dapat dihapus/);
    await expect(store.run(sql`INSERT INTO invoice_line (invoice_id, person_id, nik, name, category, wage, base, jp_base, jkk, jkm, jht_employer, jht_worker, jp_employer, jp_worker) VALUES (${inv.id}, 1, '1', 'x', 'x', 0, 0, 0, 1, 0, 0, 0, 0, 0)`))
      .rejects.toThrow(/tidak dapat diubah/);
    // Issuing is checked too: a header that is not the sum of its lines cannot be issued.
    const draft = (await runBilling(ctx, { month: '2026-02' })).invoices[0]!;
    await store.run(sql`UPDATE invoice SET jkk = jkk + 1, employer_total = employer_total + 1, total = total + 1 WHERE id = ${draft.id}`);
    await expect(issueInvoice(ctx, draft.id)).rejects.toThrow(/tidak sama dengan jumlah rinciannya/);
  });

  it('stays the same after a rate edit and after billing the month again, which adds a supplementary invoice for the difference', async () => {
    await pemda();
    await runBilling(ctx, { month: '2026-01', issue: true });
    const before = await issuedRows(ctx);
    const docBefore = await invoiceDocument(ctx, 'IUR/2026/01/05/001');
    await saveRateParam(ctx, { key: 'pu.jkm', effectiveMonth: '2026-01', value: 35, source: 'Perubahan tarif (uji)', confidence: 'M' });
    expect(await issuedRows(ctx)).toEqual(before);
    const again = await runBilling(ctx, { month: '2026-01' });
    expect(await issuedRows(ctx)).toEqual(before);
    expect(await invoiceDocument(ctx, 'IUR/2026/01/05/001')).toEqual(docBefore);
    const corrections = again.invoices.filter((i) => i.status === 'draft');
    // JKM +0.05%: Rp500 a person at Rp1,000,000, Rp1,000 at Rp2,000,000; BPU is not affected.
    expect(corrections.map((i) => [i.opdCode, i.segment, i.kind, i.originalNumber, i.persons, i.jkm, i.total])).toEqual([
      ['01', 'PU', 'supplementary', 'IUR/2026/01/01/001', 5, 5_000, 5_000],
      ['05', 'PU', 'supplementary', 'IUR/2026/01/05/001', 10, 5_000, 5_000],
    ]);
    expect((await invoiceLines(ctx, corrections[1]!.id)).every((l) => l.change === 'perubahan' && l.jkm === 500 && l.jkk === 0)).toBe(true);
    // The month's invoices add up to what the month costs now.
    expect(again.total).toBe(before.invoices.reduce((s: number, i) => s + (i as { total: number }).total, 0) + 10_000);
    await issueDrafts(ctx, '2026-01');
    expect((await getInvoice(ctx, 'IUT/2026/01/05/003')).originalNumber).toBe('IUR/2026/01/05/001');
    expect((await runBilling(ctx, { month: '2026-01' })).drafts).toBe(0);
  });

  it('issues a credit note for someone billed who should not have been, and a supplementary invoice for someone added', async () => {
    const { dinas, setda, dinasStaff } = await pemda();
    await runBilling(ctx, { month: '2026-01', issue: true });
    // The SK is corrected: one person left in December, another joins Dinas Kesehatan in January.
    await storeOf(ctx).run(sql`UPDATE engagement SET end_date = '2025-12-31' WHERE person_id = ${dinasStaff[0]!}`);
    const [joined] = await addStaff(ctx, { opdId: dinas, honor: 1_000_000, start: '2026-01-10', name: 'Baru Masuk' });
    // And one Setda person moves to the Dinas from January on.
    const moved = (await storeOf(ctx).one<{ p: number }>(sql`SELECT person_id AS p FROM engagement WHERE opd_id = ${setda} ORDER BY id LIMIT 1`))!.p;
    await storeOf(ctx).run(sql`UPDATE engagement SET opd_id = ${dinas} WHERE person_id = ${moved}`);
    const res = await runBilling(ctx, { month: '2026-01' });
    const drafts = res.invoices.filter((i) => i.status === 'draft');
    expect(drafts.map((i) => [i.opdCode, i.kind, i.total])).toEqual([
      ['01', 'credit', -10_800],
      ['05', 'supplementary', -5_400 + 5_400 + 10_800],
    ]);
    const dinasLines = await invoiceLines(ctx, drafts[1]!.id);
    expect(dinasLines.map((l) => [l.personId, l.change, l.total]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
      [[dinasStaff[0], 'berhenti', -5_400], [moved, 'tambah', 10_800], [joined, 'tambah', 5_400]].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    const credit = await invoiceLines(ctx, drafts[0]!.id);
    expect(credit.map((l) => [l.personId, l.change, l.total, l.base])).toEqual([[moved, 'berhenti', -10_800, 0]]);
    await issueDrafts(ctx, '2026-01');
    const issuedCredit = (await listInvoices(ctx, { month: '2026-01' })).find((i) => i.kind === 'credit')!;
    expect([issuedCredit.number, issuedCredit.originalNumber]).toEqual(['IUK/2026/01/01/002', 'IUR/2026/01/01/001']);
    const recap = await monthRecap(ctx, '2026-01');
    expect(recap.totals.persons).toBe(21 - 1 + 1);
    expect(recap.rows.find((r) => r.opdCode === '01')!.persons).toBe(4);
    expect(recap.totals.total).toBe(res.total);
  });
});

describe('print models and the Excel copy', () => {
  it('give the invoice layout everything it needs, from the frozen header once issued', async () => {
    const { dinas } = await pemda();
    await runBilling(ctx, { month: '2026-01', issue: true });
    await opdRepo.update(storeOf(ctx), dinas, { head_name: 'Pejabat Baru' });
    const doc = await invoiceDocument(ctx, 'IUR/2026/01/05/001');
    expect(doc.title).toBe('TAGIHAN IURAN BPJS KETENAGAKERJAAN (Penerima Upah)');
    expect([doc.letterhead.pemda, doc.letterhead.npp, doc.unit.name, doc.unit.budgetAccount, doc.monthLabel, doc.dueDateLabel])
      .toEqual(['Pemerintah Kabupaten Contoh', '18040012', 'Dinas Kesehatan', '5.1.02.02.01.05', 'Januari 2026', '16 Februari 2026']);
    expect(doc.unit.officials).toEqual([
      { role: 'Kepala', title: 'Kepala Dinas Kesehatan', name: 'Drs. Kepala', nip: '197001012000011001' },
      { role: 'PPTK', title: 'Pejabat Pelaksana Teknis Kegiatan', name: 'Pak PPTK', nip: '198002022005011002' },
      { role: 'Bendahara Pengeluaran', title: 'Bendahara Pengeluaran', name: 'Bu Bendahara', nip: '198503032010012003' },
    ]);
    expect(doc.programs).toEqual([
      { program: 'JKK', employer: 24_000, worker: 0, total: 24_000 },
      { program: 'JKM', employer: 30_000, worker: 0, total: 30_000 },
    ]);
    expect(doc.amountInWords).toBe('lima puluh empat ribu rupiah');
    expect(doc.lines).toHaveLength(10);
    expect(doc.lines[0]).toMatchObject({ base: 1_000_000, jkk: 2_400, jkm: 3_000, total: 5_400 });
    expect(doc.draft).toBe(false);
    // A draft shows today's officials.
    await runBilling(ctx, { month: '2026-02' });
    const draft = await invoiceDocument(ctx, (await listInvoices(ctx, { month: '2026-02', opdId: dinas }))[0]!.id);
    expect([draft.draft, draft.invoice.number, draft.unit.officials[0]!.name]).toEqual([true, null, 'Pejabat Baru']);
  });

  it('recap the month for the whole Pemda', async () => {
    await pemda();
    const res = await runBilling(ctx, { month: '2026-01' });
    const recap = await monthRecap(ctx, '2026-01');
    expect(recap.rows).toHaveLength(4);
    expect([recap.totals.total, recap.totals.persons, recap.hasDrafts, recap.monthLabel]).toEqual([res.total, 21, true, 'Januari 2026']);
    expect(recap.totals.employer + recap.totals.worker).toBe(recap.totals.total);
    expect(recap.amountInWords).toBe('dua ratus delapan ribu delapan ratus rupiah');
  });

  it('write an Excel copy with NIKs as text and amounts as numbers that add up to the invoice', async () => {
    await pemda();
    await runBilling(ctx, { month: '2026-01', issue: true });
    const path = join(ctx.dir, 'rincian.xlsx');
    expect(await writeInvoiceXlsx(ctx, 'IUR/2026/01/05/001', path)).toBe(10);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const detail = wb.getWorksheet('Rincian')!;
    expect(detail.rowCount).toBe(11);
    const header = (detail.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    let sum = 0;
    for (let r = 2; r <= 11; r++) {
      const row = detail.getRow(r);
      expect(typeof row.getCell(col('NIK')).value).toBe('string');
      expect(row.getCell(col('NIK')).value).toMatch(/^\d{16}$/);
      sum += row.getCell(col('Jumlah')).value as number;
    }
    expect(sum).toBe(54_000);
    const summary = wb.getWorksheet('Ringkasan')!;
    const values = new Map<string, unknown>();
    summary.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect([values.get('Nomor'), values.get('Jumlah'), values.get('Terbilang')]).toEqual(['IUR/2026/01/05/001', 54_000, 'lima puluh empat ribu rupiah']);
  });
});

describe('the NPP an invoice bills', () => {
  it('is the NPP frozen at issue; issued before the Pemda had one, the NPP its registration has since, the same on every screen', async () => {
    ctx = await billingDb();
    const q = storeOf(ctx);
    const profile = { name: 'Pemerintah Kabupaten Contoh', npp: null, address: 'Jl. Merdeka 1', jkkClass: 1, logo: null };
    await employerRepo.save(q, profile);
    const dinas = await addUnit(ctx, '05', 'Dinas Kesehatan');
    await addStaff(ctx, { count: 3, opdId: dinas, honor: 1_000_000 });
    const [early] = (await runBilling(ctx, { month: '2026-01', issue: true })).invoices;
    expect(early!.npp).toBeNull();
    // The header froze no NPP: "not known yet", not "billed under none".
    await employerRepo.save(q, { ...profile, npp: '18040012' });
    expect((await getInvoice(ctx, early!.id)).npp).toBe('18040012');
    const status = (await bpjsMonthStatus(ctx, '2026-01')).find((s) => s.npp === '18040012' && s.segment === 'PU');
    expect(status?.sigapBilled).toBe(early!.total);
    const arrears = await arrearsReport(ctx, '2026-06-30', '18040012');
    expect(arrears.totals.outstanding).toBe(early!.total);
    // Frozen once known: a later change of the Pemda's NPP does not move an invoice issued under the old one.
    await runBilling(ctx, { month: '2026-02', issue: true });
    await employerRepo.save(q, { ...profile, npp: '18049999' });
    const feb = await listInvoices(ctx, { month: '2026-02' });
    expect(feb.map((i) => i.npp)).toEqual(['18040012']);
    expect((await getInvoice(ctx, early!.id)).npp).toBe('18049999');
    expect((await arrearsReport(ctx, '2026-06-30', '18049999')).totals.outstanding).toBe(early!.total);
    expect((await bpjsMonthStatus(ctx, '2026-02')).find((s) => s.npp === '18040012')?.sigapBilled).toBe(feb[0]!.total);
  });
});
