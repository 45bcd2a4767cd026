/**
 * Prints a coverage document to a PDF file. The shared `printDocToFile` prints portrait only; the
 * year's contributions table needs landscape, so this passes the orientation to both the page CSS
 * and the printer.
 */
import type { PdfOptions, Paper } from '../../../shared/paper';
import { toPdfHtml, type PrintedDoc } from '../print/page';
import { writePdfAtomic, type SavedPdfFile } from '../print/save';

export async function printCoverageDoc(
  doc: PrintedDoc & { landscape?: boolean },
  paper: Paper,
  path: string,
  print: (html: string, opts: PdfOptions) => Promise<Uint8Array>,
): Promise<SavedPdfFile> {
  const landscape = doc.landscape === true;
  const pdf = await print(toPdfHtml(doc, paper, { landscape }), { paper, landscape });
  return writePdfAtomic(path, pdf);
}
