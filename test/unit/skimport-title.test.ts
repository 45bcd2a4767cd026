import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readAppendix } from '../../electron/core/skimport/read';
import { detectHeader } from '../../electron/core/skimport/header';
import { titleOf } from '../../electron/core/skimport/title';
import type { SheetRow } from '../../electron/core/sheets/cells';
import { fxPersons, dmy, type FxPerson } from '../fixtures/sk-workbook';
import { tempDir, testContext } from '../helpers';
import { previewImport } from '../../electron/core/skimport/preview';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

type Row = ExcelJS.CellValue[];
const HEADER: Row = ['NO', 'NAMA', 'NIK', 'TEMPAT LAHIR', 'TANGGAL LAHIR', 'L/P', 'JABATAN', 'UNIT KERJA', 'HONOR'];
const personRow = (p: FxPerson, i: number): Row => [i + 1, p.name, p.nik, p.birthPlace, dmy(p.birthDate), p.sex, p.position, p.unit, p.honor];

/** A workbook of sheets, each its title rows, then the header and the persons. */
async function book(name: string, sheets: { name: string; title: Row[]; persons: FxPerson[] }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.title) ws.addRow(r);
    ws.addRow(HEADER);
    s.persons.forEach((p, i) => ws.addRow(personRow(p, i)));
  }
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

const rows = (lines: (string | null)[][]): SheetRow[] => lines.map((cells, i) => ({ row: i + 1, cells }));

describe('the decree in the title rows', () => {
  it('finds the number inside "KEPUTUSAN BUPATI ... NOMOR : ..." and the date in "TANGGAL : 2 MARET 2026"', async () => {
    const path = await book('a.xlsx', [{
      name: 'Lampiran',
      title: [['LAMPIRAN KEPUTUSAN BUPATI LAMPUNG BARAT NOMOR : B/123/KPTS/III.05/2026'], ['TANGGAL : 2 MARET 2026'], ['TENTANG : PENETAPAN TENAGA HONORER'], []],
      persons: fxPersons(2, ['Dinas Sosial']),
    }]);
    const res = await readAppendix(path, { referenceYear: 2026 });
    expect(res.title).toMatchObject({ number: 'B/123/KPTS/III.05/2026', date: '2026-03-02', signatory: 'BUPATI LAMPUNG BARAT', subject: 'PENETAPAN TENAGA HONORER' });
    expect(res.rows).toHaveLength(2);
  });

  it('reads "NOMOR" and ": B/123/..." split over cells, with empty cells between', async () => {
    const path = await book('b.xlsx', [{
      name: 'Lampiran',
      title: [['KEPUTUSAN BUPATI LAMPUNG BARAT'], ['NOMOR', null, null, ': B/123/KPTS/III.05/2026'], ['TANGGAL', null, ':', '2 Maret 2026'], []],
      persons: fxPersons(2, ['Dinas Sosial']),
    }]);
    const res = await readAppendix(path, { referenceYear: 2026 });
    expect(res.title).toMatchObject({ number: 'B/123/KPTS/III.05/2026', date: '2026-03-02' });
  });

  it('takes the number and date from a later sheet when the first sheet has none', async () => {
    const path = await book('c.xlsx', [
      { name: 'Dinas Sosial', title: [['DAFTAR TENAGA NON ASN'], []], persons: fxPersons(2, ['Dinas Sosial'], 3) },
      { name: 'Inspektorat', title: [['LAMPIRAN II KEPUTUSAN BUPATI LAMPUNG BARAT'], ['NOMOR', ':', '800/ 45 /KPTS/2026'], ['TANGGAL', ':', '05-01-2026']], persons: fxPersons(2, ['Inspektorat'], 4, 600_000) },
    ]);
    const res = await readAppendix(path, { referenceYear: 2026 });
    expect(res.title).toMatchObject({ number: '800/45/KPTS/2026', date: '2026-01-05' });
    expect(res.rows).toHaveLength(4);
  });

  it('tells the TMT ("TERHITUNG MULAI TANGGAL") from the decree date', () => {
    const t = titleOf(rows([['NOMOR : 1/KPTS/2026'], ['TERHITUNG MULAI TANGGAL 1 JANUARI 2026']]));
    expect(t).toMatchObject({ number: '1/KPTS/2026', tmt: '2026-01-01', date: null });
  });

  it('a "TENTANG ... HONORER ..." title that wraps over rows is never taken as the header', () => {
    const head = rows([
      ['LAMPIRAN KEPUTUSAN BUPATI LAMPUNG BARAT'],
      ['TENTANG', ':', 'PENETAPAN HONORARIUM TENAGA HONORER'],
      ['NAMA-NAMA TENAGA HONORER'],
      [],
      ['NO', 'NAMA', 'NIK', 'JABATAN', 'HONOR'],
      ['1', 'Ahmad', '1804010101900001', 'Staf', '1000000'],
    ]);
    expect(detectHeader(head)?.headerRows).toEqual([5]);
    // One text over the whole row, such as "TENTANG PENGANGKATAN TENAGA HONORER", is a title too.
    const one = rows([['TENTANG PENGANGKATAN TENAGA HONORER'], ['NAMA PEGAWAI', 'NIK', 'HONOR'], ['Ahmad', '1804010101900001', '1000000']]);
    expect(detectHeader(one)?.headerRows).toEqual([2]);
  });
});

describe('a missing decree number', () => {
  let ctx: ReturnType<typeof testContext>;
  beforeEach(() => (ctx = testContext()));
  afterEach(() => ctx.close());

  it('blocks with a message naming the wizard box, and no command-line flag', async () => {
    const path = await book('d.xlsx', [{ name: 'Lampiran', title: [['DAFTAR TENAGA NON ASN'], ['TANGGAL : 2 JANUARI 2026']], persons: fxPersons(2, ['Dinas Sosial']) }]);
    const read = await readAppendix(path, { referenceYear: 2026 });
    const pv = await previewImport(ctx, read, {});
    const b = pv.blocking.find((x) => x.code === 'DECREE_NUMBER_MISSING');
    expect(b?.message).toContain('Isi kotak "Nomor SK"');
    expect(b?.message).not.toMatch(/--/);
  });
});

describe('a cover sheet', () => {
  it('without a roster still gives the decree its number and date', async () => {
    const wb = new ExcelJS.Workbook();
    const cover = wb.addWorksheet('Sampul');
    cover.addRow(['KEPUTUSAN BUPATI LAMPUNG BARAT']);
    cover.addRow(['NOMOR', ':', 'B/456/KPTS/III.05/2026']);
    cover.addRow(['TANGGAL', ':', '9 MARET 2026']);
    cover.addRow(['TENTANG', ':', 'PENETAPAN TENAGA HONORER']);
    const ws = wb.addWorksheet('Lampiran');
    ws.addRow(HEADER);
    fxPersons(3, ['Dinas Sosial']).forEach((p, i) => ws.addRow(personRow(p, i)));
    const path = join(dir, 'sampul.xlsx');
    await wb.xlsx.writeFile(path);
    const read = await readAppendix(path, { referenceYear: 2026 });
    expect(read.rows).toHaveLength(3);
    expect(read.title).toMatchObject({ number: 'B/456/KPTS/III.05/2026', date: '2026-03-09' });
  });
});
