/**
 * The printed invoice (Surat Tagihan Iuran) and its attachment (Lampiran: every person billed), laid
 * out from billing's print model. An issued invoice prints from its frozen header and rate snapshot.
 */
import type { CoreContext } from '../context';
import { identityFor, todayIso } from '../context';
import { invoiceDocument } from '../billing/document';
import { formatBp } from '../billing/round';
import { formatDateId, formatMonthId } from '../../../shared/dates';
import { formatNumber, formatRupiah } from '../../../shared/money';
import type { InvoiceDocument, InvoiceKind, InvoiceLine, LineChange, RateParamKey, Segment } from '../../../shared/billing-types';
import { RATE_PARAMS } from '../../../shared/billing-types';
import { BASE_CSS, capitalise, h, letterheadHtml, signatureBlocksHtml, type PrintedDoc } from './page';
import { officeDate } from '../settings/zone';

const KIND_TITLES: Record<InvoiceKind, string> = {
  regular: 'Surat Tagihan Iuran BPJS Ketenagakerjaan',
  supplementary: 'Surat Tagihan Tambahan Iuran BPJS Ketenagakerjaan',
  credit: 'Nota Kredit Iuran BPJS Ketenagakerjaan',
};
export const SEGMENT_LABELS: Record<Segment, string> = { PU: 'Penerima Upah (PU)', BPU: 'Bukan Penerima Upah (BPU)' };
const PROGRAM_NAMES = { JKK: 'Jaminan Kecelakaan Kerja (JKK)', JKM: 'Jaminan Kematian (JKM)', JHT: 'Jaminan Hari Tua (JHT)', JP: 'Jaminan Pensiun (JP)' } as const;
const CHANGE_LABELS: Record<LineChange, string> = { tambah: 'Tambah', berhenti: 'Berhenti', perubahan: 'Perubahan' };
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V'];

/** The document's own CSS on top of the base: the attachment's compact table. */
export const INVOICE_CSS = `${BASE_CSS}
table.programs td.program { width: 44%; }
table.lines { font-size: 8pt; line-height: 1.2; }
table.lines th, table.lines td { padding: 0.7mm 1mm; }
/* The closing rows (total, note, signature) stay on the page of the last persons, never alone. */
table.lines tr.last, table.lines tr.total { break-after: avoid; page-break-after: avoid; }
table.lines tr.total, table.lines tr.closing { break-before: avoid; page-break-before: avoid; }
table.lines tr.closing td { border: none; padding: 2mm 0 0; font-size: 9pt; }
table.lines tr.closing .signatures { font-size: 9pt; margin-top: 2mm; }
table.lines tr.closing .sig-space { flex-basis: 14mm; min-height: 14mm; }
table.lines th { font-size: 7pt; }
/* Body cells carry no classes (thousands of rows): columns are No, NIK, Nama, KPJ, then amounts. */
table.lines tbody td { white-space: nowrap; font-variant-numeric: tabular-nums; text-align: right; }
table.lines tbody td:nth-child(2), table.lines tbody td:nth-child(4) { text-align: left; }
table.lines tbody td:nth-child(3) { white-space: normal; text-align: left; min-width: 32mm; overflow-wrap: break-word; }
table.lines:not(.has-change) tbody td:last-child, table.lines.has-change tbody td:nth-last-child(2) { font-weight: bold; }
table.lines.has-change tbody td:last-child { text-align: left; }
.attachment-head { margin-bottom: 2mm; }
/* A per-person exception, kept on the line when it was billed ("Pengecualian: hanya JKK+JKM (SK ...)"). */
table.lines .line-note { display: block; font-size: 7pt; font-style: italic; }
.attachment-head .doc-title { margin-top: 0; }
`;

async function issueDate(ctx: CoreContext, d: InvoiceDocument): Promise<string> {
  return d.invoice.issuedAt ? await officeDate(ctx, d.invoice.issuedAt) : await todayIso(ctx);
}

/** Which programs have a worker share worth a column (JHT, JP). */
function programsOf(d: InvoiceDocument): Set<'JKK' | 'JKM' | 'JHT' | 'JP'> {
  return new Set(d.programs.map((p) => p.program));
}

function fieldRows(rows: [string, string][]): string {
  return `<table class="fields">${rows.map(([k, v]) => `<tr><td class="label">${h(k)}</td><td class="colon">:</td><td>${v}</td></tr>`).join('')}</table>`;
}

