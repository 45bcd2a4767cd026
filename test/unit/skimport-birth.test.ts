import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readAppendix } from '../../electron/core/skimport/read';
import { matchField } from '../../electron/core/skimport/header';
import { fxPersons } from '../fixtures/sk-workbook';
import { tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function sheet(name: string, rows: ExcelJS.CellValue[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dinas Sosial');
  ws.addRow(['DAFTAR TENAGA NON ASN']);
  ws.addRow(['NOMOR : 800/1/KPTS/2026']);
  ws.addRow([]);
  for (const r of rows) ws.addRow(r);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

const [p] = fxPersons(1, ['Dinas Sosial'], 11);
/** The person's birth date as the NIK says, in the forms below. */
const d = p!.birthDate;
const [y, m, day] = d.split('-');
const MEI = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][Number(m) - 1]!;

describe('one cell, two facts: place and date of birth', () => {
  it.each(['TMP/TGL LAHIR', 'TEMPAT, TANGGAL LAHIR', 'TEMPAT/TGL. LAHIR', 'TTL', 'T.T.L', 'TEMPAT & TGL LAHIR', 'TMPT/TGL LHR', 'Tempat, Tgl. Lahir'])('"%s" is the place-and-date column', (label) => {
    expect(matchField(label)).toBe('birth');
  });

  it('keeps one-fact labels apart', () => {
    expect(matchField('TEMPAT LAHIR')).toBe('birthPlace');
    expect(matchField('TGL LAHIR')).toBe('birthDate');
    expect(matchField('TEMPAT TUGAS')).toBe('unit');
  });

  const forms = [
    `Liwa, ${day}-${MEI.slice(0, 3)}-${y}`,
    `LIWA, ${Number(day)} ${MEI.toUpperCase()} ${y}`,
    `Liwa/${day}-${m}-${y}`,
    `Liwa, ${day}/${MEI}/${y}`,
    `Liwa ${day}.${MEI.slice(0, 3)}.${y}`,
  ];
  it.each(forms)('reads "%s" under "TMP/TGL LAHIR" as Liwa and the date, with no warning', async (text) => {
    const path = await sheet('b.xlsx', [['NO', 'NAMA', 'NIK', 'TMP/TGL LAHIR', 'L/P', 'HONOR'], [1, p!.name, p!.nik, text, p!.sex, 1_000_000]]);
    const res = await readAppendix(path, { referenceYear: 2026 });
    expect(res.problems).toEqual([]);
    expect(res.rows[0]).toMatchObject({ birthPlace: 'Liwa', birthDate: d });
  });

  it('reads place and date written into a "TANGGAL LAHIR" column', async () => {
    const path = await sheet('c.xlsx', [['NO', 'NAMA', 'NIK', 'TANGGAL LAHIR', 'HONOR'], [1, p!.name, p!.nik, `Liwa, ${Number(day)} ${MEI} ${y}`, 1_000_000]]);
    const res = await readAppendix(path, { referenceYear: 2026 });
    expect(res.problems).toEqual([]);
    expect(res.rows[0]).toMatchObject({ birthPlace: 'Liwa', birthDate: d });
  });

  it('warns about a date that does not exist without asking for another form', async () => {
    const path = await sheet('d.xlsx', [['NO', 'NAMA', 'NIK', 'TEMPAT, TANGGAL LAHIR', 'HONOR'], [1, p!.name, p!.nik, `Liwa, 31-02-${y}`, 1_000_000], [2, 'Budi', '1804010101900001', 'Liwa', 1_000_000]]);
    const res = await readAppendix(path, { referenceYear: 2026 });
    const warnings = res.problems.filter((x) => x.code === 'BIRTHDATE_INVALID');
    expect(warnings).toHaveLength(2);
    for (const w of warnings) expect(w.message).not.toMatch(/Tulis seperti/);
    expect(warnings[0]!.message).toMatch(/tidak terbaca/);
    expect(warnings[1]!.message).toMatch(/hanya tempat lahir/);
  });
});

describe('pre-numbered empty template rows', () => {
  it('"8.", "9." or 8, 9 in the No column with nothing else are blank rows, not errors', async () => {
    const path = await sheet('t.xlsx', [
      ['NO', 'NAMA', 'NIK', 'TEMPAT LAHIR', 'HONOR'],
      [1, p!.name, p!.nik, 'Liwa', 1_000_000],
      ['2.', null, null, null, null],
      ['3.', '', '', '', '-'],
      [4, null, null, null, 0],
      ['5)', null, null, null, null],
      [6],
      ['7.', null, '-', null, 'Rp -'],
    ]);
    const res = await readAppendix(path, { referenceYear: 2026 });
    expect(res.problems).toEqual([]);
    expect(res.rows).toHaveLength(1);
    expect(res.rows[0]!.unit).toBe('Dinas Sosial');
  });

  it('a numbered row with a name but no NIK is still an error', async () => {
    const path = await sheet('u.xlsx', [['NO', 'NAMA', 'NIK', 'HONOR'], [1, p!.name, p!.nik, 1_000_000], ['2.', 'Budi', null, null]]);
    const res = await readAppendix(path, { referenceYear: 2026 });
    expect(res.problems.filter((x) => x.severity === 'error').map((x) => x.row)).toEqual([6]);
  });
});
