import type { CoreContext } from '../context';
import { todayIso } from '../context';
import type { HostServices } from './host';
import type { billingCalls, InvoiceSummaryDto } from '../../../shared/contract/billing-calls';
import type { Output, ParsedInput } from '../../../shared/contract/index';
import { formatMonthId } from '../../../shared/dates';
import { RATE_PARAMS, RATE_PARAM_KEYS, type InvoiceSummary, type RateParamKey } from '../../../shared/billing-types';
import {
  arrearsReport, deleteRateParam, getInvoice, invoiceLines, invoiceRates, issueDrafts, issueInvoice, listBpuBrackets,
  listInvoices, listPayments, listRateParams, recordPayment, runBilling, saveBpuBrackets, saveRateParam, writeInvoiceXlsx,
} from '../billing/index';

type Names = keyof typeof billingCalls;
export type BillingHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

const LINES_DEFAULT = 100;

/** The issued credit notes per regular invoice they lower, for what is still payable. */
function creditsByOriginal(ctx: CoreContext, month?: string): Map<number, number> {
  const rows = ctx.db
    .prepare("SELECT original_id AS id, sum(total) AS s FROM invoice WHERE kind = 'credit' AND status = 'issued' AND original_id IS NOT NULL AND (@month IS NULL OR month = @month) GROUP BY original_id")
    .all({ month: month ?? null }) as { id: number; s: number }[];
  return new Map(rows.map((r) => [r.id, r.s]));
}

/** The same rule as payments.ts `payableOf`, with the credits read once for a whole list. */
function withPayable(inv: InvoiceSummary, credits: Map<number, number>): InvoiceSummaryDto {
  const payable = inv.status !== 'issued' || inv.kind === 'credit' ? 0 : Math.max(0, inv.total + (inv.kind === 'regular' ? (credits.get(inv.id) ?? 0) : 0) - inv.paid);
  return { ...inv, payable };
}

function summaryDto(ctx: CoreContext, inv: InvoiceSummary): InvoiceSummaryDto {
  return withPayable(inv, creditsByOriginal(ctx, inv.month));
}

function linesPage(ctx: CoreContext, invoiceId: number, offset = 0, limit = LINES_DEFAULT) {
  const total = (ctx.db.prepare('SELECT count(*) AS n FROM invoice_line WHERE invoice_id = ?').get(invoiceId) as { n: number }).n;
  return { total, offset, rows: invoiceLines(ctx, invoiceId, { offset, limit }) };
}

const safeFileName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/-+/g, '-');

