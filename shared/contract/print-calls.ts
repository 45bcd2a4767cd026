/**
 * The printed documents of the bridge contract. Each document has a preview (the self-contained HTML
 * the renderer shows in a sandboxed frame) and a PDF call (asks where to save, prints the same HTML,
 * writes the file atomically; null when the clerk cancels).
 */
import { z } from 'zod';
import { id, month, isoDate } from './common';
import { PAPERS } from '../paper';

export const paper = z.enum(PAPERS);

/**
 * A printable document as the renderer previews it. The renderer's Content-Security-Policy forbids
 * inline styles, so the preview puts `body` in a sandboxed frame and adopts `css` as a constructed
 * stylesheet; the PDF is printed from the same `css` and `body` joined into one self-contained page.
 * Markup uses classes only (no style attributes, no scripts); images are data URLs.
 */
export const printedHtml = z.object({
  /** The document's title, also the suggested file name. */
  title: z.string(),
  css: z.string(),
  /** The inside of <body>: one `<section class="sheet">` per printed page or flowing sections. */
  body: z.string(),
});
export type PrintedHtml = z.infer<typeof printedHtml>;

export const savedPdf = z.object({ path: z.string(), bytes: z.number(), pages: z.number() }).nullable();
export type SavedPdf = z.infer<typeof savedPdf>;

const invoiceDoc = z.object({ invoiceId: id, paper, attachment: z.boolean().optional() }).strict();
const recapDoc = z.object({ month, paper }).strict();
const reminderDoc = z.object({ opdId: id, paper, asOf: isoDate.optional() }).strict();

export const printCalls = {
  'print.invoice': { input: invoiceDoc, output: printedHtml },
  'print.invoicePdf': { input: invoiceDoc, output: savedPdf },
  'print.recap': { input: recapDoc, output: printedHtml },
  'print.recapPdf': { input: recapDoc, output: savedPdf },
  'print.reminder': { input: reminderDoc, output: printedHtml },
  'print.reminderPdf': { input: reminderDoc, output: savedPdf },
} as const;