/** The rates the invoice used, from its snapshot, each with its source: the basis of every figure. */
function ratesNotes(d: InvoiceDocument): string[] {
  const p = d.rates.params;
  const programs = programsOf(d);
  const notes: string[] = [];
  const add = (key: RateParamKey, what: string) => {
    const r = p[key];
    if (!r) return;
    const unit = RATE_PARAMS[key].unit;
    const value = unit === 'bp' ? formatBp(r.value) : unit === 'years' ? `${r.value} tahun` : formatRupiah(r.value);
    notes.push(`${h(what)}: <span class="strong">${h(value)}</span> (berlaku sejak ${h(formatMonthId(r.effectiveMonth))}; ${h(r.source)})`);
  };
  if (d.invoice.segment === 'PU') {
    const classes = new Set<number>(d.jkkClasses.length ? d.jkkClasses : [d.rates.employerJkkClass]);
    for (const c of [...classes].sort((a, b) => a - b)) add(`pu.jkk.${c}` as RateParamKey, `JKK kelas ${ROMAN[c] ?? c}, dari upah yang dilaporkan`);
    add('pu.jkm', 'JKM, dari upah yang dilaporkan');
    if (programs.has('JHT')) {
      add('pu.jht.employer', 'JHT bagian pemberi kerja');
      add('pu.jht.worker', 'JHT bagian pekerja');
    }
    if (programs.has('JP')) {
      add('pu.jp.employer', 'JP bagian pemberi kerja');
      add('pu.jp.worker', 'JP bagian pekerja');
      add('pu.jp.wage_cap', 'Batas atas upah JP');
      add('pu.jp.retirement_age', 'Usia pensiun JP; sesudahnya JP tidak ditagih');
    }
    if ((p['pu.wage_floor']?.value ?? 0) > 0) add('pu.wage_floor', 'Upah terendah yang dilaporkan');
    exceptionNote(d, notes);
  } else {
    add('bpu.jkk', 'JKK BPU, dari penghasilan yang dilaporkan');
    add('bpu.jkm', 'JKM BPU, iuran tetap per orang');
    if (programs.has('JHT')) add('bpu.jht', 'JHT BPU, dari penghasilan yang dilaporkan');
    const b = d.rates.bpuBrackets;
    if (b) notes.push(`Penghasilan yang dilaporkan menurut tabel golongan BPU (berlaku sejak ${h(formatMonthId(b.effectiveMonth))}; ${h(b.source)})`);
    exceptionNote(d, notes);
  }
  return notes;
}

/** Persons billed under their own exception (programs or JKK class) rather than their category's. */
function exceptionNote(d: InvoiceDocument, notes: string[]): void {
  const n = d.lines.filter((l) => l.note).length;
  if (n > 0) notes.push(`Pengecualian per orang: <span class="strong">${h(formatNumber(n))} orang</span> ditagih dengan program atau kelas JKK berbeda dari kategorinya; keterangannya tertulis di bawah nama pada lampiran`);
}

function programTable(d: InvoiceDocument): string {
  const rows = d.programs.map((p, i) => `<tr><td class="center">${i + 1}</td><td class="program">${h(PROGRAM_NAMES[p.program])}</td><td class="num">${h(formatRupiah(p.employer))}</td><td class="num">${h(formatRupiah(p.worker))}</td><td class="num">${h(formatRupiah(p.total))}</td></tr>`);
  const inv = d.invoice;
  return `<table class="grid programs"><thead><tr><th>No</th><th>Program</th><th>Bagian pemberi kerja</th><th>Bagian pekerja</th><th>Jumlah</th></tr></thead>
<tbody>${rows.join('')}</tbody>
<tfoot><tr class="total"><td></td><td>JUMLAH</td><td class="num">${h(formatRupiah(inv.employer))}</td><td class="num">${h(formatRupiah(inv.worker))}</td><td class="num">${h(formatRupiah(inv.total))}</td></tr></tfoot></table>`;
}

function signatures(ctx: CoreContext, d: InvoiceDocument, dateIso: string): string {
  const [head, pptk, treasurer] = d.unit.officials;
  const captions = ['Mengetahui,', 'Menyetujui,', ''];
  return signatureBlocksHtml(
    [head, pptk, treasurer].filter((o) => o !== undefined).map((o, i) => ({ caption: captions[i], title: o.title, name: o.name, nip: o.nip })),
    { place: d.place, dateLabel: formatDateId(dateIso) },
  );
}

function draftMarks(d: InvoiceDocument): string {
  return d.draft
    ? '<div class="draft-watermark">DRAF</div><div class="draft-banner">DRAF - belum diterbitkan, belum bernomor, dan bukan dasar pembayaran</div>'
    : '';
}

