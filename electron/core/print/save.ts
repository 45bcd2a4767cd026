/** Printing a document to a PDF file: the HTML, the host's printer, an atomic write. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Paper } from '../../../shared/paper';
import { countPdfPages, toPdfHtml, type PrintedDoc } from './page';

export interface SavedPdfFile {
  path: string;
  bytes: number;
  pages: number;
}

/** Writes the PDF under `<path>.tmp` and renames it, so a crash never leaves half a file under the real name. */
export function writePdfAtomic(path: string, pdf: Uint8Array): SavedPdfFile {
  const tmp = `${path}.tmp`;
  try {
    writeFileSync(tmp, pdf);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
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
