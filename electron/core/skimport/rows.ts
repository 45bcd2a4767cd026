import { parseNik, nikBirthDate } from '../../../shared/nik';
import { parseDateText, formatDateId, excelSerialToIso } from '../../../shared/dates';
import { parseRupiahText } from '../../../shared/money';
import { parseBirthCell, parseSex, stripListPrefix, tidyName, titleCase } from '../../../shared/person-fields';
import { checkPersonName } from '../../../shared/person-name';
import { cellText, columnLetter, isBlank, isDate, type Cell, type SheetRow } from '../sheets/cells';
import type { Field } from './header';
import type { ParsedRow, Problem, Severity } from './types';

export type RowKind = 'blank' | 'total' | 'signature' | 'group' | 'data';

const TOTAL = /^(JUMLAH|TOTAL|SUB\s*TOTAL|GRAND\s*TOTAL)\b/i;
const SIGNATURE = /^(DITETAPKAN|DIKELUARKAN|PADA TANGGAL|BUPATI|WALI\s?KOTA|GUBERNUR|SEKRETARIS DAERAH|A\.\s?N\.?\s|AN\.\s|NIP[.\s:]|PLT\.?\s|PJ\.?\s|PENJABAT)/i;

/** What a template leaves in an unused row's cells: a dash, a zero, `Rp -`. */
const EMPTY_MARK = /^(-+|0|Rp\.?\s*-*)$/i;

/** Sorts a row under the header into data, an OPD group row, a total, the signature block or blank. */
export function classifyRow(cells: Cell[], columns: Partial<Record<Field, number>>): RowKind {
  const filled = cells.map((c, i) => ({ c, i })).filter(({ c }) => !isBlank(c));
  if (filled.length === 0) return 'blank';
  const nikBlank = columns.nik === undefined || isBlank(cells[columns.nik] ?? null);
  // A pre-numbered empty template row ("8." or 8 in the No column, perhaps a dash or 0 elsewhere);
  // a row with a NIK never is one, so the common row skips the check.
  const noCol = columns.no ?? filled[0]!.i;
  const nikCell = columns.nik === undefined ? null : (cells[columns.nik] ?? null);
  const maybeTemplate = nikBlank || EMPTY_MARK.test(cellText(nikCell));
  if (maybeTemplate && filled.every(({ c, i }) => (i === noCol && /^\d{1,5}[.)]?$/.test(cellText(c))) || EMPTY_MARK.test(cellText(c)))) return 'blank';
  const texts = filled.map(({ c }) => cellText(c));
  if (texts.some((t) => TOTAL.test(t))) return 'total';
  if (nikBlank && texts.some((t) => SIGNATURE.test(t))) return 'signature';
  const distinct = new Set(texts);
  if (nikBlank && distinct.size === 1 && typeof filled[0]!.c === 'string' && !/^\d+$/.test(texts[0]!)) return 'group';
  // `A. DINAS SOSIAL` with its letter in the No column and the name in the next.
  if (nikBlank && filled.length === 2 && /^([A-Z]|[IVXL]+)\.?$/.test(texts[0]!) && columns.honor !== undefined && isBlank(cells[columns.honor] ?? null)) {
    return 'group';
  }
  return 'data';
}

export function groupName(cells: Cell[]): string {
  const texts = cells.filter((c) => !isBlank(c)).map(cellText);
  return stripListPrefix(texts[texts.length - 1]!);
}

interface RowContext {
  sheet: string;
  columns: Partial<Record<Field, number>>;
  labels: Map<number, string>;
  unit: string | null;
  referenceYear: number;
  problems: Problem[];
}

