import { basename } from 'node:path';
import { SigapError } from '../errors';
import { cellText, type Cell } from '../sheets/cells';
import { parseRupiahText } from '../../../shared/money';
import { headerKey } from '../../../shared/sipp-layouts';
import { MONTHS_ID, pad2 } from '../../../shared/dates';
import { columnRef, digitsOfCell, findColumns, locate, type ImportProblem } from './import-problems';
import { readTable } from './table-read';

export const PROGRAMS = ['JKK', 'JKM', 'JHT', 'JP'] as const;
export type Program = (typeof PROGRAMS)[number];
export type ProgramAmounts = Record<Program, number>;

export const zeroAmounts = (): ProgramAmounts => ({ JKK: 0, JKM: 0, JHT: 0, JP: 0 });

/** One person's line of the branch's bill detail (several lines of one person are added up). */
export interface BillLine {
  row: number;
  nik: string | null;
  kpj: string | null;
  name: string;
  amounts: ProgramAmounts;
}

export interface BillRead {
  file: string;
  sha256: string;
  sheet: string;
  /** The NPP the title block names (`NPP : 18040012`), or null. */
  npp: string | null;
  /** The contribution month the title block names (`Periode Iuran : Maret 2026`), or null. */
  period: string | null;
  /** PU unless the title says Bukan Penerima Upah / BPU: a bill is per NPP and segment. */
  segment: 'PU' | 'BPU';
  /** Programs the bill has columns for. */
  programs: Program[];
  lines: BillLine[];
  warnings: ImportProblem[];
}

const ID_COLUMNS = {
  // `N I K` is how the classic Formulir 2a spaces it.
  nik: ['NIK', 'N_I_K', 'NO_KTP', 'NOMOR_IDENTITAS', 'NO_IDENTITAS'],
  kpj: ['KPJ', 'NO_KPJ', 'NOMOR_KPJ', 'NO_PESERTA', 'NOMOR_PESERTA'],
  name: ['NAMA', 'NAMA_LENGKAP', 'NAMA_TK', 'NAMA_PESERTA', 'NAMA_TENAGA_KERJA'],
  month: ['BLTH', 'BULAN_TAHUN', 'PERIODE', 'BLN_THN', 'BULAN_IURAN', 'PERIODE_IURAN'],
} as const;

/**
 * Words that mark a column as something other than an amount of iuran, though it names a program:
 * totals, wages and bases (`UPAH`, `DASAR JP`), the risk class (`KELAS JKK`), rates (`TARIF_JKK`,
 * `PERSEN JKM`, `RATE JHT`, `JKK (%)`) and fines. Such columns are never read as money.
 */
const NOT_AMOUNT_WORDS = new Set([
  'TOTAL', 'JUMLAH', 'UPAH', 'GAJI', 'DENDA', 'KELAS', 'KLS', 'DASAR', 'BASIS', 'TARIF', 'PERSEN', 'PERSENTASE', 'PROSEN',
  'PROSENTASE', 'PCT', 'RATE', 'RATES', 'PERSENAN',
]);

/**
 * The program a column holds: a header naming exactly one program (`JKK`, `IURAN_JKK`, `JHT_TK`,
 * `JP PEMBERI KERJA`) and none of NOT_AMOUNT_WORDS nor a `%`. Employer and worker columns of a
 * program are added up. Every value in a program column must be whole rupiah (see amountOfCell).
 */
export function programOf(header: string): Program | null {
  // Formulir 2a writes the rate into an amount's header: `Iuran JKK 0.24%`, `Iuran JHT PRSH 3.7%`.
  const h = /\biuran\b/i.test(header) ? header.replace(/\s*\d+(?:[.,]\d+)?\s*%\s*$/, '') : header;
  if (h.includes('%')) return null;
  const words = headerKey(h).split('_');
  if (words.some((w) => NOT_AMOUNT_WORDS.has(w))) return null;
  const found = PROGRAMS.filter((p) => words.includes(p));
  return found.length === 1 ? found[0]! : null;
}

function isBillHeader(headers: string[]): boolean {
  const ids = findColumns(headers, ID_COLUMNS);
  return (ids.nik !== undefined || ids.kpj !== undefined) && headers.some((h) => programOf(h) !== null);
}

/** A month cell as `YYYY-MM`: `01-2026`, `012026`, `2026-01`, `Januari 2026` or a date. */
function monthOfCell(c: Cell): string | null {
  if (c !== null && typeof c === 'object') return c.iso.slice(0, 7);
  const t = cellText(c).replace(/\s+/g, ' ');
  let m = /^(\d{1,2})[-/ .]?(\d{4})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${m[2]}-${pad2(Number(m[1]))}`;
  m = /^(\d{4})[-/](\d{1,2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${pad2(Number(m[2]))}`;
  m = /^([A-Za-z]+) (\d{4})$/.exec(t);
  const idx = m ? MONTHS_ID.findIndex((n) => n.toLowerCase() === m![1]!.toLowerCase()) : -1;
  return idx >= 0 ? `${m![2]}-${pad2(idx + 1)}` : null;
}

/** The row of column numbers printed forms carry under the header (1, 2, 3, ...). */
function isColumnNumbers(cells: Cell[]): boolean {
  const filled = cells.map((c, i) => [cellText(c), i] as const).filter(([t]) => t !== '');
  return filled.length >= 3 && filled.every(([t, i]) => t === String(i + 1));
}

