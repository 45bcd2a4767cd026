/** The month's recap for the whole Pemda: one row per paying unit and segment, the grand total in words. */
import type { CoreContext } from '../context';
import { todayIso } from '../context';
import { monthRecap } from '../billing/document';
import { SigapError } from '../../../shared/errors';
import { formatDateId } from '../../../shared/dates';
import { formatNumber, formatRupiah } from '../../../shared/money';
import type { RecapRow } from '../../../shared/billing-types';
import { BASE_CSS, capitalise, h, letterheadHtml, signatureBlocksHtml, type PrintedDoc } from './page';
import { financeOffice } from './signing';
import { bpjsMonthStatus, type BpjsMonthStatus } from '../billing/bpjs-payment';

export const RECAP_CSS = `${BASE_CSS}
table.recap { font-size: 8pt; line-height: 1.25; }
table.recap th, table.recap td { padding: 0.8mm 1.2mm; }
table.recap td.unit { min-width: 52mm; }
table.recap td.numbers { font-size: 7pt; }
`;

/**
 * The Pemda's payment to BPJS per NPP and segment (billing/bpjs-payment.ts): the branch's bill, its fine,
 * the payment, and whether the units' SP2D cover it. Empty when nothing was recorded for the month.
 */
function bpjsPaymentHtml(rows: BpjsMonthStatus[]): string {
  const recorded = rows.filter((s) => s.record !== null);
  if (recorded.length === 0) return '';
  const rp = (v: number) => h(formatNumber(v));
  const body = recorded.map((s) => {
    const r = s.record!;
    const paid = r.paidAmount !== null ? `${rp(r.paidAmount)}<br><span class="small">${h(formatDateId(r.paidDate!))} &middot; ${h(r.paidReference ?? '')}</span>` : 'belum';
    const cover = s.covered ? 'mencukupi' : `kurang ${rp(s.shortfall ?? 0)}`;
    return `<tr><td class="nowrap">${h(s.npp)}</td><td>${h(s.name)}</td><td class="center">${h(s.segment)}</td><td class="num">${rp(s.sigapBilled)}</td><td class="num">${rp(s.sp2dReceived)}</td><td class="num">${rp(r.billTotal)}</td><td class="num">${rp(r.fine)}</td><td class="num">${paid}</td><td>${cover}</td></tr>`;
  });
  return `<h2 class="section-title">Pembayaran ke BPJS Ketenagakerjaan per NPP</h2>
<table class="grid recap bpjs-payment"><thead><tr><th>NPP</th><th>Pendaftaran</th><th>Segmen</th><th>Ditagihkan ke unit</th><th>SP2D diterima</th><th>Tagihan BPJS</th><th>Denda</th><th>Dibayar ke BPJS</th><th>SP2D unit</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody></table>`;
}

function status(r: RecapRow): string {
  if (r.drafts > 0 && r.invoiceNumbers.length === 0) return 'Draf';
  if (r.drafts > 0) return 'Sebagian draf';
  if (r.paid >= r.total) return 'Lunas';
  return r.paid > 0 ? 'Dibayar sebagian' : 'Terbit';
}

