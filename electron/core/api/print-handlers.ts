import type { CoreContext } from '../context';
import { todayIso } from '../context';
import type { HostServices } from './host';
import type { printCalls } from '../../../shared/contract/print-calls';
import type { Output, ParsedInput } from '../../../shared/contract/index';
import type { Paper } from '../../../shared/paper';
import { invoicePrint, printDocToFile, recapPrint, reminderPrint, type PrintedDoc } from '../print/index';

type Names = keyof typeof printCalls;
export type PrintHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

const preview = (d: PrintedDoc): PrintedDoc => ({ title: d.title, css: d.css, body: d.body });

/** The print calls, implemented on the core: previews (css + body) and PDFs saved where the clerk chooses. */
export function printHandlers(ctx: CoreContext, host: HostServices): PrintHandlers {
  const savePdf = async (doc: PrintedDoc & { fileName: string; footer: string }, paper: Paper, what: string) => {
    const path = await host.chooseSaveFile({ title: `Simpan ${what} sebagai PDF`, defaultName: doc.fileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (!path) return null;
    return printDocToFile(doc, paper, path, (html, o) => host.printToPdf(html, o));
  };
  return {
    'print.invoice': ({ invoiceId, attachment }) => preview(invoicePrint(ctx, invoiceId, { attachment })),
    'print.invoicePdf': ({ invoiceId, paper, attachment }) => savePdf(invoicePrint(ctx, invoiceId, { attachment }), paper, 'tagihan'),
    'print.recap': ({ month }) => preview(recapPrint(ctx, month)),
    'print.recapPdf': ({ month, paper }) => savePdf(recapPrint(ctx, month), paper, 'rekapitulasi'),
    'print.reminder': ({ opdId, asOf }) => preview(reminderPrint(ctx, opdId, asOf ?? todayIso(ctx))),
    'print.reminderPdf': ({ opdId, paper, asOf }) => savePdf(reminderPrint(ctx, opdId, asOf ?? todayIso(ctx)), paper, 'surat tunggakan'),
  };
}
