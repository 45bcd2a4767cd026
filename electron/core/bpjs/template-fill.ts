import { posix } from 'node:path';
import { headerKey } from '../../../shared/sipp-layouts';
import { SigapError } from '../errors';
import { neutralizeFormula } from '../files/xlsx-write';
import { entryBytes, readEntries, replaceEntries, ZipFormatError, type RawEntry } from './zip-rewrite';

/** What a stored template says about itself (bpjs_template). */
export interface TemplateInfo {
  fileName: string;
  sheetName: string;
  /** 1-based row of the headers; data goes under it. */
  headerRow: number;
  /** The header row's texts by column (index 0 = column A). */
  headers: string[];
}

/** 0 -> A, 26 -> AA */
export function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]!);

/** Text for an XML element: entities escaped, characters XML 1.0 cannot hold written as OOXML's _xHHHH_. */
export function escapeCellText(s: string): string {
  return s
    .replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m.slice(1)}`)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : null;
};

const partText = (zip: Buffer, entries: RawEntry[], name: string): string | null => {
  const e = entries.find((x) => x.name === name);
  return e ? entryBytes(zip, e).toString('utf8') : null;
};

/** The zip paths of the named sheet and of the styles, from xl/workbook.xml and its relationships. */
function workbookParts(zip: Buffer, entries: RawEntry[], sheetName: string): { sheet: string; styles: string | null } {
  const wb = partText(zip, entries, 'xl/workbook.xml');
  const rels = partText(zip, entries, 'xl/_rels/workbook.xml.rels');
  if (wb === null || rels === null) throw new ZipFormatError('no xl/workbook.xml');
  const relTags = rels.match(/<Relationship\b[^>]*>/g) ?? [];
  const path = (target: string) => (target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target)));
  const sheet = (wb.match(/<sheet\b[^>]*>/g) ?? []).find((t) => attr(t, 'name') === sheetName);
  const rid = sheet ? /\sr:id="([^"]*)"/.exec(sheet)?.[1] : undefined;
  const rel = rid ? relTags.find((t) => attr(t, 'Id') === rid) : undefined;
  const target = rel ? attr(rel, 'Target') : null;
  if (!target) throw new ZipFormatError(`sheet ${sheetName} not found`);
  const styles = relTags.find((t) => (attr(t, 'Type') ?? '').endsWith('/styles'));
  return { sheet: path(target), styles: styles ? path(attr(styles, 'Target') ?? '') : null };
}

/**
 * Cell styles with the text number format ('@', built-in 49), derived from the template's own: a data
 * cell keeps its column's font, borders and alignment, and is text as the portal asks. A style that is
 * text already is used as it is; otherwise a copy with numFmtId 49 is appended to cellXfs (existing
 * indexes do not move, so nothing else in the workbook changes meaning).
 */
export class TextStyles {
  private readonly xfs: string[];
  private readonly textFmts: Set<string>;
  private readonly added: string[] = [];
  private readonly derived = new Map<string, string>();

  constructor(private readonly xml: string | null) {
    this.textFmts = new Set(['49']);
    for (const f of xml?.match(/<numFmt\b[^>]*>/g) ?? []) if (attr(f, 'formatCode') === '@') this.textFmts.add(attr(f, 'numFmtId') ?? '');
    const block = xml ? /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml) : null;
    this.xfs = block ? (block[1]!.match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? []) : [];
  }

  /** The text style for a cell whose template style is `s` (undefined: the default style 0). */
  text(s: string | undefined): string | undefined {
    if (this.xml === null) return s;
    const key = s ?? '0';
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    const xf = this.xfs[Number(key)];
    let out: string | undefined = s;
    if (xf !== undefined && !this.textFmts.has(attr(xf, 'numFmtId') ?? '0')) {
      const head = xf.slice(0, xf.indexOf('>') + 1);
      let copy = /\snumFmtId="/.test(head) ? head.replace(/\snumFmtId="[^"]*"/, ' numFmtId="49"') : head.replace(/^<xf\b/, '<xf numFmtId="49"');
      copy = /\sapplyNumberFormat="/.test(copy) ? copy.replace(/\sapplyNumberFormat="[^"]*"/, ' applyNumberFormat="1"') : copy.replace(/^<xf\b/, '<xf applyNumberFormat="1"');
      this.added.push(copy + xf.slice(head.length));
      out = String(this.xfs.length + this.added.length - 1);
    }
    this.derived.set(key, out ?? '0');
    return out;
  }

  /** styles.xml with the derived styles appended, or null when none was needed. */
  stylesXml(): string | null {
    if (this.xml === null || this.added.length === 0) return null;
    return this.xml.replace(/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/, (_, inner: string) => `<cellXfs count="${this.xfs.length + this.added.length}">${inner}${this.added.join('')}</cellXfs>`);
  }
}

interface CellStyle {
  /** Style index per column, from the template's first data row, else its column defaults. */
  byColumn: Map<number, string>;
}

function columnStyles(sheetXml: string, firstDataRow: string | null): CellStyle {
  const byColumn = new Map<number, string>();
  for (const col of sheetXml.match(/<col\b[^>]*>/g) ?? []) {
    const style = attr(col, 'style');
    const min = Number(attr(col, 'min'));
    const max = Number(attr(col, 'max'));
    if (style !== null && min >= 1 && max >= min) for (let c = min; c <= Math.min(max, 200); c++) byColumn.set(c - 1, style);
  }
  for (const cell of firstDataRow?.match(/<c\b[^>]*>/g) ?? []) {
    const ref = attr(cell, 'r');
    const s = attr(cell, 's');
    if (ref && s !== null) byColumn.set(columnIndex(/^[A-Z]+/.exec(ref)![0]), s);
  }
  return { byColumn };
}

/**
 * The sheet XML with the rows under the header replaced: rows up to the header row stay as written, the
 * template's rows below it (empty formatted rows, an example row) give way to `rows`, each cell an inline
 * string in the column its header names, with the style the template gives that column (its text
 * format). The dimension is updated; everything else in the sheet (validations, merges, column widths,
 * conditional formats, extLst) is kept as it is.
 */
export function fillSheetXml(xml: string, info: TemplateInfo, headers: string[], rows: Iterable<string[]>, text: TextStyles = new TextStyles(null)): { xml: string; rows: number } {
  const open = /<sheetData\s*\/>|<sheetData\b[^>]*>/.exec(xml);
  if (!open) throw new ZipFormatError('no sheetData');
  const selfClosing = open[0].endsWith('/>');
  const close = selfClosing ? open.index + open[0].length : xml.indexOf('</sheetData>', open.index);
  if (close < 0) throw new ZipFormatError('sheetData not closed');
  const body = selfClosing ? '' : xml.slice(open.index + open[0].length, close);
  const kept: string[] = [];
  let firstData: string | null = null;
  let implicit = 0;
  for (const m of body.matchAll(/<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g)) {
    const r = Number(attr(m[0].slice(0, m[0].indexOf('>') + 1), 'r') ?? implicit + 1);
    implicit = r;
    if (r <= info.headerRow) kept.push(m[0]);
    else if (firstData === null) firstData = m[0];
  }
  const styles = columnStyles(xml, firstData);
  const keys = info.headers.map(headerKey);
  const target = headers.map((h) => keys.indexOf(headerKey(h)));
  let rowNo = info.headerRow;
  let lastCol = info.headers.length - 1;
  const out: string[] = kept;
  for (const values of rows) {
    rowNo++;
    const cells: string[] = [];
    const byCol = target.map((col, i) => ({ col, v: values[i] ?? '' })).filter((c) => c.col >= 0).sort((a, b) => a.col - b.col);
    for (const { col, v } of byCol) {
      const s = text.text(styles.byColumn.get(col));
      const sAttr = s !== undefined ? ` s="${s}"` : '';
      const ref = `${columnLetters(col)}${rowNo}`;
      if (v === '') {
        if (s !== undefined) cells.push(`<c r="${ref}"${sAttr}/>`);
        continue;
      }
      cells.push(`<c r="${ref}"${sAttr} t="inlineStr"><is><t xml:space="preserve">${escapeCellText(neutralizeFormula(v))}</t></is></c>`);
      lastCol = Math.max(lastCol, col);
    }
    out.push(`<row r="${rowNo}">${cells.join('')}</row>`);
  }
  const sheetData = `<sheetData>${out.join('')}</sheetData>`;
  let filled = xml.slice(0, open.index) + sheetData + xml.slice(selfClosing ? close : close + '</sheetData>'.length);
  filled = filled.replace(/<dimension\b[^>]*\/>/, `<dimension ref="A1:${columnLetters(lastCol)}${Math.max(rowNo, 1)}"/>`);
  return { xml: filled, rows: rowNo - info.headerRow };
}

/**
 * A copy of the template with `rows` written under its header row on its sheet. Only that sheet's XML
 * changes, and styles.xml when a column's style lacks the text format (TextStyles appends one); every
 * other part of the zip is copied byte for byte. `headers` name the columns of `rows`
 * (the profile's columns); each must be a header of the template.
 */
export function fillTemplate(template: Buffer, info: TemplateInfo, headers: string[], rows: Iterable<string[]>): { bytes: Buffer; rows: number } {
  const keys = new Set(info.headers.map(headerKey));
  const missing = headers.filter((h) => !keys.has(headerKey(h)));
  if (missing.length > 0) {
    throw new SigapError('INVALID_INPUT', `Kolom ${missing.map((h) => `"${h}"`).join(', ')} ada di profil tetapi tidak ada di templat kantor cabang "${info.fileName}" (sheet "${info.sheetName}", baris judul ${info.headerRow}). Hapus kolom itu dari profil, atau buat profil lagi dari templat yang memuatnya.`);
  }
  try {
    const entries = readEntries(template);
    const parts = workbookParts(template, entries, info.sheetName);
    const sheetXml = partText(template, entries, parts.sheet);
    if (sheetXml === null) throw new ZipFormatError(`no ${parts.sheet}`);
    const styles = new TextStyles(parts.styles ? partText(template, entries, parts.styles) : null);
    const filled = fillSheetXml(sheetXml, info, headers, rows, styles);
    const replaced = new Map([[parts.sheet, Buffer.from(filled.xml, 'utf8')]]);
    const stylesXml = styles.stylesXml();
    if (stylesXml !== null) replaced.set(parts.styles!, Buffer.from(stylesXml, 'utf8'));
    return { bytes: replaceEntries(template, entries, replaced), rows: filled.rows };
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    throw new SigapError('FILE_UNREADABLE', `Templat kantor cabang "${info.fileName}" tidak dapat diisi (${e.message}). Simpan ulang templat sebagai .xlsx dari Excel atau LibreOffice, lalu buat profilnya lagi.`);
  }
}
