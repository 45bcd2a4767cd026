import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readAppendix } from '../../electron/core/skimport/read';
import { previewImport } from '../../electron/core/skimport/preview';
import { matchField } from '../../electron/core/skimport/header';
import { TEMPLATE_COLUMNS, TEMPLATE_DATA_SHEET, TEMPLATE_GUIDE_SHEET, TEMPLATE_HEADER_ROW, signatoryOf, writeSkTemplate } from '../../electron/core/skimport/template';
import { fxPersons } from '../fixtures/sk-workbook';
import { runCli } from '../cli-harness';
import { testContext } from '../helpers';

let ctx: ReturnType<typeof testContext>;
beforeEach(() => (ctx = testContext()));
afterEach(() => ctx.close());

const col = (field: string) => TEMPLATE_COLUMNS.findIndex((c) => c.field === field) + 1;

/** Fills the template the way a clerk would: the title's number, date and TMT, then one row per person. */
async function fill(path: string, out: string, persons: ReturnType<typeof fxPersons>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(TEMPLATE_DATA_SHEET)!;
  ws.getCell('C2').value = 'B/77/KPTS/III.05/2026';
  ws.getCell('C3').value = '2 Januari 2026';
  ws.getCell('C5').value = '1 Januari 2026';
  persons.forEach((p, i) => {
    const r = TEMPLATE_HEADER_ROW + 1 + i;
    const [y, m, d] = p.birthDate.split('-').map(Number) as [number, number, number];
    ws.getCell(r, col('no')).value = i + 1;
    ws.getCell(r, col('nik')).value = p.nik;
    ws.getCell(r, col('name')).value = p.name;
    ws.getCell(r, col('birthPlace')).value = p.birthPlace;
    ws.getCell(r, col('birthDate')).value = new Date(Date.UTC(y, m - 1, d));
    ws.getCell(r, col('sex')).value = p.sex;
    ws.getCell(r, col('position')).value = p.position;
    ws.getCell(r, col('unit')).value = p.unit;
    ws.getCell(r, col('honor')).value = p.honor;
    ws.getCell(r, col('phone')).value = '081234567890';
  });
  await wb.xlsx.writeFile(out);
}

describe('the blank SK template', () => {
  it('has every column read as its field, in Sigap\'s field order, NIK first after No', () => {
    expect(TEMPLATE_COLUMNS.map((c) => matchField(c.label))).toEqual(TEMPLATE_COLUMNS.map((c) => c.field));
    expect(TEMPLATE_COLUMNS.slice(0, 6).map((c) => c.label)).toEqual(['NO', 'NIK', 'NAMA', 'TEMPAT LAHIR', 'TANGGAL LAHIR', 'L/P']);
    expect(signatoryOf('Pemerintah Kabupaten Lampung Barat')).toBe('BUPATI LAMPUNG BARAT');
    expect(signatoryOf('Pemerintah Kota Bandar Lampung')).toBe('WALI KOTA BANDAR LAMPUNG');
  });

  it('is written with a text-formatted NIK column, the title block and an instruction sheet', async () => {
    const path = join(ctx.dir, 'templat.xlsx');
    await writeSkTemplate(path, { pemda: 'Pemerintah Kabupaten Lampung Barat' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual([TEMPLATE_DATA_SHEET, TEMPLATE_GUIDE_SHEET]);
    const ws = wb.getWorksheet(TEMPLATE_DATA_SHEET)!;
    expect(ws.getCell(1, 1).value).toBe('LAMPIRAN KEPUTUSAN BUPATI LAMPUNG BARAT');
    expect([2, 3, 4, 5].map((r) => ws.getCell(r, 1).value)).toEqual(['NOMOR', 'TANGGAL', 'TENTANG', 'TMT']);
    expect(ws.getColumn(col('nik')).numFmt).toBe('@');
    expect(ws.getCell(TEMPLATE_HEADER_ROW + 1, col('nik')).numFmt).toBe('@');
    expect(ws.getCell(TEMPLATE_HEADER_ROW + 500, col('nik')).numFmt).toBe('@');
    const guide = wb.getWorksheet(TEMPLATE_GUIDE_SHEET)!;
    const text = guide.getColumn(1).values.filter(Boolean).join('\n');
    expect(text).toMatch(/NIK.*16 angka/);
    expect(text).toMatch(/Teks/);
  });

  it('filled with 3 people, imports cleanly: no problem, no warning, number, date and TMT from the title', async () => {
    const path = join(ctx.dir, 'templat.xlsx');
    await writeSkTemplate(path, { pemda: 'Pemerintah Kabupaten Lampung Barat' });
    const persons = fxPersons(3, ['Dinas Sosial', 'Dinas Kesehatan']);
    const filled = join(ctx.dir, 'terisi.xlsx');
    await fill(path, filled, persons);
    const read = await readAppendix(filled, { referenceYear: 2026 });
    const pv = await previewImport(ctx, read, {});
    expect(pv.blocking).toEqual([]);
    expect(pv.rejected).toEqual([]);
    expect(pv.warnings).toEqual([]);
    expect(pv.accepted).toBe(3);
    expect(read.title).toMatchObject({ number: 'B/77/KPTS/III.05/2026', date: '2026-01-02', tmt: '2026-01-01', signatory: 'BUPATI LAMPUNG BARAT', subject: 'PENETAPAN TENAGA NON ASN' });
    expect(read.rows.map((r) => [r.nik, r.name, r.birthDate, r.unit, r.honor, r.phone])).toEqual(
      persons.map((p) => [p.nik, p.name, p.birthDate, p.unit, p.honor, '081234567890']),
    );
  });

  it('`sigap template sk --out F` writes it; wrong usage exits 2', async () => {
    const out = join(ctx.dir, 'cli-templat.xlsx');
    const r = await runCli(['template', 'sk', '--out', out, '--pemda', 'Pemerintah Kota Metro']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet(TEMPLATE_DATA_SHEET)!.getCell(1, 1).value).toBe('LAMPIRAN KEPUTUSAN WALI KOTA METRO');
    expect((await runCli(['template', 'sk'])).code).toBe(2);
    expect((await runCli(['template', 'other', '--out', out])).code).toBe(2);
  });
});