/** The first part: the letter with the totals per program, the amount in words, the rates and signatures. */
function invoiceSheet(ctx: CoreContext, d: InvoiceDocument, dateIso: string): string {
  const inv = d.invoice;
  const fields: [string, string][] = [
    ['Nomor tagihan', inv.number ? `<span class="strong">${h(inv.number)}</span>` : '<span class="strong">DRAF (belum bernomor)</span>'],
    [inv.number ? 'Tanggal terbit' : 'Tanggal cetak', h(formatDateId(dateIso))],
    [d.unit.kind === 'village' ? 'Desa pembayar' : 'Perangkat daerah', `${h(d.unit.name)} <span class="muted">(kode ${h(d.unit.code)})</span>`],
    ['Kode rekening belanja', d.unit.budgetAccount ? h(d.unit.budgetAccount) : '<span class="muted">(belum diisi di Pengaturan)</span>'],
    ['Bulan iuran', h(d.monthLabel)],
    ['Segmen kepesertaan', h(SEGMENT_LABELS[inv.segment])],
    ['Jumlah peserta', `${h(formatNumber(inv.persons))} orang`],
    ['Jatuh tempo', `<span class="strong">${h(d.dueDateLabel)}</span>`],
  ];
  if (d.letterhead.npp) fields.push(['NPP pemberi kerja', h(d.letterhead.npp)]);
  if (inv.kind !== 'regular') fields.splice(1, 0, ['Tagihan asal', inv.originalNumber ? h(inv.originalNumber) : '-']);

  const kindNote = inv.kind === 'supplementary'
    ? `<p class="note">Tagihan tambahan ini melengkapi tagihan nomor <span class="strong">${h(inv.originalNumber ?? '-')}</span> untuk bulan yang sama; tagihan asal tidak berubah.</p>`
    : inv.kind === 'credit'
      ? `<p class="note">Nota kredit ini mengurangi tagihan nomor <span class="strong">${h(inv.originalNumber ?? '-')}</span> untuk bulan yang sama sebesar jumlah di bawah; tagihan asal tidak berubah.</p>`
      : '';
  const wordsLabel = inv.kind === 'credit' ? 'Terbilang (pengurangan)' : 'Terbilang';
  const notes = ratesNotes(d);
  const lampiran = d.lines.length > 0 ? ` Rincian per peserta terlampir (${h(formatNumber(d.lines.length))} orang).` : '';

  return `<section class="sheet invoice">
${letterheadHtml(d.letterhead, { unitName: d.unit.name, unitAddress: d.unit.address })}
${draftMarks(d)}
<h1 class="doc-title">${h(KIND_TITLES[inv.kind])}</h1>
<div class="doc-subtitle">Peserta ${h(SEGMENT_LABELS[inv.segment])} &middot; Bulan ${h(d.monthLabel)}</div>
${fieldRows(fields)}
${kindNote}
<p>${inv.kind === 'credit' ? 'Pengurangan iuran' : 'Iuran'} BPJS Ketenagakerjaan bulan ${h(d.monthLabel)} yang menjadi beban ${h(d.unit.name)} adalah sebagai berikut:</p>
${programTable(d)}
<div class="words"><span class="label">${wordsLabel}:</span> ${h(capitalise(d.amountInWords))}</div>
<p>${inv.kind === 'credit'
    ? `Jumlah ini mengurangi kewajiban pembayaran tagihan nomor ${h(inv.originalNumber ?? '-')}; tidak ada yang perlu dibayarkan atas nota kredit ini.`
    : `Mohon dibayarkan paling lambat tanggal <span class="strong">${h(d.dueDateLabel)}</span>.`}${lampiran}</p>
${notes.length ? `<div class="keep"><div class="note strong">Dasar perhitungan (tarif yang dipakai tagihan ini):</div><ul class="notes">${notes.map((n) => `<li>${n}</li>`).join('')}</ul></div>` : ''}
${signatures(ctx, d, dateIso)}
</section>`;
}

interface LineColumn {
  head: string;
  cell: (l: InvoiceLine) => string;
  total?: number;
}

