/** The print calls' names (plain strings, for the preload). Keep in step with print-calls.ts. */
export const PRINT_NAMES = ['print.invoice', 'print.invoicePdf', 'print.recap', 'print.recapPdf', 'print.reminder', 'print.reminderPdf'] as const;
