import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bridge, testHost } from '../api-harness';
import { addStaff, addUnit } from './billing-fixture';
import { HOSTILE, invoiceIdOf, printPemda, type PrintPemda } from './print-fixture';
import { pdfInfo, pdfText, pts } from './print-pdf-tools';
import { listInvoices, runBilling, recordPayment } from '../../electron/core/billing/index';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { countPdfPages, escapeHtml, invoicePrint, formatNip, placeFromPemda, signatureBlocksHtml, toPdfHtml, letterheadHtml } from '../../electron/core/print/index';

describe('page building blocks', () => {
  it('escapes markup and drops images that are not data URLs', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
    const lh = letterheadHtml({ pemda: 'Pemerintah Kota <b>X</b>', npp: null, address: null, logo: 'https://evil.example/logo.png' });
    expect(lh).not.toContain('<img');
    expect(lh).toContain('Pemerintah Kota &lt;b&gt;X&lt;/b&gt;');
    const ok = letterheadHtml({ pemda: 'P', npp: '1', address: 'A', logo: 'data:image/png;base64,AAAA' });
    expect(ok).toContain('<img class="kop-logo" src="data:image/png;base64,AAAA"');
  });

  it('prints signature blocks with names and grouped NIPs, or dotted lines when unknown', () => {
    const html = signatureBlocksHtml([
      { caption: 'Mengetahui,', title: 'Kepala Dinas', name: 'Drs. A', nip: '197001012000011001' },
      { title: 'Bendahara', name: null, nip: null },
    ], { place: 'Contoh', dateLabel: '10 Maret 2026' });
    expect(html).toContain('Contoh, 10 Maret 2026');
    expect(html).toContain('NIP. 19700101 200001 1 001');
    expect(html).toContain('(......................................)');
    expect(formatNip('12345')).toBe('12345');
    expect(placeFromPemda('Pemerintah Kabupaten Pangkajene dan Kepulauan')).toBe('Pangkajene dan Kepulauan');
    expect(placeFromPemda('Kota Makassar')).toBe('Makassar');
    expect(placeFromPemda('Sekretariat')).toBeNull();
  });

  it('joins css and body under an @page rule for the paper', () => {
    const html = toPdfHtml({ title: 'T <x>', css: '.a{color:red}', body: '<p>b</p>' }, 'F4', { footer: 'IUR/1 "x" </style>' });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('size: 215mm 330mm');
    expect(html).toContain('<title>T &lt;x&gt;</title>');
    expect(html).toContain('.a{color:red}');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(toPdfHtml({ title: '', css: '', body: '' }, 'A4')).toContain('size: 210mm 297mm');
  });

  it('counts /Type /Page objects, not the /Pages tree', () => {
    const fake = new TextEncoder().encode('1 0 obj << /Type /Pages /Count 2 >> 2 0 obj << /Type /Page >> 3 0 obj <</Type/Page/Parent 1 0 R>>');
    expect(countPdfPages(fake)).toBe(2);
  });
});

