import { basename, extname } from 'node:path';
import type { SheetStream } from './cells';
import { readCsv } from './read-csv';
import { readOds } from './read-ods';
import { readXls } from './read-xls';
import { readXlsx } from './read-xlsx';
import { sniffSpreadsheet } from './sniff';
import { checkZipDirectory } from './zip-guard';

/**
 * The sheets of a file from outside, whatever its kind (.xlsx, .xls, .ods or CSV, told by its content,
 * not its name): checked first (sniffSpreadsheet throws a clear message for anything else), then read
 * sheet by sheet in the workbook's order. A CSV file is one sheet named after the file.
 */
export function openSheets(path: string, label: string, asked?: string): AsyncIterable<SheetStream> {
  const kind = sniffSpreadsheet(path, label, asked);
  switch (kind) {
    case 'xlsx':
      return readXlsx(path, label, checkZipDirectory(path, label));
    case 'ods':
      return readOds(path, label);
    case 'xls':
      return readXls(path, label);
    case 'csv':
      return (async function* () {
        yield readCsv(path, basename(path, extname(path)));
      })();
  }
}
