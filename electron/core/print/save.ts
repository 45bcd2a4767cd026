/** Printing a document to a PDF file: the HTML, the host's printer, an atomic write. */
import { dirname } from 'node:path';
import type { Paper } from '../../../shared/paper';
import { countPdfPages, toPdfHtml, type PrintedDoc } from './page';
import { removeStaleParts, writeBytesOwnerOnly } from '../files/parts';

export interface SavedPdfFile {
  path: string;
  bytes: number;
  pages: number;
}

/**
 * Writes the PDF under a hidden part name and renames it, so a crash never leaves half a file under
 * the real name; the file is readable by its owner only, and the parts of PDFs a killed save left in
 * the folder are removed first (files/parts.ts).
 */
export function writePdfAtomic(path: string, pdf: Uint8Array): SavedPdfFile {
  removeStaleParts(dirname(path), (target) => target.toLowerCase().endsWith('.pdf'));
  writeBytesOwnerOnly(path, pdf);
  return { path, bytes: pdf.byteLength, pages: countPdfPages(pdf) };
}

/** Prints a document with the given printer (Electron's printToPDF or headless Chromium) and saves it. */
export async function printDocToFile(
  doc: PrintedDoc & { footer?: string },
  paper: Paper,
  path: string,
  print: (html: string, opts: { paper: Paper }) => Promise<Uint8Array>,
): Promise<SavedPdfFile> {
  const pdf = await print(toPdfHtml(doc, paper, doc.footer ? { footer: doc.footer } : {}), { paper });
  return writePdfAtomic(path, pdf);
}
