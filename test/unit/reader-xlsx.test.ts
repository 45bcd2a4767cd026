import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { readXlsx } from '../../electron/core/sheets/read-xlsx';
import { readAppendix } from '../../electron/core/skimport/read';
import { SigapError } from '../../shared/errors';
import type { Cell } from '../../electron/core/sheets/cells';
import { handXlsx, spaceBomb, writeHandXlsx, zipParts, type HandSheet } from '../fixtures/zip-build';
import { fxPersons } from '../fixtures/sk-workbook';
import { tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const HEADER = ['NO', 'NAMA', 'NIK', 'TEMPAT/TGL LAHIR', 'L/P', 'UNIT KERJA'];
const people = fxPersons(12, ['x'], 17, 930_000);
const rowOf = (i: number, unit: string | null): (string | number | null)[] => [i + 1, people[i]!.name, people[i]!.nik, `Liwa, ${people[i]!.birthDate.split('-').reverse().join('-')}`, people[i]!.sex, unit];
const twoSheets = (): HandSheet[] => [
  { name: 'Dinas Sosial', rows: [HEADER, ...[0, 1, 2, 3, 4].map((i) => rowOf(i, 'Dinas Sosial'))] },
  { name: 'Dinas Kesehatan', rows: [HEADER, ...[5, 6, 7].map((i) => rowOf(i, 'Dinas Kesehatan'))] },
];

async function readAll(path: string): Promise<{ name: string; rows: { row: number; cells: Cell[] }[] }[]> {
  const out: { name: string; rows: { row: number; cells: Cell[] }[] }[] = [];
  for await (const s of readXlsx(path, 'uji.xlsx')) {
    const rows: { row: number; cells: Cell[] }[] = [];
    for await (const r of s.rows) rows.push({ row: r.row, cells: r.cells });
    out.push({ name: s.name, rows });
  }
  return out;
}

async function refusal(p: Promise<unknown>): Promise<SigapError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(SigapError);
  return e as SigapError;
}

describe('every sheet workbook.xml lists is read, whatever the zip order', () => {
  // exceljs's streaming reader, on these very layouts: 'no-strings' gave only the first sheet in 30 of 30
  // reads; 'sheets-first' with small sheets dropped the second sheet in 1 of 30 (measured 2026-12-03).
  for (const order of ['strings-first', 'sheets-first', 'no-strings'] as const) {
    it(`${order}: both sheets, every row, the same on 50 reads`, async () => {
      const path = join(dir, `${order}.xlsx`);
      writeHandXlsx(path, twoSheets(), order);
      const first = await readAll(path);
      expect(first.map((s) => [s.name, s.rows.length])).toEqual([['Dinas Sosial', 6], ['Dinas Kesehatan', 4]]);
      expect(first[1]!.rows[3]!.cells).toEqual(rowOf(7, 'Dinas Kesehatan'));
      for (let i = 0; i < 50; i++) expect(await readAll(path)).toEqual(first);
    });
  }

  it('inline strings and shared strings read the same', async () => {
    const a = join(dir, 'a.xlsx');
    const b = join(dir, 'b.xlsx');
    writeHandXlsx(a, twoSheets().map((s) => ({ ...s, inline: true })));
    writeHandXlsx(b, twoSheets());
    expect(await readAll(a)).toEqual(await readAll(b));
  });

  it('the import of a sheets-first workbook has the people of both sheets', async () => {
    const path = join(dir, 'sk.xlsx');
    writeHandXlsx(path, twoSheets(), 'sheets-first');
    const res = await readAppendix(path, { referenceYear: 2026 });
    expect(res.sheets.map((s) => s.sheet)).toEqual(['Dinas Sosial', 'Dinas Kesehatan']);
    expect(res.rows.map((r) => r.nik)).toEqual(people.slice(0, 8).map((p) => p.nik));
  });

  it('a sheet listed in workbook.xml whose part is missing stops the read, naming the sheet', async () => {
    const path = join(dir, 'hilang.xlsx');
    const zip = handXlsx(twoSheets(), 'sheets-first');
    // Rename the second sheet's part in both the local header and the directory: the workbook still lists it.
    writeFileSync(path, Buffer.from(zip.toString('latin1').replaceAll('xl/worksheets/sheet2.xml', 'xl/worksheets/notes2.xml'), 'latin1'));
    const e = await refusal(readAppendix(path, { referenceYear: 2026, label: 'hilang.xlsx' }));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toContain('sheet "Dinas Kesehatan"');
    expect(e.message).toContain('hilang.xlsx');
  });
});