/** The attachment: every person billed with base and amounts; headers repeat on every page. */
function attachmentSheet(ctx: CoreContext, d: InvoiceDocument, dateIso: string): string {
  const inv = d.invoice;
  const programs = programsOf(d);
  const n = (v: number) => h(formatNumber(v));
  // NIK and KPJ as the caller's role may see them: finance and viewer print `1804********0001`.
  const id = identityFor(ctx);
  const cols: LineColumn[] = [
    { head: 'NIK', cell: (l) => h(id(l.nik)) },
    { head: 'Nama', cell: (l) => (l.note ? `${h(l.name)}<span class="line-note">${h(l.note)}</span>` : h(l.name)) },
    { head: 'No. KPJ', cell: (l) => h(id(l.kpj) ?? '-') },
    { head: inv.segment === 'PU' ? 'Dasar upah' : 'Penghasilan dilaporkan', cell: (l) => n(l.base) },
    { head: 'JKK', cell: (l) => n(l.jkk), total: inv.jkk },
    { head: 'JKM', cell: (l) => n(l.jkm), total: inv.jkm },
  ];
  if (programs.has('JHT')) {
    cols.push({ head: 'JHT pemberi kerja', cell: (l) => n(l.jhtEmployer), total: inv.jhtEmployer });
    if (inv.jhtWorker !== 0 || inv.segment === 'PU') cols.push({ head: 'JHT pekerja', cell: (l) => n(l.jhtWorker), total: inv.jhtWorker });
  }
  if (programs.has('JP')) {
    cols.push({ head: 'JP pemberi kerja', cell: (l) => n(l.jpEmployer), total: inv.jpEmployer });
    cols.push({ head: 'JP pekerja', cell: (l) => n(l.jpWorker), total: inv.jpWorker });
  }
  cols.push({ head: 'Jumlah', cell: (l) => n(l.total), total: inv.total });
  if (inv.kind !== 'regular') cols.push({ head: 'Ket.', cell: (l) => (l.change ? h(CHANGE_LABELS[l.change]) : '') });

  const head = `<tr><th>No</th>${cols.map((c) => `<th>${h(c.head)}</th>`).join('')}</tr>`;
  // Rows are the bulk of a large document: keep them lean.
  const lastRows = Math.max(0, d.lines.length - 2);
  const body = d.lines.map((l, i) => `<tr${i >= lastRows ? ' class="last"' : ''}><td>${i + 1}</td>${cols.map((c) => `<td>${c.cell(l)}</td>`).join('')}</tr>`).join('\n');
  const firstAmount = cols.findIndex((c) => c.total !== undefined);
  const foot = `<tr class="total"><td colspan="${firstAmount + 1}">JUMLAH (${n(d.lines.length)} orang)</td>${cols.slice(firstAmount).map((c) => `<td class="num">${c.total === undefined ? '' : n(c.total)}</td>`).join('')}</tr>`;
  const ref = inv.number ? `Nomor ${h(inv.number)}` : 'DRAF (belum bernomor)';
  return `<section class="sheet attachment page-break">
<div class="attachment-head">
<h2 class="doc-title">Lampiran ${h(KIND_TITLES[inv.kind])}</h2>
<div class="doc-subtitle">${ref} &middot; Bulan ${h(d.monthLabel)}<br>${h(d.unit.name)} &middot; ${h(SEGMENT_LABELS[inv.segment])}</div>
${d.draft ? '<div class="draft-banner">DRAF - belum diterbitkan</div>' : ''}
</div>
<table class="grid lines${inv.kind !== 'regular' ? ' has-change' : ''}"><thead>${head}</thead>
<tbody>
${body}
</tbody>
<tfoot>${foot}
<tr class="closing"><td colspan="${cols.length + 1}"><p class="note">Nilai dalam rupiah. Setiap iuran dihitung per orang per program dan dibulatkan ke rupiah terdekat; jumlah adalah penjumlahan baris-baris tersebut.</p>
${signatureBlocksHtml([{ title: 'Bendahara Pengeluaran', name: d.unit.officials[2]?.name ?? null, nip: d.unit.officials[2]?.nip ?? null }], { place: d.place, dateLabel: formatDateId(dateIso), emptyColumnsBefore: 2 })}</td></tr></tfoot></table>
</section>`;
}

/**
 * A file name a clerk recognises: `Tagihan IUR-2026-03-DINSOS-001.pdf` (the number carries the unit
 * code), `Tagihan DRAF 2026-03 PU DINSOS.pdf` for a draft. No characters Windows refuses.
 */
export function invoiceFileName(d: Pick<InvoiceDocument, 'invoice'>): string {
  const inv = d.invoice;
  const word = inv.kind === 'credit' ? 'Nota Kredit' : inv.kind === 'supplementary' ? 'Tagihan Tambahan' : 'Tagihan';
  const ref = inv.number ? inv.number.replace(/\//g, '-') : `DRAF ${inv.month} ${inv.segment} ${inv.opdCode}`;
  return `${word} ${ref}.pdf`.replace(/[\\/:*?"<>|]+/g, '-');
}

/** The invoice as a printed document; `attachment` (default true) adds the per-person Lampiran. */
export async function invoicePrint(ctx: CoreContext, invoiceId: number | string, opts: { attachment?: boolean } = {}): Promise<PrintedDoc & { fileName: string; footer: string }> {
  const withLines = opts.attachment !== false;
  const d = await invoiceDocument(ctx, invoiceId, { withLines });
  const inv = d.invoice;
  const dateIso = await issueDate(ctx, d);
  const body = `${invoiceSheet(ctx, d, dateIso)}\n${withLines && d.lines.length > 0 ? attachmentSheet(ctx, d, dateIso) : ''}`;
  const title = `${KIND_TITLES[inv.kind]} ${inv.number ?? '(draf)'} - ${d.unit.name} - ${formatMonthId(inv.month)}`;
  const footer = `${inv.number ?? 'DRAF'} · ${d.unit.name} · ${d.monthLabel}`;
  return { title, css: INVOICE_CSS, body, fileName: invoiceFileName(d), footer };
}