/** The billing calls, implemented on the core. */
export function billingHandlers(ctx: CoreContext, host: HostServices): BillingHandlers {
  const currentMonth = () => todayIso(ctx).slice(0, 7);
  return {
    'billing.months': () =>
      ctx.db
        .prepare(
          `SELECT month, count(*) AS invoices, sum(status = 'draft') AS drafts, sum(total) AS total,
                  coalesce((SELECT sum(p.amount) FROM payment p JOIN invoice j ON j.id = p.invoice_id WHERE j.month = i.month), 0) AS paid
           FROM invoice i GROUP BY month ORDER BY month DESC`,
        )
        .all() as Output<'billing.months'>,

    'billing.run': ({ month }) => {
      host.progress({ task: 'billing.run', phase: `Menghitung iuran ${formatMonthId(month)}`, done: 0, total: null });
      const r = runBilling(ctx, { month });
      host.progress({ task: 'billing.run', phase: 'Selesai', done: 1, total: 1 });
      return { month: r.month, drafts: r.drafts, issued: r.issued, persons: r.persons, total: r.total };
    },

    'billing.issueAll': ({ month }) => ({ issued: issueDrafts(ctx, month) }),

    'billing.arrears': ({ asOf, npp }) => arrearsReport(ctx, asOf ?? todayIso(ctx), npp),

    'invoice.list': ({ month, status, opdId, offset = 0, limit = 500 }) => {
      const all = listInvoices(ctx, { month, status, opdId });
      const credits = creditsByOriginal(ctx, month);
      const rows = all.map((i) => withPayable(i, credits));
      const totals = { jkk: 0, jkm: 0, jhtEmployer: 0, jhtWorker: 0, jpEmployer: 0, jpWorker: 0, employer: 0, worker: 0, total: 0, persons: 0, paid: 0, payable: 0, invoices: rows.length, drafts: 0 };
      for (const r of rows) {
        totals.jkk += r.jkk; totals.jkm += r.jkm; totals.jhtEmployer += r.jhtEmployer; totals.jhtWorker += r.jhtWorker;
        totals.jpEmployer += r.jpEmployer; totals.jpWorker += r.jpWorker; totals.employer += r.employer; totals.worker += r.worker;
        totals.total += r.total; totals.paid += r.paid; totals.payable += r.payable;
        // People are counted on regular invoices; a correction's lines are changes to people already counted.
        if (r.kind === 'regular') totals.persons += r.persons;
        if (r.status === 'draft') totals.drafts++;
      }
      return { total: rows.length, rows: rows.slice(offset, offset + limit), totals };
    },

    'invoice.get': ({ invoiceId, offset, limit }) => {
      const inv = getInvoice(ctx, invoiceId);
      const unit = ctx.db.prepare('SELECT code, name, budget_account AS budgetAccount FROM opd WHERE id = ?').get(inv.opdId) as { code: string; name: string; budgetAccount: string | null };
      // An issued invoice shows the unit as frozen in its header.
      const stored = ctx.db.prepare('SELECT header_json FROM invoice WHERE id = ?').get(inv.id) as { header_json: string | null };
      const frozen = stored.header_json ? (JSON.parse(stored.header_json) as { unit: { code: string; name: string; budgetAccount: string | null } }).unit : null;
      const snap = invoiceRates(ctx, inv.id);
      const params = RATE_PARAM_KEYS.flatMap((key) => {
        const p = snap.params[key];
        return p ? [{ key, label: RATE_PARAMS[key].label, unit: RATE_PARAMS[key].unit, ...p }] : [];
      });
      const credits = creditsByOriginal(ctx, inv.month);
      return {
        invoice: withPayable(inv, credits),
        unit: frozen ? { code: frozen.code, name: frozen.name, budgetAccount: frozen.budgetAccount } : unit,
        rates: { params, bpuBrackets: snap.bpuBrackets, employerJkkClass: snap.employerJkkClass },
        payments: listPayments(ctx, inv.id).map(({ id, sp2dNumber, sp2dDate, amount, note, createdAt }) => ({ id, sp2dNumber, sp2dDate, amount, note, createdAt })),
        corrections: listInvoices(ctx, { month: inv.month, opdId: inv.opdId }).filter((i) => i.originalId === inv.id).map((i) => withPayable(i, credits)),
        lines: linesPage(ctx, inv.id, offset, limit),
      };
    },

    'invoice.lines': ({ invoiceId, offset, limit }) => {
      getInvoice(ctx, invoiceId);
      return linesPage(ctx, invoiceId, offset, limit);
    },

    'invoice.issue': ({ invoiceId }) => summaryDto(ctx, issueInvoice(ctx, invoiceId)),

    'invoice.saveXlsx': async ({ invoiceId }) => {
      const inv = getInvoice(ctx, invoiceId);
      const name = inv.number ? safeFileName(inv.number) : `DRAF-${inv.month}-${safeFileName(inv.opdCode)}-${inv.segment}`;
      const path = await host.chooseSaveFile({ title: 'Simpan rincian tagihan', defaultName: `tagihan-${name}.xlsx`, filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
      if (!path) return null;
      // writeInvoiceXlsx writes under a temporary name and renames when complete.
      return { path, rows: await writeInvoiceXlsx(ctx, inv.id, path) };
    },

    'payment.record': ({ invoiceId, sp2d, date, amount, note, confirmEarlyDate }) => {
      const r = recordPayment(ctx, { invoice: invoiceId, sp2d, date, amount, note: note ?? null, confirmEarlyDate });
      return { paymentId: r.payment.id, remaining: r.remaining, invoice: summaryDto(ctx, r.invoice) };
    },

    'rates.list': () => ({
      params: listRateParams(ctx),
      brackets: listBpuBrackets(ctx),
      specs: RATE_PARAM_KEYS.map((key) => {
        const s = RATE_PARAMS[key];
        return { key, label: s.label, unit: s.unit, min: s.min, max: s.max, estimate: 'estimate' in s && s.estimate === true };
      }),
      currentMonth: currentMonth(),
    }),

    'rates.save': (r) => {
      saveRateParam(ctx, { ...r, key: r.key as RateParamKey });
      return null;
    },

    'rates.delete': ({ key, effectiveMonth }) => {
      deleteRateParam(ctx, key, effectiveMonth);
      return null;
    },

    'rates.saveBrackets': (set) => {
      saveBpuBrackets(ctx, set);
      return null;
    },
  };
}
