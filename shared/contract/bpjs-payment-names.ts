/** The BPJS payment calls' names (plain strings, for the preload). Keep in step with bpjs-payment-calls.ts. */
export const BPJS_PAYMENT_NAMES = ['bpjsPayment.month', 'bpjsPayment.history', 'bpjsPayment.readBill', 'bpjsPayment.record'] as const;