describe('cell values as Excel stores them', () => {
  it('rich text, phonetic guides, _xHHHH_ escapes, formula results, booleans, errors, dates by style, 1904 dates', async () => {
    const path = join(dir, 'nilai.xlsx');
    const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    const rels = (body: string) => `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
    const sheet = (wb1904: boolean) => `<worksheet ${ns}><sheetData>
      <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><r><t>Bu</t></r><r><rPr><b/></rPr><t>di</t></r></is></c></row>
      <row r="3"><c r="A3" t="str"><f>A2&amp;"!"</f><v>Ahmad!</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" s="1"><v>${wb1904 ? 44620 : 46082}</v></c><c r="E3" s="2"><v>1500000</v></c><c r="F3" s="3"><v>46082</v></c></row>
      <row><c><v>7</v></c><c t="d"><v>2026-03-01T00:00:00</v></c></row>
    </sheetData></worksheet>`;
    const parts = (wb1904: boolean) => zipParts([
      { name: 'xl/worksheets/sheet1.xml', data: sheet(wb1904) },
      { name: '_rels/.rels', data: rels(rel('rId1', 'officeDocument', 'xl/workbook.xml')) },
      { name: 'xl/workbook.xml', data: `<workbook ${ns}><workbookPr${wb1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Nilai" sheetId="1" r:id="rId1"/></sheets></workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', data: rels(rel('rId1', 'worksheet', '/xl/worksheets/sheet1.xml') + rel('rId2', 'styles', 'styles.xml') + rel('rId3', 'sharedStrings', 'sharedStrings.xml')) },
      { name: 'xl/styles.xml', data: `<styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\-mmm\\-yyyy"/><numFmt numFmtId="165" formatCode="&quot;Rp&quot;#,##0"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs></styleSheet>` },
      { name: 'xl/sharedStrings.xml', data: `<sst ${ns}><si><t>Ahmad</t><rPh sb="0" eb="1"><t>アフマド</t></rPh></si><si><r><t>Baris_x000D_</t></r><r><t xml:space="preserve"> dua</t></r></si></sst>` },
    ]);
    writeFileSync(path, parts(false));
    const [s] = await readAll(path);
    expect(s!.rows).toEqual([
      { row: 2, cells: ['Ahmad', 'Baris\r dua', 'Budi'] },
      { row: 3, cells: ['Ahmad!', true, null, { iso: '2026-03-01' }, 1500000, { iso: '2026-03-01' }] },
      { row: 4, cells: [7, { iso: '2026-03-01' }] },
    ]);
    writeFileSync(path, parts(true));
    const [s1904] = await readAll(path);
    expect(s1904!.rows[1]!.cells[3]).toEqual({ iso: '2026-03-01' });
  });
});

describe('merged cells and hidden rows and columns', () => {
  it('an OPD merged over seven rows is the OPD of seven people; a hidden row is left out with a warning', async () => {
    const path = join(dir, 'merge.xlsx');
    const rows = [['LAMPIRAN KEPUTUSAN BUPATI LAMPUNG BARAT'], [], HEADER, ...people.slice(0, 10).map((_, i) => rowOf(i, i === 0 ? 'Dinas Kesehatan' : i === 7 ? 'Dinas Sosial' : null))];
    writeHandXlsx(path, [{ name: 'Lampiran', rows, merges: ['A1:F1', 'F4:F10', 'F11:F13'], hiddenRows: [6], hiddenCols: [4] }], 'sheets-first');
    const res = await readAppendix(path, { referenceYear: 2026 });
    const kept = people.slice(0, 10).filter((_, i) => i !== 2);
    expect(res.rows.map((r) => r.nik)).toEqual(kept.map((p) => p.nik));
    expect(res.rows.map((r) => r.unit)).toEqual([...Array(6).fill('Dinas Kesehatan'), ...Array(3).fill('Dinas Sosial')]);
    const hidden = res.problems.filter((p) => p.code === 'ROW_HIDDEN');
    expect(hidden).toEqual([expect.objectContaining({ sheet: 'Lampiran', row: 6, severity: 'warning', nik: people[2]!.nik })]);
    expect(hidden[0]!.message).toMatch(/Baris 6 .*sheet "Lampiran".*disembunyikan/);
    expect(res.problems.filter((p) => p.code === 'COLUMN_HIDDEN')).toEqual([expect.objectContaining({ column: 'E', columnName: 'L/P', severity: 'warning' })]);
    // The title merged across A:F is still one cell: it was not copied across.
    expect(res.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('hostile workbooks', () => {
  it('a part whose directory declares 1,000 bytes but inflates to 4 GB stops at once, in little memory', async () => {
    const path = join(dir, 'bohong.xlsx');
    const bomb = await spaceBomb(4);
    const parts = [
      { name: '[Content_Types].xml', data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: '_rels/.rels', data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
      { name: 'xl/workbook.xml', data: '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Lampiran" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: '', deflated: { bytes: bomb, declaredSize: 1000 } },
    ];
    writeFileSync(path, zipParts(parts));
    const rss = process.memoryUsage().rss;
    const t = performance.now();
    const e = await refusal(readAppendix(path, { referenceYear: 2026, label: 'bohong.xlsx' }));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/bohong\.xlsx.*lebih banyak data daripada yang dinyatakan/);
    expect(performance.now() - t).toBeLessThan(2000);
    expect((process.memoryUsage().rss - rss) / 1048576).toBeLessThan(100);
  });

  it.each([
    ['an unclosed tag', '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>NAMA</t></is></c></row><row r="2"><c'],
    ['mismatched tags', '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</c></v></row></sheetData></worksheet>'],
    ['not XML at all', '{"nama": "[object Object]"}'],
  ])('malformed sheet XML (%s) is FILE_UNREADABLE naming the part, never a stack trace', async (_what, xml) => {
    const path = join(dir, 'rusak.xlsx');
    const zip = handXlsx([{ name: 'Lampiran', rows: [HEADER, rowOf(0, 'Dinas Sosial')] }], 'no-strings');
    const parts: Parameters<typeof zipParts>[0] = [];
    // Rebuild with the same parts but the sheet replaced.
    const { default: JSZip } = await import('jszip');
    const z = await JSZip.loadAsync(zip);
    for (const name of Object.keys(z.files)) parts.push({ name, data: name === 'xl/worksheets/sheet1.xml' ? xml : Buffer.from(await z.file(name)!.async('uint8array')) });
    writeFileSync(path, zipParts(parts));
    const e = await refusal(readAppendix(path, { referenceYear: 2026, label: 'rusak.xlsx' }));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/rusak\.xlsx.*sheet "Lampiran" \(xl\/worksheets\/sheet1\.xml\) bukan XML yang sah/);
    expect(e.message).not.toMatch(/\bat .*\.(ts|js):\d+|object Object/);
  });
});
