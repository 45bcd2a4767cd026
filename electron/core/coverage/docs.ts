/**
 * The coverage area's printed documents: the one-page coverage report for the head of the region, the
 * year's contributions by unit and program, and next year's budget forecast. Built from the shared
 * print blocks (print/page.ts): classes only, no style attributes, no scripts. Bars are CSS classes in
 * 5% steps (`bar-w0` .. `bar-w20`), so a bar needs no inline width.
 */
import type { CoreContext } from '../context';
import { todayIso } from '../context';
import { formatDateId, formatMonthId } from '../../../shared/dates';
import { formatNumber, formatRupiah } from '../../../shared/money';
import { AGING_BUCKETS, AGING_LABELS } from '../../../shared/billing-types';
import { BASE_CSS, h, letterheadHtml, signatureBlocksHtml, type PrintedDoc } from '../print/page';
import { financeOffice } from '../print/signing';
import { letterhead } from '../billing/header';
import type { CoverageSummary } from './summary';
import type { YearlyReport } from './yearly';
import type { ForecastResult } from './forecast';
import { formatPercent, formatShare } from '../../../shared/percent';

const BAR_STEPS = Array.from({ length: 21 }, (_, i) => i);
const COVERAGE_CSS = `
.cov { font-size: 7.5pt; line-height: 1.2; }
.cov table.grid { margin-bottom: 1.5mm; }
.cov table.grid th, .cov table.grid td { padding: 0.3mm 1mm; }
.cov .section-title { margin: 2.5mm 0 1mm; font-size: 9pt; }
.cov .signatures { margin-top: 2mm; }
.cov .sig-space { flex-basis: 14mm; min-height: 14mm; }
.cov .doc-title { margin-top: 2mm; }
.cov-cards { display: flex; gap: 3mm; margin: 0 0 3mm; }
.cov-card { flex: 1; border: 0.2mm solid #000; padding: 1.5mm 2mm; }
.cov-card .big { font-size: 13pt; font-weight: bold; }
.cov-cols { display: flex; gap: 4mm; }
.cov-cols > div { flex: 1; min-width: 0; }
.cov .bar-cell { width: 12mm; }
.bar { height: 2.6mm; background: #555; }
${BAR_STEPS.map((i) => `.bar-w${i} { width: ${i * 5}%; }`).join('\n')}
.bar-cell { width: 18mm; }
.doc-small table.grid th, .doc-small table.grid td { font-size: 8pt; padding: 0.6mm 1mm; }
.unit-head td { font-weight: bold; background: #f2f2f2; }
`;

// The preview frame shows a landscape document at its printed width.
const LANDSCAPE_SCREEN = '@media screen { body { max-width: 297mm; } }';

const barClass = (share: number) => `bar bar-w${Math.max(0, Math.min(20, Math.round(share * 20)))}`;
const pctText = formatShare;
const rp = (n: number) => formatRupiah(n);

async function head(ctx: CoreContext, title: string, subtitle: string): Promise<string> {
  return `${letterheadHtml(await letterhead(ctx))}<h1 class="doc-title">${h(title)}</h1><p class="doc-subtitle">${h(subtitle)}</p>`;
}

/** Signed by the head of the finance office configured in Pengaturan (dotted lines when not set). */
async function signOff(ctx: CoreContext, title: string): Promise<string> {
  const lh = await letterhead(ctx, false);
  const office = await financeOffice(ctx, lh.pemda, { headTitle: title, preparerTitle: '' });
  return signatureBlocksHtml([office.head], { place: office.place, dateLabel: formatDateId(await todayIso(ctx)), emptyColumnsBefore: 1 });
}

