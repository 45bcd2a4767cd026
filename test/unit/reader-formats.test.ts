import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { readAppendix, sheetHeads } from '../../electron/core/skimport/read';
import { decodeCsv } from '../../electron/core/sheets/read-csv';
import { readTable } from '../../electron/core/bpjs/table-read';
import { SigapError } from '../../shared/errors';
import { OFFICE_EXPECTED, OFFICE_PERSONS } from '../fixtures/files/office-expected';
import { tempDir } from '../helpers';

const FILES = join(__dirname, '../fixtures/files');
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function refusal(p: Promise<unknown>): Promise<SigapError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(SigapError);
  return e as SigapError;
}

describe('the same appendix written by exceljs and by LibreOffice as .xlsx, .xls and .ods', () => {
  // make-office.sh: exceljs wrote the first; LibreOffice 7.4 converted it to .xls and .ods, and wrote
  // its own .xlsx from the .ods (shared strings after the sheets in its zip).
  it.each(['lampiran-exceljs.xlsx', 'lampiran-lo.xlsx', 'lampiran-lo.xls', 'lampiran-lo.ods'])('%s reads the same people, units, title and warnings', async (file) => {
    const res = await readAppendix(join(FILES, file), { referenceYear: 2026 });
    expect(res.sheets.map((s) => s.sheet)).toEqual(OFFICE_EXPECTED.sheets);
    // The OPD merged over seven rows and over three rows is the OPD of each of them.
    expect(res.rows.map((r) => [r.nik, r.unit])).toEqual(OFFICE_EXPECTED.rows);
    expect(res.rows.map((r) => r.name)).toEqual(OFFICE_EXPECTED.rows.map(([nik]) => OFFICE_PERSONS.find((p) => p.nik === nik)!.name));
    expect(res.rows.filter((r) => r.sheet === 'Lampiran').every((r) => r.tmt === OFFICE_EXPECTED.tmt)).toBe(true);
    expect(res.rows.map((r) => r.birthDate)).toEqual(OFFICE_EXPECTED.rows.map(([nik]) => OFFICE_PERSONS.find((p) => p.nik === nik)!.birthDate));
    expect(res.title.number).toBe(OFFICE_EXPECTED.number);
    expect(res.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const hiddenRow = OFFICE_PERSONS[3]!;
    expect(res.problems.filter((p) => p.code === 'ROW_HIDDEN')).toEqual([
      expect.objectContaining({ sheet: 'Lampiran', row: OFFICE_EXPECTED.hiddenRow, severity: 'warning', nik: hiddenRow.nik, name: hiddenRow.name }),
    ]);
    expect(res.problems.filter((p) => p.code === 'COLUMN_HIDDEN')).toEqual([
      expect.objectContaining({ sheet: 'Lampiran', column: OFFICE_EXPECTED.hiddenColumn, columnName: 'CATATAN', severity: 'warning' }),
    ]);
    // The hidden sheet's people are not imported; the clerk is told.
    expect(res.problems.filter((p) => p.code === 'SHEET_HIDDEN')).toEqual([expect.objectContaining({ sheet: OFFICE_EXPECTED.hiddenSheet, severity: 'warning' })]);
  });

  it('the wizard sees the first rows of both sheets of an .ods and an .xls', async () => {
    for (const f of ['lampiran-lo.ods', 'lampiran-lo.xls']) {
      const heads = await sheetHeads(join(FILES, f), f);
      expect(heads.map((h) => h.name)).toEqual(OFFICE_EXPECTED.allSheets);
      expect(heads[0]!.rows.find((r) => r.row === 5)!.cells.slice(0, 3)).toEqual(['NO', 'NAMA', 'NIK']);
      // LibreOffice pads a sheet with a million empty repeated rows; none of them comes out.
      expect(Math.max(...heads[0]!.rows.map((r) => r.row))).toBe(15);
    }
  });

  it('readXlsx, which the problem-rows writer calls for every non-CSV file, reads .ods and .xls too', async () => {
    const { readXlsx } = await import('../../electron/core/sheets/read-xlsx');
    for (const f of ['lampiran-lo.ods', 'lampiran-lo.xls']) {
      const names: [string, number][] = [];
      for await (const s of readXlsx(join(FILES, f), f)) {
        let n = 0;
        for await (const r of s.rows) if (r.cells.length > 0) n++;
        names.push([s.name, n]);
      }
      expect(names).toEqual([['Lampiran', 14], ['Dinas Pendidikan', 4], ['Lampiran Lama', 3]]);
    }
  });

  it('the branch-file reader takes an .ods too', async () => {
    const t = await readTable(join(FILES, 'lampiran-lo.ods'), (h) => h.includes('NIK') && h.includes('NAMA'), 'NIK dan NAMA');
    expect(t.sheet).toBe('Lampiran');
    expect(t.rows.length).toBe(10);
  });
});

describe('.xls files that cannot be read', () => {
  it('a damaged or password-protected .xls says so, naming the file', async () => {
    const path = join(dir, 'lama.xls');
    writeFileSync(path, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]));
    const e = await refusal(readAppendix(path, { referenceYear: 2026 }));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/"lama\.xls".*\.xls.*kata sandi/);
  });

  it('an .xls with a password (a FILEPASS record) and an encrypted .xlsx ask for the password to be removed', async () => {
    const XLSX = await import('@e965/xlsx');
    const cfb = XLSX.CFB.read(readFileSync(join(FILES, 'lampiran-lo.xls')), { type: 'buffer' });
    const entry = XLSX.CFB.find(cfb, 'Workbook')!;
    const stream = Buffer.from(entry.content as Uint8Array);
    const bof = 4 + stream.readUInt16LE(2);
    // FILEPASS (0x002F) right after BOF, RC4 encryption header: what Excel writes for "Encrypt with Password".
    const filepass = Buffer.alloc(58, 7);
    filepass.writeUInt16LE(0x002f, 0);
    filepass.writeUInt16LE(54, 2);
    filepass.writeUInt16LE(1, 4);
    filepass.writeUInt16LE(1, 6);
    filepass.writeUInt16LE(1, 8);
    entry.content = Buffer.concat([stream.subarray(0, bof), filepass, stream.subarray(bof)]);
    entry.size = (entry.content as Buffer).length;
    const xls = join(dir, 'sandi.xls');
    writeFileSync(xls, XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
    const e = await refusal(readAppendix(xls, { referenceYear: 2026 }));
    expect(e.message).toMatch(/"sandi\.xls" dilindungi kata sandi\. .*hapus kata sandinya/);
    // An encrypted .xlsx is an OLE file too (EncryptionInfo + EncryptedPackage), whatever its name.
    const enc = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(enc, 'EncryptionInfo', Buffer.alloc(200, 1));
    XLSX.CFB.utils.cfb_add(enc, 'EncryptedPackage', Buffer.alloc(5000, 2));
    const xlsx = join(dir, 'terkunci.xlsx');
    writeFileSync(xlsx, XLSX.CFB.write(enc, { type: 'buffer' }) as Buffer);
    const e2 = await refusal(readAppendix(xlsx, { referenceYear: 2026 }));
    expect(e2.message).toMatch(/"terkunci\.xlsx" .*kata sandi/);
  });

  it('an .xls larger than the limit is refused before it is parsed', async () => {
    const { XLS_MAX_BYTES } = await import('../../electron/core/sheets/read-xls');
    const path = join(dir, 'besar.xls');
    writeFileSync(path, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(XLS_MAX_BYTES)]));
    const e = await refusal(readAppendix(path, { referenceYear: 2026 }));
    expect(e.message).toMatch(new RegExp(`"besar\\.xls" \\(Excel lama, \\.xls\\) lebih besar dari ${XLS_MAX_BYTES / 1048576} MB`));
  });

  it('a truncated .xls is refused with the same clear message', async () => {
    const path = join(dir, 'potong.xls');
    const b = readFileSync(join(FILES, 'lampiran-lo.xls'));
    writeFileSync(path, b.subarray(0, 3000));
    const e = await refusal(readAppendix(path, { referenceYear: 2026 }));
    expect(e.message).toMatch(/"potong\.xls".*tidak dapat dibaca|"potong\.xls".*tidak berisi/);
    expect(e.message).not.toMatch(/\bat .*:\d+/);
  });
});

