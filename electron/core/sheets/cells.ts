/** A spreadsheet cell as the importer sees it, independent of the file format. */
export interface XlDate {
  iso: string;
}
export type Cell = string | number | boolean | XlDate | null;

export interface SheetRow {
  /** The spreadsheet's own 1-based row number (what the clerk sees at the left edge). */
  row: number;
  /** 0-based by column; column A is index 0. */
  cells: Cell[];
  /** The row is hidden in the workbook (Excel's Hide, a filter, LibreOffice's collapse). */
  hidden?: boolean;
  /**
   * Values shown in this row's cells by a merge that starts on a row above (sparse, by column). Kept
   * apart from `cells` so title and header rows read as written; `withMerged` (merges.ts) applies them.
   */
  merged?: Cell[];
}

/** One sheet of a workbook, read row by row; the next sheet comes after this one is read to its end. */
export interface SheetStream {
  name: string;
  rows: AsyncIterable<SheetRow>;
  /** 0-based indexes of hidden columns; complete once the first row has been read. */
  hiddenColumns?: number[];
  /** The sheet itself is hidden in the workbook (its tab not shown). */
  hidden?: boolean;
}

export function isDate(c: Cell): c is XlDate {
  return typeof c === 'object' && c !== null;
}

/** The text a clerk sees in the cell (numbers without grouping). */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number') return Number.isInteger(c) ? String(c) : String(c);
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  return c.iso;
}

export function isBlank(c: Cell): boolean {
  return c === null || (typeof c === 'string' && c.trim() === '');
}

/** `A`, `B`, ... `Z`, `AA` for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
