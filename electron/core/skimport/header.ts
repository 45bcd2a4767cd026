import { cellText, isBlank, type Cell, type SheetRow } from '../sheets/cells';
import { SK_FIELDS, SK_FIELD_LABELS, type SkField } from '../../../shared/sk-fields';

/** The columns an SK appendix can have, and their Indonesian labels (shared/sk-fields.ts). */
export const FIELDS = SK_FIELDS;
export type Field = SkField;
export const FIELD_LABELS = SK_FIELD_LABELS;

/** Order matters: the more specific words first (`NAMA IBU KANDUNG` before `NAMA`). */
const RULES: [Field, RegExp][] = [
  ['mother', /IBU KANDUNG|NAMA IBU/],
  ['kpj', /\bKPJ\b|NO(MOR)? PESERTA|NOMOR KARTU/],
  ['nik', /\bNIK\b|\bN I K\b|NO(MOR)? KTP|INDUK KEPENDUDUKAN|\bE KTP\b/],
  // One cell, two facts: `TEMPAT/TGL LAHIR`, `TMP/TGL LAHIR`, `TEMPAT, TANGGAL LAHIR`, `TTL`, `T.T.L`.
  ['birth', /\b(TEMPAT|TEMPT|TMP|TMPT|TPT)\b.*\b(TGL|TANGGAL|TANGAL|TG)\b.*\b(LAHIR|LHR)\b|^T ?T ?L$|\bTTL\b/],
  ['birthPlace', /^TEMPAT( LAHIR)?$/],
  ['birthDate', /(TGL|TANGGAL|TANGAL) ?(LAHIR|LHR)|^TANGGAL$|^TGL$|^LAHIR$/],
  ['sex', /^L ?P$|JENIS KELAMIN|^JK$|KELAMIN|^L P$|^P L$/],
  ['unit', /UNIT KERJA|\bOPD\b|\bSKPD\b|INSTANSI|PERANGKAT DAERAH|SATUAN KERJA|TEMPAT TUGAS|PENEMPATAN|UNIT ORGANISASI/],
  ['village', /^(NAMA )?(DESA|PEKON|KELURAHAN|KAMPUNG|NAGARI|GAMPONG)( KELURAHAN| PEKON)?$/],
  ['name', /^NAMA\b|^NAMA$/],
  ['no', /^NO( URUT)?$|^NOMOR( URUT)?$/],
  ['education', /PENDIDIKAN|IJAZAH/],
  ['position', /JABATAN|TUGAS|POSISI|PEKERJAAN|FORMASI/],
  ['honor', /HONOR|GAJI|UPAH|PENGHASILAN|INSENTIF|BESARAN|PENDAPATAN/],
  ['tmt', /^TMT|TERHITUNG/],
  ['note', /KETERANGAN|^KET$/],
  ['address', /ALAMAT|DOMISILI/],
  ['phone', /TELEPON|TELP|\bHP\b|HANDPHONE|\bWA\b|PONSEL/],
];

