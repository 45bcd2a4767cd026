import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeOwnerOnly } from '../files/parts';
import { setTextCell, TEXT_STYLE } from '../files/xlsx-write';
import { stampZipTimes } from './zip-stamp';

export interface SippSheet {
  sheetName: string;
  headers: string[];
  /** Cell texts in header order; '' for an empty cell. */
  rows: Iterable<string[]>;
}

export interface WrittenFile {
  rows: number;
  sha256: string;
  bytes: number;
}

/** The office's wall clock (WIB, UTC+7), shown as the workbook's and its zip entries' time. */
const WIB_MS = 7 * 3600_000;

/**
 * Writes one upload workbook the way the portal wants it and so that the same content always gives the
 * same bytes:
 * - streaming (a file holds at most 10,000 rows, and memory stays flat however many files a batch has);
 * - every cell formatted as text ('@') and every value a string, formula-like text quote-prefixed
 *   (setTextCell);
 * - shared strings, the string form Excel itself writes (the streaming default, inline `t="str"`
 *   cells, is the formula-result type, which strict readers may not take as plain text);
 * - the document times (docProps/core.xml) and zip entry times set from `at`, not from the clock.
 *
 * Shares setTextCell with files/xlsx-write.ts; it is separate because those files
 * need neither fixed times nor shared strings, and xlsx-write is shared with other modules.
 */
export async function writeSippWorkbook(path: string, sheet: SippSheet, at: Date): Promise<WrittenFile> {
  let rows = 0;
  // Through an owner-only part file (files/parts.ts): readable by the user only, none left on failure.
  await writeOwnerOnly(path, async (tmp) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: true });
    wb.creator = 'Sigap';
    wb.lastModifiedBy = 'Sigap';
    wb.created = at;
    wb.modified = at;
    const ws = wb.addWorksheet(sheet.sheetName);
    ws.columns = sheet.headers.map((h) => ({ width: Math.max(12, h.length + 2), style: TEXT_STYLE }));
    const head = ws.addRow([]);
    sheet.headers.forEach((h, i) => {
      const cell = head.getCell(i + 1);
      setTextCell(cell, h);
      cell.style = { ...TEXT_STYLE, font: { name: 'Calibri', size: 11, bold: true } };
    });
    head.commit();
    for (const values of sheet.rows) {
      const row = ws.addRow([]);
      for (let i = 0; i < sheet.headers.length; i++) {
        const v = values[i] ?? '';
        // An empty cell stays empty (no zero-length string) but is still formatted as text.
        if (v === '') row.getCell(i + 1).style = TEXT_STYLE;
        else setTextCell(row.getCell(i + 1), v);
      }
      row.commit();
      rows++;
    }
    ws.commit();
    await wb.commit();
    stampZipTimes(tmp, new Date(at.getTime() + WIB_MS));
  });
  const bytes = readFileSync(path);
  return { rows, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}
