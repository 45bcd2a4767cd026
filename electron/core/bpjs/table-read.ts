import { basename } from 'node:path';
import { SigapError } from '../errors';
import { cellText, type SheetRow } from '../sheets/cells';
import { sha256File } from '../skimport/read';
import { openSheets } from '../sheets/workbook';

/** A simple table from a file the branch office sends back: one header row, then data rows. */
export interface Table {
  file: string;
  sha256: string;
  sheet: string;
  /** 1-based row number of the header row. */
  headerRow: number;
  headers: string[];
  /** The rows under the header, with the file's own row numbers. */
  rows: SheetRow[];
  /** The texts of the rows above the header (a bill's title block: NPP, company, period), one line per row. */
  titleRows: string[];
}

/** Rows scanned per sheet to find the header under a title block. */
const HEADER_SCAN = 30;
/** A participant list or bill of a whole province stays well under this. */
const MAX_ROWS = 500_000;

/**
 * Two header rows read as one, cell by cell: a group label merged across columns above its own
 * headers ("Rincian Iuran" over "Iuran JKK 0.24%"), and cells merged down both rows (whose text is in
 * the upper row only), as printed forms such as the branch's Formulir 2a have them.
 */
function joinHeaderRows(upper: string[], lower: string[]): string[] {
  return Array.from({ length: Math.max(upper.length, lower.length) }, (_, i) => [upper[i] ?? '', lower[i] ?? ''].map((t) => t.trim()).filter(Boolean).join(' '));
}

/**
 * Reads the first sheet whose header row `isHeader` accepts (looking at the first 30 rows of each
 * sheet; a header of two rows is read as one, see joinHeaderRows), and every row under it.
 * `expected` describes the header in the error when none is found.
 */
export async function readTable(path: string, isHeader: (headers: string[]) => boolean, expected: string, label = basename(path)): Promise<Table> {
  // .xlsx, .xls, .ods or CSV, told by content; anything else refused with a message naming the file.
  const sheets = openSheets(path, label, 'berkas itu');
  const sha256 = await sha256File(path);
  let found: Table | null = null;
  for await (const sheet of sheets) {
    if (found) {
      for await (const _ of sheet.rows) void _;
      continue;
    }
    let scanned = 0;
    let above: { row: number; texts: string[] } | null = null;
    const titles: string[] = [];
    for await (const r of sheet.rows) {
      if (found) {
        if (r.row > MAX_ROWS) throw new SigapError('FILE_UNREADABLE', `Berkas "${label}", sheet "${sheet.name}": lebih dari ${MAX_ROWS.toLocaleString('id-ID')} baris.`);
        found.rows.push(r);
        continue;
      }
      if (scanned++ >= HEADER_SCAN) continue;
      const headers = r.cells.map(cellText);
      if (isHeader(headers)) {
        found = { file: label, sha256, sheet: sheet.name, headerRow: r.row, headers, rows: [], titleRows: [...titles, ...(above ? [above.texts.filter(Boolean).join(' ')] : [])].filter(Boolean) };
      } else if (above && above.row === r.row - 1 && isHeader(joinHeaderRows(above.texts, headers))) {
        found = { file: label, sha256, sheet: sheet.name, headerRow: above.row, headers: joinHeaderRows(above.texts, headers), rows: [], titleRows: titles.filter(Boolean) };
      } else {
        if (above) titles.push(above.texts.filter(Boolean).join(' '));
        above = { row: r.row, texts: headers };
      }
    }
  }
  if (!found) throw new SigapError('NO_HEADER', `Berkas "${label}": tidak ditemukan baris judul kolom ${expected} pada ${HEADER_SCAN} baris pertama sheet mana pun.`);
  return found;
}
