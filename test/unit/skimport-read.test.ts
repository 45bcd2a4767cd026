import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { readAppendix } from '../../electron/core/skimport/read';
import { SigapError } from '../../shared/errors';
import { fxPersons, writeMessyAppendix, writeSheetPerOpd, writeCsvAppendix } from '../fixtures/sk-workbook';
import { tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const UNITS = ['Dinas Sosial', 'Dinas Kesehatan', 'Sekretariat DPRD'];
const read = (path: string) => readAppendix(path, { referenceYear: 2026 });

describe('reading a messy SK appendix', () => {
  it('finds a two-row merged header under title rows, skips the number row, JUMLAH and signature', async () => {
    const persons = fxPersons(12, UNITS);
    const w = await writeMessyAppendix(join(dir, 'sk.xlsx'), persons, { number: 'B/63/KPTS/III.05/2026', date: '2026-01-02', twoRowHeader: true, numberRow: true });
    const res = await read(w.path);
    expect(res.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(res.rows.map((r) => r.row)).toEqual(w.rows);
    expect(res.rows.map((r) => r.nik)).toEqual(persons.map((p) => p.nik));
    expect(res.sheets[0]!.headerRows).toEqual([w.headerRow, w.headerRow + 1]);
    expect(res.title).toMatchObject({ number: 'B/63/KPTS/III.05/2026', date: '2026-01-02', signatory: 'BUPATI LAMPUNG BARAT' });
    const first = res.rows[0]!;
    expect(first).toMatchObject({ name: persons[0]!.name, birthPlace: persons[0]!.birthPlace, birthDate: persons[0]!.birthDate, sex: persons[0]!.sex, unit: 'Dinas Sosial', honor: persons[0]!.honor });
    // Honor written as `Rp 1.500.000,-` on even rows and as a number on odd ones: both read.
    expect(res.rows.map((r) => r.honor)).toEqual(persons.map((p) => p.honor));
  });

  it('takes the OPD from group rows such as "A. DINAS SOSIAL"', async () => {
    const persons = fxPersons(9, UNITS).sort((a, b) => a.unit.localeCompare(b.unit));
    const w = await writeMessyAppendix(join(dir, 'g.xlsx'), persons, { number: '1/2026', groups: true });
    const res = await read(w.path);
    expect(res.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(res.rows.map((r) => r.unit)).toEqual(persons.map((p) => p.unit.toUpperCase()));
    expect(res.rows.map((r) => r.row)).toEqual(w.rows);
    expect(res.sheets[0]!.unitSource).toBe('group-rows');
  });

  it('takes the OPD from the sheet name when there is one sheet per OPD, and reads Excel dates', async () => {
    const persons = fxPersons(10, UNITS);
    const w = await writeSheetPerOpd(join(dir, 's.xlsx'), persons, { number: '2/2026' });
    const res = await read(w.path);
    expect(res.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(res.sheets.map((s) => s.sheet)).toEqual(UNITS);
    expect(res.sheets.every((s) => s.unitSource === 'sheet-name')).toBe(true);
    for (const [i, p] of persons.entries()) {
      const r = res.rows.find((x) => x.nik === p.nik)!;
      expect(r).toMatchObject({ unit: p.unit, birthDate: p.birthDate, row: w.rows[i] });
    }
  });

  it('flags a NIK stored as a number, an invalid NIK, a duplicate and a missing name with their rows and columns', async () => {
    const persons = fxPersons(8, UNITS);
    persons[5]!.nik = persons[1]!.nik;
    const w = await writeMessyAppendix(join(dir, 'bad.xlsx'), persons, {
      number: '3/2026',
      twoRowHeader: true,
      numberRow: true,
      cell: (i, p) => (i === 2 ? { nik: Number(p.nik) } : i === 3 ? { nik: '1804013205900001' } : i === 4 ? { name: '' } : i === 6 ? { honor: 'satu juta' } : {}),
    });
    const res = await read(w.path);
    const errors = res.problems.filter((p) => p.severity === 'error').map((p) => ({ row: p.row, column: p.column, code: p.code }));
    expect(errors).toEqual([
      { row: w.rows[1], column: 'C', code: 'NIK_DUPLICATE' },
      { row: w.rows[2], column: 'C', code: 'NIK_NUMERIC' },
      { row: w.rows[3], column: 'C', code: 'NIK_DATE' },
      { row: w.rows[4], column: 'B', code: 'NAME_EMPTY' },
      { row: w.rows[5], column: 'C', code: 'NIK_DUPLICATE' },
      { row: w.rows[6], column: 'I', code: 'HONOR_INVALID' },
    ]);
    const numeric = res.problems.find((p) => p.code === 'NIK_NUMERIC')!;
    expect(numeric.message).toMatch(/angka/);
    expect(numeric.sheet).toBe('Lampiran');
    expect(res.rows.filter((r) => !r.invalid)).toHaveLength(2);
  });

  it('warns when the birth date differs from the NIK', async () => {
    const persons = fxPersons(3, UNITS);
    const w = await writeMessyAppendix(join(dir, 'w.xlsx'), persons, { number: '4/2026', twoRowHeader: true, cell: (i) => (i === 1 ? { birth: '01-01-1970' } : {}) });
    const res = await read(w.path);
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]).toMatchObject({ row: w.rows[1], column: 'E', code: 'BIRTHDATE_MISMATCH', severity: 'warning' });
    expect(res.rows.every((r) => !r.invalid)).toBe(true);
  });

  it.each(['utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'] as const)('reads a semicolon CSV in %s', async (encoding) => {
    const persons = fxPersons(4, ['Dinas Pekerjaan Umum']);
    persons[0]!.name = 'Siti Ma’rifah Côté';
    if (encoding === 'windows-1252') persons[0]!.name = 'Andrés Muñoz';
    const w = writeCsvAppendix(join(dir, 'sk.csv'), persons, { encoding });
    const res = await read(w.path);
    expect(res.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(res.rows.map((r) => r.name)).toEqual(persons.map((p) => p.name));
    expect(res.rows.map((r) => r.row)).toEqual(w.rows);
    expect(res.rows[0]!.honor).toBe(persons[0]!.honor);
  });

  it('reads a comma CSV', async () => {
    const persons = fxPersons(3, ['Dinas, Sosial']);
    const w = writeCsvAppendix(join(dir, 'c.csv'), persons, { delimiter: ',' });
    const res = await read(w.path);
    expect(res.rows.map((r) => r.unit)).toEqual(['Dinas, Sosial', 'Dinas, Sosial', 'Dinas, Sosial']);
  });
});

describe('files that cannot be read give one clear error', () => {
  const expectError = async (path: string, code: string, words: RegExp) => {
    const err = await read(path).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(SigapError);
    expect((err as SigapError).code).toBe(code);
    expect((err as SigapError).message).toMatch(words);
  };

  it('an empty file', async () => {
    writeFileSync(join(dir, 'e.xlsx'), '');
    await expectError(join(dir, 'e.xlsx'), 'FILE_EMPTY', /kosong/);
  });

  it('text with an .xlsx name', async () => {
    writeFileSync(join(dir, 't.xlsx'), 'hello, this is not excel');
    await expectError(join(dir, 't.xlsx'), 'FILE_UNREADABLE', /bukan lembar kerja/);
  });

  it('binary garbage', async () => {
    writeFileSync(join(dir, 'g.csv'), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)));
    await expectError(join(dir, 'g.csv'), 'FILE_UNREADABLE', /bukan/);
  });

  it('a truncated workbook', async () => {
    const w = await writeMessyAppendix(join(dir, 'full.xlsx'), fxPersons(50, UNITS), { number: '5/2026' });
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(w.path);
    writeFileSync(join(dir, 'cut.xlsx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const err = await read(join(dir, 'cut.xlsx')).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(SigapError);
    expect((err as SigapError).message).toMatch(/cut\.xlsx/);
  });

  it('an old .xls', async () => {
    writeFileSync(join(dir, 'old.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
    await expectError(join(dir, 'old.xls'), 'FILE_UNREADABLE', /\.xls/);
  });

  it('no NIK column', async () => {
    writeFileSync(join(dir, 'n.csv'), 'No;Nama;Unit Kerja;Honor\n1;Budi;Dinas Sosial;1000000\n');
    await expectError(join(dir, 'n.csv'), 'NO_NIK_COLUMN', /kolom NIK/);
  });

  it('no header at all', async () => {
    writeFileSync(join(dir, 'h.csv'), 'a;b;c\n1;2;3\n');
    await expectError(join(dir, 'h.csv'), 'NO_HEADER', /judul kolom/);
  });
});
