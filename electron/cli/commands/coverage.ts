/** `sigap coverage`, `sigap forecast`, `sigap incident`: coverage, next year's budget, the incident log. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { todayIso } from '../../core/context';
import { SigapError } from '../../../shared/errors';
import { formatDateId, formatMonthId, isIsoDate, isMonth } from '../../../shared/dates';
import { formatNumber, formatRupiah } from '../../../shared/money';
import { AGING_BUCKETS, AGING_LABELS } from '../../../shared/billing-types';
import { PAPERS, type Paper } from '../../../shared/paper';
import {
  coverageReportDoc, coverageSummary, forecastDoc, forecastYear, getIncident, INCIDENT_KINDS, listIncidents, markReported, saveIncident,
  writeForecastXlsx, writeYearlyXlsx, yearlyContributions, yearlyDoc, type IncidentRow,
} from '../../core/coverage/index';
import { printCoverageDoc } from '../../core/coverage/print';
import { printWithChromium } from '../chromium-pdf';
import { printJson, table } from '../io';
import { openCli, type CliEnv } from '../context';
import { personIdByNik } from '../../core/roster/person';

const STATUS_LABELS: Record<IncidentRow['status'], string> = { reported: 'sudah dilaporkan', reported_late: 'dilaporkan terlambat', due: 'belum dilaporkan', overdue: 'TERLAMBAT' };

function paperOf(v: string | undefined): Paper {
  const p = (v ?? 'A4').toUpperCase();
  if (!(PAPERS as readonly string[]).includes(p)) throw new SigapError('INVALID_INPUT', `Kertas "${v}" tidak dikenal; pilih A4 atau F4.`);
  return p as Paper;
}

const pct = (n: number, d: number) => (d > 0 ? `${((n / d) * 100).toFixed(1).replace('.', ',')}%` : '-');

export async function coverageCommand(args: string[], cx: CliEnv): Promise<number> {
  if (args[0] === 'yearly') return yearlyCommand(args.slice(1), cx);
  const { values } = parseArgs({ args, options: { month: { type: 'string' }, json: { type: 'boolean' }, pdf: { type: 'string' }, paper: { type: 'string' }, db: { type: 'string' } } });
  if (values.month !== undefined && !isMonth(values.month)) {
    cx.io.err('Bulan harus YYYY-MM, mis. --month 2026-03.\n');
    return 2;
  }
  const ctx = await openCli(values.db, cx);
  try {
    const month = values.month ?? (await todayIso(ctx)).slice(0, 7);
    const s = await coverageSummary(ctx, month);
    if (values.pdf) {
      const out = resolve(values.pdf);
      const saved = await printCoverageDoc(await coverageReportDoc(ctx, s), paperOf(values.paper), out, (html, o) => printWithChromium(html, o));
      cx.io.out(`Laporan cakupan ${formatMonthId(month)}: ${saved.pages} halaman disimpan ke ${out}\n`);
      return 0;
    }
    if (values.json) {
      printJson(cx.io, s);
      return 0;
    }
    const t = s.totals;
    cx.io.out(`Cakupan ${formatMonthId(month)}: ${formatNumber(t.enrolled)} dari ${formatNumber(t.active)} pegawai pada SK terdaftar (${pct(t.enrolled, t.active)})\n`);
    cx.io.out(`  PU ${formatNumber(s.bySegment.PU.enrolled)}/${formatNumber(s.bySegment.PU.active)}, BPU ${formatNumber(s.bySegment.BPU.enrolled)}/${formatNumber(s.bySegment.BPU.active)}; hanya JKK+JKM ${formatNumber(s.programMix.jkkJkmOnly)}, empat program ${formatNumber(s.programMix.allFour)}\n`);
    cx.io.out(`  Desa memenuhi kuota ${s.villages.quota} pekerja rentan: ${s.villages.meeting} dari ${s.villages.count}\n`);
    if (s.paritrana.regionPct !== null) cx.io.out(`  Cakupan wilayah (Paritrana): ${s.paritrana.regionPct.toFixed(2).replace('.', ',')}% dari semesta pekerja ${formatNumber(s.paritrana.semestaPekerja!)}\n`);
    cx.io.out(`\n${table(['Kode', 'Unit', 'Pada SK', 'Terdaftar', '%'], s.byOpd.map((o) => [o.code, o.name, o.active, o.enrolled, pct(o.enrolled, o.active)]))}`);
    cx.io.out(`\nIuran ${formatMonthId(month)}: terbit ${formatRupiah(s.money.issued)}, dibayar ${formatRupiah(s.money.paid)}; draf ${s.money.draftInvoices}, unit belum ditagih ${s.money.unitsNotBilled}\n`);
    cx.io.out(`Tunggakan per ${formatDateId(s.arrears.asOf)}: ${AGING_BUCKETS.map((b) => `${AGING_LABELS[b]} ${formatRupiah(s.arrears.buckets[b])}`).join(', ')}\n`);
    const w = s.work.pending;
    cx.io.out(`Belum dilaporkan ke BPJS: ${w.new} pendaftaran, ${w.na} nonaktif, ${w.wage} perubahan upah, ${w.bpu} BPU; menunggu KPJ ${s.work.awaitingKpj}\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}

async function yearlyCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { year: { type: 'string' }, json: { type: 'boolean' }, xlsx: { type: 'string' }, pdf: { type: 'string' }, paper: { type: 'string' }, db: { type: 'string' } } });
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year)) {
    cx.io.err('Sebutkan tahun: --year YYYY.\n');
    return 2;
  }
  const ctx = await openCli(values.db, cx);
  try {
    const r = await yearlyContributions(ctx, year);
    if (values.xlsx) {
      await writeYearlyXlsx(r, resolve(values.xlsx));
      cx.io.out(`Iuran ${year}: ${r.units.length} unit disimpan ke ${resolve(values.xlsx)}\n`);
    } else if (values.pdf) {
      const saved = await printCoverageDoc(await yearlyDoc(ctx, r), paperOf(values.paper), resolve(values.pdf), (html, o) => printWithChromium(html, o));
      cx.io.out(`Iuran ${year}: ${saved.pages} halaman disimpan ke ${saved.path}\n`);
    } else if (values.json) printJson(cx.io, r);
    else cx.io.out(table(['Kode', 'Unit', 'JKK', 'JKM', 'JHT', 'JP', 'Jumlah', 'Dibayar'], [...r.units, { code: '', name: 'Jumlah', ...r.totals }].map((u) => [u.code, u.name, u.jkk, u.jkm, u.jhtEmployer + u.jhtWorker, u.jpEmployer + u.jpWorker, u.total, u.paid])));
    return 0;
  } finally {
    await ctx.close();
  }
}

export async function forecastCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      year: { type: 'string' }, growth: { type: 'string' }, headroom: { type: 'string' }, 'new-staff': { type: 'string' }, 'no-renew': { type: 'boolean' },
      json: { type: 'boolean' }, xlsx: { type: 'string' }, pdf: { type: 'string' }, paper: { type: 'string' }, db: { type: 'string' },
    },
  });
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year)) {
    cx.io.err('Sebutkan tahun anggaran: --year YYYY, mis. --year 2027.\n');
    return 2;
  }
  const num = (v: string | undefined, label: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v.replace(',', '.').replace('%', ''));
    if (!Number.isFinite(n)) throw new SigapError('INVALID_INPUT', `${label} harus angka.`);
    return n;
  };
  const ctx = await openCli(values.db, cx);
  try {
    const f = await forecastYear(ctx, {
      year, jpCapGrowthPct: num(values.growth, '--growth'), headroomPct: num(values.headroom, '--headroom'),
      headroomPersons: num(values['new-staff'], '--new-staff'), renewAnnual: !values['no-renew'],
    });
    if (values.xlsx) {
      await writeForecastXlsx(f, resolve(values.xlsx));
      cx.io.out(`Rencana iuran TA ${year}: ${f.units.length} unit, ${formatRupiah(f.total)}, disimpan ke ${resolve(values.xlsx)}\n`);
    } else if (values.pdf) {
      const saved = await printCoverageDoc(await forecastDoc(ctx, f), paperOf(values.paper), resolve(values.pdf), (html, o) => printWithChromium(html, o));
      cx.io.out(`Rencana iuran TA ${year}: ${saved.pages} halaman disimpan ke ${saved.path}\n`);
    } else if (values.json) printJson(cx.io, f);
    else {
      cx.io.out(table(['Kode', 'Unit', 'Kode rekening', 'Orang', 'OB', 'JKK', 'JKM', 'JHT', 'JP', 'Jumlah'], f.units.map((u) => {
        const by = (p: string) => u.lines.filter((l) => l.program === p).reduce((s, l) => s + l.amount, 0);
        return [u.code, u.name, u.budgetAccount ?? '', u.persons, u.personMonths, by('JKK'), by('JKM'), by('JHT'), by('JP'), u.total];
      })));
      cx.io.out(`\nJumlah TA ${year}: ${formatRupiah(f.total)} (${formatNumber(f.personMonths)} orang-bulan); bagian pekerja ${formatRupiah(f.workerShare)} tidak dianggarkan\n`);
      cx.io.out(`Batas upah JP: ${f.jpCaps.map((c) => `${c.month} ${formatRupiah(c.cap)}${c.assumed ? ' (perkiraan)' : ''}`).join(', ') || '-'}\n`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}

const INCIDENT_USAGE = `Penggunaan:
  sigap incident list [--year YYYY] [--open] [--json]
  sigap incident add --nik NIK --kind accident|work_death|death --date YYYY-MM-DD [--place TEKS] [--description TEKS] [--reported YYYY-MM-DD] [--json]
  sigap incident report ID --date YYYY-MM-DD
Jenis: accident = kecelakaan kerja, work_death = meninggal karena kecelakaan kerja, death = meninggal dunia bukan karena kerja.
`;

export async function incidentCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    const { values } = parseArgs({ args: rest, options: { year: { type: 'string' }, open: { type: 'boolean' }, json: { type: 'boolean' }, db: { type: 'string' } } });
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !(/^\d{4}$/.test(values.year!.trim()) && year >= 1900 && year <= 2200)) {
      cx.io.err(`Tahun "${values.year}" tidak sah; tulis empat angka, misalnya --year 2026.\n\n${INCIDENT_USAGE}`);
      return 2;
    }
    const ctx = await openCli(values.db, cx);
    try {
      const rows = await listIncidents(ctx, { year, status: values.open ? 'open' : undefined });
      if (values.json) printJson(cx.io, { incidents: rows });
      else cx.io.out(table(['ID', 'Tanggal', 'Jenis', 'NIK', 'Nama', 'Batas lapor', 'Status', 'Perkiraan manfaat'], rows.map((r) => [r.id, r.date, r.kindLabel, r.nik, r.name, r.deadline, STATUS_LABELS[r.status], r.benefit.total ? formatRupiah(r.benefit.total) : '-'])));
      return 0;
    } finally {
      await ctx.close();
    }
  }
  if (sub === 'add') {
    const { values } = parseArgs({
      args: rest,
      options: { nik: { type: 'string' }, kind: { type: 'string' }, date: { type: 'string' }, place: { type: 'string' }, description: { type: 'string' }, reported: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' } },
    });
    if (!values.nik || !values.kind || !values.date) {
      cx.io.err(`Sebutkan --nik, --kind dan --date.\n\n${INCIDENT_USAGE}`);
      return 2;
    }
    if (!(INCIDENT_KINDS as readonly string[]).includes(values.kind)) {
      cx.io.err(`Jenis "${values.kind}" tidak dikenal.\n\n${INCIDENT_USAGE}`);
      return 2;
    }
    const ctx = await openCli(values.db, cx);
    try {
      const person = { id: await personIdByNik(ctx, values.nik) };
      const r = await saveIncident(ctx, {
        personId: person.id, kind: values.kind as IncidentRow['kind'], date: values.date, place: values.place ?? null,
        description: values.description ?? null, reportedDate: values.reported ?? null,
      });
      const row = await getIncident(ctx, r.id);
      if (values.json) printJson(cx.io, { incident: row, endedEngagements: r.endedEngagements });
      else {
        cx.io.out(`Kejadian #${r.id} dicatat: ${row.kindLabel}, ${row.name}, ${formatDateId(row.date)}.\n`);
        cx.io.out(`Batas lapor ke BPJS: ${formatDateId(row.deadline)} (${STATUS_LABELS[row.status]}).\n`);
        if (r.endedEngagements) cx.io.out(`${r.endedEngagements} penugasan diakhiri dengan alasan "Meninggal dunia".\n`);
        for (const i of row.benefit.items) cx.io.out(`  ${i.label}: ${i.amount === null ? (i.note ?? '-') : formatRupiah(i.amount)}\n`);
        cx.io.out(`  Beasiswa: ${row.benefit.scholarship.summary}\n`);
        for (const w of row.benefit.warnings) cx.io.out(`  Perhatian: ${w}\n`);
      }
      return 0;
    } finally {
      await ctx.close();
    }
  }
  if (sub === 'report') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { date: { type: 'string' }, db: { type: 'string' } } });
    const id = Number(positionals[0]);
    if (!Number.isInteger(id) || id <= 0 || !values.date || !isIsoDate(values.date)) {
      cx.io.err(`Sebutkan nomor kejadian dan --date YYYY-MM-DD.\n\n${INCIDENT_USAGE}`);
      return 2;
    }
    const ctx = await openCli(values.db, cx);
    try {
      await markReported(ctx, id, values.date);
      cx.io.out(`Kejadian #${id} dicatat sudah dilaporkan ke BPJS pada ${formatDateId(values.date)}.\n`);
      return 0;
    } finally {
      await ctx.close();
    }
  }
  cx.io.err(INCIDENT_USAGE);
  return 2;
}
