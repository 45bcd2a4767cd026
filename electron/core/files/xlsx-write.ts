import ExcelJS from 'exceljs';
import { writeAtomically } from './atomic';

/**
 * Text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is what spreadsheet programs run
 * as a formula when a cell is edited or the sheet is saved as CSV and opened again (CSV injection).
 * Every cell is written as a string (never a formula record), and such text also gets a leading
 * apostrophe, the OWASP mitigation, so it stays text in every program. Values that legitimately start
 * with `+` (phone numbers) are normalised by the caller before they get here.
 */
export function isFormulaLike(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s);
}

export function neutralizeFormula(s: string): string {
  return isFormulaLike(s) ? `'${s}` : s;
}

/** Cell format '@' (Text): the portal and Excel keep NIKs, KPJs and dates as typed. */
export const TEXT_STYLE: Partial<ExcelJS.Style> = { numFmt: '@' };

/** Sets a cell to a string stored as text, never as a number or a formula. */
export function setTextCell(cell: ExcelJS.Cell, value: string | null | undefined): void {
  cell.value = neutralizeFormula(value ?? '');
  cell.style = TEXT_STYLE;
}

export interface StreamSheet {
  name: string;
  header: string[];
  /** Rows of text cells (null for empty). Numbers are written as text too unless `numeric` names them. */
  rows: Iterable<(string | number | null)[]> | AsyncIterable<(string | number | null)[]>;
  /** 0-based column indexes written as numbers (amounts in a detail sheet). */
  numeric?: number[];
  widths?: number[];
}

/**
 * Writes sheets with exceljs's streaming writer (memory stays flat at 100,000 rows), atomically.
 * Every non-numeric cell is text, formula-like text is quote-prefixed.
 */
export async function writeXlsxStream(path: string, sheets: StreamSheet[]): Promise<void> {
  await writeAtomically(path, async (tmp) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
    for (const s of sheets) {
      const ws = wb.addWorksheet(s.name);
      if (s.widths) ws.columns = s.widths.map((width) => ({ width }));
      const numeric = new Set(s.numeric ?? []);
      const head = ws.addRow(s.header);
      head.eachCell((c) => {
        c.style = { ...TEXT_STYLE, font: { bold: true } };
      });
      head.commit();
      for await (const values of s.rows) {
        const row = ws.addRow([]);
        values.forEach((v, i) => {
          const cell = row.getCell(i + 1);
          if (numeric.has(i) && typeof v === 'number') cell.value = v;
          else setTextCell(cell, v === null ? '' : String(v));
        });
        row.commit();
      }
      ws.commit();
    }
    await wb.commit();
  });
}
