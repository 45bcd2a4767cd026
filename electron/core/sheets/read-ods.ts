import type { Cell, SheetRow, SheetStream } from './cells';
import { VerticalMerges } from './merges';
import { SigapError } from '../errors';
import { parseXml, streamXml, type XmlHandlers } from './xml-stream';
import { ZipFile } from './zip-read';

/** Columns past this are ignored (as in read-xlsx.ts): LibreOffice pads every row to 1,024 or 16,384. */
const MAX_COLUMNS = 1024;
/**
 * Copies of one repeated row with content that are emitted one by one. The parser emits them within one
 * chunk, so a hostile `number-rows-repeated="1000000"` would otherwise build a million rows at once;
 * past this, only the last copy is emitted, at its true row number, where the readers' row limits
 * (MAX_ROWS_PER_SHEET) refuse the sheet.
 */
const MAX_REPEATS = 10_000;

type OdsEvent = { kind: 'sheet'; name: string; hiddenColumns: number[]; hidden: boolean } | { kind: 'row'; row: SheetRow };

/**
 * Streams an OpenDocument spreadsheet (.ods, LibreOffice's own format): a zip whose content.xml holds every
 * sheet as <table:table>, rows as <table:table-row> and cells as <table:table-cell> (ODF 1.2 part 1, 9.1).
 * Our own reader over saxes (no maintained npm package streams ODS); it follows the zip guard and the
 * same row and column limits as the .xlsx reader. Repeated rows and cells (number-rows-repeated,
 * number-columns-repeated) are expanded only when they hold something: LibreOffice ends every sheet with
 * a million empty repeated rows. Merges (number-rows-spanned) are carried down like in .xlsx; hidden rows
 * and columns (visibility collapse or filter) are marked.
 */
export async function* readOds(path: string, label: string): AsyncGenerator<SheetStream> {
  const zip = new ZipFile(path, label);
  if (await isEncrypted(zip)) {
    throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" dilindungi kata sandi. Buka di LibreOffice, hapus kata sandinya (Berkas › Simpan Sebagai, hilangkan centang "Simpan dengan kata sandi"), lalu impor lagi.`);
  }
  const out: OdsEvent[] = [];
  const events = streamXml(zip, 'content.xml', new OdsHandlers(out), out)[Symbol.asyncIterator]();
  let next = await events.next();
  while (!next.done) {
    const ev = next.value;
    if (ev.kind !== 'sheet') {
      next = await events.next();
      continue;
    }
    let after: IteratorResult<OdsEvent> | null = null;
    const rows = async function* (): AsyncGenerator<SheetRow> {
      for (let n = await events.next(); ; n = await events.next()) {
        if (n.done || n.value.kind === 'sheet') {
          after = n;
          return;
        }
        yield n.value.row;
      }
    };
    const stream: SheetStream = { name: ev.name, rows: rows(), hiddenColumns: ev.hiddenColumns, ...(ev.hidden ? { hidden: true } : {}) };
    yield stream;
    // The next sheet starts where this one ends: read on to it if the caller stopped early.
    if (!after) for await (const _ of stream.rows) void _;
    while (!after) {
      const n: IteratorResult<OdsEvent> = await events.next();
      if (n.done || n.value.kind === 'sheet') after = n;
    }
    next = after;
  }
}

/** A password-protected .ods lists <manifest:encryption-data> for its encrypted parts (ODF 1.2 part 3, 4.8). */
async function isEncrypted(zip: ZipFile): Promise<boolean> {
  if (!zip.has('META-INF/manifest.xml')) return false;
  let encrypted = false;
  await parseXml(zip, 'META-INF/manifest.xml', {
    open(name) {
      if (name === 'encryption-data') encrypted = true;
    },
    close() {},
  }, 4 * 1024 * 1024);
  return encrypted;
}

