import type { CoreContext } from '../../context';
import { todayIso } from '../../context';
import type { HostServices } from '../host';
import type { billingCalls } from '../../../../shared/contract/billing-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import { formatMonthId } from '../../../../shared/dates';
import { RATE_PARAMS, RATE_PARAM_KEYS, type RateParamKey } from '../../../../shared/billing-types';
import {
  arrearsReport, deleteRateParam, getInvoice, issueDrafts, issueInvoice, listBpuBrackets,
  listRateParams, recordPayment, runBilling, saveBpuBrackets, saveRateParam, writeInvoiceXlsx,
} from '../../billing/index';
import { billingMonths, invoiceDetail, invoiceLinesPage, invoiceList } from '../../billing/invoice-view';
import { withPayable } from '../../billing/payable';

type Names = keyof typeof billingCalls;
export type BillingHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

const safeFileName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/-+/g, '-');

/** The billing calls: thin over the core (billing/invoice-view.ts computes what the invoice screens show). */
export function billingHandlers(ctx: CoreContext, host: HostServices): BillingHandlers {
  const currentMonth = async () => (await todayIso(ctx)).slice(0, 7);
  return {
    'billing.months': () => billingMonths(ctx),

    'billing.run': async ({ month }) => {
      host.progress({ task: 'billing.run', phase: `Menghitung iuran ${formatMonthId(month)}`, done: 0, total: null });
      // On a shared server another office may be billing the month: the wait is said on the progress line.
      const r = await runBilling(ctx, { month, onWait: (phase) => host.progress({ task: 'billing.run', phase, done: 0, total: null }) });
      host.progress({ task: 'billing.run', phase: 'Selesai', done: 1, total: 1 });
      return { month: r.month, drafts: r.drafts, issued: r.issued, persons: r.persons, total: r.total };
    },

    'billing.issueAll': async ({ month }) => ({ issued: await issueDrafts(ctx, month, { onWait: (phase) => host.progress({ task: 'billing.issueAll', phase, done: 0, total: null }) }) }),

    'billing.arrears': async ({ asOf, npp }) => arrearsReport(ctx, asOf ?? (await todayIso(ctx)), npp),

    'invoice.list': ({ month, status, opdId, offset, limit }) => invoiceList(ctx, { month, status, opdId }, { offset, limit }),

    'invoice.get': async ({ invoiceId, offset, limit }) => {
      const d = await invoiceDetail(ctx, invoiceId, offset, limit);
      const params = RATE_PARAM_KEYS.flatMap((key) => {
        const p = d.rates.params[key];
        return p ? [{ key, label: RATE_PARAMS[key].label, unit: RATE_PARAMS[key].unit, ...p }] : [];
      });
      return {
        invoice: d.invoice,
        unit: d.unit,
        rates: { params, bpuBrackets: d.rates.bpuBrackets, employerJkkClass: d.rates.employerJkkClass },
        payments: d.payments.map(({ id, sp2dNumber, sp2dDate, amount, note, createdAt }) => ({ id, sp2dNumber, sp2dDate, amount, note, createdAt })),
        corrections: d.corrections,
        lines: d.lines,
      };
    },

    'invoice.lines': ({ invoiceId, offset, limit }) => invoiceLinesPage(ctx, invoiceId, offset, limit),

    'invoice.issue': async ({ invoiceId }) => withPayable(ctx, await issueInvoice(ctx, invoiceId, { onWait: (phase) => host.progress({ task: 'invoice.issue', phase, done: 0, total: null }) })),

    'invoice.saveXlsx': async ({ invoiceId }) => {
      const inv = await getInvoice(ctx, invoiceId);
      const name = inv.number ? safeFileName(inv.number) : `DRAF-${inv.month}-${safeFileName(inv.opdCode)}-${inv.segment}`;
      const path = await host.chooseSaveFile({ title: 'Simpan rincian tagihan', defaultName: `tagihan-${name}.xlsx`, filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
      if (!path) return null;
      // writeInvoiceXlsx writes under a temporary name and renames when complete.
      return { path, rows: await writeInvoiceXlsx(ctx, inv.id, path) };
    },

    'payment.record': async ({ invoiceId, sp2d, date, amount, note, confirmEarlyDate }) => {
      const r = await recordPayment(ctx, { invoice: invoiceId, sp2d, date, amount, note: note ?? null, confirmEarlyDate });
      return { paymentId: r.payment.id, remaining: r.remaining, invoice: await withPayable(ctx, r.invoice) };
    },

    'rates.list': async () => ({
      params: await listRateParams(ctx),
      brackets: await listBpuBrackets(ctx),
      specs: RATE_PARAM_KEYS.map((key) => {
        const s = RATE_PARAMS[key];
        return { key, label: s.label, unit: s.unit, min: s.min, max: s.max, estimate: 'estimate' in s && s.estimate === true };
      }),
      currentMonth: await currentMonth(),
    }),

    'rates.save': async (r) => {
      await saveRateParam(ctx, { ...r, key: r.key as RateParamKey });
      return null;
    },

    'rates.delete': async ({ key, effectiveMonth }) => {
      await deleteRateParam(ctx, key, effectiveMonth);
      return null;
    },

    'rates.saveBrackets': async (set) => {
      await saveBpuBrackets(ctx, set);
      return null;
    },
  };
}
