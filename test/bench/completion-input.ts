/**
 * For the benchmark of "Lengkapi data pegawai" (the timed call is importCompletionFile in
 * electron/core/roster/completion-import.ts, read + preview + apply): the filled list of a whole roster,
 * as OPD treasurers send it back (every person's NIK and name with a postal code, a marital status, an
 * e-mail and a work location that all differ from what is stored), and its floor: exceljs's streaming
 * reader reading the same file's cells, nothing else.
 */
import ExcelJS from 'exceljs';
import type { CoreContext } from '../../electron/core/context';
import { writeXlsxStream } from '../../electron/core/files/xlsx-write';

/** Writes the filled list of every person in the database to `path`; returns the rows written. */
export async function writeCompletionBenchFile(ctx: CoreContext, path: string): Promise<number> {
  const people = ctx.db.prepare('SELECT nik, name FROM person ORDER BY id').iterate() as Iterable<{ nik: string; name: string }>;
  let n = 0;
  function* rows(): Generator<string[]> {
    for (const p of people) {
      yield [p.nik, p.name, String(34000 + (n % 999)).padStart(5, '0'), n % 3 === 0 ? 'Y' : 'T', `pegawai${n}@contoh.go.id`, `LOKASI ${n % 40}`];
      n++;
    }
  }
  await writeXlsxStream(path, [{ name: 'Lengkapi data', header: ['NIK', 'Nama', 'Kode pos', 'Status kawin (Y/T)', 'Surel (e-mail)', 'Lokasi pekerjaan'], rows: rows() }]);
  return n;
}

/** The floor: exceljs's streaming reader visiting every cell of the file; returns the rows seen. */
export async function readCompletionFloor(path: string): Promise<number> {
  let rows = 0;
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'ignore', worksheets: 'emit', hyperlinks: 'ignore' });
  for await (const ws of reader) {
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      rows++;
      row.eachCell(() => void cells++);
    }
  }
  return cells > 0 ? rows : 0;
}