describe('printed invoices, recap and reminder', () => {
  let p: PrintPemda;
  let api: ReturnType<typeof bridge>;
  let host: ReturnType<typeof testHost>;
  let sulsel: number;
  const out = (name: string) => join(p.ctx.dir, name);

  beforeAll(async () => {
    p = await printPemda();
    // The Sulsel 2022 case: 4,156 PU staff at Rp1.000.000, JKK 0,24% + JKM 0,30% = Rp22.442.400 a month.
    sulsel = await addUnit(p.ctx, 'BKPSDM', 'Badan Kepegawaian dan Pengembangan SDM');
    await addStaff(p.ctx, { count: 4156, opdId: sulsel, honor: 1_000_000 });
    await runBilling(p.ctx, { month: '2026-03' });
    host = testHost();
    api = bridge(p.ctx, host);
  });
  afterAll(() => p.ctx.close());

  it('previews a draft invoice as css + body: classes only, no scripts, hostile names escaped, DRAF marked', async () => {
    const doc = await api.ok('print.invoice', { invoiceId: await invoiceIdOf(p.ctx, p.dinsos), paper: 'A4' });
    expect(doc.title).toContain('Dinas Sosial');
    expect(doc.body).toContain('<section class="sheet');
    expect(doc.body).not.toMatch(/\sstyle\s*=/i);
    expect(doc.body).not.toMatch(/<script/i);
    expect(doc.css).not.toMatch(/<\/?script|@import|url\(\s*['"]?http/i);
    expect(doc.body).not.toContain(HOSTILE);
    expect(doc.body).toContain(escapeHtml(HOSTILE));
    expect(doc.body).toContain('draft-watermark');
    expect(doc.body).toContain('DRAF');
    // Without the attachment no person is listed.
    const short = await api.ok('print.invoice', { invoiceId: await invoiceIdOf(p.ctx, p.dinsos), paper: 'A4', attachment: false });
    expect(short.body).not.toContain('Pegawai');
    expect(short.body).not.toContain('Lampiran');
  });

  it('saves nothing when the clerk cancels the save dialog, which offered a PDF name', async () => {
    const asked: { defaultName: string; filters: { extensions: string[] }[] }[] = [];
    const choose = host.chooseSaveFile;
    host.chooseSaveFile = (o) => {
      asked.push(o);
      return choose(o);
    };
    host.saveQueue.push(null);
    expect(await api.ok('print.invoicePdf', { invoiceId: await invoiceIdOf(p.ctx, p.dinsos), paper: 'A4' })).toBeNull();
    host.chooseSaveFile = choose;
    expect(asked[0]!.defaultName).toBe('Tagihan DRAF 2026-03 PU DINSOS.pdf');
    expect(asked[0]!.filters[0]!.extensions).toEqual(['pdf']);
  });

  it('prints a draft invoice with the DRAF banner and no number', async () => {
    const path = out('draf.pdf');
    host.saveQueue.push(path);
    const saved = await api.ok('print.invoicePdf', { invoiceId: await invoiceIdOf(p.ctx, p.dinsos), paper: 'A4' });
    expect(saved!.path).toBe(path);
    expect(saved!.bytes).toBe(readFileSync(path).length);
    expect(existsSync(`${path}.tmp`)).toBe(false);
    expect(saved!.pages).toBe(pdfInfo(path).pages);
    const text = pdfText(path);
    expect(text).toContain('DRAF - belum diterbitkan');
    expect(text).toContain('DRAF (belum bernomor)');
    expect(text).not.toMatch(/IUR\/2026\/03/);
    // The recap of a month with drafts is marked too.
    const recap = await api.ok('print.recap', { month: '2026-03', paper: 'A4' });
    expect(recap.body).toContain('draft-banner');
  });

  describe('once issued', () => {
    let numbers: Record<string, string>;
    beforeAll(async () => {
      const res = await runBilling(p.ctx, { month: '2026-03', issue: true });
      numbers = Object.fromEntries(res.invoices.map((i) => [`${i.opdCode}:${i.segment}`, i.number!]));
    });

    it('prints the invoice with header, totals, terbilang, rates and the three signatures, and its attachment', async () => {
      const path = out('dinsos.pdf');
      host.saveQueue.push(path);
      const saved = await api.ok('print.invoicePdf', { invoiceId: await invoiceIdOf(p.ctx, p.dinsos), paper: 'A4' });
      expect(saved!.pages).toBe(2); // the letter, and a one-page attachment of 13 persons
      expect((await invoicePrint(p.ctx, await invoiceIdOf(p.ctx, p.dinsos))).fileName).toBe(`Tagihan ${numbers['DINSOS:PU']!.replace(/\//g, '-')}.pdf`);
      expect(pdfInfo(path).pages).toBe(2);
      const letter = pdfText(path, { last: 1 });
      expect(letter).toContain('PEMERINTAH KABUPATEN CONTOH');
      expect(letter).toContain('SURAT TAGIHAN IURAN BPJS KETENAGAKERJAAN');
      expect(letter).toContain(numbers['DINSOS:PU']);
      expect(letter).toContain('Dinas Sosial');
      expect(letter).toContain('5.1.02.02.01.DINSOS');
      expect(letter).toContain('Maret 2026');
      expect(letter).toContain('15 April 2026'); // due: the 15th of the next month
      // 13 persons x Rp1.000.000: JKK 0,24% = 2.400, JKM 0,30% = 3.000 each.
      expect(letter).toMatch(/Jaminan Kecelakaan Kerja \(JKK\) Rp31\.200/);
      expect(letter).toMatch(/Jaminan Kematian \(JKM\) Rp39\.000/);
      expect(letter).toMatch(/JUMLAH Rp70\.200 Rp0 Rp70\.200/);
      expect(letter).toContain('Terbilang: Tujuh puluh ribu dua ratus rupiah');
      expect(letter).toContain('0,24%');
      expect(letter).toContain('PP 44/2015');
      expect(letter).toMatch(/Pejabat Pelaksana Teknis .*Kegiatan/); // the title may wrap in its column
      for (const t of ['Kepala Dinas Sosial', 'Bendahara Pengeluaran', 'Drs. Kepala', 'Pak PPTK', 'Bu Bendahara', 'NIP. 19700101 200001 1 001']) expect(letter).toContain(t);
      expect(letter).toContain('Contoh, 10 April 2026');
      expect(letter).not.toContain('DRAF');
      const attachment = pdfText(path, { first: 2 });
      expect(attachment).toContain('LAMPIRAN');
      // Printed as text, not markup (the name may wrap in its column).
      expect(attachment).toMatch(/<img src=x .*onerror=alert\(1\)>/);
      expect(attachment.match(/\b3201\d{12}\b/g)).toHaveLength(13);
      expect(attachment).toMatch(/JUMLAH \(13 orang\) 31\.200 39\.000 70\.200/);
    });

    it('prints the Rp22.442.400 invoice of 4,156 persons: every person listed, a plausible page count', async () => {
      const path = out('sulsel.pdf');
      host.saveQueue.push(path);
      const saved = await api.ok('print.invoicePdf', { invoiceId: await invoiceIdOf(p.ctx, sulsel), paper: 'A4' });
      const info = pdfInfo(path);
      expect(saved!.pages).toBe(info.pages);
      // About 70 rows a page on A4: not one page per row, not everything squeezed onto a few pages.
      expect(info.pages).toBeGreaterThanOrEqual(1 + Math.ceil(4156 / 90));
      expect(info.pages).toBeLessThanOrEqual(1 + Math.ceil(4156 / 35));
      const letter = pdfText(path, { last: 1 });
      expect(letter).toContain('Rp22.442.400');
      expect(letter).toContain('Dua puluh dua juta empat ratus empat puluh dua ribu empat ratus rupiah');
      expect(letter).toContain('4.156 orang');
      const all = pdfText(path, { first: 2 });
      expect(all.match(/\b3201\d{12}\b/g)).toHaveLength(4156);
      expect(all).toMatch(/JUMLAH \(4\.156 orang\) 9\.974\.400 12\.468\.000 22\.442\.400/);
      // The table header repeats on every page of the attachment.
      for (let page = 2; page <= info.pages; page += Math.max(1, Math.floor(info.pages / 5))) {
        expect(pdfText(path, { first: page, last: page })).toMatch(/No NIK Nama No\. KPJ/);
      }
      // The letter alone is one page.
      host.saveQueue.push(out('sulsel-short.pdf'));
      expect((await api.ok('print.invoicePdf', { invoiceId: await invoiceIdOf(p.ctx, sulsel), paper: 'A4', attachment: false }))!.pages).toBe(1);
    }, 120_000);

    it('prints on F4 (215 x 330 mm)', async () => {
      const path = out('dinkes-f4.pdf');
      host.saveQueue.push(path);
      await api.ok('print.invoicePdf', { invoiceId: await invoiceIdOf(p.ctx, p.dinkes), paper: 'F4' });
      const info = pdfInfo(path);
      expect(info.width).toBeCloseTo(pts(215), 0);
      expect(info.height).toBeCloseTo(pts(330), 0);
      const text = pdfText(path);
      // 20 health workers at Rp3.250.000 with JHT and JP: the worker shares are printed apart.
      expect(text).toMatch(/Jaminan Hari Tua \(JHT\) Rp2\.405\.000 Rp1\.300\.000 Rp3\.705\.000/);
      expect(text).toMatch(/Jaminan Pensiun \(JP\) Rp1\.300\.000 Rp650\.000 Rp1\.950\.000/);
      expect(text).toContain('Batas atas upah JP: Rp11.086.300');
    });

    it('prints a supplementary invoice that cites the original', async () => {
      await addStaff(p.ctx, { count: 2, opdId: p.dinsos, honor: 1_000_000, name: 'Pegawai Baru' });
      await runBilling(p.ctx, { month: '2026-03', issue: true });
      const sup = (await listInvoices(p.ctx, { opdId: p.dinsos })).find((i) => i.kind === 'supplementary')! as { id: number; number: string };
      const path = out('tambahan.pdf');
      host.saveQueue.push(path);
      await api.ok('print.invoicePdf', { invoiceId: sup.id, paper: 'A4' });
      const text = pdfText(path);
      expect(text).toContain('SURAT TAGIHAN TAMBAHAN IURAN BPJS KETENAGAKERJAAN');
      expect(text).toContain(sup.number);
      expect(text).toMatch(new RegExp(`Tagihan asal : ${numbers['DINSOS:PU']!.replace(/\//g, '\\/')}`));
      expect(text).toContain('Rp10.800');
      expect(text).toContain('Tambah');
    });

    it('prints a credit note that cites the original and asks for no payment', async () => {
      // Three health workers left before March: billing again credits what was billed for them.
      await storeOf(p.ctx).run(sql`UPDATE engagement SET end_date = '2026-01-31' WHERE id IN (SELECT id FROM engagement WHERE opd_id = ${p.dinkes} ORDER BY id LIMIT 3)`);
      await runBilling(p.ctx, { month: '2026-03', issue: true });
      const credit = (await listInvoices(p.ctx, { opdId: p.dinkes })).find((i) => i.kind === 'credit')! as { id: number; number: string; total: number };
      expect(credit.total).toBe(-3 * 300_300);
      const path = out('kredit.pdf');
      host.saveQueue.push(path);
      await api.ok('print.invoicePdf', { invoiceId: credit.id, paper: 'A4' });
      const text = pdfText(path);
      expect(text).toContain('NOTA KREDIT IURAN BPJS KETENAGAKERJAAN');
      expect(text).toContain(credit.number);
      expect(text).toContain(`mengurangi tagihan nomor ${numbers['DINKES:PU']}`);
      expect(text).toContain('-Rp900.900');
      expect(text).toContain('Terbilang (pengurangan): Sembilan ratus ribu sembilan ratus rupiah');
      expect(text).not.toContain('Mohon dibayarkan');
      expect(text.match(/Berhenti/g)).toHaveLength(3);
    });

    it('prints the month recap for the whole Pemda', async () => {
      const path = out('recap.pdf');
      host.saveQueue.push(path);
      const saved = await api.ok('print.recapPdf', { month: '2026-03', paper: 'A4' });
      expect(saved!.pages).toBe(1);
      const text = pdfText(path);
      expect(text).toContain('REKAPITULASI IURAN BPJS KETENAGAKERJAAN');
      for (const n of ['Dinas Sosial', 'Dinas Kesehatan', 'Desa Sukamaju', 'Badan Kepegawaian']) expect(text).toContain(n);
      const total = (await listInvoices(p.ctx, { month: '2026-03' })).reduce((t, i) => t + i.total, 0);
      expect(text).toContain(`Rp${new Intl.NumberFormat('id-ID').format(total)}`);
      expect(text).not.toContain('DRAF');
      // Nothing configured: the place is guessed from the Pemda's name, the officials are dotted lines.
      expect(text).toContain('Contoh, 10 April 2026');
      expect(text).toContain('Pejabat Pengelola Keuangan Daerah');
      expect(text.match(/\(\.{10,}\)/g)).toHaveLength(2);
      const preview = await api.ok('print.recap', { month: '2026-03', paper: 'F4' });
      expect(preview.body).not.toMatch(/\sstyle\s*=|<script/i);
    });

    it('prints a reminder letter with aging and the fine marked as an estimate', async () => {
      const pu = (await listInvoices(p.ctx, { opdId: p.dinkes })).find((i) => i.kind === 'regular')! as { number: string; total: number };
      // Paid on the day it was issued (10 April), before the due date.
      await recordPayment(p.ctx, { invoice: pu.number, amount: 1_000_000, date: '2026-04-10', sp2d: '001/SP2D/2026' });
      const path = out('reminder.pdf');
      host.saveQueue.push(path);
      const saved = await api.ok('print.reminderPdf', { opdId: p.dinkes, paper: 'A4', asOf: '2026-06-30' });
      expect(saved!.pages).toBe(1);
      const text = pdfText(path);
      expect(text).toMatch(/Nomor : .*\/2026/);
      expect(text).toContain('Perihal : Peringatan Tunggakan Iuran BPJS Ketenagakerjaan');
      expect(text).toContain('Yth. Kepala Dinas Kesehatan');
      expect(text).toContain(pu.number);
      expect(text).toMatch(/15 April 2026 76 /); // due 15 April, 76 days late on 30 June
      // The month nets the regular invoice and its credit note, less the payment.
      const billed = (await listInvoices(p.ctx, { opdId: p.dinkes, month: '2026-03' })).reduce((t, i) => t + i.total, 0);
      expect(billed).toBeLessThan(pu.total);
      expect(text).toContain(`Sisa tunggakan: Rp${new Intl.NumberFormat('id-ID').format(billed - 1_000_000)}`);
      expect(text).toContain('PERKIRAAN');
      expect(text).not.toContain('PEMBAYARAN TERLAMBAT'); // paid before the due date: no fine section
      expect(text).toContain('Contoh, 30 Juni 2026');
      // A unit with nothing past due gets no letter.
      const none = await api.call('print.reminder', { opdId: p.dinkes, paper: 'A4', asOf: '2026-04-01' });
      expect(none.ok).toBe(false);
      if (!none.ok) expect(none.error.code).toBe('NOT_FOUND');
    });

    it('prints the finance office, its officials and the configured place on the recap and the reminder', async () => {
      await api.ok('settings.saveEmployer', {
        name: 'Pemerintah Kabupaten Contoh', npp: '18040012', address: 'Jl. Merdeka 1', jkkClass: 1,
        signing: {
          place: 'Liwa', office: 'Badan Pengelolaan Keuangan dan Aset Daerah',
          headName: 'Drs. Hendra Wijaya, M.Si.', headNip: '197001011995031002', headTitle: 'Kepala BPKAD',
          preparerName: 'Sri Wahyuni, S.E.', preparerNip: '198505052010012003', preparerTitle: 'Bendahara Pengeluaran BPKAD',
        },
      });
      const recapPath = out('recap-signed.pdf');
      host.saveQueue.push(recapPath);
      expect((await api.ok('print.recapPdf', { month: '2026-03', paper: 'A4' }))!.pages).toBe(1);
      const recap = pdfText(recapPath);
      expect(recap).toContain('BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH'); // the kop's unit line (upper case)
      expect(recap).toContain('Liwa, 10 April 2026');
      expect(recap).not.toContain('Contoh, 10 April');
      for (const s of ['Kepala BPKAD', 'Drs. Hendra Wijaya, M.Si.', 'NIP. 19700101 199503 1 002', 'Bendahara Pengeluaran BPKAD', 'Sri Wahyuni, S.E.', 'NIP. 19850505 201001 2 003']) expect(recap).toContain(s);
      expect(recap).not.toMatch(/\(\.{10,}\)/);

      const letterPath = out('reminder-signed.pdf');
      host.saveQueue.push(letterPath);
      expect((await api.ok('print.reminderPdf', { opdId: p.dinkes, paper: 'A4', asOf: '2026-06-30' }))!.pages).toBe(1);
      const letter = pdfText(letterPath);
      expect(letter).toContain('BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH');
      expect(letter).toContain('Liwa, 30 Juni 2026');
      for (const s of ['Kepala BPKAD', 'Drs. Hendra Wijaya, M.Si.', 'NIP. 19700101 199503 1 002']) expect(letter).toContain(s);
      expect(letter).not.toContain('Pengelola Iuran BPJS Ketenagakerjaan');

      // An issued invoice keeps the place it was issued with; a new draft uses the configured place.
      const issued = await api.ok('print.invoice', { invoiceId: await invoiceIdOf(p.ctx, p.dinsos), paper: 'A4' });
      expect(issued.body).toContain('Contoh, ');
      expect(issued.body).not.toContain('Liwa, ');
      await runBilling(p.ctx, { month: '2026-04' });
      const draft = await api.ok('print.invoice', { invoiceId: await invoiceIdOf(p.ctx, p.dinsos, '2026-04'), paper: 'A4' });
      expect(draft.body).toContain('Liwa, ');

      // A field left empty prints a dotted line again; the rest stays.
      await api.ok('settings.saveEmployer', {
        name: 'Pemerintah Kabupaten Contoh', npp: '18040012', address: 'Jl. Merdeka 1', jkkClass: 1,
        signing: { office: 'Badan Keuangan Daerah', headName: 'Drs. Hendra Wijaya, M.Si.' },
      });
      const partialPath = out('recap-partial.pdf');
      host.saveQueue.push(partialPath);
      await api.ok('print.recapPdf', { month: '2026-03', paper: 'A4' });
      const partial = pdfText(partialPath);
      expect(partial).toContain('Kepala Badan Keuangan Daerah');
      expect(partial).toContain('Contoh, 10 April 2026');
      expect(partial).toContain('Pembuat Rekapitulasi');
      expect(partial.match(/\(\.{10,}\)/g)).toHaveLength(1);
      expect(partial.match(/NIP\. \.{10,}/g)).toHaveLength(2);
    });
  });
});
