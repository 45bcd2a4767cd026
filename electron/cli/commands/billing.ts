import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { todayIso } from '../../core/context';
import { arrearsReport, listBpuBrackets, listRateParams, ratesForMonth, recordPayment, runBilling, writeInvoiceXlsx, formatBp, getInvoice } from '../../core/billing/index';
import { SigapError } from '../../../shared/errors';
import { isIsoDate, isMonth } from '../../../shared/dates';
import { formatRupiah, parseRupiahText } from '../../../shared/money';
import { AGING_BUCKETS, AGING_LABELS, RATE_PARAMS, type InvoiceSummary, type ParamUnit, type RateParamKey } from '../../../shared/billing-types';
import { printJson, table } from '../io';
import { openCli, type CliEnv } from '../context';
import { invoicePrint, printDocToFile, recapPrint, reminderPrint } from '../../core/print/index';
import { printWithChromium } from '../chromium-pdf';
import { PAPERS, type Paper } from '../../../shared/paper';
import { unitIdByCode } from '../../core/billing/unit-by-code';

const KIND_LABELS = { regular: 'tagihan', supplementary: 'tambahan', credit: 'nota kredit' } as const;

function invoiceJson(i: InvoiceSummary) {
  return {
    id: i.id, number: i.number, status: i.status, kind: i.kind, original: i.originalNumber, month: i.month,
    opd: i.opd, opdCode: i.opdCode, opdKind: i.opdKind, segment: i.segment, npp: i.npp, dueDate: i.dueDate, persons: i.persons,
    programs: { JKK: i.jkk, JKM: i.jkm, JHT: i.jhtEmployer + i.jhtWorker, JP: i.jpEmployer + i.jpWorker },
    jkk: i.jkk, jkm: i.jkm, jhtEmployer: i.jhtEmployer, jhtWorker: i.jhtWorker, jpEmployer: i.jpEmployer, jpWorker: i.jpWorker,
    employer: i.employer, worker: i.worker, total: i.total, paid: i.paid,
  };
}

