/** The reminder letter to a paying unit with past-due iuran: letter format, the unpaid months with aging. */
import type { CoreContext } from '../context';
import { reminderLetter } from '../billing/arrears';
import { formatDateId } from '../../../shared/dates';
import { formatNumber, formatRupiah } from '../../../shared/money';
import type { ReminderLetter } from '../../../shared/billing-types';
import { BASE_CSS, capitalise, h, letterheadHtml, signatureBlocksHtml, type PrintedDoc } from './page';
import { financeOffice } from './signing';

export const REMINDER_CSS = `${BASE_CSS}
.letter-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; margin-bottom: 4mm; }
.letter-head table.fields { margin: 0; }
.letter-head table.fields td.label { width: 20mm; }
.addressee { margin: 0 0 4mm; }
.addressee .indent { padding-left: 8mm; }
.letter p { text-align: justify; }
table.arrears { font-size: 8pt; }
table.arrears th, table.arrears td { padding: 0.8mm 1.2mm; }
.estimate { font-style: italic; }
.late-paid-intro { margin-top: 3mm; }
.cc { margin-top: 6mm; font-size: 9pt; }
.cc ol { margin: 0; padding-left: 5mm; }
`;

const SUBJECTS: Record<ReminderLetter['level'], string> = {
  1: 'Pemberitahuan Tunggakan Iuran BPJS Ketenagakerjaan',
  2: 'Peringatan Tunggakan Iuran BPJS Ketenagakerjaan',
  3: 'Peringatan Tunggakan Iuran BPJS Ketenagakerjaan Lebih dari 90 Hari',
};

/**
 * The due date a month is counted late from (the statutory one, which the fine runs from), with the
 * invoice's own later deadline under it when the month was billed late.
 */
function dueCell(i: { dueDate: string; statutoryDueDate: string }): string {
  const own = i.dueDate !== i.statutoryDueDate ? `<br><span class="small">batas tagihan ${h(formatDateId(i.dueDate))}</span>` : '';
  return `${h(formatDateId(i.statutoryDueDate))}${own}`;
}

/** The short section on months already paid, but late: the estimated fine accrued on them (none: empty). */
function latePaidHtml(d: ReminderLetter): string {
  if (d.latePaid.length === 0) return '';
  const rp = (v: number) => h(formatNumber(v));
  const rows = d.latePaid.map((f, k) => `<tr><td class="num">${k + 1}</td><td class="nowrap">${h(f.monthLabel)}</td><td class="small">${h(f.invoiceNumber)}</td><td class="nowrap">${dueCell(f)}</td><td class="small">${h(f.sp2dNumber)}</td><td class="nowrap">${h(formatDateId(f.paidDate))}</td><td class="num">${rp(f.amount)}</td><td class="num">${rp(f.monthsLate)}</td><td class="num estimate">${rp(f.fineEstimate)}</td></tr>`);
  return `<p class="late-paid-intro">Selain itu, iuran PU bulan-bulan berikut telah dibayar tetapi melewati jatuh tempo; perkiraan dendanya biasanya ditagihkan bersama tagihan iuran berikutnya:</p>
<table class="grid arrears late-paid"><thead><tr><th>No</th><th>Bulan iuran</th><th>Nomor tagihan</th><th>Jatuh tempo</th><th>Nomor SP2D</th><th>Tanggal SP2D</th><th>Dibayar</th><th>Terlambat (bulan)</th><th>Perkiraan denda*</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr class="total"><td></td><td colspan="7">JUMLAH PERKIRAAN DENDA ATAS PEMBAYARAN TERLAMBAT</td><td class="num estimate">${rp(d.latePaidFineEstimate)}</td></tr></tfoot></table>`;
}

