/**
 * Reads a filled completion workbook (completion-workbook.ts), or any sheet a clerk made with a NIK
 * column and some of the fields to complete: the roster export (NIK, Nama, Nomor KPJ), the branch's
 * registration layout (NIK, NAMA_IBU_KANDUNG, KODE_POS, STATUS_KAWIN...), a list typed by hand. Any of
 * .xlsx/.xls/.ods/.csv through the SK importer's readers (skimport/sheets.ts); the header row is found
 * by its names. Each cell is parsed by the rule the person form uses; a bad cell is a problem naming
 * file, sheet, row and column. Blank and "no data" cells (`-`, `tidak ada`) carry nothing.
 */
import { basename } from 'node:path';
import { SigapError } from '../../../shared/errors';
import { parseNik } from '../../../shared/nik';
import { checkPersonName } from '../../../shared/person-name';
import { CONTACT_PARSERS } from '../../../shared/person-contact';
import { COMPLETION_FIELDS, COMPLETION_LABELS, type CompletionField } from '../../../shared/completion-columns';
import { cellText, columnLetter, isBlank, type Cell, type SheetRow } from '../sheets/cells';
import { matchField, normalizeLabel } from '../skimport/header';
import { openSheets } from '../sheets/workbook';
import { sha256File } from '../skimport/read';
import { isPlaceholder } from '../bpjs/preflight';
import { HIDDEN } from '../../../shared/mask';

type Column = CompletionField | 'nik' | 'name';

export interface CompletionProblem {
  sheet: string;
  /** The spreadsheet's row; 0 for the whole sheet. */
  row: number;
  /** Column letter, '' when not about one cell. */
  column: string;
  /** The column's header as written. */
  columnName: string;
  code: string;
  message: string;
  severity: 'error' | 'warning';
  nik?: string;
}

export interface CompletionRow {
  sheet: string;
  row: number;
  nik: string;
  /** The name written beside the NIK, if the sheet has a name column (checked against the roster). */
  name: string | null;
  /** Parsed values of the non-blank cells, and where each was. */
  values: Partial<Record<CompletionField, { value: string; column: string }>>;
}

export interface CompletionSheet {
  name: string;
  headerRow: number;
  columns: { letter: string; header: string; field: Column }[];
}

export interface CompletionRead {
  file: string;
  sha256: string;
  sheets: CompletionSheet[];
  rows: CompletionRow[];
  problems: CompletionProblem[];
}

const HEADER_SCAN = 40;

/** The completion fields' own names first (`LOKASI PEKERJAAN` is not a position, `KODE POS` not an address). */
const OWN_RULES: [CompletionField, RegExp][] = [
  ['postalCode', /KODE ?POS/],
  ['email', /SUREL|\bE ?MAIL\b/],
  ['maritalStatus', /KAWIN|NIKAH|PERKAWINAN/],
  ['workLocation', /^LOKASI|LOKASI (KERJA|PEKERJAAN)/],
];
/** The SK header's fields that are also completion columns (skimport/header.ts names them). */
const FROM_SK: Partial<Record<string, Column>> = { nik: 'nik', name: 'name', mother: 'motherName', address: 'address', phone: 'phone', kpj: 'kpj' };

export function completionColumnOf(label: string): Column | null {
  const n = normalizeLabel(label);
  if (n === '') return null;
  for (const [f, re] of OWN_RULES) if (re.test(n)) return f;
  const sk = matchField(label);
  return sk ? (FROM_SK[sk] ?? null) : null;
}

/** The first row of the top of a sheet with a NIK column and at least one field to complete. */
interface Header { row: number; columns: CompletionSheet['columns']; index: Map<Column, number> }

function findHeader(head: SheetRow[]): Header | null {
  for (const r of head) {
    const index = new Map<Column, number>();
    const columns: CompletionSheet['columns'] = [];
    r.cells.forEach((c, i) => {
      if (typeof c !== 'string') return;
      const field = completionColumnOf(c);
      if (field && !index.has(field)) {
        index.set(field, i);
        columns.push({ letter: columnLetter(i), header: c.replace(/\s+/g, ' ').trim(), field });
      }
    });
    if (index.has('nik') && COMPLETION_FIELDS.some((f) => index.has(f))) return { row: r.row, columns, index };
  }
  return null;
}