function count(v: string | undefined): number {
  const n = v === undefined ? 1 : Number(v);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

class OdsHandlers implements XmlHandlers {
  private sheet: { hiddenColumns: number[]; merges: VerticalMerges; row: number; columns: number } | null = null;
  private cells: Cell[] = [];
  private rowAttrs = { repeat: 1, hidden: false };
  private col = 0;
  private cell: { type: string; value: Cell; repeat: number; rows: number; columns: number } | null = null;
  private buf = '';
  private paragraphs = 0;
  private annotation = 0;
  /** Automatic table styles with table:display="false": the sheets that use them are hidden. */
  private hiddenTableStyles = new Set<string>();
  private style: string | null = null;

  constructor(private out: OdsEvent[]) {}

  open(name: string, a: Record<string, string>): void {
    if (this.annotation > 0) {
      if (name === 'annotation') this.annotation++;
      return;
    }
    switch (name) {
      case 'style':
        this.style = a['style:family'] === 'table' ? a['style:name'] ?? null : null;
        break;
      case 'table-properties':
        if (this.style && a['table:display'] === 'false') this.hiddenTableStyles.add(this.style);
        break;
      case 'table': {
        const hiddenColumns: number[] = [];
        this.sheet = { hiddenColumns, merges: new VerticalMerges(), row: 0, columns: 0 };
        const hidden = this.hiddenTableStyles.has(a['table:style-name'] ?? '');
        this.out.push({ kind: 'sheet', name: a['table:name'] ?? '', hiddenColumns, hidden });
        break;
      }
      case 'table-column': {
        if (!this.sheet) break;
        const n = count(a['table:number-columns-repeated']);
        if (a['table:visibility'] === 'collapse' || a['table:visibility'] === 'filter') {
          for (let c = this.sheet.columns; c < Math.min(this.sheet.columns + n, MAX_COLUMNS); c++) this.sheet.hiddenColumns.push(c);
        }
        this.sheet.columns += n;
        break;
      }
      case 'table-row':
        this.cells = [];
        this.col = 0;
        this.rowAttrs = { repeat: count(a['table:number-rows-repeated']), hidden: a['table:visibility'] === 'collapse' || a['table:visibility'] === 'filter' };
        break;
      case 'table-cell':
      case 'covered-table-cell':
        this.cell = { type: name === 'table-cell' ? a['office:value-type'] ?? '' : '', value: valueOf(a), repeat: count(a['table:number-columns-repeated']), rows: count(a['table:number-rows-spanned']), columns: count(a['table:number-columns-spanned']) };
        this.buf = '';
        this.paragraphs = 0;
        break;
      case 'p':
      case 'h':
        if (this.cell && this.paragraphs++ > 0) this.buf += '\n';
        break;
      case 's':
        if (this.cell) this.buf += ' '.repeat(Math.min(count(a['text:c']), 1000));
        break;
      case 'tab':
        if (this.cell) this.buf += '\t';
        break;
      case 'line-break':
        if (this.cell) this.buf += '\n';
        break;
      case 'annotation':
        this.annotation = 1;
        break;
    }
  }

  text(t: string): void {
    if (this.cell && this.annotation === 0) this.buf += t;
  }

  close(name: string): void {
    if (this.annotation > 0) {
      if (name === 'annotation') this.annotation--;
      return;
    }
    switch (name) {
      case 'table-cell':
      case 'covered-table-cell': {
        const c = this.cell;
        if (!c || !this.sheet) break;
        // A typed value wins; otherwise (text, a time, a string without office:string-value) the text shown.
        const value = c.type === '' ? null : c.value !== null ? c.value : this.buf === '' ? null : this.buf;
        if (value !== null && this.col < MAX_COLUMNS) {
          while (this.cells.length < this.col) this.cells.push(null);
          for (let k = 0; k < c.repeat && this.col + k < MAX_COLUMNS; k++) this.cells[this.col + k] = value;
        }
        if (c.rows > 1 && c.repeat === 1 && this.rowAttrs.repeat === 1) {
          const r = this.sheet.row + 1;
          this.sheet.merges.add({ r1: r, c1: this.col, r2: r + c.rows - 1, c2: this.col + c.columns - 1 });
        }
        this.col += c.repeat;
        this.cell = null;
        break;
      }
      case 'table-row': {
        if (!this.sheet) break;
        const empty = this.cells.length === 0;
        const n = empty ? 0 : Math.min(this.rowAttrs.repeat, MAX_REPEATS);
        for (let k = 0; k < n; k++) this.emit({ row: this.sheet.row + k + 1, cells: k === 0 ? this.cells : this.cells.slice() });
        if (!empty && this.rowAttrs.repeat > MAX_REPEATS) this.emit({ row: this.sheet.row + this.rowAttrs.repeat, cells: this.cells.slice() });
        this.sheet.row += this.rowAttrs.repeat;
        break;
      }
      case 'table':
        this.sheet = null;
        break;
    }
  }

  private emit(row: SheetRow): void {
    if (this.rowAttrs.hidden) row.hidden = true;
    if (this.sheet!.merges.size > 0) this.sheet!.merges.apply(row);
    this.out.push({ kind: 'row', row });
  }
}

/** The typed value of a cell from its office:* attributes (ODF 1.2 part 1, 19.385-19.389). */
function valueOf(a: Record<string, string>): Cell {
  switch (a['office:value-type']) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const n = Number(a['office:value']);
      return Number.isFinite(n) ? n : null;
    }
    case 'date': {
      const d = a['office:date-value'] ?? '';
      return /^\d{4}-\d{2}-\d{2}/.test(d) ? { iso: d.slice(0, 10) } : null;
    }
    case 'boolean':
      return a['office:boolean-value'] === 'true';
    case 'string':
      return a['office:string-value'] ?? null;
    default:
      return null;
  }
}