export async function reminderPrint(ctx: CoreContext, opdId: number, asOf: string): Promise<PrintedDoc & { fileName: string; footer: string }> {
  const d = await reminderLetter(ctx, opdId, asOf);
  const rp = (v: number) => h(formatNumber(v));
  // The letter comes from the finance office that bills the units, signed by its head.
  const fin = await financeOffice(ctx, d.letterhead.pemda, { headTitle: 'Pengelola Iuran BPJS Ketenagakerjaan', preparerTitle: '' });
  const place = fin.place;
  const head = d.unit.officials[0];
  const hasBpu = d.items.some((i) => i.segment === 'BPU');
  const rows = d.items.map((i, k) => `<tr><td class="num">${k + 1}</td><td class="nowrap">${h(i.monthLabel)}</td><td class="center">${h(i.segment)}</td><td class="small">${i.invoiceNumbers.map(h).join('<br>')}</td><td class="nowrap">${dueCell(i)}</td><td class="num">${rp(i.daysPastDue)}</td><td class="num">${rp(i.billed)}</td><td class="num">${rp(i.paid)}</td><td class="num strong">${rp(i.outstanding)}</td><td class="num estimate">${i.segment === 'PU' ? rp(i.fineEstimate) : '-'}</td></tr>`);
  const billed = d.items.reduce((s, i) => s + i.billed, 0);
  const paid = d.items.reduce((s, i) => s + i.paid, 0);
  const foot = `<tr class="total"><td></td><td colspan="5">JUMLAH</td><td class="num">${rp(billed)}</td><td class="num">${rp(paid)}</td><td class="num">${rp(d.outstanding)}</td><td class="num estimate">${rp(d.fineEstimate)}</td></tr>`;
  const body = `<section class="sheet letter">
${letterheadHtml(d.letterhead, { unitName: fin.office })}
<div class="letter-head">
<table class="fields">
<tr><td class="label">Nomor</td><td class="colon">:</td><td>......../......../${h(d.asOf.slice(0, 4))}</td></tr>
<tr><td class="label">Sifat</td><td class="colon">:</td><td>${d.level === 1 ? 'Biasa' : 'Penting'}</td></tr>
<tr><td class="label">Lampiran</td><td class="colon">:</td><td>-</td></tr>
<tr><td class="label">Perihal</td><td class="colon">:</td><td class="strong">${h(SUBJECTS[d.level])}</td></tr>
</table>
<div class="nowrap">${place ? `${h(place)}, ` : ''}${h(d.asOfLabel)}</div>
</div>
<div class="addressee">Yth. ${h(head?.title ?? `Kepala ${d.unit.name}`)}<br>di<br><span class="indent">Tempat</span></div>
<p>Berdasarkan catatan pembayaran iuran BPJS Ketenagakerjaan sampai dengan tanggal ${h(d.asOfLabel)}, iuran ${h(d.unit.name)} untuk bulan-bulan berikut telah melewati jatuh tempo dan belum dibayar lunas:</p>
<table class="grid arrears"><thead><tr><th>No</th><th>Bulan iuran</th><th>Segmen</th><th>Nomor tagihan</th><th>Jatuh tempo</th><th>Lewat (hari)</th><th>Tagihan</th><th>Dibayar</th><th>Sisa</th><th>Perkiraan denda*</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot>${foot}</tfoot></table>
<div class="words"><span class="label">Sisa tunggakan:</span> <span class="strong">${h(formatRupiah(d.outstanding))}</span> (${h(capitalise(d.amountInWords))})</div>
${latePaidHtml(d)}
<p class="note estimate">* Perkiraan denda: menurut aturan denda yang tercatat (2% per bulan keterlambatan dari iuran PU yang belum dibayar), dihitung sejak jatuh tempo menurut ketentuan (iuran PU: tanggal 15 bulan berikutnya), juga untuk bulan yang ditagihkan terlambat, hanya sebagai PERKIRAAN. Keberlakuan denda bagi pemerintah daerah belum dipastikan; jumlah resmi mengikuti tagihan BPJS Ketenagakerjaan. Perkiraan denda tidak termasuk dalam sisa tunggakan di atas.${d.latePaid.length ? ' Denda atas pembayaran terlambat dihitung dari jumlah yang dibayar, sejak jatuh tempo menurut ketentuan sampai tanggal SP2D-nya.' : ''}${hasBpu ? ' Iuran BPU tidak dikenai denda, tetapi kepesertaan BPU berakhir bila iuran tidak dibayar lebih dari 3 bulan berturut-turut.' : ''}</p>
<p>Sehubungan dengan hal tersebut, kami mohon agar tunggakan iuran di atas segera dibayarkan, dan nomor serta tanggal SP2D pembayarannya disampaikan kepada kami untuk dicatat. Keterlambatan pembayaran dapat mengakibatkan terhentinya perlindungan jaminan sosial ketenagakerjaan bagi pegawai yang bersangkutan. Apabila pembayaran telah dilakukan, mohon abaikan surat ini dan sampaikan bukti pembayarannya.</p>
<p>Demikian disampaikan; atas perhatian dan kerja samanya diucapkan terima kasih.</p>
${signatureBlocksHtml([fin.head], { emptyColumnsBefore: 1 })}
<div class="cc">Tembusan:<ol>${d.unit.officials.slice(1).map((o) => `<li>${h(o.title)} ${h(d.unit.name)}</li>`).join('')}</ol></div>
</section>`;
  return {
    title: `${SUBJECTS[d.level]} - ${d.unit.name} - ${d.asOfLabel}`,
    css: REMINDER_CSS,
    body,
    fileName: `Surat Tunggakan Iuran ${d.unit.code} ${asOf}.pdf`.replace(/[\\/:*?"<>|]+/g, '-'),
    footer: `Surat tunggakan iuran · ${d.unit.name} · ${d.asOfLabel}`,
  };
}
