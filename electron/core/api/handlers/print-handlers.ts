import type { CoreContext } from '../../context';
import { todayIso } from '../../context';
import type { HostServices } from '../host';
import type { printCalls } from '../../../../shared/contract/print-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import type { Paper } from '../../../../shared/paper';
import { invoicePrint, printDocToFile, recapPrint, reminderPrint, type PrintedDoc } from '../../print/index';

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
    'print.invoice': async ({ invoiceId, attachment }) => preview(await invoicePrint(ctx, invoiceId, { attachment })),
    'print.invoicePdf': async ({ invoiceId, paper, attachment }) => savePdf(await invoicePrint(ctx, invoiceId, { attachment }), paper, 'tagihan'),
    'print.recap': async ({ month }) => preview(await recapPrint(ctx, month)),
    'print.recapPdf': async ({ month, paper }) => savePdf(await recapPrint(ctx, month), paper, 'rekapitulasi'),
    'print.reminder': async ({ opdId, asOf }) => preview(await reminderPrint(ctx, opdId, asOf ?? (await todayIso(ctx)))),
    'print.reminderPdf': async ({ opdId, paper, asOf }) => savePdf(await reminderPrint(ctx, opdId, asOf ?? (await todayIso(ctx))), paper, 'surat tunggakan'),
  };
}
