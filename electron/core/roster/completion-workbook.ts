/**
 * "Lengkapi data pegawai", the outgoing half: one workbook per unit listing its current people with what
 * the BPJS files need of them (mother's maiden name, address, postal code, phone, e-mail, marital status,
 * work location, KPJ), the values Sigap already has filled in, for the OPD treasurer to complete and send
 * back (completion-import.ts reads it). Streamed like the roster export (100,000 people stay flat in
 * memory), NIK/KPJ and every value as text, formula-safe, written owner-only through a part file.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { CoreContext } from '../context';
import { todayIso } from '../context';
import { SigapError } from '../../../shared/errors';
import { formatDateId } from '../../../shared/dates';
import { writeAtomically } from '../files/atomic';
import { setTextCell, TEXT_STYLE } from '../files/xlsx-write';
import { columnLetter } from '../sheets/cells';
import { COMPLETION_FIELDS, COMPLETION_HEADERS, type CompletionField } from '../../../shared/completion-columns';
import { storeOf } from '../store/of-context';
import { completionRepo } from './completion-repository';
import { unitRepo, type UnitRef } from './unit-repository';

/** The workbook's columns: who the person is (kept as written), then the fields to fill. */
export const COMPLETION_SHEET_COLUMNS: readonly ({ key: 'no' | 'nik' | 'name' | 'position'; header: string } | { key: CompletionField; header: string })[] = [
  { key: 'no', header: 'No' },
  { key: 'nik', header: 'NIK' },
  { key: 'name', header: 'Nama' },
  { key: 'position', header: 'Jabatan' },
  ...COMPLETION_FIELDS.map((f) => ({ key: f, header: COMPLETION_HEADERS[f] })),
];

/** Rows above the header: title, instruction, what the file is. The header is the next row. */
export const COMPLETION_HEADER_ROW = 4;

const INSTRUCTION =
  'Petunjuk: isi atau perbaiki kolom yang kosong/salah saja, lalu kirim kembali berkas ini ke bagian Kepegawaian. ' +
  'Jangan mengubah kolom NIK dan baris judul kolom. Sel yang dikosongkan TIDAK menghapus data yang sudah tercatat. ' +
  'Status kawin: Y = kawin, T = tidak kawin. Kode pos 5 angka. Nomor KPJ 8 sampai 13 angka bila sudah ada.';

const WIDTHS: Record<string, number> = { no: 6, nik: 20, name: 30, position: 22, kpj: 16, motherName: 26, address: 40, postalCode: 10, phone: 16, email: 26, maritalStatus: 18, workLocation: 20 };

async function unitOf(ctx: CoreContext, opdId: number): Promise<UnitRef> {
  const u = await unitRepo.byId(storeOf(ctx), opdId);
  if (!u) throw new SigapError('NOT_FOUND', `Unit kerja dengan id ${opdId} tidak ditemukan.`);
  return u;
}

/** Writes one unit's completion workbook to `path`; returns how many people it lists. */
export async function writeCompletionWorkbook(ctx: CoreContext, opdId: number, path: string): Promise<number> {
  const unit = await unitOf(ctx, opdId);
  const today = await todayIso(ctx);
  const store = storeOf(ctx);
  const count = await completionRepo.countOfUnit(store, opdId, today);
  return writeAtomically(path, async (tmp) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('Lengkapi data', {
      views: [{ state: 'frozen', xSplit: 3, ySplit: COMPLETION_HEADER_ROW }],
      // Printed for the treasurer who fills it on paper first: every column on one page's width.
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.columns = COMPLETION_SHEET_COLUMNS.map((c) => ({ width: WIDTHS[c.key] ?? 14 }));
    const last = columnLetter(COMPLETION_SHEET_COLUMNS.length - 1);
    // The three rows above the header, each merged across the columns (merged before they are committed).
    const top = (n: number, value: string, style: Partial<ExcelJS.Style>, height?: number) => {
      const row = ws.getRow(n);
      setTextCell(row.getCell(1), value);
      row.getCell(1).style = { ...TEXT_STYLE, ...style }; // a copy: TEXT_STYLE is shared
      if (height) row.height = height;
      ws.mergeCells(`A${n}:${last}${n}`);
    };
    top(1, `LENGKAPI DATA PEGAWAI: ${unit.name} (${unit.code})`, { font: { bold: true, size: 13 } });
    top(2, INSTRUCTION, { alignment: { wrapText: true, vertical: 'top' } }, 48);
    top(3, `Dibuat oleh Sigap pada ${formatDateId(today)}; ${count.toLocaleString('id-ID')} pegawai yang aktif hari itu.`, {});
    ws.getRow(3).commit();
    const head = ws.getRow(COMPLETION_HEADER_ROW);
    head.values = COMPLETION_SHEET_COLUMNS.map((c) => c.header);
    head.eachCell((c) => {
      c.style = { ...TEXT_STYLE, font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }, alignment: { wrapText: true } };
    });
    head.commit();
    let n = 0;
    // Streamed from the store: the loop writes rows and queries nothing.
    for await (const p of completionRepo.peopleOfUnit(store, opdId, today)) {
      const row = ws.addRow([]);
      n++;
      COMPLETION_SHEET_COLUMNS.forEach((c, i) => {
        const v = c.key === 'no' ? String(n) : p[c.key];
        // An empty cell stays empty, formatted as text so a typed postal code or KPJ keeps its zeros.
        if (v === null || v === '') row.getCell(i + 1).style = TEXT_STYLE;
        else setTextCell(row.getCell(i + 1), v);
      });
      row.commit();
    }
    const marital = columnLetter(COMPLETION_SHEET_COLUMNS.findIndex((c) => c.key === 'maritalStatus'));
    const first = COMPLETION_HEADER_ROW + 1;
    // A list of Y/T on the marital status cells (and 200 rows more for people the treasurer adds).
    // The streaming writer keeps them (worksheet-writer.js); exceljs's types name them on Worksheet only.
    (ws as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } }).dataValidations.add(`${marital}${first}:${marital}${first + n + 200}`, {
      type: 'list', allowBlank: true, formulae: ['"Y,T"'], showErrorMessage: true,
      errorTitle: 'Status kawin', error: 'Tulis Y (kawin) atau T (tidak kawin).',
    });
    ws.commit();
    await wb.commit();
    return n;
  });
}

const safeFileName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');

export interface CompletionFile { path: string; opdId: number; unit: string; code: string; rows: number }

/** One workbook per unit into `dir` (`lengkapi-data-<kode>.xlsx`), in the order given. */
export async function writeCompletionWorkbooks(ctx: CoreContext, opdIds: readonly number[], dir: string): Promise<CompletionFile[]> {
  const out: CompletionFile[] = [];
  for (const id of opdIds) {
    const unit = await unitOf(ctx, id);
    const path = join(dir, `lengkapi-data-${safeFileName(unit.code) || unit.id}.xlsx`);
    out.push({ path, opdId: id, unit: unit.name, code: unit.code, rows: await writeCompletionWorkbook(ctx, id, path) });
  }
  return out;
}

/** Every unit with someone engaged today, by code: what "all units" means. */
export async function unitsWithPeople(ctx: CoreContext): Promise<number[]> {
  return unitRepo.withPeopleOn(storeOf(ctx), await todayIso(ctx));
}
