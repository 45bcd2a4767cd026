import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { SigapError } from '../errors';
import { cellText, columnLetter, isBlank, type SheetRow } from '../sheets/cells';
import { detectHeader, FIELD_LABELS, type HeaderLayout } from './header';
import type { SheetStream } from '../sheets/cells';
import { withMerged } from '../sheets/merges';
import { openSheets } from '../sheets/workbook';
import { classifyRow, groupName, parseDataRow } from './rows';
import { fillTitle, titleOf } from './title';
import type { DecreeTitle, LayoutOverride, ParsedRow, Problem, ReadResult, SheetLayout } from './types';

export interface ReadOptions {
  /** Display name of the file in messages (defaults to its base name). */
  label?: string;
  /** Paying unit for rows that name none (no column, group row or telling sheet name). */
  defaultUnit?: string;
  overrides?: Record<string, LayoutOverride>;
  /** Year used to pick the century of a NIK's birth year. */
  referenceYear: number;
  onProgress?: (rowsRead: number) => void;
}

/** Rows buffered per sheet to find its header. */
const HEADER_SCAN = 40;
/** A sheet longer than this is not an SK appendix (and would exhaust memory). */
export const MAX_ROWS_PER_SHEET = 300_000;
const GENERIC_SHEET = /^(sheet|lembar|lampiran|data|daftar|rekap|tabel|sk)\s*\d*$/i;

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

// Kept here for the callers that import it from the SK reader (the KPJ and bill readers).
export { sniffSpreadsheet } from '../sheets/sniff';

interface SheetState {
  layout: SheetLayout;
  rows: ParsedRow[];
}

/** The sheets of a checked file (.xlsx, .xls, .ods or CSV); a CSV file is one sheet named after the file. */
function sheetsOf(path: string, label: string): AsyncIterable<SheetStream> {
  return openSheets(path, label);
}

/**
 * The first rows of every sheet as the clerk sees them, for the wizard's column editor: it must work
 * even when no header is detected at all (the preview then fails with NO_NIK_COLUMN or NO_HEADER).
 */
export async function sheetHeads(path: string, label: string): Promise<{ name: string; rows: { row: number; cells: string[] }[] }[]> {
  const out: { name: string; rows: { row: number; cells: string[] }[] }[] = [];
  for await (const sheet of sheetsOf(path, label)) {
    const rows: { row: number; cells: string[] }[] = [];
    // The streaming reader reaches the next sheet only after this one is read to its end.
    for await (const r of sheet.rows) if (rows.length < HEADER_SCAN) rows.push({ row: r.row, cells: r.cells.map(cellText) });
    out.push({ name: sheet.name, rows });
  }
  return out;
}

