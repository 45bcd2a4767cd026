import { basename, dirname, extname } from 'node:path';
import { readXlsx, type SheetStream } from '../sheets/read-xlsx';
import { readCsv } from '../sheets/read-csv';
import { cellText, type Cell } from '../sheets/cells';
import { writeXlsxStream, type StreamSheet } from '../files/xlsx-write';
import type { Preview } from './preview';
import { uniqueSheetNames } from '../files/sheet-names';
import { removeStaleParts, writeOwnerOnly } from '../files/parts';

/**
 * Writes the rows that had problems, with their original cells under the original header, plus the
 * source row and the problems, so the clerk can fix them and import the file again. The source file is
 * read a second time rather than kept in memory.
 */
export async function writeProblemRows(sourcePath: string, preview: Preview, outPath: string): Promise<number> {
  const bad = new Map<string, Map<number, string[]>>();
  for (const p of [...preview.rejected, ...preview.warnings]) {
    if (p.row === 0) continue;
    let sheet = bad.get(p.sheet);
    if (!sheet) bad.set(p.sheet, (sheet = new Map()));
    const list = sheet.get(p.row) ?? [];
    list.push(`${p.severity === 'error' ? 'MASALAH' : 'Peringatan'} ${p.column ? `kolom ${p.column}` : ''}: ${p.message}`.replace(/\s+:/, ':'));
    sheet.set(p.row, list);
  }
  const isXlsx = extname(sourcePath).toLowerCase() !== '.csv';
  const source: AsyncIterable<SheetStream> = isXlsx
    ? readXlsx(sourcePath, basename(sourcePath))
    : (async function* () { yield readCsv(sourcePath, basename(sourcePath, extname(sourcePath))); })();
  const sheets: StreamSheet[] = [];
  let count = 0;
  for await (const s of source) {
    const layout = preview.read.sheets.find((l) => l.sheet === s.name);
    const rows = bad.get(s.name);
    const collected: (string | null)[][] = [];
    let header: string[] = [];
    for await (const r of s.rows) {
      if (!layout) continue;
      if (r.row === layout.headerRows[0]) header = headerOf(r.cells, layout.labels);
      const problems = rows?.get(r.row);
      if (problems) collected.push([...padCells(r.cells, header.length), String(r.row), problems.join(' | ')]);
    }
    if (!layout || collected.length === 0) continue;
    count += collected.length;
    sheets.push({ name: s.name, header: [...header, 'BARIS ASAL', 'KETERANGAN MASALAH'], rows: collected, widths: [...header.map(() => 18), 10, 80] });
  }
  if (sheets.length === 0) sheets.push({ name: 'Masalah', header: ['KETERANGAN'], rows: [['Tidak ada baris bermasalah.']] });
  // The source's sheet names, as Excel accepts them (no [ ] : * ? / \, at most 31 characters, unique).
  const names = uniqueSheetNames(sheets.map((s) => s.name), 'Masalah');
  sheets.forEach((s, i) => (s.name = names[i]!));
  // Owner-only, through a part file; parts a killed save of a problems workbook left here go first.
  removeStaleParts(dirname(outPath), (target) => target === basename(outPath) || target.startsWith('masalah-'));
  await writeOwnerOnly(outPath, (part) => writeXlsxStream(part, sheets));
  return count;
}

/** The detected labels (a merged two-row header collapses into one row the importer reads again). */
function headerOf(cells: Cell[], labels: Preview['read']['sheets'][number]['labels']): string[] {
  const width = Math.max(cells.length, ...labels.map((l) => l.index + 1));
  return Array.from({ length: width }, (_, i) => labels.find((l) => l.index === i)?.label ?? cellText(cells[i] ?? null));
}

function padCells(cells: Cell[], width: number): string[] {
  return Array.from({ length: width }, (_, i) => {
    const c = cells[i] ?? null;
    // A NIK Excel stored as a number is written back as its digits, as text, for the clerk to correct.
    if (typeof c === 'number' && Number.isInteger(c) && c > 1e14) return BigInt(c).toString();
    return cellText(c);
  });
}