/** Reads one data row into a person, adding its problems. */
export function parseDataRow(r: SheetRow, cx: RowContext): ParsedRow {
  const { columns, cells } = { columns: cx.columns, cells: r.cells };
  const get = (f: Field): Cell => (columns[f] === undefined ? null : (cells[columns[f]!] ?? null));
  const text = (f: Field): string | null => {
    const t = cellText(get(f)).replace(/\s+/g, ' ').trim();
    return t === '' ? null : t;
  };
  let invalid = false;
  const nameText = text('name') ? tidyName(text('name')!) : '';
  const add = (f: Field | null, code: string, message: string, severity: Severity, nik?: string): void => {
    const idx = f === null ? undefined : columns[f];
    cx.problems.push({
      sheet: cx.sheet,
      row: r.row,
      column: idx === undefined ? '' : columnLetter(idx),
      columnName: idx === undefined ? '' : (cx.labels.get(idx) ?? ''),
      code,
      message,
      severity,
      ...(nik ? { nik } : {}),
      ...(nameText ? { name: nameText } : {}),
    });
    if (severity === 'error') invalid = true;
  };

  // NIK
  const nikCell = get('nik');
  let nik = '';
  let nikInfo: ReturnType<typeof parseNik> | null = null;
  if (typeof nikCell === 'number') {
    nik = Number.isInteger(nikCell) ? BigInt(Math.round(nikCell)).toString() : String(nikCell);
    add('nik', 'NIK_NUMERIC',
      `NIK ${nik} tersimpan sebagai angka di Excel, sehingga digit terakhirnya sudah hilang (Excel hanya menyimpan 15 digit). Ubah format sel menjadi Teks lalu ketik ulang NIK dari KTP.`,
      'error', nik);
  } else {
    nikInfo = parseNik(cellText(nikCell));
    nik = nikInfo.ok ? nikInfo.info.nik : nikInfo.nik;
    if (!nikInfo.ok) add('nik', nikInfo.code, nikInfo.message, 'error', nik || undefined);
  }

  if (nameText === '') add('name', 'NAME_EMPTY', 'Nama kosong.', 'error', nik || undefined);
  else {
    // The same rule as a name typed by hand (shared/person-name.ts), on the cell before white space is tidied.
    const checked = checkPersonName(cellText(get('name')));
    if (!checked.ok) add('name', 'NAME_INVALID', checked.message, 'error', nik || undefined);
  }

  // Birth place and date: one cell or two.
  let birthPlace: string | null = null;
  let birthDate: string | null = null;
  if (columns.birth !== undefined) {
    const c = get('birth');
    if (isDate(c)) birthDate = c.iso;
    else if (!isBlank(c)) {
      const b = birthOf(cellText(c));
      birthPlace = b.place;
      birthDate = b.date;
      if (!b.date) add('birth', 'BIRTHDATE_INVALID', birthDateMissing(cellText(c)), 'warning', nik);
    }
  }
  if (columns.birthPlace !== undefined && text('birthPlace')) {
    const p = text('birthPlace')!;
    birthPlace = p === p.toUpperCase() ? titleCase(p) : p;
  }
  if (columns.birthDate !== undefined) {
    const c = get('birthDate');
    const d = dateOf(c);
    // A place written in the date column too ("Liwa, 12-05-1990") is read as both.
    const both = d || isBlank(c) ? null : birthOf(cellText(c));
    if (d) birthDate = d;
    else if (both?.date) {
      birthDate = both.date;
      birthPlace ??= both.place;
    } else if (!isBlank(c)) add('birthDate', 'BIRTHDATE_INVALID', birthDateMissing(cellText(c)), 'warning', nik);
  }

  if (birthDate) {
    const age = cx.referenceYear - Number(birthDate.slice(0, 4));
    if (age < 14 || age > 100) {
      add(columns.birth !== undefined ? 'birth' : 'birthDate', 'BIRTHDATE_IMPLAUSIBLE', `Tanggal lahir ${formatDateId(birthDate)} memberi umur ${age} tahun; periksa kembali.`, 'warning', nik);
    }
  }

  // Sex
  let sex: 'L' | 'P' | null = null;
  const sexText = text('sex');
  if (sexText) {
    sex = parseSex(sexText);
    if (!sex) add('sex', 'SEX_INVALID', `Jenis kelamin "${sexText}" tidak dikenal; tulis L atau P.`, 'warning', nik);
  }
  if (nikInfo?.ok) {
    const fromNik = nikInfo.info.sex;
    if (sex && sex !== fromNik) {
      add('sex', 'SEX_MISMATCH', `Jenis kelamin ${sex} berbeda dengan NIK (${fromNik === 'P' ? 'perempuan' : 'laki-laki'}).`, 'warning', nik);
    }
    sex ??= fromNik;
    const nikDate = nikBirthDate(nikInfo.info, cx.referenceYear);
    if (birthDate && birthDate.slice(5) !== nikDate.slice(5)) {
      add(columns.birth !== undefined ? 'birth' : 'birthDate', 'BIRTHDATE_MISMATCH',
        `Tanggal lahir ${formatDateId(birthDate)} berbeda dengan tanggal dalam NIK (${Number(nikDate.slice(8))}-${nikDate.slice(5, 7)}-${nikDate.slice(2, 4)}).`, 'warning', nik);
    } else if (birthDate && birthDate.slice(2, 4) !== nikDate.slice(2, 4)) {
      add(columns.birth !== undefined ? 'birth' : 'birthDate', 'BIRTHDATE_MISMATCH',
        `Tahun lahir ${birthDate.slice(0, 4)} berbeda dengan tahun dalam NIK (${nikDate.slice(2, 4)}).`, 'warning', nik);
    }
    birthDate ??= nikDate;
  }

  // Honor
  let honor: number | null = null;
  const hc = get('honor');
  if (typeof hc === 'number') {
    if (hc < 0 || !Number.isFinite(hc)) add('honor', 'HONOR_INVALID', `Honor ${hc} tidak sah.`, 'error', nik);
    else honor = Math.round(hc);
  } else if (!isBlank(hc)) {
    honor = parseRupiahText(cellText(hc));
    if (honor === null) add('honor', 'HONOR_INVALID', `Honor "${cellText(hc)}" bukan jumlah rupiah. Tulis seperti 1.500.000.`, 'error', nik);
  }

  let tmt: string | null = null;
  if (columns.tmt !== undefined && !isBlank(get('tmt'))) {
    tmt = dateOf(get('tmt'));
    if (!tmt) add('tmt', 'TMT_INVALID', `TMT "${cellText(get('tmt'))}" bukan tanggal. Tulis seperti 01-01-2026.`, 'error', nik);
  }

  // Null here means "not in the row"; the reader falls back to the sheet name or a default.
  const unit = text('unit') ? stripListPrefix(text('unit')!) : text('village') ? stripListPrefix(text('village')!) : cx.unit;

  const kpjText = text('kpj')?.replace(/\D/g, '') ?? null;
  if (kpjText !== null && (kpjText.length < 8 || kpjText.length > 13)) {
    add('kpj', 'KPJ_FORMAT', `Nomor KPJ "${text('kpj')}" harus 8 sampai 13 angka.`, 'warning', nik);
  }

  return {
    sheet: cx.sheet,
    row: r.row,
    nik,
    name: nameText,
    birthPlace,
    birthDate,
    sex,
    education: text('education'),
    position: text('position'),
    unit,
    honor,
    tmt,
    note: text('note'),
    address: text('address'),
    phone: text('phone'),
    mother: text('mother'),
    kpj: kpjText && kpjText.length >= 8 && kpjText.length <= 13 ? kpjText : null,
    invalid,
  };
}

