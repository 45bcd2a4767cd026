/**
 * The billing calls of the bridge contract: name -> { input, output } schemas.
 * Month invoices, one invoice with its person lines (paged: an invoice can hold thousands), payments,
 * arrears and the dated rate tables. Printing is in print-calls.ts.
 */
import { z } from 'zod';
import { empty, id, isoDate, month, nothing, rupiah, text } from './common';
import { RATE_PARAM_KEYS, type RateParamKey } from '../billing-types';

/** Person lines per page of `invoice.lines`. */
export const INVOICE_LINES_MAX = 500;
/** Invoices per page of `invoice.list`. */
export const INVOICE_LIST_MAX = 1000;

const segment = z.enum(['PU', 'BPU']);
const invoiceKind = z.enum(['regular', 'supplementary', 'credit']);
const invoiceStatus = z.enum(['draft', 'issued']);
const confidence = z.enum(['H', 'M', 'L']);
const rateKey = z.enum(RATE_PARAM_KEYS as [RateParamKey, ...RateParamKey[]]);
const int = z.number().int();

const amounts = {
  jkk: int, jkm: int, jhtEmployer: int, jhtWorker: int, jpEmployer: int, jpWorker: int, employer: int, worker: int, total: int,
};

export const invoiceSummaryDto = z.object({
  ...amounts,
  id: z.number(),
  number: z.string().nullable(),
  month: z.string(),
  opdId: z.number(),
  opdCode: z.string(),
  opd: z.string(),
  opdKind: z.enum(['opd', 'village']),
  segment,
  kind: invoiceKind,
  status: invoiceStatus,
  originalId: z.number().nullable(),
  originalNumber: z.string().nullable(),
  dueDate: z.string(),
  persons: int,
  issuedAt: z.string().nullable(),
  paid: int,
  registrationId: z.number().nullable(),
  npp: z.string().nullable(),
  /** Still payable (0 for drafts and credit notes): total less credits pointing at it, less payments. */
  payable: int,
});
export type InvoiceSummaryDto = z.infer<typeof invoiceSummaryDto>;

const totalsDto = z.object({ ...amounts, persons: int, paid: int, payable: int, invoices: int, drafts: int });
export type InvoiceTotalsDto = z.infer<typeof totalsDto>;

export const invoiceListInput = z.object({
  month: month.optional(),
  status: invoiceStatus.optional(),
  opdId: id.optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
  limit: z.number().int().min(1).max(INVOICE_LIST_MAX).optional(),
}).strict();

const invoiceListDto = z.object({ total: int, rows: z.array(invoiceSummaryDto), totals: totalsDto });

export const invoiceLineDto = z.object({
  ...amounts,
  personId: z.number(),
  nik: z.string(),
  name: z.string(),
  kpj: z.string().nullable(),
  category: z.string(),
  jkkClass: z.number().nullable(),
  wage: int,
  base: int,
  jpBase: int,
  change: z.enum(['tambah', 'berhenti', 'perubahan']).nullable(),
  /** The per-person exception the line was billed under (kept on the line, see migration 0160). */
  note: z.string().nullable(),
});
export type InvoiceLineDto = z.infer<typeof invoiceLineDto>;

const linesPage = z.object({ total: int, offset: int, rows: z.array(invoiceLineDto) });

export const paymentDto = z.object({
  id: z.number(),
  sp2dNumber: z.string(),
  sp2dDate: z.string(),
  amount: int,
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type PaymentDto = z.infer<typeof paymentDto>;

/** One rate of an invoice's snapshot, with where it comes from. */
export const rateUsedDto = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  value: int,
  effectiveMonth: z.string(),
  source: z.string(),
  confidence,
});
export type RateUsedDto = z.infer<typeof rateUsedDto>;

const bracketSetDto = z.object({
  effectiveMonth: z.string(),
  source: z.string(),
  confidence,
  brackets: z.array(z.object({ incomeFrom: int, declaredIncome: int })),
});
export type BpuBracketSetDto = z.infer<typeof bracketSetDto>;

export const invoiceDetailDto = z.object({
  invoice: invoiceSummaryDto,
  unit: z.object({ code: z.string(), name: z.string(), budgetAccount: z.string().nullable() }),
  rates: z.object({ params: z.array(rateUsedDto), bpuBrackets: bracketSetDto.nullable(), employerJkkClass: int }),
  payments: z.array(paymentDto),
  /** Supplementary invoices and credit notes that point at this one. */
  corrections: z.array(invoiceSummaryDto),
  lines: linesPage,
});
export type InvoiceDetailDto = z.infer<typeof invoiceDetailDto>;

const pageInput = {
  offset: z.number().int().min(0).max(10_000_000).optional(),
  limit: z.number().int().min(1).max(INVOICE_LINES_MAX).optional(),
};

const monthDto = z.object({ month: z.string(), invoices: int, drafts: int, total: int, paid: int });

