import { excelSerialToIso } from '../../../shared/dates';
import type { Cell, SheetRow, SheetStream } from './cells';
import { columnIndex, parseRange, VerticalMerges } from './merges';
import { dateStyles, sharedStrings, unescapeOoxml, workbookParts } from './xlsx-parts';
import { isOn, streamXml, type XmlHandlers } from './xml-stream';
import { ZipFile } from './zip-read';
import { readOds } from './read-ods';
import { readXls } from './read-xls';
import { sniffSpreadsheet } from './sniff';
import type { ZipEntry } from './zip-guard';

export type { SheetStream } from './cells';

/**
 * Columns past this are ignored: no appendix is that wide, and a stray cell in column XFD would make
 * every row an array of 16,384 cells.
 */
const MAX_COLUMNS = 1024;

/**
 * Streams an .xlsx workbook sheet by sheet, row by row, with formula results instead of formulas.
 *
 * Our own reader, not exceljs's WorkbookReader: that one reads the zip front to back and emits a sheet
 * only if the shared strings happened to come before it, so the same file gave one sheet or two on
 * different runs. Here the zip's directory is read first; workbook.xml, its relationships, the styles and
 * the shared strings are parsed first whatever their place in the zip; then every sheet workbook.xml
 * lists is read, in its order, or the read stops naming the sheet. Parts inflate as streams (saxes
 * parses the XML as it comes), counted against what the zip directory declares.
 */
export async function* readXlsx(path: string, fileLabel: string, entries?: ZipEntry[]): AsyncGenerator<SheetStream> {
  if (!entries) {
    // Callers that take every non-CSV file for .xlsx (the problem-rows writer) get .ods and .xls read too.
    const kind = sniffSpreadsheet(path, fileLabel);
    if (kind === 'ods') return yield* readOds(path, fileLabel);
    if (kind === 'xls') return yield* readXls(path, fileLabel);
  }
  const zip = new ZipFile(path, fileLabel, entries);
  const parts = await workbookParts(zip);
  const strings = await sharedStrings(zip, parts.sharedStrings);
  const dates = await dateStyles(zip, parts.styles);
  for (const s of parts.sheets) {
    const hiddenColumns: number[] = [];
    const rows = s.part ? sheetRows(zip, s.part, s.name, { strings, dates, date1904: parts.date1904, hiddenColumns }) : (async function* () {})();
    yield { name: s.name, rows, hiddenColumns, ...(s.hidden ? { hidden: true } : {}) };
  }
}

interface SheetContext {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
  hiddenColumns: number[];
}

/**
 * A sheet's merged ranges. <mergeCells> comes after <sheetData>, so this first pass looks for them in the
 * inflated bytes without parsing XML (a native byte search; most sheets have none and cost only the
 * inflate, about a tenth of the parse). Buffering rows until the end instead would hold a whole sheet.
 */
async function mergesOf(zip: ZipFile, part: string): Promise<VerticalMerges> {
  const merges = new VerticalMerges();
  let carry: Buffer = Buffer.alloc(0);
  const re = /<(?:\w+:)?mergeCell\s[^>]*?\bref="([^"]+)"/g;
  for await (const chunk of zip.chunks(part)) {
    const buf: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let at = buf.indexOf('mergeCell ');
    if (at < 0) {
      carry = buf.subarray(Math.max(0, buf.length - 16));
      continue;
    }
    at = Math.max(0, buf.lastIndexOf('<', at));
    const text = buf.toString('latin1', at);
    re.lastIndex = 0;
    let end = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const r = parseRange(m[1]!);
      if (r) merges.add(r);
      end = re.lastIndex;
    }
    // Keep what may be the start of a mergeCell cut by the chunk's end.
    carry = Buffer.from(text.slice(Math.max(end, text.length - 200)), 'latin1');
  }
  return merges;
}

async function* sheetRows(zip: ZipFile, part: string, name: string, ctx: SheetContext): AsyncGenerator<SheetRow> {
  const merges = await mergesOf(zip, part);
  const out: SheetRow[] = [];
  yield* streamXml(zip, part, new SheetHandlers(ctx, merges, out), out, undefined, `isi sheet "${name}" (${part})`);
}

/** SpreadsheetML worksheet events to rows (ECMA-376 18.3). */
class SheetHandlers implements XmlHandlers {
  private row: SheetRow | null = null;
  private lastRow = 0;
  private col = -1;
  private type = '';
  private style = 0;
  private buf = '';
  private capture = false;
  private inInline = false;
  private inPhonetic = false;
  private value = '';
  private inline = '';

  constructor(private ctx: SheetContext, private merges: VerticalMerges, private out: SheetRow[]) {}

  open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'c': {
        this.col = a.r ? columnIndex(a.r.replace(/\d+$/, '')) : this.col + 1;
        this.type = a.t ?? 'n';
        this.style = a.s ? Number(a.s) : 0;
        this.value = '';
        this.inline = '';
        break;
      }
      case 'v':
        this.capture = true;
        this.buf = '';
        break;
      case 'is':
        this.inInline = true;
        break;
      case 't':
        if (this.inInline && !this.inPhonetic) {
          this.capture = true;
          this.buf = '';
        }
        break;
      case 'rPh':
        this.inPhonetic = true;
        break;
      case 'row': {
        const r = a.r ? Number(a.r) : this.lastRow + 1;
        this.row = { row: r, cells: [] };
        if (isOn(a.hidden)) this.row.hidden = true;
        this.lastRow = r;
        this.col = -1;
        break;
      }
      case 'col':
        if (isOn(a.hidden)) {
          const max = Math.min(Number(a.max ?? a.min), MAX_COLUMNS);
          for (let c = Number(a.min); c <= max; c++) this.ctx.hiddenColumns.push(c - 1);
        }
        break;
    }
  }

  text(t: string): void {
    if (this.capture) this.buf += t;
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        this.value = this.buf;
        this.capture = false;
        break;
      case 't':
        if (this.capture) this.inline += this.buf;
        this.capture = false;
        break;
      case 'rPh':
        this.inPhonetic = false;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'c':
        if (this.row && this.col >= 0 && this.col < MAX_COLUMNS) {
          const v = this.cell();
          if (v !== null) {
            const cells = this.row.cells;
            while (cells.length < this.col) cells.push(null);
            cells[this.col] = v;
          }
        }
        break;
      case 'row':
        if (this.row) {
          if (this.merges.size > 0) this.merges.apply(this.row);
          this.out.push(this.row);
          this.row = null;
        }
        break;
    }
  }

  private cell(): Cell {
    const v = this.value;
    switch (this.type) {
      case 's': {
        const s = this.ctx.strings[Number(v)];
        return s === undefined ? null : s;
      }
      case 'inlineStr':
        return unescapeOoxml(this.inline);
      case 'str':
        return v === '' ? null : unescapeOoxml(v);
      case 'b':
        return v === '1' || v === 'true';
      case 'e':
        return null;
      case 'd':
        return /^\d{4}-\d{2}-\d{2}/.test(v) ? { iso: v.slice(0, 10) } : null;
      default: {
        if (v === '') return null;
        const n = Number(v);
        if (!Number.isFinite(n)) return v;
        if (this.ctx.dates[this.style]) {
          const iso = excelSerialToIso(this.ctx.date1904 ? n + 1462 : n);
          if (iso) return { iso };
        }
        return n;
      }
    }
  }
}
