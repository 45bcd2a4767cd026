/**
 * The problems workbook of an SK import keeps the source's sheets, so their names come from the
 * clerk's file. A workbook written by another program (or a CSV's file name) can carry names Excel
 * refuses: `[ ] : * ? / \`, more than 31 characters, two names equal in their first 31 characters.
 * The problems workbook must still be one Excel and LibreOffice open without a repair.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { fillMessySheet, fxPersons } from '../fixtures/sk-workbook';
import { previewSk } from '../../electron/core/skimport/index';
import { writeProblemRows } from '../../electron/core/skimport/problems-file';
import { safeSheetName, uniqueSheetNames } from '../../electron/core/files/sheet-names';
import { testContext } from '../helpers';

const LONG_A = 'Dinas Pekerjaan Umum dan Penataan Ruang Bidang Cipta Karya';
const LONG_B = 'DINAS PEKERJAAN UMUM DAN PENATAAN RUANG BIDANG BINA MARGA';
const SOURCE_NAMES = ['A/B:C*?', LONG_A, LONG_B, '[Lampiran] \\ II'];
const EXCEL_FORBIDDEN = /[[\]:*?/\\]/;

function acceptable(names: string[]): void {
  for (const n of names) {
    expect(n, n).not.toMatch(EXCEL_FORBIDDEN);
    expect(n.length, n).toBeGreaterThan(0);
    expect(n.length, n).toBeLessThanOrEqual(31);
    expect(n.startsWith("'") || n.endsWith("'"), n).toBe(false);
  }
  expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
}

describe('sheet names Excel accepts', () => {
  it('cleans forbidden characters, cuts to 31 and keeps names unique ignoring case', () => {
    expect(safeSheetName('A/B:C*?')).toBe('A-B-C--');
    expect(safeSheetName("'Data'")).toBe('Data');
    expect(safeSheetName('  ')).toBe('Sheet');
    expect(safeSheetName('history')).toBe('history (1)');
    const names = uniqueSheetNames([...SOURCE_NAMES, 'masalah', 'MASALAH', 'x'.repeat(40), 'X'.repeat(40), 'x'.repeat(31)]);
    acceptable(names);
    expect(names[1]).toBe(LONG_A.slice(0, 31));
    expect(names[2]).toBe(`${LONG_B.slice(0, 27)} (2)`);
    expect(names.slice(4)).toEqual(['masalah', 'MASALAH (2)', 'x'.repeat(31), `${'X'.repeat(27)} (2)`, `${'x'.repeat(27)} (3)`]);
    // A surrogate pair is never cut in half.
    expect(safeSheetName(`${'a'.repeat(30)}😀`)).toBe('a'.repeat(30));
  });
});

describe('the SK problems workbook', () => {
  let ctx: ReturnType<typeof testContext>;
  beforeEach(() => (ctx = testContext()));
  afterEach(() => ctx.close());

  /** A four-sheet appendix whose sheet names are set in the zip afterwards, as another program writes them. */
  async function appendix(): Promise<{ path: string; badRows: number }> {
    const wb = new ExcelJS.Workbook();
    const persons = fxPersons(24, ['Dinas Sosial']);
    SOURCE_NAMES.forEach((_, s) => {
      const ws = wb.addWorksheet(`S${s + 1}`);
      // Each sheet: six people, the second with a NIK one digit short.
      fillMessySheet(ws, persons.slice(s * 6, s * 6 + 6), { number: '800/7/KPTS/2026', date: '2026-03-01', cell: (i, p) => (i === 1 ? { nik: p.nik.slice(0, 15) } : {}) });
    });
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    let xml = await zip.file('xl/workbook.xml')!.async('string');
    SOURCE_NAMES.forEach((name, s) => {
      xml = xml.replace(`name="S${s + 1}"`, `name="${name.replace(/&/g, '&amp;')}"`);
    });
    zip.file('xl/workbook.xml', xml);
    const path = join(ctx.dir, 'lampiran.xlsx');
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
    return { path, badRows: SOURCE_NAMES.length };
  }

  it('writes sheets named as Excel accepts, readable by exceljs and LibreOffice, owner-only', async () => {
    const { path, badRows } = await appendix();
    const pv = await previewSk(ctx, { path, tmt: '2026-03-01' });
    // The reader keeps the source's names: the problems point at them.
    expect([...new Set(pv.rejected.map((p) => p.sheet))].sort()).toEqual([...SOURCE_NAMES].sort());
    const out = join(ctx.dir, 'masalah-lampiran.xlsx');
    // A part a killed save left (its writer's pid is gone): this save removes it.
    const dead = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
    writeFileSync(join(ctx.dir, `.masalah-lampiran.xlsx.${dead}-0a1b2c3d.part`), 'PK half');
    expect(await writeProblemRows(path, pv, out)).toBe(badRows);

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const names = back.worksheets.map((w) => w.name);
    acceptable(names);
    expect(names).toEqual(uniqueSheetNames(SOURCE_NAMES));
    for (const ws of back.worksheets) {
      expect(ws.getRow(1).getCell(3).value).toBe('NIK');
      expect(ws.rowCount).toBe(2);
      expect(String(ws.getRow(2).getCell(ws.actualColumnCount).value)).toMatch(/MASALAH kolom C/);
    }
    // The workbook part names the sheets as written (what Excel reads), not only exceljs's view.
    const wbXml = await (await JSZip.loadAsync(readFileSync(out))).file('xl/workbook.xml')!.async('string');
    acceptable([...wbXml.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1]!));

    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(ctx.dir).filter((f) => f.startsWith('.'))).toEqual([]);

    // LibreOffice opens it: headless conversion of the first sheet to CSV.
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(ctx.dir, 'lo-profile')}`, '--convert-to', 'csv', '--outdir', ctx.dir, out], { stdio: 'pipe', timeout: 120_000 });
    const csv = join(ctx.dir, 'masalah-lampiran.csv');
    expect(existsSync(csv)).toBe(true);
    expect(readFileSync(csv, 'utf8')).toMatch(/NIK/);
  }, 180_000);
});