describe('CSV as clerks save it', () => {
  it('Windows-1252 keeps € “ ” – ’ (Node 20 TextDecoder maps 0x80-0x9F to control characters)', () => {
    const text = 'Honor €1.500.000 – “Guru” Dina’s';
    expect(decodeCsv(iconv.encode(text, 'windows-1252'))).toBe(text);
  });

  it('a Windows-1252 appendix keeps the names', async () => {
    const path = join(dir, 'sk.csv');
    const p = OFFICE_PERSONS[0]!;
    writeFileSync(path, iconv.encode(`NO;NAMA;NIK;TEMPAT/TGL LAHIR;L/P;UNIT KERJA;KETERANGAN\r\n1;Dina D’Costa;${p.nik};Liwa, ${p.birthDate.split('-').reverse().join('-')};${p.sex};Dinas Sosial;“honor” € – baru\r\n`, 'windows-1252'));
    const res = await readAppendix(path, { referenceYear: 2026 });
    expect(res.rows[0]).toMatchObject({ name: 'Dina D’Costa', note: '“honor” € – baru' });
  });

  it('a semicolon CSV with a line break inside a quoted cell is read (the break does not pick the delimiter)', async () => {
    const path = join(dir, 'alamat.csv');
    const p = OFFICE_PERSONS[1]!;
    // One person whose address has more commas than the header has semicolons: counting fields per
    // line, the address's second line made "," look like the delimiter.
    writeFileSync(path, `NO;NAMA;NIK;TEMPAT/TGL LAHIR;L/P;UNIT KERJA;ALAMAT\r\n1;${p.name};${p.nik};Liwa, ${p.birthDate.split('-').reverse().join('-')};${p.sex};Dinas Sosial;"Jl. Merdeka No. 5,\r\nRT 01, RW 02, Dusun 3, Pekon Sukarame, Kec. Balik Bukit, Kab. Lampung Barat"\r\n`);
    const res = await readAppendix(path, { referenceYear: 2026 });
    expect(res.rows.map((r) => [r.nik, r.name, r.unit])).toEqual([[p.nik, p.name, 'Dinas Sosial']]);
    expect(res.rows[0]!.address).toContain('RT 01, RW 02');
  });
});
