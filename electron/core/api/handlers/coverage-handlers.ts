import type { CoreContext } from '../../context';
import type { HostServices } from '../host';
import type { coverageCalls } from '../../../../shared/contract/coverage-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import type { Paper } from '../../../../shared/paper';
import { printCoverageDoc } from '../../coverage/print';
import type { PrintedDoc } from '../../print/page';
import {
  coverageReportDoc, coverageSettings, coverageSummary, forecastDoc, forecastYear, listIncidents, markReported, saveCoverageSettings,
  saveIncident, writeForecastXlsx, writeYearlyXlsx, yearlyContributions, yearlyDoc,
} from '../../coverage/index';

type Names = keyof typeof coverageCalls;
export type CoverageHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

const PDF = [{ name: 'PDF', extensions: ['pdf'] }];
const XLSX = [{ name: 'Excel', extensions: ['xlsx'] }];
const fileName = (title: string, ext: string) => `${title.replace(/[\\/:*?"<>|]+/g, '-')}.${ext}`;

/** The coverage calls, implemented on the core. */
export function coverageHandlers(ctx: CoreContext, host: HostServices): CoverageHandlers {
  const savePdf = async (doc: PrintedDoc & { landscape?: boolean }, paper: Paper) => {
    const path = await host.chooseSaveFile({ title: 'Simpan PDF', defaultName: fileName(doc.title, 'pdf'), filters: PDF });
    if (!path) return null;
    return printCoverageDoc(doc, paper, path, (html, o) => host.printToPdf(html, o));
  };
  const saveXlsx = async (defaultName: string, write: (path: string) => Promise<void>) => {
    const path = await host.chooseSaveFile({ title: 'Simpan Excel', defaultName, filters: XLSX });
    if (!path) return null;
    await write(path);
    return { path };
  };
  return {
    'coverage.summary': ({ month }) => coverageSummary(ctx, month),
    'coverage.settings': () => coverageSettings(ctx),
    'coverage.saveSettings': (patch) => saveCoverageSettings(ctx, patch),
    'coverage.report': async ({ month }) => coverageReportDoc(ctx, await coverageSummary(ctx, month)),
    'coverage.reportPdf': async ({ month, paper }) => savePdf(await coverageReportDoc(ctx, await coverageSummary(ctx, month)), paper),
    'coverage.yearly': ({ year }) => yearlyContributions(ctx, year),
    'coverage.yearlyDoc': async ({ year }) => yearlyDoc(ctx, await yearlyContributions(ctx, year)),
    'coverage.yearlyPdf': async ({ year, paper }) => savePdf(await yearlyDoc(ctx, await yearlyContributions(ctx, year)), paper),
    'coverage.yearlyXlsx': ({ year }) => saveXlsx(`Iuran BPJS ${year} per unit.xlsx`, async (p) => writeYearlyXlsx(await yearlyContributions(ctx, year), p)),
    'forecast.run': (o) => forecastYear(ctx, o),
    'forecast.doc': async ({ paper: _paper, ...o }) => forecastDoc(ctx, await forecastYear(ctx, o)),
    'forecast.pdf': async ({ paper, ...o }) => savePdf(await forecastDoc(ctx, await forecastYear(ctx, o)), paper),
    'forecast.xlsx': (o) => saveXlsx(`RKA iuran BPJS ${o.year}.xlsx`, async (p) => writeForecastXlsx(await forecastYear(ctx, o), p)),
    'incident.list': (f) => listIncidents(ctx, f),
    'incident.save': (i) => saveIncident(ctx, i),
    'incident.report': async ({ id, reportedDate }) => {
      await markReported(ctx, id, reportedDate);
      return null;
    },
  };
}