export async function recapPrint(ctx: CoreContext, month: string): Promise<PrintedDoc & { fileName: string; footer: string }> {
  const d = await monthRecap(ctx, month);
  if (d.rows.length === 0) throw new SigapError('NOT_FOUND', `Belum ada tagihan untuk bulan ${d.monthLabel}. Jalankan penagihan bulan itu dulu.`);
  const rp = (v: number) => h(formatNumber(v));
  const hasJht = d.totals.jhtEmployer + d.totals.jhtWorker !== 0;
  const hasJp = d.totals.jpEmployer + d.totals.jpWorker !== 0;
  const amountCols: [string, (r: RecapRow | typeof d.totals) => number][] = [
    ['JKK', (r) => r.jkk],
    ['JKM', (r) => r.jkm],
    ...(hasJht ? [['JHT', (r: RecapRow | typeof d.totals) => r.jhtEmployer + r.jhtWorker] as [string, (r: RecapRow | typeof d.totals) => number]] : []),
    ...(hasJp ? [['JP', (r: RecapRow | typeof d.totals) => r.jpEmployer + r.jpWorker] as [string, (r: RecapRow | typeof d.totals) => number]] : []),
    // The employer / worker split only when some worker share is billed (JHT, JP).
    ...(d.totals.worker !== 0 ? [['Pemberi kerja', (r: RecapRow | typeof d.totals) => r.employer], ['Pekerja', (r: RecapRow | typeof d.totals) => r.worker]] as [string, (r: RecapRow | typeof d.totals) => number][] : []),
    ['Jumlah', (r) => r.total],
  ];
  const rows = d.rows.map((r, i) => `<tr><td class="num">${i + 1}</td><td class="nowrap">${h(r.opdCode)}</td><td class="unit">${h(r.opd)}</td><td class="center">${h(r.segment)}</td><td class="num">${rp(r.persons)}</td>${amountCols.map(([, f], k) => `<td class="num${k === amountCols.length - 1 ? ' strong' : ''}">${rp(f(r))}</td>`).join('')}<td class="numbers">${r.invoiceNumbers.map(h).join('<br>') || '-'}</td><td>${h(status(r))}</td></tr>`);
  const foot = `<tr class="total"><td></td><td colspan="3">JUMLAH</td><td class="num">${rp(d.totals.persons)}</td>${amountCols.map(([, f]) => `<td class="num">${rp(f(d.totals))}</td>`).join('')}<td colspan="2"></td></tr>`;
  const dateIso = await todayIso(ctx);
  // The recap is the finance office's document: its name under the Pemda's, its officials sign.
  const fin = await financeOffice(ctx, d.letterhead.pemda, { headTitle: 'Pejabat Pengelola Keuangan Daerah', preparerTitle: 'Pembuat Rekapitulasi' });
  // The grand total, its words and the signatures move to the next page together (.keep), so the
  // officials never sign alone on a page without the amount they sign for.
  const body = `<section class="sheet recap">
${letterheadHtml(d.letterhead, { unitName: fin.office })}
${d.hasDrafts ? '<div class="draft-watermark">DRAF</div><div class="draft-banner">DRAF - sebagian tagihan bulan ini belum diterbitkan; angka masih dapat berubah</div>' : ''}
<h1 class="doc-title">Rekapitulasi Iuran BPJS Ketenagakerjaan</h1>
<div class="doc-subtitle">Bulan ${h(d.monthLabel)}${d.letterhead.npp ? ` &middot; NPP ${h(d.letterhead.npp)}` : ''}</div>
<table class="grid recap"><thead><tr><th>No</th><th>Kode</th><th>Unit pembayar</th><th>Segmen</th><th>Peserta</th>${amountCols.map(([t]) => `<th>${h(t)}</th>`).join('')}<th>Nomor tagihan</th><th>Status</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot>${foot}</tfoot></table>
<div class="keep recap-end">
<div class="words"><span class="label">Jumlah seluruhnya:</span> <span class="strong">${h(formatRupiah(d.totals.total))}</span><br><span class="label">Terbilang:</span> ${h(capitalise(d.amountInWords))}</div>
<p class="note">Nilai dalam rupiah. Baris memuat tagihan reguler, tagihan tambahan dan nota kredit setiap unit, sehingga jumlahnya sama dengan iuran bulan ini; cocokkan dengan tagihan BPJS Ketenagakerjaan per NPP. Sudah dibayar: ${h(formatRupiah(d.totals.paid))}.</p>
${bpjsPaymentHtml(await bpjsMonthStatus(ctx, month))}
${signatureBlocksHtml([
    { caption: 'Mengetahui,', ...fin.head },
    { caption: 'Dibuat oleh,', ...fin.preparer },
  ], { place: fin.place, dateLabel: formatDateId(dateIso), emptyColumnsBefore: 0 })}
</div>
</section>`;
  return {
    title: `Rekapitulasi Iuran BPJS Ketenagakerjaan ${d.monthLabel}`,
    css: RECAP_CSS,
    body,
    fileName: `Rekap Iuran ${month}.pdf`,
    footer: `Rekapitulasi iuran · ${d.monthLabel}`,
  };
}