/** The one-page coverage report for the Bupati / Wali Kota and the Sekda. */
export async function coverageReportDoc(ctx: CoreContext, s: CoverageSummary): Promise<PrintedDoc> {
  const t = s.totals;
  const opds = s.byOpd.filter((o) => o.kind === 'opd');
  const villages = s.byOpd.filter((o) => o.kind === 'village');
  const vSum = villages.reduce((a, v) => ({ active: a.active + v.active, enrolled: a.enrolled + v.enrolled }), { active: 0, enrolled: 0 });
  const rows = [...opds.map((o) => ({ name: o.name, active: o.active, enrolled: o.enrolled })), ...(villages.length ? [{ name: `Desa/Pekon (${villages.length})`, active: vSum.active, enrolled: vSum.enrolled }] : [])];
  const cards = [
    ['Pegawai non-ASN pada SK', formatNumber(t.active), `PU ${formatNumber(s.bySegment.PU.active)} · BPU ${formatNumber(s.bySegment.BPU.active)}`],
    ['Terdaftar (ber-KPJ)', formatNumber(t.enrolled), `cakupan ${pctText(t.enrolled, t.active)}`],
    ['Iuran bulan ini', rp(s.money.issued), `dibayar ${rp(s.money.paid)}`],
    ['Tunggakan lewat jatuh tempo', rp(s.arrears.pastDue), `per ${formatDateId(s.arrears.asOf)}`],
  ];
  const cardHtml = `<div class="cov-cards">${cards.map(([a, b, c]) => `<div class="cov-card"><div>${h(a)}</div><div class="big">${h(b)}</div><div class="muted">${h(c)}</div></div>`).join('')}</div>`;
  const half = Math.ceil(rows.length / 2);
  const opdHalf = (part: typeof rows) => `<table class="grid"><thead><tr><th>Unit</th><th>SK</th><th>KPJ</th><th>%</th><th class="bar-cell"></th></tr></thead><tbody>${part
    .map((r) => `<tr><td>${h(r.name)}</td><td class="num">${formatNumber(r.active)}</td><td class="num">${formatNumber(r.enrolled)}</td><td class="num">${pctText(r.enrolled, r.active)}</td><td class="bar-cell"><div class="${barClass(r.active ? r.enrolled / r.active : 0)}"></div></td></tr>`)
    .join('')}</tbody></table>`;
  const opdTable = `<div class="cov-cols"><div>${opdHalf(rows.slice(0, half))}</div><div>${opdHalf(rows.slice(half))}</div></div>`;
  const maxIssued = Math.max(1, ...s.trend.map((m) => m.issued));
  const trend = `<table class="grid"><thead><tr><th>Bulan</th><th>Terbit</th><th>Dibayar</th><th class="bar-cell"></th></tr></thead><tbody>${s.trend
    .map((m) => `<tr><td>${h(formatMonthId(m.month))}</td><td class="num">${rp(m.issued)}</td><td class="num">${rp(m.paid)}</td><td class="bar-cell"><div class="${barClass(m.issued / maxIssued)}"></div></td></tr>`)
    .join('')}</tbody></table>`;
  const arrears = `<table class="grid"><thead><tr><th>Umur tunggakan</th><th>Jumlah</th></tr></thead><tbody>${AGING_BUCKETS.map((b) => `<tr><td>${h(AGING_LABELS[b])}</td><td class="num">${rp(s.arrears.buckets[b])}</td></tr>`).join('')}</tbody><tfoot><tr class="total"><td>Jumlah</td><td class="num">${rp(s.arrears.outstanding)}</td></tr></tfoot></table>`;
  const topArrears = s.arrears.byOpd.filter((u) => u.pastDue > 0).slice(0, 5);
  const arrearsUnits = topArrears.length
    ? `<table class="grid"><thead><tr><th>Unit dengan tunggakan terbesar</th><th>Lewat jatuh tempo</th></tr></thead><tbody>${topArrears.map((u) => `<tr><td>${h(u.name)}</td><td class="num">${rp(u.pastDue)}</td></tr>`).join('')}</tbody></table>`
    : '<p class="note">Tidak ada tunggakan yang lewat jatuh tempo.</p>';
  const p = s.paritrana;
  const mix = s.programMix;
  const facts = [
    `Program: JKK ${formatNumber(s.programs[0]!.persons)}, JKM ${formatNumber(s.programs[1]!.persons)}, JHT ${formatNumber(s.programs[2]!.persons)}, JP ${formatNumber(s.programs[3]!.persons)} orang; hanya JKK+JKM ${formatNumber(mix.jkkJkmOnly)}, empat program ${formatNumber(mix.allFour)}.`,
    `Desa/pekon memenuhi kuota ${s.villages.quota} pekerja rentan: ${s.villages.meeting} dari ${s.villages.count} (terdaftar ${formatNumber(s.villages.rentanEnrolled)} dari target ${formatNumber(s.villages.target)}).`,
    p.semestaPekerja && p.regionPct !== null
      ? `Semesta pekerja ${p.year ?? ''}: ${formatNumber(p.semestaPekerja)}; peserta di wilayah ${formatNumber((p.regionCoveredPu ?? 0) + (p.regionCoveredBpu ?? 0))} (${formatPercent(p.regionPct)}), menurut cara hitung Paritrana Award.`
      : 'Semesta pekerja belum diisi (Pengaturan > Cakupan), cakupan wilayah versi Paritrana belum dapat dihitung.',
  ];
  const body = `<section class="sheet cov">${await head(ctx, 'Laporan Cakupan BPJS Ketenagakerjaan Pegawai Non-ASN', `Keadaan ${formatMonthId(s.month)}`)}
${cardHtml}
<h2 class="section-title">Cakupan per unit (SK = pegawai pada SK aktif, KPJ = sudah terdaftar)</h2>${opdTable}
<div class="cov-cols"><div><h2 class="section-title">Iuran 12 bulan terakhir</h2>${trend}</div>
<div><h2 class="section-title">Tunggakan per umur (per ${h(formatDateId(s.arrears.asOf))})</h2>${arrears}${arrearsUnits}</div></div>
<ul class="notes">${facts.map((f) => `<li>${h(f)}</li>`).join('')}</ul>
${await signOff(ctx, 'Kepala Badan Pengelolaan Keuangan dan Aset Daerah')}</section>`;
  return { title: `Laporan cakupan ${formatMonthId(s.month)}`, css: `${BASE_CSS}\n${COVERAGE_CSS}`, body };
}

