import ExcelJS from 'exceljs';
import { SigapError } from '../errors';
import { excelSerialToIso } from '../../../shared/dates';
import type { Cell, SheetRow } from './cells';

export interface SheetStream {
  name: string;
  rows: AsyncIterable<SheetRow>;
}

/** Streams an .xlsx workbook sheet by sheet, row by row, with formula results instead of formulas. */
export async function* readXlsx(path: string, fileLabel: string): AsyncGenerator<SheetStream> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const ws of reader as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader & { name: string }>) {
      yield { name: ws.name, rows: rowsOf(ws) };
    }
  } catch (e) {
    if (e instanceof SigapError) throw e;
    // A programming error inside the reader says nothing useful to a clerk; a zip or XML error might.
    const detail = e instanceof TypeError || e instanceof RangeError ? 'strukturnya tidak dikenali' : (e as Error).message;
    throw new SigapError(
      'FILE_UNREADABLE',
      `Berkas "${fileLabel}" tidak dapat dibaca sebagai lembar kerja Excel (.xlsx): ${detail}. Simpan ulang berkas dari Excel sebagai .xlsx atau .csv.`,
    );
  }
}

async function* rowsOf(ws: AsyncIterable<ExcelJS.Row>): AsyncGenerator<SheetRow> {
  for await (const row of ws) {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = toCell(cell);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    yield { row: row.number, cells };
  }
}

function toCell(cell: ExcelJS.Cell): Cell {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return numberCell(v, cell);
  if (v instanceof Date) return dateCell(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      const r = o.result;
      if (r === undefined || r === null) return null;
      if (typeof r === 'number') return numberCell(r, cell);
      if (r instanceof Date) return dateCell(r);
      if (typeof r === 'object' && 'error' in (r as object)) return null;
      return typeof r === 'boolean' ? r : String(r);
    }
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if (typeof o.text === 'string') return o.text; // hyperlink
    if ('error' in o) return null;
  }
  return String(v);
}

function numberCell(n: number, cell: ExcelJS.Cell): Cell {
  const fmt = cell.numFmt ?? '';
  if (fmt && isDateFormat(fmt)) {
    const iso = excelSerialToIso(n);
    if (iso) return { iso };
  }
  return n;
}

function isDateFormat(fmt: string): boolean {
  const f = fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dy]/i.test(f) && !/^[#0.,%]+$/.test(f);
}

function dateCell(d: Date): Cell {
  // exceljs builds dates at UTC midnight for the serial; read them back in UTC.
  if (Number.isNaN(d.getTime())) return null;
  return { iso: d.toISOString().slice(0, 10) };
}