export function normalizeLabel(s: string): string {
  return s.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function matchField(label: string): Field | null {
  const n = normalizeLabel(label);
  if (n === '') return null;
  for (const [f, re] of RULES) if (re.test(n)) return f;
  return null;
}

export interface HeaderLayout {
  /** Row numbers (1-based) of the header rows, one or two. */
  headerRows: number[];
  /** The last row that is not data (header, sub-header or the row of column numbers). */
  lastHeaderRow: number;
  /** Field -> 0-based column index. */
  columns: Partial<Record<Field, number>>;
  /** Every header column's label as written (for the wizard and for unknown-column notes). */
  labels: { index: number; label: string; field: Field | null }[];
}

/**
 * A row of the decree's title block (`TENTANG : PENETAPAN TENAGA HONORER ...`, `NOMOR | : | B/1/2026`,
 * `DAFTAR NAMA TENAGA HONORER ...`): its words can name columns (HONOR, NAMA) but it is never a header.
 */
function isTitleRow(cells: Cell[], asSubHeader = false): boolean {
  const texts = cells.filter((c) => typeof c === 'string' && c.trim() !== '').map((c) => (c as string).replace(/\s+/g, ' ').trim());
  // One line of text across the sheet is a title, never a header (a sub-header may have one label).
  if (texts.length < 2 && !asSubHeader) return true;
  if (texts.some((t) => t === ':' || /^(NOMOR|TANGGAL|TMT)\s*:/i.test(t))) return true;
  return texts.some((t) => /^(TENTANG|KEPUTUSAN|LAMPIRAN|DAFTAR|PENETAPAN|PENGANGKATAN)\b/i.test(t));
}

function labelsOf(cells: Cell[]): string[] {
  return cells.map((c) => (typeof c === 'string' ? c.replace(/\s+/g, ' ').trim() : ''));
}

function assign(labels: { index: number; label: string; subLabel?: string }[]): HeaderLayout['labels'] {
  const taken = new Set<Field>();
  return labels.map(({ index, label, subLabel }) => {
    let f = subLabel ? matchField(subLabel) : null;
    if (!f) f = matchField(label);
    // A merged "TEMPAT/TGL LAHIR" over two sub-columns: the sub-labels decide.
    if (f === 'birth' && subLabel) f = matchField(subLabel) ?? f;
    if (f && taken.has(f)) f = null;
    if (f) taken.add(f);
    return { index, label: subLabel ? `${label} ${subLabel}`.trim() : label, field: f };
  });
}

function fieldCount(cells: Cell[]): Set<Field> {
  const s = new Set<Field>();
  for (const l of labelsOf(cells)) {
    const f = matchField(l);
    if (f) s.add(f);
  }
  return s;
}

function isNumberRow(cells: Cell[]): boolean {
  const vals = cells.filter((c) => !isBlank(c)).map((c) => Number(cellText(c).replace(/[()]/g, '')));
  if (vals.length < 3 || vals.some((v) => !Number.isInteger(v) || v < 0 || v > 60)) return false;
  return vals.every((v, i) => i === 0 || v > vals[i - 1]!);
}

function looksLikeData(cells: Cell[]): boolean {
  return cells.some((c) => (typeof c === 'number' && c > 1e14) || (typeof c === 'string' && /\d{12,}/.test(c.replace(/\D/g, ''))));
}

/** A row under the header whose cells are (nearly) all column labels, not a person. */
function isSubHeader(cells: Cell[]): boolean {
  if (looksLikeData(cells) || isNumberRow(cells)) return false;
  const labels = labelsOf(cells).filter((l) => l !== '');
  if (labels.length === 0 || cells.some((c) => typeof c === 'number' || (typeof c === 'object' && c !== null))) return false;
  return labels.filter((l) => matchField(l) !== null).length >= Math.ceil(labels.length * 0.6);
}

/**
 * Finds the header among the first rows of a sheet: the first row naming at least a name and one other
 * known column, merged with a sub-header row below it (two-row headers), and skipping a row of column
 * numbers (`1 2 3 ...`) under it.
 */
export function detectHeader(rows: SheetRow[]): HeaderLayout | null {
  for (let i = 0; i < rows.length; i++) {
    const top = rows[i]!;
    if (isTitleRow(top.cells)) continue;
    const found = fieldCount(top.cells);
    const next = rows[i + 1];
    const nextFound = next && !isTitleRow(next.cells, true) && isSubHeader(next.cells) ? fieldCount(next.cells) : new Set<Field>();
    const union = new Set([...found, ...nextFound]);
    if (!union.has('name') || union.size < 2 || found.size === 0) continue;
    const topLabels = labelsOf(top.cells);
    let layoutLabels: HeaderLayout['labels'];
    const headerRows = [top.row];
    let last = i;
    if (next && nextFound.size > 0) {
      headerRows.push(next.row);
      last = i + 1;
      const subLabels = labelsOf(next.cells);
      const width = Math.max(topLabels.length, subLabels.length);
      const merged: { index: number; label: string; subLabel?: string }[] = [];
      let carry = '';
      for (let c = 0; c < width; c++) {
        const t = topLabels[c] ?? '';
        const s = subLabels[c] ?? '';
        if (t !== '') carry = t;
        // A blank top cell above a sub-label is the rest of a merged top cell.
        const label = t !== '' ? t : s !== '' ? carry : '';
        if (label === '' && s === '') continue;
        merged.push(s !== '' ? { index: c, label, subLabel: s } : { index: c, label });
      }
      layoutLabels = assign(merged);
    } else {
      layoutLabels = assign(topLabels.map((label, index) => ({ index, label })).filter((l) => l.label !== ''));
    }
    const after = rows[last + 1];
    if (after && isNumberRow(after.cells)) last += 1;
    const columns: Partial<Record<Field, number>> = {};
    for (const l of layoutLabels) if (l.field) columns[l.field] = l.index;
    return { headerRows, lastHeaderRow: rows[last]!.row, columns, labels: layoutLabels };
  }
  return null;
}