/** Reads an SK appendix (.xlsx, .xls, .ods or .csv) into person rows and per-row problems. Writes nothing. */
export async function readAppendix(path: string, opts: ReadOptions): Promise<ReadResult> {
  const label = opts.label ?? basename(path);
  const source = sheetsOf(path, label); // checks the file's kind first, for a clear message
  const sha256 = await sha256File(path);
  const problems: Problem[] = [];
  const sheets: SheetState[] = [];
  let title: DecreeTitle | null = null;
  let read = 0;
  let sawContent = false;
  const hiddenSheets: string[] = [];

  for await (const sheet of source) {
    const override = opts.overrides?.[sheet.name];
    if (override?.skip) {
      for await (const _ of sheet.rows) void _;
      continue;
    }
    if (sheet.hidden) {
      // A hidden roster is often an old list kept out of sight: left out like a hidden row, and said so.
      // A hidden sheet without one (a list behind a drop-down) is passed over without a word.
      const top: SheetRow[] = [];
      for await (const r of sheet.rows) if (top.length < HEADER_SCAN) top.push(r);
      const roster = detectHeader(top);
      if (!roster || roster.columns.name === undefined || roster.columns.nik === undefined) continue;
      hiddenSheets.push(sheet.name);
      problems.push(sheetProblem(sheet.name, 'SHEET_HIDDEN', `Sheet "${sheet.name}" disembunyikan (hidden) di lembar kerja, jadi tidak diimpor. Bila isinya termasuk SK, tampilkan sheet itu (Unhide) lalu impor lagi.`, 'warning'));
      continue;
    }
    const head: SheetRow[] = [];
    const iter = sheet.rows[Symbol.asyncIterator]();
    let done = false;
    while (head.length < HEADER_SCAN) {
      const n = await iter.next();
      if (n.done) {
        done = true;
        break;
      }
      head.push(n.value);
    }
    const layout = override?.headerRow !== undefined || override?.columns ? applyOverride(head, override) : detectHeader(head);
    if (!layout || layout.columns.name === undefined) {
      // A sheet without a roster (a cover page, a recap): its title rows may still carry the decree's
      // number and date (a cover page often does); note it and move on.
      if (!done) for (let n = await iter.next(); !n.done; n = await iter.next()) void n;
      title = fillTitle(title, titleOf(head));
      if (head.some((r) => r.cells.some((c) => !isBlank(c)))) {
        sawContent = true;
        problems.push(sheetProblem(sheet.name, 'NO_HEADER', `Sheet "${sheet.name}" dilewati: tidak ada baris judul kolom dengan NAMA dan NIK.`, 'warning'));
      }
      continue;
    }
    if (layout.columns.nik === undefined) {
      throw new SigapError('NO_NIK_COLUMN', `Berkas "${label}", sheet "${sheet.name}", baris ${layout.headerRows[0]}: tidak ada kolom NIK. Tambahkan kolom NIK berisi 16 angka NIK dari KTP.`);
    }
    title = fillTitle(title, titleOf(head.filter((r) => r.row < layout.headerRows[0]!)));
    const state: SheetState = {
      layout: {
        sheet: sheet.name,
        headerRows: layout.headerRows,
        columns: layout.columns,
        labels: layout.labels,
        unitSource: layout.columns.unit !== undefined || layout.columns.village !== undefined ? 'column' : 'none',
        dataRows: 0,
        sample: head.filter((r) => r.row > layout.lastHeaderRow).slice(0, 8).map((r) => ({ row: r.row, cells: withMerged(r).cells.map(cellText) })),
      },
      rows: [],
    };
    sheets.push(state);
    const labels = new Map(layout.labels.map((l) => [l.index, l.label]));
    let unit: string | null = null;
    let ended = false;
    const handle = (raw: SheetRow): void => {
      if (raw.row > MAX_ROWS_PER_SHEET) {
        throw new SigapError('FILE_UNREADABLE', `Berkas "${label}", sheet "${sheet.name}": lebih dari ${MAX_ROWS_PER_SHEET.toLocaleString('id-ID')} baris. Lampiran SK sebesar itu tidak didukung; bagi menjadi beberapa berkas.`);
      }
      read++;
      if (opts.onProgress && read % 2000 === 0) opts.onProgress(read);
      if (ended || raw.row <= layout.lastHeaderRow) return;
      // Below the header a cell covered by a merge from above holds the merge's value (one OPD for seven rows).
      const r = withMerged(raw);
      const kindOf = classifyRow(r.cells, layout.columns);
      if (kindOf === 'data' && r.hidden) {
        problems.push(hiddenRowProblem(r, sheet.name, layout));
        return;
      }
      if (kindOf === 'signature') ended = true;
      else if (kindOf === 'group') {
        unit = groupName(r.cells);
        state.layout.unitSource = state.layout.unitSource === 'column' ? 'column' : 'group-rows';
      } else if (kindOf === 'data') {
        state.rows.push(parseDataRow(r, { sheet: sheet.name, columns: layout.columns, labels, unit, referenceYear: opts.referenceYear, problems }));
      }
    };
    for (const r of head) handle(r);
    if (!done) {
      for (let n = await iter.next(); !n.done; n = await iter.next()) handle(n.value);
    }
    state.layout.dataRows = state.rows.length;
    problems.push(...hiddenColumnProblems(sheet, layout));
  }

  if (sheets.length === 0) {
    if (hiddenSheets.length > 0) {
      throw new SigapError('NO_HEADER', `Berkas "${label}": semua sheet yang berisi data disembunyikan (hidden): ${hiddenSheets.map((s) => `"${s}"`).join(', ')}. Tampilkan sheet lampiran (Unhide) lalu impor lagi.`);
    }
    if (!sawContent) throw new SigapError('FILE_EMPTY', `Berkas "${label}" tidak berisi data.`);
    throw new SigapError('NO_HEADER', `Berkas "${label}": tidak ditemukan baris judul kolom (NAMA, NIK, ...) pada sheet mana pun.`);
  }
  if (sheets.every((s) => s.rows.length === 0)) {
    throw new SigapError('FILE_EMPTY', `Berkas "${label}" tidak berisi baris pegawai di bawah judul kolom (sheet ${sheets.map((s) => `"${s.layout.sheet}" baris ${s.layout.headerRows[0]}`).join(', ')}).`);
  }
  fillUnits(sheets, opts.defaultUnit ?? null, problems);
  const rows = sheets.flatMap((s) => s.rows);
  markDuplicates(rows, sheets, problems);
  problems.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : 0));
  return {
    file: label,
    sha256,
    sheets: sheets.map((s) => s.layout),
    rows,
    problems,
    title: title ?? { number: null, date: null, subject: null, signatory: null, tmt: null },
  };
}

function sheetProblem(sheet: string, code: string, message: string, severity: 'error' | 'warning'): Problem {
  return { sheet, row: 0, column: '', columnName: '', code, message, severity };
}

