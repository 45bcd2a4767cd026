import { randomBytes } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { HostServices } from '../host';
import type { bpjsPaymentCalls } from '../../../../shared/contract/bpjs-payment-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import { SigapError } from '../../../../shared/errors';
import { bpjsMonthStatus, bpjsPaymentHistory, recordBpjsPayment } from '../../billing/bpjs-payment';
import { PROGRAMS, readBill } from '../../bpjs/bill-read';

type Names = keyof typeof bpjsPaymentCalls;
export type BpjsPaymentHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** The Pemda's payment to BPJS: thin handlers over core/billing/bpjs-payment.ts. */
export function bpjsPaymentHandlers(ctx: CoreContext, host: HostServices): BpjsPaymentHandlers {
  // Bills read from a file, by token, until recorded: the renderer never names a path or a total of its own.
  const bills = new Map<string, { month: string; name: string; sha256: string; total: number; npp: string | null; segment: 'PU' | 'BPU' }>();
  return {
    'bpjsPayment.month': ({ month }) => bpjsMonthStatus(ctx, month),
    'bpjsPayment.history': ({ npp, month, segment }) => bpjsPaymentHistory(ctx, npp, month, segment),
    'bpjsPayment.readBill': async ({ month }) => {
      const path = await host.chooseOpenFile({ title: 'Pilih rincian tagihan iuran dari kantor cabang BPJS', filters: [{ name: 'Lembar kerja', extensions: ['xlsx', 'xls', 'ods', 'csv'] }] });
      if (!path) return null;
      const bill = await readBill(path, month);
      const total = bill.lines.reduce((s, l) => s + PROGRAMS.reduce((t, p) => t + l.amounts[p], 0), 0);
      const token = randomBytes(16).toString('hex');
      bills.set(token, { month, name: bill.file, sha256: bill.sha256, total, npp: bill.npp, segment: bill.segment });
      return { token, name: bill.file, total, lines: bill.lines.length, npp: bill.npp, period: bill.period, segment: bill.segment };
    },
    'bpjsPayment.record': ({ billToken, ...input }) => {
      let billFile: { name: string; sha256: string; total: number; npp: string | null; segment: 'PU' | 'BPU' } | undefined;
      if (billToken !== undefined) {
        const b = bills.get(billToken);
        if (!b || b.month !== input.month) throw new SigapError('NOT_FOUND', 'Berkas tagihan belum dibaca untuk bulan ini atau sudah kedaluwarsa. Pilih berkasnya lagi.');
        billFile = { name: b.name, sha256: b.sha256, total: b.total, npp: b.npp, segment: b.segment };
      }
      return recordBpjsPayment(ctx, { ...input, billFile });
    },
  };
}
