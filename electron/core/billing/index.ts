/** Monthly dues: dated rates, the billing run, invoices, payments, arrears and print models. */
export { listRateParams, listBpuBrackets, ratesForMonth, paramAt } from './rates';
export { saveRateParam, deleteRateParam, saveBpuBrackets, type RateParamInput } from './rates-edit';
export { runBilling, type BillRunOptions } from './run';
export { issueInvoice, issueDrafts, invoiceNumber } from './issue';
export { listInvoices, getInvoice, invoiceLines, invoiceRates, listPayments, type InvoiceFilter } from './invoices';
export { recordPayment, payableOf, type PaymentInput, type PaymentResult } from './payments';
export { arrearsReport, reminderLetter, agingBucket } from './arrears';
export { invoiceDocument, monthRecap } from './document';
export { writeInvoiceXlsx } from './xlsx';
export { dueDate, monthsLate, daysBetween } from './calendar';
export { applyBp, formatBp } from './round';
