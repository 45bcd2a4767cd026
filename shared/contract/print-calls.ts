/**
 * The printed documents of the bridge contract. Each document has a preview (the self-contained HTML
 * the renderer shows in a sandboxed frame) and a PDF call (asks where to save, prints the same HTML,
 * writes the file atomically; null when the clerk cancels).
 */
import { z } from 'zod';
import { id, month, isoDate } from './common';
import { PAPERS } from '../paper';

export const paper = z.enum(PAPERS);

export const printedHtml = z.object({
  /** A complete HTML document: inline CSS, images as data URLs, no scripts. */
  html: z.string(),
  /** The document's title, also the suggested file name. */
  title: z.string(),
});
export type PrintedHtml = z.infer<typeof printedHtml>;

export const savedPdf = z.object({ path: z.string(), bytes: z.number(), pages: z.number() }).nullable();
export type SavedPdf = z.infer<typeof savedPdf>;

const invoiceDoc = z.object({ invoiceId: id, paper, attachment: z.boolean().optional() }).strict();
const recapDoc = z.object({ month, paper }).strict();
const reminderDoc = z.object({ opdId: id, paper, asOf: isoDate.optional() }).strict();

export const printCalls = {} as const;
void [invoiceDoc, recapDoc, reminderDoc];