/** Our own writer quote-prefixes formula-like text (xlsx-write.ts): that apostrophe is not the clerk's. */
const unquote = (s: string) => (/^'[=+\-@]/.test(s) ? s.slice(1) : s);

type Parsed = { ok: true; value: string } | { ok: false; message: string };

/** One cell of a field, as the person form would store it. */
export function parseCompletionCell(field: CompletionField, cell: Cell): Parsed | null {
  const raw = unquote(cellText(cell)).replace(/\s+/g, ' ').trim();
  // "disembunyikan" is what a finance or viewer export writes in place of a private value: no data.
  if (raw === '' || isPlaceholder(raw) || raw.toLowerCase() === HIDDEN) return null;
  switch (field) {
    case 'kpj': {
      const digits = raw.replace(/[\s.-]/g, '');
      return /^\d{8,13}$/.test(digits) ? { ok: true, value: digits } : { ok: false, message: `Nomor KPJ "${raw}" harus 8 sampai 13 angka.` };
    }
    case 'motherName': {
      const c = checkPersonName(raw);
      return c.ok ? { ok: true, value: c.name } : { ok: false, message: c.message };
    }
    case 'address':
      return raw.length <= 300 ? { ok: true, value: raw } : { ok: false, message: 'Alamat paling panjang 300 karakter.' };
    case 'phone': {
      // Excel drops a phone's leading zero when the cell is a number (81234567890): put it back.
      const phone = typeof cell === 'number' && /^8\d{8,11}$/.test(raw) ? `0${raw}` : raw;
      return phone.length <= 30 ? { ok: true, value: phone } : { ok: false, message: 'Nomor telepon paling panjang 30 karakter.' };
    }
    default: {
      const p = CONTACT_PARSERS[field](raw);
      if (!p.ok) return p;
      return p.value === null ? null : { ok: true, value: p.value };
    }
  }
}

export interface ReadCompletionOptions {
  label?: string;
  onProgress?: (rowsRead: number) => void;
}

/** Reads every sheet with a completion header; writes nothing. */
export async function readCompletionFile(path: string, opts: ReadCompletionOptions = {}): Promise<CompletionRead> {
  const file = opts.label ?? basename(path);
  const source = openSheets(path, file); // checks the file's kind first, for a clear message
  const sha256 = await sha256File(path);
  const sheets: CompletionSheet[] = [];
  const rows: CompletionRow[] = [];
  const problems: CompletionProblem[] = [];
  let read = 0;
  for await (const sheet of source) {
    const head: SheetRow[] = [];
    // undefined until the top rows are scanned; null when the sheet has no completion header.
    let header: Header | null | undefined;
    const scan = (): Header | null => {
      const h = findHeader(head);
      if (h) for (const r of head) if (r.row > h.row) readRow(r, sheet.name, h, file, rows, problems);
      return h;
    };
    for await (const r of sheet.rows) {
      read++;
      if (opts.onProgress && read % 5000 === 0) opts.onProgress(read);
      if (header === undefined) {
        head.push(r);
        if (head.length === HEADER_SCAN) header = scan();
      } else if (header) readRow(r, sheet.name, header, file, rows, problems);
      // (a sheet without a header is still read to its end: the reader reaches the next sheet after it)
    }
    if (header === undefined) header = scan();
    if (header) sheets.push({ name: sheet.name, headerRow: header.row, columns: header.columns });
  }
  if (sheets.length === 0) {
    const names = COMPLETION_FIELDS.map((f) => COMPLETION_LABELS[f]).join(', ');
    throw new SigapError('NO_HEADER', `Berkas "${file}": tidak ditemukan baris judul kolom dengan NIK dan salah satu kolom data (${names}) pada sheet mana pun.`);
  }
  return { file, sha256, sheets, rows, problems };
}

function readRow(r: SheetRow, sheet: string, header: Header, file: string, rows: CompletionRow[], problems: CompletionProblem[]): void {
  const at = (c: Column) => {
    const i = header.index.get(c);
    return i === undefined ? null : (r.cells[i] ?? null);
  };
  const fields = COMPLETION_FIELDS.filter((f) => header.index.has(f));
  const nikCell = at('nik');
  if (isBlank(nikCell) && fields.every((f) => isBlank(at(f)))) return; // an empty row
  const where = (c: Column) => {
    const col = header.columns.find((x) => x.field === c)!;
    return { sheet, row: r.row, column: col.letter, columnName: col.header, prefix: `Berkas "${file}", sheet "${sheet}", baris ${r.row}, kolom ${col.letter} (${col.header})` };
  };
  if (typeof nikCell === 'number') {
    // As the SK importer says it (skimport/rows.ts): a spreadsheet keeps 15 digits of a number.
    const w = where('nik');
    const digits = Number.isInteger(nikCell) ? BigInt(Math.round(nikCell)).toString() : String(nikCell);
    problems.push({ ...w, code: 'NIK_NUMERIC', severity: 'error', message: `${w.prefix}: NIK ${digits} tersimpan sebagai angka di Excel, sehingga digit terakhirnya sudah hilang (Excel hanya menyimpan 15 digit). Ubah format sel menjadi Teks lalu ketik ulang NIK dari KTP. Baris ini tidak dibaca.` });
    return;
  }
  const nik = parseNik(cellText(nikCell));
  if (!nik.ok) {
    // A title, total or signature row below the list has no NIK and nothing to fill: not a problem.
    if (isBlank(nikCell) && fields.every((f) => parseCompletionCell(f, at(f)) === null)) return;
    const w = where('nik');
    problems.push({ ...w, code: 'NIK_INVALID', severity: 'error', message: `${w.prefix}: ${nik.message} Baris ini tidak dibaca.` });
    return;
  }
  const out: CompletionRow = { sheet, row: r.row, nik: nik.info.nik, name: header.index.has('name') ? cellText(at('name')) || null : null, values: {} };
  for (const f of fields) {
    const p = parseCompletionCell(f, at(f));
    if (p === null) continue;
    const w = where(f);
    if (p.ok) out.values[f] = { value: p.value, column: w.column };
    else problems.push({ ...w, nik: nik.info.nik, code: 'CELL_INVALID', severity: 'error', message: `${w.prefix}: ${p.message}` });
  }
  rows.push(out);
}
