import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { runCli } from '../cli-harness';
import { addEngagement, addNewcomers, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { editProfile, exportBatch, getProfile, profileFromTemplate, regenerateBatch } from '../../electron/core/bpjs/index';
import { batchFileNames } from '../../electron/core/bpjs/batch-files';
import { fillTemplate } from '../../electron/core/bpjs/template-fill';
import { entryBytes, readEntries } from '../../electron/core/bpjs/zip-rewrite';
import { builtinProfile } from '../../shared/sipp-layouts';
import { LOCATION_CODES } from '../fixtures/files/make-bpjs-template-source';
import { batchRepo } from '../../electron/core/bpjs/batch-repository';
import { profileRepo, templateRepo } from '../../electron/core/bpjs/profile-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { storeTemplate } from '../../electron/core/bpjs/template-store';
import { outcome, overlapping } from '../store-gates';

/*
 * Filling the branch office's own template: test/fixtures/files/template_tk_mendaftar.xlsx is written by
 * LibreOffice (make-bpjs-template.sh): sheet data_tk_baru (30 headers, text-formatted columns, an example
 * row 2, validations on STATUS_KAWIN and on LOKASI_PEKERJAAN via the defined name LOKASI), sheet
 * petunjuk (a validation of its own), sheet daftar (hidden, the location codes).
 */
const FIXTURE = join(__dirname, '../fixtures/files/template_tk_mendaftar.xlsx');
const TEMPLATE_NAME = 'template_tk_mendaftar.xlsx';
const SHEET1 = 'xl/worksheets/sheet1.xml';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

async function templateProfile(): Promise<Awaited<ReturnType<typeof profileFromTemplate>>> {
  // The clerk's copy keeps the name the portal gave it.
  const path = join(ctx.dir, TEMPLATE_NAME);
  copyFileSync(FIXTURE, path);
  return await profileFromTemplate(ctx, path, { name: 'cabang-liwa' });
}

/** Parses LibreOffice's CSV (comma, double quotes, UTF-8). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

function soffice(args: string[]): void {
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(ctx.dir, 'lo-profile')}`, ...args], { stdio: 'pipe', timeout: 120_000 });
}

describe("branch office's template", () => {
  it('is kept with the profile made from it, once per content', async () => {
    const r = await templateProfile();
    expect(r.fillsTemplate).toBe(true);
    expect(r.profile.templateFile).toBe(TEMPLATE_NAME);
    expect(r.profile.kind).toBe('new');
    expect(r.headerRow).toBe(1);
    const q = storeOf(ctx);
    const t = (await templateRepo.get(q, (await profileRepo.templateId(q, (await profileRepo.byName(q, 'cabang-liwa'))!.id))!))!;
    const row = { file_name: t.file_name, sheet_name: t.sheet_name, header_row: t.header_row, n: t.bytes.length };
    expect(row).toEqual({ file_name: TEMPLATE_NAME, sheet_name: 'data_tk_baru', header_row: 1, n: readFileSync(FIXTURE).length });
    // The same template again (another profile) is kept once.
    await profileFromTemplate(ctx, join(ctx.dir, TEMPLATE_NAME), { name: 'cabang-lain' });
    // How many templates are stored: no repository read counts them, so through the store.
    expect((await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM bpjs_template`))!.n).toBe(1);
  });

  it('two saves of the same template at once keep one row: the second waits for the first and gets its id', async () => {
    const bytes = readFileSync(FIXTURE);
    const info = { fileName: TEMPLATE_NAME, sheetName: 'data_tk_baru', headerRow: 1, headers: ['NIK', 'NAMA'] };
    // The first save is written and not yet committed while the second goes as far as it can.
    const [id, second] = await overlapping(ctx, (c) => storeTemplate(c, bytes, info), (c) => storeTemplate(c, bytes, info));
    expect(second.status === 'fulfilled' ? second.value : outcome(second)).toBe(id);
    expect((await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM bpjs_template`))!.n).toBe(1);
  });

  it('is filled in a copy under its own name: only the data sheet changes, validations, hidden list and defined name stay; LibreOffice reads every cell back', async () => {
    await templateProfile();
    // Three newcomers; the second's name has XML's special characters, the third a formula-like address.
    const people = [
      await addPerson(ctx, { name: 'ANI SUSANTI', birthDate: '1990-04-02', address: 'Jl. Merdeka 1, Liwa 34812' }),
      await addPerson(ctx, { name: 'BUDI & <SANTOSO> "B"', birthDate: '1985-12-31' }),
      await addPerson(ctx, { name: 'CICI', birthDate: '2000-01-15', address: '=1+1' }),
    ];
    for (const p of people) await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 2_750_000 });
    const out = join(ctx.dir, 'out');
    const r = await exportBatch(ctx, { kind: 'new', outDir: out, profile: 'cabang-liwa', includeIncomplete: true });
    expect(r.rows).toBe(3);
    // One file, in a folder named as Sigap names its files; the file itself keeps the template's name.
    expect(r.files.map((f) => f.name)).toEqual([`data_tk_baru_18040012_20260310_01/${TEMPLATE_NAME}`]);
    const path = r.files[0]!.path;
    expect(existsSync(path)).toBe(true);

    // Zip level: every part but the data sheet and the styles is byte-identical to the template's (bytes
    // as stored too). The styles only gain text-formatted copies of the columns' styles, at the end.
    const tpl = readFileSync(FIXTURE);
    const got = readFileSync(path);
    const te = readEntries(tpl);
    const ge = readEntries(got);
    expect(ge.map((e) => e.name)).toEqual(te.map((e) => e.name));
    for (const e of te) {
      const g = ge.find((x) => x.name === e.name)!;
      if (e.name === SHEET1 || e.name === 'xl/styles.xml') continue;
      expect(Buffer.compare(entryBytes(got, g), entryBytes(tpl, e)), e.name).toBe(0);
      expect(Buffer.compare(got.subarray(g.localOffset, g.localEnd), tpl.subarray(e.localOffset, e.localEnd)), e.name).toBe(0);
    }
    const text = (buf: Buffer, entries: typeof te, name: string) => entryBytes(buf, entries.find((e) => e.name === name)!).toString('utf8');
    // The hidden list sheet and the defined name (workbook.xml is unchanged, checked above; read it to say so).
    const wb = text(got, ge, 'xl/workbook.xml');
    expect(wb).toMatch(/<sheet name="daftar" sheetId="3" state="hidden"/);
    expect(wb).toMatch(/<definedName[^>]*name="LOKASI"[^>]*>daftar!\$A\$2:\$A\$5<\/definedName>/);
    // The data sheet: everything outside sheetData as the template wrote it, but the dimension.
    const sheet = text(got, ge, SHEET1);
    const before = text(tpl, te, SHEET1);
    const outside = (x: string) => x.replace(/<sheetData>[\s\S]*<\/sheetData>/, '').replace(/<dimension ref="[^"]*"\/>/, '');
    expect(outside(sheet)).toBe(outside(before));
    expect(sheet).toContain('<dimension ref="A1:AD4"/>');
    expect(sheet).toMatch(/<dataValidation [^>]*sqref="T2:T200" type="list"><formula1>&quot;Y,T&quot;<\/formula1>/);
    expect(sheet).toMatch(/<dataValidation [^>]*sqref="AA2:AA200" type="list"><formula1>LOKASI<\/formula1>/);
    // The header row is the template's own (shared strings), the example row 2 gave way to the data.
    expect(sheet).toMatch(/<row r="1" [^>]*><c r="A1" s="1" t="s"><v>0<\/v><\/c>/);
    expect(sheet).not.toContain('CONTOH NAMA');
    const xfs = (x: string) => /<cellXfs count="(\d+)">([\s\S]*)<\/cellXfs>/.exec(x)!;
    const [tplXfs, gotXfs] = [xfs(text(tpl, te, 'xl/styles.xml')), xfs(text(got, ge, 'xl/styles.xml'))];
    expect(gotXfs[2]!.startsWith(tplXfs[2]!)).toBe(true);
    expect(text(got, ge, 'xl/styles.xml').replace(gotXfs[0]!, '')).toBe(text(tpl, te, 'xl/styles.xml').replace(tplXfs[0]!, ''));
    // LibreOffice kept the template's text format only where a cell had a value (T2): the others' column
    // style 0 (General) and T2's style 2 (General, another font flag) each got a text copy, 4 and 5.
    expect([tplXfs[1], gotXfs[1]]).toEqual(['4', '6']);
    expect(sheet).toContain('<c r="O3" s="4" t="inlineStr"><is><t xml:space="preserve">');
    expect(sheet).toContain('<c r="T3" s="5" t="inlineStr"><is><t xml:space="preserve">');
    expect(sheet).toContain('<c r="A3" s="4"/>');
    // exceljs agrees: every data cell is text-formatted and holds a string or nothing.
    const xl = new ExcelJS.Workbook();
    await xl.xlsx.readFile(path);
    const ws = xl.getWorksheet('data_tk_baru')!;
    for (let r = 2; r <= 4; r++) {
      for (let c = 1; c <= 30; c++) {
        const cell = ws.getRow(r).getCell(c);
        expect(cell.numFmt, cell.address).toBe('@');
        expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Null]).toContain(cell.type);
      }
    }
    expect(sheet).toContain('BUDI &amp; &lt;SANTOSO&gt; "B"');

    // LibreOffice opens the copy: the data sheet as CSV, cell by cell against what the batch recorded.
    soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', join(ctx.dir, 'csv'), path]);
    const csv = parseCsv(readFileSync(join(ctx.dir, 'csv', TEMPLATE_NAME.replace(/xlsx$/, 'csv')), 'utf8'));
    const headers = builtinProfile('new').columns.map((c) => c.header);
    expect(csv[0]).toEqual(headers);
    expect((await batchRepo.files(storeOf(ctx), r.batchId!)).map((f) => f.seq)).toEqual([1]);
    const recorded = (await batchRepo.fileCells(storeOf(ctx), r.batchId!, 1)).map((j) => JSON.parse(j) as string[]);
    expect(csv.slice(1)).toHaveLength(3);
    csv.slice(1).forEach((row, i) => {
      // A formula-like text is written with the quote prefix setTextCell uses; LibreOffice shows it as text.
      const want = recorded[i]!.map((v) => (/^[=+\-@]/.test(v) ? `'${v}` : v));
      expect(row.slice(0, 30)).toEqual(want);
    });
    // By hand: NIK kept whole as text, dates dd-mm-yyyy, the wage as digits, the names as written.
    const col = (h: string) => headers.indexOf(h);
    const byName = new Map(csv.slice(1).map((row) => [row[col('NAMA_LENGKAP')], row]));
    expect(byName.get('ANI SUSANTI')![col('NOMOR_IDENTITAS')]).toBe(people[0]!.nik);
    expect(byName.get('ANI SUSANTI')![col('TANGGAL_LAHIR')]).toBe('02-04-1990');
    expect(byName.get('ANI SUSANTI')![col('KODE_POS')]).toBe('34812');
    expect(byName.get('ANI SUSANTI')![col('UPAH')]).toBe('2750000');
    expect(byName.get('BUDI & <SANTOSO> "B"')![col('TANGGAL_LAHIR')]).toBe('31-12-1985');
    expect(byName.get('CICI')![col('ALAMAT')]).toBe("'=1+1");

    // LibreOffice's own re-save keeps the hidden sheet, the defined name and the validation list: it
    // understood them in the filled copy.
    soffice(['--convert-to', 'xlsx', '--outdir', join(ctx.dir, 'lo'), path]);
    const lo = readFileSync(join(ctx.dir, 'lo', TEMPLATE_NAME));
    const le = readEntries(lo);
    expect(text(lo, le, 'xl/workbook.xml')).toMatch(/<sheet name="daftar"[^>]*state="hidden"/);
    expect(text(lo, le, 'xl/workbook.xml')).toMatch(/name="LOKASI"/);
    expect(text(lo, le, SHEET1)).toMatch(/<formula1>LOKASI<\/formula1>/);
    expect(LOCATION_CODES.every((c) => text(lo, le, 'xl/sharedStrings.xml').includes(c))).toBe(true);

    // Regenerated from the batch: the same bytes, under the same folder and name.
    const again = await regenerateBatch(ctx, r.batchId!, join(ctx.dir, 'again'));
    expect(again.map((f) => [f.name, f.identical])).toEqual([[r.files[0]!.name, true]]);
  }, 240_000);

  it('sigap profile from-template says the files go into copies of the template', async () => {
    const path = join(ctx.dir, TEMPLATE_NAME);
    copyFileSync(FIXTURE, path);
    const r = await runCli(['profile', 'from-template', path, '--name', 'cabang', '--db', ctx.dbPath]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Profil cabang (new) dari sheet "data_tk_baru" baris 1: 30 kolom');
    expect(r.stdout).toContain(`Berkas ditulis ke salinan templat ${TEMPLATE_NAME} (nama berkas, sheet dan daftar pilihan tetap), satu folder per berkas.`);
  });

  it('parts of a batch over 10,000 rows each keep the template name, in numbered folders', () => {
    expect(batchFileNames('new', '18040012', '2026-03-10', 3, 2, TEMPLATE_NAME)).toEqual([
      `data_tk_baru_18040012_20260310_03/${TEMPLATE_NAME}`,
      `data_tk_baru_18040012_20260310_04/${TEMPLATE_NAME}`,
    ]);
    expect(batchFileNames('new', '18040012', '2026-03-10', 1, 1, null)).toEqual(['data_tk_baru_18040012_20260310_01.xlsx']);
  });

  it('a batch of 10,001 rows: two copies of the template, same name, folders _01 and _02', async () => {
    await templateProfile();
    await addNewcomers(ctx, s, 10_001);
    const r = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'big'), profile: 'cabang-liwa', includeIncomplete: true });
    expect(r.files.map((f) => [f.name, f.rows])).toEqual([
      [`data_tk_baru_18040012_20260310_01/${TEMPLATE_NAME}`, 10_000],
      [`data_tk_baru_18040012_20260310_02/${TEMPLATE_NAME}`, 1],
    ]);
    for (const [f, last] of [[r.files[0]!, 10_001], [r.files[1]!, 2]] as const) {
      const buf = readFileSync(f.path);
      const sheet = entryBytes(buf, readEntries(buf).find((e) => e.name === SHEET1)!).toString('utf8');
      expect(sheet).toContain(`<dimension ref="A1:AD${last}"/>`);
      expect(sheet.match(/<row r="/g)).toHaveLength(last);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.files[1]!.path);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([['data_tk_baru', 'visible'], ['petunjuk', 'visible'], ['daftar', 'hidden']]);
    expect(wb.getWorksheet('data_tk_baru')!.getRow(2).getCell(15).value).toMatch(/^\d{16}$/);
  }, 120_000);

  it("splits by the profile's rows per file when the branch takes fewer than 10,000", async () => {
    await templateProfile();
    // Set on the command line: 2 rows per file; a word is refused, so is 0 or more than 10,000.
    const bad = await runCli(['profile', 'edit', 'cabang-liwa', '--rows-per-file', 'dua', '--db', ctx.dbPath]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--rows-per-file harus angka 1 sampai 10000');
    await expect(editProfile(ctx, 'cabang-liwa', { rowsPerFile: 0 })).rejects.toThrow(/Baris per berkas harus bilangan bulat 1 sampai 10\.000/);
    await expect(editProfile(ctx, 'cabang-liwa', { rowsPerFile: 10_001 })).rejects.toThrow(/Baris per berkas/);
    expect((await runCli(['profile', 'edit', 'cabang-liwa', '--rows-per-file', '2', '--db', ctx.dbPath])).code).toBe(0);
    expect((await getProfile(ctx, 'cabang-liwa')).rowsPerFile).toBe(2);
    // Other edits keep it.
    await editProfile(ctx, 'cabang-liwa', { map: [{ header: 'NO_PEGAWAI', field: null }] });
    expect((await getProfile(ctx, 'cabang-liwa')).rowsPerFile).toBe(2);
    // 5 people at 2 a file: 2 + 2 + 1, each a copy of the template under its name.
    await addNewcomers(ctx, s, 5);
    const r = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'small'), profile: 'cabang-liwa', includeIncomplete: true });
    expect(r.files.map((f) => [f.name, f.rows])).toEqual([
      [`data_tk_baru_18040012_20260310_01/${TEMPLATE_NAME}`, 2],
      [`data_tk_baru_18040012_20260310_02/${TEMPLATE_NAME}`, 2],
      [`data_tk_baru_18040012_20260310_03/${TEMPLATE_NAME}`, 1],
    ]);
    const again = await regenerateBatch(ctx, r.batchId!, join(ctx.dir, 'again'));
    expect(again.every((f) => f.identical)).toBe(true);
    // Back to the portal's limit.
    expect((await editProfile(ctx, 'cabang-liwa', { rowsPerFile: null })).rowsPerFile).toBeNull();
  }, 60_000);

  it('refuses a profile column the template does not have, naming the file, sheet and column', () => {
    const info = { fileName: TEMPLATE_NAME, sheetName: 'data_tk_baru', headerRow: 1, headers: ['KPJ', 'NAMA_LENGKAP'] };
    expect(() => fillTemplate(readFileSync(FIXTURE), info, ['KPJ', 'CATATAN'], [])).toThrow(/Kolom "CATATAN" ada di profil tetapi tidak ada di templat kantor cabang "template_tk_mendaftar.xlsx" \(sheet "data_tk_baru"/);
  });

  it('a profile from a template Sigap cannot fill (.xls) writes Sigap’s own workbook', async () => {
    const xls = join(ctx.dir, 'tpl.xls');
    soffice(['--convert-to', 'xls', '--outdir', ctx.dir, FIXTURE]);
    copyFileSync(join(ctx.dir, TEMPLATE_NAME.replace(/xlsx$/, 'xls')), xls);
    const r = await profileFromTemplate(ctx, xls, { name: 'lama' });
    expect(r.fillsTemplate).toBe(false);
    expect(r.profile.templateFile).toBeNull();
    const p = await addPerson(ctx);
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu });
    const out = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'o'), profile: 'lama', includeIncomplete: true });
    expect(out.files.map((f) => f.name)).toEqual(['data_tk_baru_18040012_20260310_01.xlsx']);
  }, 120_000);
});
