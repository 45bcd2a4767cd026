/**
 * The Pemda's monthly payment to BPJS, per NPP, month and segment (migration 0180): the branch's bill
 * total (typed, or read from the bill file), the fine BPJS put on it, the payment with its date and
 * reference, and whether the OPD payments (SP2D) received for that month cover it.
 *
 * Each record is a chain of rows: the first one, then one row per later step (the payment recorded
 * after the bill) or correction, each superseding the one before. A row never changes; a step that
 * changes a value already recorded must say why (`reason`), so no figure is ever replaced silently.
 * Fields a step leaves out keep the values before it.
 *
 * Coverage: the SP2D received for the month are the payments on the month's issued invoices of that
 * NPP and segment (their NPP is the one frozen in the invoice header at issue). What the Pemda owes
 * BPJS is the bill total plus the fine; the SP2D cover it when they are at least that much. The fine is
 * the Pemda's to settle (it may recover it from late units): a shortfall that equals the fine says so.
 */
import type { CoreContext } from '../context';
import { nowIso, todayIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { firstDay, formatDateId, formatMonthId, isIsoDate, isMonth } from '../../../shared/dates';
import { formatRupiah } from '../../../shared/money';
import type { Segment } from '../../../shared/billing-types';
import { listRegistrations } from '../settings/registrations';
import { storeOf } from '../store/of-context';
import { bpjsPaymentRepo, type BpjsPaymentRecord } from './bpjs-payment-repository';

export type { BpjsPaymentRecord } from './bpjs-payment-repository';

export interface BpjsPaymentInput {
  /** The NPP as typed; empty or absent: the Pemda's own. */
  npp?: string | null | undefined;
  month: string;
  segment?: Segment | undefined;
  /** The branch's bill total, typed. */
  billTotal?: number | undefined;
  /** The bill total as read from the branch's bill file (by the caller, with readBill). */
  billFile?: { name: string; sha256: string; total: number; npp?: string | null; segment?: Segment } | undefined;
  fine?: number | undefined;
  paidAmount?: number | undefined;
  paidDate?: string | undefined;
  paidReference?: string | undefined;
  note?: string | undefined;
  /** Why a value already recorded is changed (required then). */
  reason?: string | undefined;
}

export interface BpjsMonthStatus {
  npp: string;
  /** The registration's name (the Pemda's own or e.g. the RSUD). */
  name: string;
  month: string;
  segment: Segment;
  /** The current row, or null when nothing is recorded yet. */
  record: BpjsPaymentRecord | null;
  /** Rows in the chain (1 = never corrected). */
  versions: number;
  /** What Sigap billed the units for this NPP, month and segment (issued, credit notes included). */
  sigapBilled: number;
  /** SP2D received from the units against those invoices, to date. */
  sp2dReceived: number;
  /** The same, up to the date of the payment to BPJS (null while unpaid). */
  sp2dByPaidDate: number | null;
  /** Bill total plus fine (null while no bill is recorded). */
  owed: number | null;
  /** owed - sp2dReceived, never below 0 (null while no bill is recorded). */
  shortfall: number | null;
  covered: boolean | null;
  /** owed - paid amount (null while unpaid): what the payment to BPJS left open. */
  unpaidToBpjs: number | null;
}

async function knownNpps(ctx: CoreContext): Promise<{ npp: string; name: string }[]> {
  return (await listRegistrations(ctx)).filter((r) => r.npp !== null).map((r) => ({ npp: r.npp!, name: r.name }));
}

/** The NPP typed (spaces, dots and dashes ignored) among the registrations; empty: the Pemda's own. */
export async function resolveNpp(ctx: CoreContext, raw: string | null | undefined): Promise<string> {
  const regs = await listRegistrations(ctx);
  if (raw === null || raw === undefined || raw.trim() === '') {
    const own = regs[0]?.npp ?? null;
    if (own === null) throw new SigapError('INVALID_INPUT', 'NPP Pemda belum diisi. Isi di Pengaturan › Profil Pemda, atau sebutkan NPP-nya.');
    return own;
  }
  const clean = raw.replace(/[\s.-]/g, '');
  const found = regs.find((r) => r.npp !== null && r.npp.replace(/[\s.-]/g, '') === clean);
  if (!found) throw new SigapError('NOT_FOUND', `NPP "${raw}" belum terdaftar. Daftarkan di Pengaturan › Pendaftaran BPJS (NPP).`);
  return found.npp!;
}

const rupiahOk = (v: number, min: number) => Number.isSafeInteger(v) && v >= min;

/**
 * Records the bill, the fine or the payment of one NPP, month and segment (a new row each time). Every
 * check runs inside the write transaction, so the row it supersedes is still the current one when it writes.
 */
export async function recordBpjsPayment(ctx: CoreContext, input: BpjsPaymentInput): Promise<BpjsPaymentRecord> {
  return storeOf(ctx).tx('write', async (tx) => {
    if (!isMonth(input.month)) throw new SigapError('INVALID_INPUT', `Bulan iuran "${input.month}" tidak sah; tulis YYYY-MM.`);
    const segment: Segment = input.segment ?? 'PU';
    const npp = await resolveNpp(ctx, input.npp);
    const label = `NPP ${npp} ${segment} ${formatMonthId(input.month)}`;
    // The bill's title names its NPP and segment when the branch's layout has them: they must be this record's.
    const f = input.billFile;
    if (f?.npp && f.npp.replace(/[\s.-]/g, '') !== npp.replace(/[\s.-]/g, '')) throw new SigapError('INVALID_INPUT', `Berkas "${f.name}" adalah tagihan NPP ${f.npp}, bukan NPP ${npp}. Pilih rincian tagihan NPP ${npp}.`);
    if (f?.segment && f.segment !== segment) throw new SigapError('INVALID_INPUT', `Berkas "${f.name}" adalah tagihan ${f.segment}, bukan ${segment}.`);
    if (input.billTotal !== undefined && input.billFile !== undefined) throw new SigapError('INVALID_INPUT', 'Isi total tagihan BPJS dari berkas atau diketik, tidak keduanya.');
    const billTotal = input.billFile?.total ?? input.billTotal;
    if (billTotal !== undefined && !rupiahOk(billTotal, 0)) throw new SigapError('INVALID_INPUT', 'Total tagihan BPJS harus rupiah bulat, 0 atau lebih.');
    if (input.fine !== undefined && !rupiahOk(input.fine, 0)) throw new SigapError('INVALID_INPUT', 'Denda harus rupiah bulat, 0 atau lebih.');
    const paidGiven = [input.paidAmount, input.paidDate, input.paidReference].filter((v) => v !== undefined).length;
    if (paidGiven !== 0 && paidGiven !== 3) throw new SigapError('INVALID_INPUT', 'Pembayaran ke BPJS dicatat lengkap: jumlah, tanggal dan nomor referensi (mis. nomor bukti setor).');
    if (input.paidAmount !== undefined && !rupiahOk(input.paidAmount, 1)) throw new SigapError('INVALID_INPUT', 'Jumlah pembayaran ke BPJS harus rupiah bulat lebih dari 0.');
    const reference = input.paidReference?.trim();
    if (reference !== undefined && (reference === '' || reference.length > 100)) throw new SigapError('INVALID_INPUT', 'Nomor referensi pembayaran ke BPJS wajib diisi (paling banyak 100 karakter).');
    if (input.paidDate !== undefined) {
      if (!isIsoDate(input.paidDate)) throw new SigapError('INVALID_INPUT', `Tanggal bayar "${input.paidDate}" tidak sah; tulis YYYY-MM-DD.`);
      if (input.paidDate > (await todayIso(ctx))) throw new SigapError('INVALID_INPUT', `Tanggal bayar ${formatDateId(input.paidDate)} belum terjadi; periksa tanggalnya.`);
      if (input.paidDate < firstDay(input.month)) throw new SigapError('INVALID_INPUT', `Tanggal bayar ${formatDateId(input.paidDate)} sebelum bulan iuran ${formatMonthId(input.month)} dimulai; periksa tanggalnya.`);
    }
    const reason = input.reason?.trim() || null;
    const note = input.note?.trim() || null;

    await bpjsPaymentRepo.lockKey(tx, npp, input.month, segment);
    const prev = await bpjsPaymentRepo.current(tx, npp, input.month, segment);
    if (prev === null && billTotal === undefined) throw new SigapError('INVALID_INPUT', `Belum ada catatan tagihan BPJS ${label}: isi dulu total tagihan dari kantor cabang.`);
    const next = {
      billTotal: billTotal ?? prev!.billTotal,
      billSource: input.billFile ? 'file' as const : billTotal !== undefined ? 'typed' as const : prev!.billSource,
      billFile: input.billFile ? input.billFile.name : billTotal !== undefined ? null : prev!.billFile,
      billSha256: input.billFile ? input.billFile.sha256 : billTotal !== undefined ? null : (prev ? await bpjsPaymentRepo.billSha256(tx, prev.id) : null),
      fine: input.fine ?? prev?.fine ?? 0,
      paidAmount: input.paidAmount ?? prev?.paidAmount ?? null,
      paidDate: input.paidDate ?? prev?.paidDate ?? null,
      paidReference: reference ?? prev?.paidReference ?? null,
      note: note ?? prev?.note ?? null,
    };
    if (prev) {
      // A value already recorded that this step changes is a correction: it needs a reason.
      const changed: string[] = [];
      if (next.billTotal !== prev.billTotal) changed.push(`total tagihan ${formatRupiah(prev.billTotal)} → ${formatRupiah(next.billTotal)}`);
      if (next.fine !== prev.fine && prev.fine !== 0) changed.push(`denda ${formatRupiah(prev.fine)} → ${formatRupiah(next.fine)}`);
      if (prev.paidAmount !== null && (next.paidAmount !== prev.paidAmount || next.paidDate !== prev.paidDate || next.paidReference !== prev.paidReference)) {
        changed.push(`pembayaran ${formatRupiah(prev.paidAmount)} tanggal ${formatDateId(prev.paidDate!)} (${prev.paidReference})`);
      }
      const anyChange = changed.length > 0 || next.fine !== prev.fine || next.paidAmount !== prev.paidAmount || next.note !== prev.note || next.billSource !== prev.billSource || next.billFile !== prev.billFile;
      if (!anyChange) throw new SigapError('CONFLICT', `Catatan ${label} sudah berisi nilai yang sama; tidak ada yang dicatat.`);
      if (changed.length > 0 && reason === null) {
        throw new SigapError('INVALID_INPUT', `Catatan ${label} sudah ada. Mengubah ${changed.join('; ')} adalah koreksi: tulis alasannya.`);
      }
    }
    const id = await bpjsPaymentRepo.insert(tx, {
      npp, month: input.month, segment, ...next, supersedesId: prev?.id ?? null, reason, createdAt: nowIso(ctx), createdBy: ctx.actor,
    });
    const after = { npp, month: input.month, segment, billTotal: next.billTotal, billSource: next.billSource, billFile: next.billFile, fine: next.fine, paidAmount: next.paidAmount, paidDate: next.paidDate, paidReference: next.paidReference, reason };
    const paid = next.paidAmount !== null ? `, dibayar ${formatRupiah(next.paidAmount)} tanggal ${next.paidDate} (${next.paidReference})` : '';
    await audit(ctx, {
      action: prev ? 'update' : 'create', entity: 'bpjs_payment', entityId: id,
      summary: `Tagihan BPJS ${label}: ${formatRupiah(next.billTotal)}, denda ${formatRupiah(next.fine)}${paid}${prev ? ` (menggantikan catatan #${prev.id}${reason ? `; alasan: ${reason}` : ''})` : ''}`,
      ...(prev ? { before: prev } : {}),
      after,
    });
    return bpjsPaymentRepo.byId(tx, id);
  });
}

/** Every row of one NPP, month and segment, oldest first (the chain of corrections). */
export async function bpjsPaymentHistory(ctx: CoreContext, npp: string, month: string, segment: Segment = 'PU'): Promise<BpjsPaymentRecord[]> {
  return bpjsPaymentRepo.history(storeOf(ctx), await resolveNpp(ctx, npp), month, segment);
}

/**
 * The month's status per NPP and segment: every registration and segment with a record or with issued
 * invoices that month (the Pemda's own NPP PU always, so an empty month still offers a row to fill).
 * Read in one snapshot, so the bills, the records and the SP2D agree.
 */
export async function bpjsMonthStatus(ctx: CoreContext, month: string): Promise<BpjsMonthStatus[]> {
  if (!isMonth(month)) throw new SigapError('INVALID_INPUT', `Bulan iuran "${month}" tidak sah; tulis YYYY-MM.`);
  return storeOf(ctx).tx('read', async (tx) => {
    const names = new Map((await knownNpps(ctx)).map((r) => [r.npp, r.name]));
    const sums = await bpjsPaymentRepo.invoiceSums(tx, month);
    const records = await bpjsPaymentRepo.currentOfMonth(tx, month);
    const keys = new Map<string, { npp: string; segment: Segment }>();
    const key = (npp: string, segment: Segment) => `${npp}|${segment}`;
    const own = (await listRegistrations(ctx))[0]?.npp ?? null;
    if (own !== null) keys.set(key(own, 'PU'), { npp: own, segment: 'PU' });
    for (const s of sums) if (s.npp !== null) keys.set(key(s.npp, s.segment), { npp: s.npp, segment: s.segment });
    for (const r of records) keys.set(key(r.npp, r.segment), { npp: r.npp, segment: r.segment });
    const out: BpjsMonthStatus[] = [];
    for (const { npp, segment } of keys.values()) {
      const record = records.find((r) => r.npp === npp && r.segment === segment) ?? null;
      const s = sums.find((x) => x.npp === npp && x.segment === segment);
      const sp2dReceived = s?.received ?? 0;
      const owed = record ? record.billTotal + record.fine : null;
      out.push({
        npp, name: names.get(npp) ?? '(NPP tidak terdaftar lagi)', month, segment, record,
        versions: record ? await bpjsPaymentRepo.versions(tx, npp, month, segment) : 0,
        sigapBilled: s?.billed ?? 0,
        sp2dReceived,
        sp2dByPaidDate: record?.paidDate ? await bpjsPaymentRepo.receivedBy(tx, npp, month, segment, record.paidDate) : null,
        owed,
        shortfall: owed === null ? null : Math.max(0, owed - sp2dReceived),
        covered: owed === null ? null : sp2dReceived >= owed,
        unpaidToBpjs: owed === null || record?.paidAmount === null || record?.paidAmount === undefined ? null : owed - record.paidAmount,
      });
    }
    return out.sort((a, b) => Number(a.npp !== own) - Number(b.npp !== own) || a.npp.localeCompare(b.npp) || b.segment.localeCompare(a.segment));
  });
}
