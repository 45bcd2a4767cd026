/** `sigap bpjs-payment list|history|record`: the Pemda's monthly payment to BPJS per NPP (core/billing/bpjs-payment.ts). */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { SigapError } from '../../../shared/errors';
import { formatDateId, isMonth } from '../../../shared/dates';
import { formatRupiah, parseRupiahText } from '../../../shared/money';
import type { Segment } from '../../../shared/billing-types';
import { bpjsMonthStatus, bpjsPaymentHistory, recordBpjsPayment, type BpjsMonthStatus } from '../../core/billing/bpjs-payment';
import { PROGRAMS, readBill } from '../../core/bpjs/bill-read';
import { printJson, table } from '../io';
import { openCli, type CliEnv } from '../context';
import { BPJS_PAYMENT_USAGE } from '../usage';

const fail = (message: string): never => {
  throw new SigapError('INVALID_INPUT', message);
};

function rupiahOption(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = parseRupiahText(v.trim());
  if (n === null || n < 0) fail(`--${name} "${v}" bukan rupiah bulat; tulis mis. 1500000 atau 1.500.000.`);
  return n!;
}

function segmentOption(v: string | undefined): Segment | undefined {
  if (v === undefined) return undefined;
  const s = v.toUpperCase();
  if (s !== 'PU' && s !== 'BPU') fail(`--segment "${v}" tidak dikenal; tulis PU atau BPU.`);
  return s as Segment;
}

/** One line of the month: what is owed, what came in from the units, and the verdict. */
function verdict(s: BpjsMonthStatus): string {
  if (s.owed === null) return 'tagihan BPJS belum dicatat';
  const cover = s.covered ? 'SP2D mencukupi' : `kurang ${formatRupiah(s.shortfall ?? 0)}`;
  const r = s.record;
  const paid = r && r.paidAmount !== null ? `dibayar ${formatRupiah(r.paidAmount)} ${formatDateId(r.paidDate!)}` : 'belum dibayar ke BPJS';
  return `${cover}; ${paid}`;
}

export async function bpjsPaymentCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      month: { type: 'string' }, npp: { type: 'string' }, segment: { type: 'string' }, bill: { type: 'string' }, 'bill-file': { type: 'string' },
      fine: { type: 'string' }, paid: { type: 'string' }, date: { type: 'string' }, ref: { type: 'string' }, note: { type: 'string' },
      reason: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' },
    },
  });
  if (sub !== 'list' && sub !== 'history' && sub !== 'record') {
    cx.io.err(`Sebutkan list, history atau record.\nPenggunaan:\n  ${BPJS_PAYMENT_USAGE}\n`);
    return 2;
  }
  if (!values.month || !isMonth(values.month)) fail('Sebutkan bulan iuran: --month YYYY-MM, mis. --month 2026-03.');
  const month = values.month!;
  const segment = segmentOption(values.segment);
  const ctx = await openCli(values.db, cx);
  try {
    if (sub === 'list') {
      const rows = await bpjsMonthStatus(ctx, month);
      if (values.json) return (printJson(cx.io, rows), 0);
      cx.io.out(table(
        ['NPP', 'Pendaftaran', 'Segmen', 'Ditagih Sigap', 'SP2D diterima', 'Tagihan BPJS', 'Denda', 'Keterangan'],
        rows.map((s) => [s.npp, s.name, s.segment, s.sigapBilled, s.sp2dReceived, s.record?.billTotal ?? '-', s.record?.fine ?? '-', verdict(s)]),
      ));
      return 0;
    }
    if (sub === 'history') {
      const rows = await bpjsPaymentHistory(ctx, values.npp ?? '', month, segment);
      if (values.json) return (printJson(cx.io, rows), 0);
      cx.io.out(table(
        ['#', 'Dicatat', 'Oleh', 'Tagihan', 'Denda', 'Dibayar', 'Tanggal', 'Referensi', 'Alasan'],
        rows.map((r) => [r.id, r.createdAt.slice(0, 16).replace('T', ' '), r.createdBy, r.billTotal, r.fine, r.paidAmount ?? '-', r.paidDate ?? '-', r.paidReference ?? '-', r.reason ?? '-']),
      ));
      return 0;
    }
    if (values.bill !== undefined && values['bill-file'] !== undefined) fail('Pakai --bill atau --bill-file, tidak keduanya.');
    let billFile: { name: string; sha256: string; total: number; npp: string | null; segment: Segment } | undefined;
    if (values['bill-file'] !== undefined) {
      const bill = await readBill(resolve(values['bill-file']), month);
      billFile = { name: bill.file, sha256: bill.sha256, total: bill.lines.reduce((s, l) => s + PROGRAMS.reduce((t, p) => t + l.amounts[p], 0), 0), npp: bill.npp, segment: bill.segment };
    }
    const rec = await recordBpjsPayment(ctx, {
      npp: values.npp, month, segment, billTotal: rupiahOption('bill', values.bill), billFile, fine: rupiahOption('fine', values.fine),
      paidAmount: rupiahOption('paid', values.paid), paidDate: values.date, paidReference: values.ref, note: values.note, reason: values.reason,
    });
    if (values.json) return (printJson(cx.io, rec), 0);
    const paid = rec.paidAmount !== null ? `; dibayar ${formatRupiah(rec.paidAmount)} tanggal ${formatDateId(rec.paidDate!)} (${rec.paidReference})` : '';
    cx.io.out(`Tagihan BPJS NPP ${rec.npp} ${rec.segment} ${month}: ${formatRupiah(rec.billTotal)}${rec.billFile ? ` (dari ${rec.billFile})` : ''}, denda ${formatRupiah(rec.fine)}${paid}. Catatan #${rec.id}.\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}
