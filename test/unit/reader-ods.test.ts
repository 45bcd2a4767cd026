import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { readOds } from '../../electron/core/sheets/read-ods';
import { readAppendix } from '../../electron/core/skimport/read';
import { SigapError } from '../../shared/errors';
import type { SheetRow } from '../../electron/core/sheets/cells';
import { zipParts } from '../fixtures/zip-build';
import { fxPersons } from '../fixtures/sk-workbook';
import { tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
const str = (s: string, extra = '') => `<table:table-cell office:value-type="string"${extra}><text:p>${s}</text:p></table:table-cell>`;
const num = (n: number) => `<table:table-cell office:value-type="float" office:value="${n}"><text:p>${n}</text:p></table:table-cell>`;

function writeOds(path: string, tables: string): void {
  writeFileSync(path, zipParts([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', stored: true },
    { name: 'META-INF/manifest.xml', data: '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>' },
    { name: 'content.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>` },
  ]));
}

async function rowsOf(path: string): Promise<{ name: string; hiddenColumns: number[]; rows: SheetRow[] }[]> {
  const out: { name: string; hiddenColumns: number[]; rows: SheetRow[] }[] = [];
  for await (const s of readOds(path, 'uji.ods')) {
    const rows: SheetRow[] = [];
    for await (const r of s.rows) rows.push(r);
    out.push({ name: s.name, hiddenColumns: s.hiddenColumns ?? [], rows });
  }
  return out;
}

describe('the ODS reader', () => {
  it('expands repeated rows and cells with content, skips empty repeats, and reads typed values', async () => {
    const path = join(dir, 'a.ods');
    writeOds(path, `<table:table table:name="Satu">
      <table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse"/><table:table-column table:number-columns-repeated="1021"/>
      <table:table-row>${str('NAMA')}<table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>X</text:p></table:table-cell>${str('A<text:s text:c="2"/>B<text:line-break/>C')}</table:table-row>
      <table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
      <table:table-row table:visibility="collapse">${num(1.5)}<table:table-cell office:value-type="date" office:date-value="2026-03-01T00:00:00"/><table:table-cell office:value-type="boolean" office:boolean-value="true"/><table:table-cell office:value-type="string"><text:p>isi</text:p><office:annotation><text:p>komentar</text:p></office:annotation></table:table-cell></table:table-row>
      <table:table-row table:number-rows-repeated="2">${str('sama')}</table:table-row>
      <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
    </table:table><table:table table:name="Dua"><table:table-row>${str('kedua')}</table:table-row></table:table>`);
    const [a, b] = await rowsOf(path);
    expect(a!.name).toBe('Satu');
    expect(a!.hiddenColumns).toEqual([2]);
    expect(a!.rows.map((r) => [r.row, r.cells, r.hidden ?? false])).toEqual([
      [1, ['NAMA', 'X', 'X', 'A  B\nC'], false],
      [5, [1.5, { iso: '2026-03-01' }, true, 'isi'], true],
      [6, ['sama'], false],
      [7, ['sama'], false],
    ]);
    expect(b).toEqual({ name: 'Dua', hiddenColumns: [], rows: [{ row: 1, cells: ['kedua'] }] });
  });

  it('carries a value merged over rows (number-rows-spanned) down its covered cells', async () => {
    const path = join(dir, 'm.ods');
    const ps = fxPersons(4, ['x'], 5, 940_000);
    const data = ps.map((p, i) => `<table:table-row>${num(i + 1)}${str(p.name)}${str(p.nik)}${i === 0 ? str('Dinas Kesehatan', ' table:number-rows-spanned="3"') : i < 3 ? '<table:covered-table-cell/>' : str('Dinas Sosial')}</table:table-row>`).join('');
    writeOds(path, `<table:table table:name="Lampiran"><table:table-row>${str('NO')}${str('NAMA')}${str('NIK')}${str('UNIT KERJA')}</table:table-row>${data}</table:table>`);
    const res = await readAppendix(path, { referenceYear: 2026 });
    expect(res.rows.map((r) => r.unit)).toEqual(['Dinas Kesehatan', 'Dinas Kesehatan', 'Dinas Kesehatan', 'Dinas Sosial']);
  });

  it('a password-protected .ods asks for the password to be removed', async () => {
    const path = join(dir, 'sandi.ods');
    writeFileSync(path, zipParts([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', stored: true },
      { name: 'META-INF/manifest.xml', data: '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>' },
      { name: 'content.xml', data: Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 131) % 256)), stored: true },
    ]));
    const e = await readAppendix(path, { referenceYear: 2026, label: 'sandi.ods' }).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(SigapError);
    expect((e as SigapError).message).toMatch(/"sandi\.ods" dilindungi kata sandi/);
  });

  it('a row with content repeated a million times is refused by the row limit, not built in memory', async () => {
    const path = join(dir, 'r.ods');
    const p = fxPersons(1, ['x'], 5, 941_000)[0]!;
    writeOds(path, `<table:table table:name="Lampiran"><table:table-row>${str('NO')}${str('NAMA')}${str('NIK')}</table:table-row><table:table-row table:number-rows-repeated="1000000">${num(1)}${str(p.name)}${str(p.nik)}</table:table-row></table:table>`);
    const rss = process.memoryUsage().rss;
    const e = await readAppendix(path, { referenceYear: 2026, label: 'r.ods' }).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(SigapError);
    expect((e as SigapError).message).toMatch(/r\.ods.*lebih dari 300\.000 baris/);
    expect((process.memoryUsage().rss - rss) / 1048576).toBeLessThan(150);
  });
});
