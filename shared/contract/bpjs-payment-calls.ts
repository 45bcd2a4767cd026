/**
 * The Pemda's monthly payment to BPJS per NPP, month and segment (core/billing/bpjs-payment.ts): read
 * the month, read one record's history, read the branch's bill file for its total, record a step.
 */
import { z } from 'zod';
import { fileToken } from './sk';
import { isoDate, month, rupiah, text } from './common';

const int = z.number().int();
const segment = z.enum(['PU', 'BPU']);

export const bpjsPaymentRecordDto = z.object({
  id: z.number(), npp: z.string(), month: z.string(), segment,
  billTotal: int, billSource: z.enum(['typed', 'file']), billFile: z.string().nullable(), fine: int,
  paidAmount: int.nullable(), paidDate: z.string().nullable(), paidReference: z.string().nullable(), note: z.string().nullable(),
  supersedesId: z.number().nullable(), reason: z.string().nullable(), createdAt: z.string(), createdBy: z.string(),
});
export type BpjsPaymentRecordDto = z.infer<typeof bpjsPaymentRecordDto>;

export const bpjsMonthStatusDto = z.object({
  npp: z.string(), name: z.string(), month: z.string(), segment, record: bpjsPaymentRecordDto.nullable(), versions: int,
  sigapBilled: int, sp2dReceived: int, sp2dByPaidDate: int.nullable(), owed: int.nullable(), shortfall: int.nullable(),
  covered: z.boolean().nullable(), unpaidToBpjs: int.nullable(),
});
export type BpjsMonthStatusDto = z.infer<typeof bpjsMonthStatusDto>;

/** A branch bill file read for its total (kept by token until recorded). */
const billReadDto = z.object({
  token: fileToken, name: z.string(), total: int, lines: int, npp: z.string().nullable(), period: z.string().nullable(), segment,
});
export type BpjsBillReadDto = z.infer<typeof billReadDto>;

export const bpjsPaymentCalls = {
  'bpjsPayment.month': { input: z.object({ month }).strict(), output: z.array(bpjsMonthStatusDto) },
  'bpjsPayment.history': { input: z.object({ npp: text(20).min(1), month, segment: segment.optional() }).strict(), output: z.array(bpjsPaymentRecordDto) },
  'bpjsPayment.readBill': { input: z.object({ month }).strict(), output: billReadDto.nullable() },
  'bpjsPayment.record': {
    input: z.object({
      npp: text(20).optional(), month, segment: segment.optional(),
      billTotal: rupiah.optional(), billToken: fileToken.optional(), fine: rupiah.optional(),
      paidAmount: rupiah.min(1).optional(), paidDate: isoDate.optional(), paidReference: text(100).optional(),
      note: text(300).optional(), reason: text(300).optional(),
    }).strict(),
    output: bpjsPaymentRecordDto,
  },
} as const;