function dateOf(c: Cell): string | null {
  if (isDate(c)) return c.iso;
  // A date serial in a cell without a date format (1927..2118).
  if (typeof c === 'number') return c > 10000 && c < 80000 ? excelSerialToIso(c) : null;
  return isBlank(c) ? null : parseDateText(cellText(c));
}

/**
 * Place and date of birth in one cell, in the forms clerks write: `Liwa, 12-05-1990`, `LIWA, 12 MEI 1970`,
 * `Liwa/12-05-1970`, and the ones the shared parser does not take: `Liwa, 12/Mei/1970`, `Liwa 12.Mei.70`.
 */
export function birthOf(text: string): { place: string | null; date: string | null } {
  const b = parseBirthCell(text);
  if (b.date) return b;
  const m = /^(.*?)[\s,/;:-]*(\d{1,2})[\s\-/.]*(\p{L}+)\.?[\s\-/.,]*(\d{4}|\d{2})\s*$/u.exec(text.trim());
  const date = m ? parseDateText(`${m[2]} ${m[3]} ${m[4]}`) : null;
  if (!m || !date) return b;
  const place = m[1]!.replace(/[\s,/;:-]+$/, '').trim();
  return { place: place === '' ? null : place === place.toUpperCase() ? titleCase(place) : place, date };
}

/** Why no birth date came out of a cell, without asking the clerk to rewrite a form the importer reads. */
function birthDateMissing(text: string): string {
  if (!/\d/.test(text)) return `Tanggal lahir tidak ada dalam "${text}" (hanya tempat lahir); tanggal dari NIK dipakai bila NIK sah.`;
  return `Tanggal lahir dalam "${text}" tidak terbaca: bukan tanggal yang ada di kalender, atau tahunnya tidak lengkap. Periksa tanggalnya dengan KTP.`;
}