const bucketsDto = z.object({ notDue: int, d0_30: int, d31_60: int, d61_90: int, over90: int });
const arrearsItemDto = z.object({
  month: z.string(), segment, dueDate: z.string(), statutoryDueDate: z.string(), opdDaysPastDue: int, daysPastDue: int, bucket: z.enum(['notDue', 'd0_30', 'd31_60', 'd61_90', 'over90']),
  billed: int, paid: int, outstanding: int, monthsLate: int, fineEstimate: int, invoiceNumbers: z.array(z.string()),
});
/** A late PU payment and the estimated fine accrued on what it paid (added later: optional for older callers). */
const latePaidFineDto = z.object({
  month: z.string(), segment, dueDate: z.string(), statutoryDueDate: z.string(), invoiceNumber: z.string(), sp2dNumber: z.string(), paidDate: z.string(),
  amount: int, monthsLate: int, fineEstimate: int,
});
export type LatePaidFineDto = z.infer<typeof latePaidFineDto>;
export const arrearsDto = z.object({
  asOf: z.string(),
  fineIsEstimate: z.literal(true),
  units: z.array(z.object({
    opdId: z.number(), opdCode: z.string(), opd: z.string(), opdKind: z.enum(['opd', 'village']),
    buckets: bucketsDto, pastDue: int, outstanding: int, fineEstimate: int, bpuLapseRisk: z.boolean(), items: z.array(arrearsItemDto),
    latePaidFineEstimate: int.optional(), latePaid: z.array(latePaidFineDto).optional(),
  })),
  totals: bucketsDto.extend({ pastDue: int, outstanding: int, fineEstimate: int, latePaidFineEstimate: int.optional() }),
  npp: z.string().nullable().optional(),
});
export type ArrearsDto = z.infer<typeof arrearsDto>;

const rateParamDto = z.object({
  key: z.string(), label: z.string(), unit: z.string(), effectiveMonth: z.string(), value: int,
  source: z.string(), confidence, note: z.string().nullable(), estimate: z.boolean(),
});
export type RateParamDto = z.infer<typeof rateParamDto>;

const rateSpecDto = z.object({ key: z.string(), label: z.string(), unit: z.string(), min: int, max: int, estimate: z.boolean() });
export type RateSpecDto = z.infer<typeof rateSpecDto>;

const ratesDto = z.object({
  params: z.array(rateParamDto),
  brackets: z.array(bracketSetDto),
  specs: z.array(rateSpecDto),
  /** The current month: rows effective after it are "future" and may be deleted. */
  currentMonth: z.string(),
});
export type RatesDto = z.infer<typeof ratesDto>;

const source = text(300).min(1);

export const billingCalls = {
  'billing.months': { input: empty, output: z.array(monthDto) },
  'billing.run': { input: z.object({ month }).strict(), output: z.object({ month: z.string(), drafts: int, issued: int, persons: int, total: int }) },
  'billing.issueAll': { input: z.object({ month }).strict(), output: z.object({ issued: int }) },
  'billing.arrears': { input: z.object({ asOf: isoDate.optional(), npp: text(20).optional() }).strict(), output: arrearsDto },
  'invoice.list': { input: invoiceListInput, output: invoiceListDto },
  'invoice.get': { input: z.object({ invoiceId: id, ...pageInput }).strict(), output: invoiceDetailDto },
  'invoice.lines': { input: z.object({ invoiceId: id, ...pageInput }).strict(), output: linesPage },
  'invoice.issue': { input: z.object({ invoiceId: id }).strict(), output: invoiceSummaryDto },
  'invoice.saveXlsx': { input: z.object({ invoiceId: id }).strict(), output: z.object({ path: z.string(), rows: int }).nullable() },
  'payment.record': {
    input: z.object({
      invoiceId: id, sp2d: text(100).min(1), date: isoDate, amount: rupiah.min(1), note: text(300).optional(),
      /** The clerk confirmed an SP2D date before the invoice's issue date (else CONFIRM_REQUIRED). */
      confirmEarlyDate: z.boolean().optional(),
    }).strict(),
    output: z.object({ paymentId: z.number(), remaining: int, invoice: invoiceSummaryDto }),
  },
  'rates.list': { input: empty, output: ratesDto },
  'rates.save': {
    input: z.object({ key: rateKey, effectiveMonth: month, value: z.number().int().min(0).max(1_000_000_000), source, confidence, note: text(300).nullable().optional() }).strict(),
    output: nothing,
  },
  'rates.delete': { input: z.object({ key: rateKey, effectiveMonth: month }).strict(), output: nothing },
  'rates.saveBrackets': {
    input: z.object({
      effectiveMonth: month, source, confidence,
      brackets: z.array(z.object({ incomeFrom: rupiah, declaredIncome: rupiah }).strict()).min(1).max(50),
    }).strict(),
    output: nothing,
  },
} as const;