export async function billCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { month: { type: 'string' }, issue: { type: 'boolean' }, json: { type: 'boolean' }, db: { type: 'string' } } });
  if (!values.month || !isMonth(values.month)) {
    cx.io.err('Sebutkan bulan iuran: --month YYYY-MM, mis. --month 2026-03.\n');
    return 2;
  }
  const ctx = await openCli(values.db, cx);
  try {
    const res = await runBilling(ctx, { month: values.month, issue: values.issue });
    const invoices = res.invoices.map(invoiceJson);
    if (values.json) {
      const sum = (f: (i: ReturnType<typeof invoiceJson>) => number) => invoices.reduce((s, i) => s + f(i), 0);
      printJson(cx.io, {
        month: res.month, total: res.total, persons: res.persons, drafts: res.drafts, issued: res.issued,
        employer: sum((i) => i.employer), worker: sum((i) => i.worker),
        programs: { JKK: sum((i) => i.programs.JKK), JKM: sum((i) => i.programs.JKM), JHT: sum((i) => i.programs.JHT), JP: sum((i) => i.programs.JP) },
        invoices,
      });
      return 0;
    }
    cx.io.out(table(
      ['Nomor', 'Unit', 'Segmen', 'Jenis', 'Orang', 'JKK', 'JKM', 'JHT', 'JP', 'Jumlah'],
      invoices.map((i) => [i.number ?? 'DRAF', `${i.opdCode} ${i.opd}`, i.segment, KIND_LABELS[i.kind], i.persons, i.programs.JKK, i.programs.JKM, i.programs.JHT, i.programs.JP, i.total]),
    ));
    cx.io.out(`Iuran ${res.month}: ${res.persons} orang, ${formatRupiah(res.total)}; ${res.drafts} draf dibuat${values.issue ? `, ${res.issued} diterbitkan` : ' (terbitkan dengan --issue)'}.\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}

const PAY_USAGE = 'Penggunaan: sigap pay NOMOR --amount N --date YYYY-MM-DD --sp2d NOMOR-SP2D [--note TEKS] [--confirm-early-date] [--json] [--db PATH]\n';
const PAY_VALUE_OPTIONS = ['--amount', '--date', '--sp2d', '--note', '--db'];

/**
 * `--amount -5` would make node's parseArgs stop with an English "argument is ambiguous": options
 * that take a value are joined to the next word first (`--amount=-5`), so a negative or odd value
 * reaches the Indonesian checks below.
 */
function joinOptionValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (PAY_VALUE_OPTIONS.includes(a) && i + 1 < args.length && !args[i + 1]!.startsWith('--')) out.push(`${a}=${args[++i]!}`);
    else out.push(a);
  }
  return out;
}

export async function payCommand(args: string[], cx: CliEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinOptionValues(args), allowPositionals: true,
      options: { amount: { type: 'string' }, date: { type: 'string' }, sp2d: { type: 'string' }, note: { type: 'string' }, 'confirm-early-date': { type: 'boolean' }, json: { type: 'boolean' }, db: { type: 'string' } },
    });
  } catch (e) {
    const option = /'(-[^']*)'/.exec((e as Error).message)?.[1];
    cx.io.err(`${option ? `Pilihan "${option}" tidak dikenal atau tanpa nilai.` : 'Argumen tidak dapat dibaca.'}\n${PAY_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const number = positionals[0];
  const fail = (message: string) => {
    cx.io.err(`${message}\n${PAY_USAGE}`);
    return 2;
  };
  if (!number) return fail('Nomor tagihan belum ditulis.');
  if (positionals.length > 1) return fail(`Hanya satu nomor tagihan; "${positionals[1]}" berlebih.`);
  if (values.amount === undefined) return fail('Jumlah pembayaran (--amount) wajib diisi.');
  const amountText = values.amount.trim();
  if (/^[-(]|^rp\.?\s*-/i.test(amountText)) return fail(`Jumlah pembayaran "${values.amount}" tidak boleh negatif; tulis rupiah bulat lebih dari 0.`);
  const amount = parseRupiahText(amountText);
  if (amount === null) return fail(`Jumlah pembayaran "${values.amount}" bukan rupiah bulat; tulis mis. 1500000 atau 1.500.000.`);
  if (amount <= 0) return fail('Jumlah pembayaran harus lebih dari 0.');
  if (!values.date) return fail('Tanggal SP2D (--date) wajib diisi.');
  if (!isIsoDate(values.date)) return fail(`Tanggal SP2D "${values.date}" tidak sah; tulis hari-bulan-tahun, mis. 10-04-2026 (atau 2026-04-10).`);
  if (!values.sp2d || values.sp2d.trim() === '') return fail('Nomor SP2D (--sp2d) wajib diisi.');
  const ctx = await openCli(values.db, cx);
  try {
    let res;
    try {
      res = await recordPayment(ctx, { invoice: number, amount, date: values.date, sp2d: values.sp2d, note: values.note, confirmEarlyDate: values['confirm-early-date'] === true });
    } catch (e) {
      // The core asks for a confirmation the command line gives with a flag: say which.
      if (e instanceof SigapError && e.code === 'CONFIRM_REQUIRED') throw new SigapError(e.code, `${e.message} Bila benar, ulangi dengan --confirm-early-date.`);
      throw e;
    }
    if (values.json) printJson(cx.io, { payment: res.payment, invoice: invoiceJson(res.invoice), remaining: res.remaining });
    else cx.io.out(`Pembayaran ${formatRupiah(amount)} untuk ${res.invoice.number} dicatat (SP2D ${res.payment.sp2dNumber}). Sisa tagihan: ${formatRupiah(res.remaining)}.\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}

export async function arrearsCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { 'as-of': { type: 'string' }, npp: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' } } });
  if (values['as-of'] !== undefined && !isIsoDate(values['as-of'])) {
    throw new SigapError('INVALID_INPUT', `Tanggal --as-of "${values['as-of']}" tidak sah; tulis hari-bulan-tahun, mis. 31-03-2026 (atau 2026-03-31).`);
  }
  const ctx = await openCli(values.db, cx);
  try {
    const asOf = values['as-of'] ?? (await todayIso(ctx));
    // --npp: one employer registration only, as BPJS counts it (typed with or without dots).
    const rep = await arrearsReport(ctx, asOf, values.npp ?? null);
    if (values.json) {
      printJson(cx.io, rep);
      return 0;
    }
    cx.io.out(table(
      ['Unit', ...AGING_BUCKETS.map((b) => AGING_LABELS[b]), 'Tunggakan', 'Perk. denda', 'Denda bayar telat'],
      rep.units.map((u) => [`${u.opdCode} ${u.opd}${u.bpuLapseRisk ? ' (!BPU)' : ''}`, ...AGING_BUCKETS.map((b) => u.buckets[b]), u.outstanding, u.fineEstimate, u.latePaidFineEstimate]),
    ));
    if (rep.npp) cx.io.out(`NPP ${rep.npp}\n`);
    cx.io.out(`Per ${asOf}: belum dibayar ${formatRupiah(rep.totals.outstanding)}, lewat jatuh tempo ${formatRupiah(rep.totals.pastDue)}; perkiraan denda ${formatRupiah(rep.totals.fineEstimate)} (PERKIRAAN, keberlakuan denda bagi Pemda belum pasti).\n`);
    if (rep.totals.latePaidFineEstimate > 0) {
      cx.io.out(`Perkiraan denda atas pembayaran terlambat (bulan PU yang sudah dibayar setelah jatuh tempo, ditagih bersama tagihan berikutnya): ${formatRupiah(rep.totals.latePaidFineEstimate)} (PERKIRAAN).\n`);
    }
    if (rep.units.some((u) => u.bpuLapseRisk)) cx.io.out('(!BPU) lebih dari 3 bulan berturut-turut iuran BPU belum dibayar: kepesertaan BPU bisa berakhir.\n');
    return 0;
  } finally {
    await ctx.close();
  }
}

function formatValue(unit: ParamUnit, v: number): string {
  switch (unit) {
    case 'bp': return formatBp(v);
    case 'rupiah': return formatRupiah(v);
    case 'day': return `tgl ${v}`;
    case 'months': return `+${v} bulan`;
    case 'years': return `${v} tahun`;
    case 'flag': return v === 1 ? 'ya' : 'tidak';
    case 'monthRule': return v === 1 ? 'terikat tgl 1' : 'terikat satu hari pun';
    default: return assertNever(unit);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${String(x)}`);
}

export async function ratesCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { month: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' } } });
  if (values.month !== undefined && !isMonth(values.month)) {
    cx.io.err(`Bulan "${values.month}" tidak sah; tulis YYYY-MM.\n`);
    return 2;
  }
  const ctx = await openCli(values.db, cx);
  try {
    if (values.month) {
      const r = await ratesForMonth(ctx, values.month);
      if (values.json) printJson(cx.io, r);
      else {
        cx.io.out(`Tarif yang berlaku untuk ${values.month} (kelas JKK Pemda: ${r.employerJkkClass}):\n`);
        const keys = Object.keys(r.params) as RateParamKey[];
        cx.io.out(table(['Parameter', 'Nilai', 'Sejak', 'Yakin', 'Sumber'], keys.map((k) => [RATE_PARAMS[k].label, formatValue(RATE_PARAMS[k].unit, r.params[k]!.value), r.params[k]!.effectiveMonth, r.params[k]!.confidence, r.params[k]!.source])));
        const b = r.bpuBrackets;
        if (b) cx.io.out(`Golongan BPU sejak ${b.effectiveMonth}: ${b.brackets.map((x) => `mulai ${formatRupiah(x.incomeFrom)} -> ${formatRupiah(x.declaredIncome)}`).join('; ')}\n`);
      }
      return 0;
    }
    const params = await listRateParams(ctx);
    const brackets = await listBpuBrackets(ctx);
    if (values.json) printJson(cx.io, { params, bpuBrackets: brackets });
    else {
      cx.io.out(table(['Kunci', 'Parameter', 'Berlaku', 'Nilai', 'Yakin', 'Sumber'], params.map((p) => [p.key, p.label + (p.estimate ? ' (perkiraan)' : ''), p.effectiveMonth, formatValue(p.unit, p.value), p.confidence, p.source])));
      for (const b of brackets) cx.io.out(`Golongan BPU sejak ${b.effectiveMonth} (${b.source}): ${b.brackets.map((x) => `mulai ${formatRupiah(x.incomeFrom)} -> ${formatRupiah(x.declaredIncome)}`).join('; ')}\n`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}

const INVOICE_USAGE = `Penggunaan:
  sigap invoice xlsx NOMOR --out FILE [--db PATH]
  sigap invoice pdf NOMOR --out FILE [--paper A4|F4] [--no-attachment] [--db PATH]
  sigap invoice recap-pdf --month YYYY-MM --out FILE [--paper A4|F4] [--db PATH]
  sigap invoice reminder-pdf --opd KODE --out FILE [--as-of YYYY-MM-DD] [--paper A4|F4] [--db PATH]
`;

export async function invoiceCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'pdf' || sub === 'recap-pdf' || sub === 'reminder-pdf') return invoicePdfCommand(sub, rest, cx);
  if (sub !== 'xlsx') {
    cx.io.err(INVOICE_USAGE);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: 'string' }, db: { type: 'string' } } });
  const number = positionals[0];
  if (!number || !values.out) {
    cx.io.err('Penggunaan: sigap invoice xlsx NOMOR --out FILE [--db PATH]\n');
    return 2;
  }
  const ctx = await openCli(values.db, cx);
  try {
    const inv = await getInvoice(ctx, number);
    const out = resolve(values.out);
    const rows = await writeInvoiceXlsx(ctx, inv.id, out);
    cx.io.out(`Rincian ${inv.number} (${rows} orang) disimpan ke ${out}\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}

/** `invoice pdf`, `invoice recap-pdf`, `invoice reminder-pdf`: the printed documents through headless Chromium. */
async function invoicePdfCommand(sub: 'pdf' | 'recap-pdf' | 'reminder-pdf', args: string[], cx: CliEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      out: { type: 'string' }, paper: { type: 'string' }, 'no-attachment': { type: 'boolean' }, month: { type: 'string' },
      opd: { type: 'string' }, 'as-of': { type: 'string' }, db: { type: 'string' },
    },
  });
  const paper = (values.paper ?? 'A4').toUpperCase();
  const bad = !values.out || !(PAPERS as readonly string[]).includes(paper)
    || (sub === 'pdf' && !positionals[0])
    || (sub === 'recap-pdf' && (!values.month || !isMonth(values.month)))
    || (sub === 'reminder-pdf' && (!values.opd || (values['as-of'] !== undefined && !isIsoDate(values['as-of']))));
  if (bad) {
    cx.io.err(INVOICE_USAGE);
    return 2;
  }
  const ctx = await openCli(values.db, cx);
  try {
    let doc: Awaited<ReturnType<typeof invoicePrint>>;
    if (sub === 'pdf') doc = await invoicePrint(ctx, positionals[0]!, { attachment: !values['no-attachment'] });
    else if (sub === 'recap-pdf') doc = await recapPrint(ctx, values.month!);
    else doc = await reminderPrint(ctx, await unitIdByCode(ctx, values.opd!), values['as-of'] ?? (await todayIso(ctx)));
    const out = resolve(values.out!);
    const saved = await printDocToFile(doc, paper as Paper, out, (html, o) => printWithChromium(html, o));
    cx.io.out(`${doc.title}: ${saved.pages} halaman ${paper} disimpan ke ${out}\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}
