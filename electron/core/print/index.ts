/** Printed documents: invoices with their attachment, the month recap, reminder letters. */
export { escapeHtml, BASE_CSS, letterheadHtml, signatureBlocksHtml, toPdfHtml, countPdfPages, formatNip, placeFromPemda, capitalise, type PrintedDoc, type SignatureBlock } from './page';
export { invoicePrint, invoiceFileName } from './invoice';
export { recapPrint } from './recap';
export { reminderPrint } from './reminder';
export { financeOffice, type FinanceOffice } from './signing';
export { signingPlace } from '../billing/header';
export { printDocToFile, writePdfAtomic, type SavedPdfFile } from './save';