/** The year's contributions by unit and program. */
export async function yearlyDoc(ctx: CoreContext, r: YearlyReport): Promise<PrintedDoc & { landscape: boolean }> {
  const cols: [string, (u: YearlyReport['totals']) => string][] = [
    ['Orang-bulan', (u) => formatNumber(u.personMonths)], ['JKK', (u) => rp(u.jkk)], ['JKM', (u) => rp(u.jkm)],
    ['JHT', (u) => rp(u.jhtEmployer + u.jhtWorker)], ['JP', (u) => rp(u.jpEmployer + u.jpWorker)], ['Jumlah', (u) => rp(u.total)], ['Dibayar', (u) => rp(u.paid)],
  ];
  const table = r.units.length
    ? `<table class="grid"><thead><tr><th>No</th><th>Unit</th><th>Kode rekening</th>${cols.map(([c]) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${r.units
        .map((u, i) => `<tr><td class="num">${i + 1}</td><td>${h(u.name)}</td><td class="nowrap">${h(u.budgetAccount ?? '')}</td>${cols.map(([, f]) => `<td class="num">${f(u)}</td>`).join('')}</tr>`)
        .join('')}</tbody><tfoot><tr class="total"><td></td><td>Jumlah</td><td></td>${cols.map(([, f]) => `<td class="num">${f(r.totals)}</td>`).join('')}</tr></tfoot></table>`
    : '<p>Belum ada tagihan terbit pada tahun ini.</p>';
  const body = `<section class="sheet doc-small">${await head(ctx, 'Rekapitulasi Iuran BPJS Ketenagakerjaan per Unit dan Program', `Tahun ${r.year}`)}${table}
<p class="note">Dari tagihan yang sudah terbit (termasuk tagihan susulan dan nota kredit). JHT dan JP termasuk bagian pekerja yang dipotong dari honor.</p>
${await signOff(ctx, 'Kepala Badan Pengelolaan Keuangan dan Aset Daerah')}</section>`;
  return { title: `Iuran tahun ${r.year} per unit dan program`, css: `${BASE_CSS}\n${COVERAGE_CSS}\n${LANDSCAPE_SCREEN}`, body, landscape: true };
}

/** Next year's budget in the RKA shape: per unit, kode rekening, uraian, volume, satuan, tarif, jumlah. */
export async function forecastDoc(ctx: CoreContext, f: ForecastResult): Promise<PrintedDoc> {
  const caps = f.jpCaps.map((c) => `${formatMonthId(c.month)}: ${rp(c.cap)}${c.assumed ? ` (perkiraan, naik ${f.jpCapGrowthPct.toLocaleString('id-ID')}%)` : ''}`).join('; ');
  const units = f.units
    .map((u) => {
      const lines = u.lines
        .map((l) => `<tr><td></td><td>${h(l.uraian)}</td><td class="num">${formatNumber(l.volume)}</td><td class="center">OB</td><td class="num">${rp(l.tariff)}</td><td class="num">${rp(l.amount)}</td></tr>`)
        .join('');
      const headroom = u.headroom ? `<tr><td></td><td>Cadangan penambahan pegawai (${f.headroomPct.toLocaleString('id-ID')}%)</td><td class="num">1</td><td class="center">paket</td><td class="num">${rp(u.headroom)}</td><td class="num">${rp(u.headroom)}</td></tr>` : '';
      return `<tr class="unit-head"><td class="nowrap">${h(u.budgetAccount ?? '')}</td><td>${h(u.name)} (${formatNumber(u.persons)} orang)</td><td></td><td></td><td></td><td class="num">${rp(u.total)}</td></tr>${lines}${headroom}`;
    })
    .join('');
  const body = `<section class="sheet doc-small">${await head(ctx, `Rencana Kebutuhan Iuran BPJS Ketenagakerjaan Tahun Anggaran ${f.year}`, 'Bagian pemberi kerja yang dianggarkan dalam APBD, per unit dan kode rekening')}
<table class="grid"><thead><tr><th>Kode rekening</th><th>Uraian</th><th>Volume</th><th>Satuan</th><th>Tarif</th><th>Jumlah</th></tr></thead><tbody>${units}</tbody>
<tfoot><tr class="total"><td></td><td>Jumlah seluruh unit</td><td class="num">${formatNumber(f.personMonths)}</td><td class="center">OB</td><td></td><td class="num">${rp(f.total)}</td></tr></tfoot></table>
<ul class="notes"><li>OB = orang-bulan. Dihitung dari daftar pegawai per ${h(formatDateId(f.basisDate))}${f.renewAnnual ? '; SK tahunan yang berakhir 31 Desember dianggap diperpanjang' : ''}; masa kerja mengikuti tanggal akhir penugasan.</li>
<li>Batas upah JP: ${h(caps || 'tidak dipakai')}.</li>
<li>Bagian pekerja (JHT 2%, JP 1%) dipotong dari honor dan tidak dianggarkan: ${rp(f.workerShare)}.</li></ul>
${await signOff(ctx, 'Kepala Badan Pengelolaan Keuangan dan Aset Daerah')}</section>`;
  return { title: `Rencana iuran BPJS TA ${f.year}`, css: `${BASE_CSS}\n${COVERAGE_CSS}`, body };
}