/** A hidden data row is left out, and the clerk is told which (it may be a person meant to go). */
function hiddenRowProblem(r: SheetRow, sheet: string, layout: HeaderLayout): Problem {
  const at = (i: number | undefined) => (i === undefined ? '' : cellText(r.cells[i] ?? null));
  const name = at(layout.columns.name);
  const nik = at(layout.columns.nik);
  const who = name !== '' ? ` (${name}${nik !== '' ? `, NIK ${nik}` : ''})` : '';
  return {
    sheet, row: r.row, column: '', columnName: '', code: 'ROW_HIDDEN', severity: 'warning', ...(nik !== '' ? { nik } : {}), ...(name !== '' ? { name } : {}),
    message: `Baris ${r.row}${who} di sheet "${sheet}" disembunyikan (hidden) di lembar kerja, jadi tidak diimpor. Bila orang ini termasuk SK, tampilkan barisnya (Unhide) lalu impor lagi.`,
  };
}

/** Hidden columns under a header label are read (their data is part of the appendix), with a note. */
function hiddenColumnProblems(sheet: SheetStream, layout: HeaderLayout): Problem[] {
  const hidden = new Set(sheet.hiddenColumns ?? []);
  return layout.labels.filter((l) => hidden.has(l.index) && l.label.trim() !== '').map((l) => ({
    sheet: sheet.name, row: layout.headerRows[0]!, column: columnLetter(l.index), columnName: l.label, code: 'COLUMN_HIDDEN', severity: 'warning' as const,
    message: `Kolom ${columnLetter(l.index)} ("${l.label}") di sheet "${sheet.name}" disembunyikan (hidden) di lembar kerja; isinya tetap dibaca${l.field ? ` sebagai ${FIELD_LABELS[l.field]}` : ''}.`,
  }));
}

function applyOverride(head: SheetRow[], o: LayoutOverride): HeaderLayout | null {
  const detected = detectHeader(head);
  const headerRow = o.headerRow ?? detected?.headerRows[0];
  if (headerRow === undefined) return null;
  const hr = head.find((r) => r.row === headerRow);
  const columns = { ...(o.columns ?? detected?.columns ?? {}) };
  const labels = (hr?.cells ?? []).map((c, index) => ({ index, label: cellText(c), field: null as HeaderLayout['labels'][number]['field'] }));
  for (const [f, idx] of Object.entries(columns)) {
    const l = labels.find((x) => x.index === idx);
    if (l) l.field = f as never;
    else labels.push({ index: idx, label: FIELD_LABELS[f as keyof typeof FIELD_LABELS], field: f as never });
  }
  const lastHeaderRow = o.headerRow === undefined && detected ? detected.lastHeaderRow : headerRow;
  return { headerRows: [headerRow], lastHeaderRow, columns, labels };
}

function fillUnits(sheets: SheetState[], defaultUnit: string | null, problems: Problem[]): void {
  for (const s of sheets) {
    const missing = s.rows.filter((r) => r.unit === null);
    if (missing.length === 0) continue;
    const bySheet = !GENERIC_SHEET.test(s.layout.sheet.trim()) ? s.layout.sheet.trim() : null;
    const fallback = bySheet ?? defaultUnit;
    if (s.layout.unitSource === 'none') s.layout.unitSource = bySheet ? 'sheet-name' : defaultUnit ? 'default' : 'none';
    for (const r of missing) {
      if (fallback) r.unit = fallback;
      else {
        r.invalid = true;
        problems.push({
          sheet: r.sheet, row: r.row, column: '', columnName: '', code: 'UNIT_MISSING', severity: 'error', nik: r.nik, name: r.name,
          message: 'Unit kerja (OPD) tidak diketahui: tidak ada kolom Unit Kerja, baris kelompok (mis. "A. DINAS SOSIAL") atau nama sheet yang menunjukkannya. Pilih OPD bawaan saat impor.',
        });
      }
    }
  }
}

function markDuplicates(rows: ParsedRow[], sheets: SheetState[], problems: Problem[]): void {
  const byNik = new Map<string, ParsedRow[]>();
  for (const r of rows) {
    if (r.nik.length !== 16) continue;
    const list = byNik.get(r.nik);
    if (list) list.push(r);
    else byNik.set(r.nik, [r]);
  }
  for (const [nik, list] of byNik) {
    if (list.length < 2) continue;
    for (const r of list) {
      const others = list.filter((o) => o !== r).map((o) => (o.sheet === r.sheet ? `baris ${o.row}` : `sheet "${o.sheet}" baris ${o.row}`));
      const layout = sheets.find((s) => s.layout.sheet === r.sheet)!.layout;
      const col = layout.columns.nik!;
      r.invalid = true;
      problems.push({
        sheet: r.sheet, row: r.row, column: columnLetter(col), columnName: layout.labels.find((l) => l.index === col)?.label ?? 'NIK',
        code: 'NIK_DUPLICATE', severity: 'error', nik, name: r.name,
        message: `NIK ${nik} tercantum lebih dari sekali dalam berkas (juga di ${others.join(', ')}).`,
      });
    }
  }
}
