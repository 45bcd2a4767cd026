/** The billing calls' names (plain strings, for the preload). Keep in step with billing-calls.ts. */
export const BILLING_NAMES = [
  'billing.months', 'billing.run', 'billing.issueAll', 'billing.arrears',
  'invoice.list', 'invoice.get', 'invoice.lines', 'invoice.issue', 'invoice.saveXlsx',
  'payment.record',
  'rates.list', 'rates.save', 'rates.delete', 'rates.saveBrackets',
] as const;