/** NPP, period and segment from a bill's title block (`NPP : 18040012`, `Periode Iuran : Maret 2026`). */
function titleFacts(lines: string[]): { npp: string | null; period: string | null; segment: 'PU' | 'BPU' | null } {
  let npp: string | null = null;
  let period: string | null = null;
  let segment: 'PU' | 'BPU' | null = null;
  for (const l of lines) {
    const n = /\bNPP\b\s*[:.]?\s*([\d][\d.\s-]{6,}\d)/i.exec(l);
    if (n && !npp) npp = n[1]!.replace(/[\s.-]/g, '');
    const m = /\b(?:periode(?:\s+iuran)?|bulan(?:\s+iuran)?|blth)\b\s*[:.]?\s*(.+)$/i.exec(l);
    if (m && !period) period = monthOfCell(m[1]!.trim());
    if (/bukan\s+penerima\s+upah|\bBPU\b/i.test(l)) segment = 'BPU';
    else if (!segment && /penerima\s+upah|\bPU\b/i.test(l)) segment = 'PU';
  }
  return { npp, period, segment };
}

function amountOfCell(c: Cell): number | null {
  if (c === null) return 0;
  if (typeof c === 'number') return Number.isSafeInteger(c) ? c : null;
  if (typeof c !== 'string') return null;
  const t = c.trim();
  if (t === '' || t === '-') return 0;
  const negative = /^-|^\(.*\)$/.test(t);
  const n = parseRupiahText(t.replace(/^-|^\(|\)$/g, ''));
  return n === null ? null : negative ? -n : n;
}

/**
 * Reads the branch's bill detail for a month. Every row must be readable and of that month; otherwise
 * nothing is compared and the rows at fault are named (file, sheet, row, column).
 */
export async function readBill(path: string, month: string): Promise<BillRead> {
  const label = basename(path);
  const t = await readTable(path, isBillHeader, 'dengan NIK atau KPJ dan iuran per program (JKK, JKM, JHT, JP)', label);
  const title = titleFacts(t.titleRows);
  if (title.period !== null && title.period !== month) {
    throw new SigapError('INVALID_INPUT', `Berkas "${label}": judul tagihan menyebut bulan ${title.period}, bukan ${month}. Pilih rincian tagihan bulan ${month}.`);
  }
  const ids = findColumns(t.headers, ID_COLUMNS);
  const programCols = t.headers.map((h, i) => ({ i, p: programOf(h) })).filter((x): x is { i: number; p: Program } => x.p !== null);
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const lines: BillLine[] = [];
  const at = (row: number, index: number | undefined) => ({ sheet: t.sheet, row, ...(index === undefined ? { column: '', columnName: '' } : columnRef(t.headers, index)) });
  for (const r of t.rows) {
    const cell = (i: number | undefined): Cell => (i === undefined ? null : (r.cells[i] ?? null));
    if (r.cells.every((c) => cellText(c) === '') || isColumnNumbers(r.cells)) continue;
    const name = cellText(cell(ids.name));
    const nikCell = cell(ids.nik);
    let nik = typeof nikCell === 'number' ? null : digitsOfCell(nikCell);
    const kpj = digitsOfCell(cell(ids.kpj));
    if (nik === null && kpj === null) {
      // The JUMLAH / TOTAL row under the detail carries no person.
      if (r.cells.some((c) => /^(JUMLAH|TOTAL|GRAND TOTAL)\b/i.test(cellText(c)))) continue;
      errors.push({ ...at(r.row, ids.nik ?? ids.kpj), code: typeof nikCell === 'number' ? 'NIK_NUMERIC' : 'ID_MISSING', message: typeof nikCell === 'number' ? 'NIK tersimpan sebagai angka (digit terakhir bisa hilang) dan tidak ada KPJ untuk mencocokkan.' : 'Baris tanpa NIK maupun KPJ.', name });
      continue;
    }
    if (typeof nikCell === 'number') {
      warnings.push({ ...at(r.row, ids.nik), code: 'NIK_NUMERIC', message: 'NIK tersimpan sebagai angka (digit terakhir bisa hilang); dicocokkan dengan KPJ.', name });
    } else if (nik !== null && !/^\d{16}$/.test(nik)) {
      errors.push({ ...at(r.row, ids.nik), code: 'NIK_FORMAT', message: `NIK harus 16 angka, tertulis "${cellText(nikCell)}".`, name });
      nik = null;
      continue;
    }
    if (ids.month !== undefined && cellText(cell(ids.month)) !== '') {
      const m = monthOfCell(cell(ids.month));
      if (m !== month) {
        errors.push({ ...at(r.row, ids.month), code: 'MONTH_MISMATCH', message: m ? `Baris untuk bulan ${m}, bukan ${month}.` : `Bulan iuran "${cellText(cell(ids.month))}" tidak terbaca; tulis mm-yyyy.`, name });
        continue;
      }
    }
    const amounts = zeroAmounts();
    let bad = false;
    for (const { i, p } of programCols) {
      const v = amountOfCell(cell(i));
      if (v === null) {
        errors.push({ ...at(r.row, i), code: 'AMOUNT_INVALID', message: `Iuran "${cellText(cell(i))}" bukan jumlah rupiah bulat.`, name });
        bad = true;
      } else amounts[p] += v;
    }
    if (!bad) lines.push({ row: r.row, nik, kpj, name, amounts });
  }
  if (errors.length > 0) {
    const first = errors.slice(0, 5).map((p) => locate(label, p)).join(' ');
    throw new SigapError('IMPORT_INVALID_ROWS', `${errors.length} baris tagihan bermasalah; rekonsiliasi tidak dijalankan. ${first}${errors.length > 5 ? ' ...' : ''}`);
  }
  if (lines.length === 0) throw new SigapError('FILE_EMPTY', `Berkas "${label}": tidak ada baris tagihan di bawah judul kolom.`);
  return { file: label, sha256: t.sha256, sheet: t.sheet, npp: title.npp, period: title.period, segment: title.segment ?? 'PU', programs: PROGRAMS.filter((p) => programCols.some((c) => c.p === p)), lines, warnings };
}
