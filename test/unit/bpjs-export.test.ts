import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { testContext } from '../helpers';
import { runCli } from '../cli-harness';
import { addEngagement, addNewcomers, addPerson, NPP, setEmployerNpp, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { exportBatch, regenerateBatch } from '../../electron/core/bpjs/index';
import { BUILTIN_PROFILES, builtinProfile } from '../../shared/sipp-layouts';
import { formatDateDmy } from '../../shared/dates';
import { batchRepo } from '../../electron/core/bpjs/batch-repository';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
let out: string;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
  out = join(ctx.dir, 'out');
});
afterEach(() => ctx.close());

interface ReadBack {
  sheets: string[];
  header: string[];
  rows: Record<string, string>[];
  /** Every data cell: its exceljs value type and number format. */
  cells: { type: ExcelJS.ValueType; numFmt: string; value: unknown }[];
}

async function readBack(path: string): Promise<ReadBack> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const width = ws.getRow(1).cellCount;
  const header = Array.from({ length: width }, (_, i) => ws.getRow(1).getCell(i + 1).value as string);
  const rows: Record<string, string>[] = [];
  const cells: ReadBack['cells'] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const rec: Record<string, string> = {};
    for (let i = 1; i <= width; i++) {
      const c = row.getCell(i);
      cells.push({ type: c.type, numFmt: c.numFmt, value: c.value });
      rec[header[i - 1]!] = c.value === null ? '' : (c.value as string);
    }
    rows.push(rec);
  });
  return { sheets: wb.worksheets.map((w) => w.name), header, rows, cells };
}

function expectAllText(cells: ReadBack['cells']): void {
  for (const c of cells) {
    expect(c.numFmt).toBe('@');
    expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Null]).toContain(c.type);
    if (c.type === ExcelJS.ValueType.String) expect(typeof c.value).toBe('string');
  }
}

describe('SIPP upload workbooks', () => {
  it('data_tk_baru: the 30 columns in order, every cell text, dd-mm-yyyy dates, portal codes, phone digits', async () => {
    const p = await addPerson(ctx, { phone: '+62 812-3456-7890', address: 'Jl. Raden Intan No. 5, Liwa 34812', sex: 'P' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 1_750_000, start: '2026-01-02', end: '2026-12-31' });
    const r = await exportBatch(ctx, { kind: 'new', outDir: out });
    expect(r.files.map((f) => f.name)).toEqual([`data_tk_baru_${NPP}_20260310_01.xlsx`]);
    const back = await readBack(r.files[0]!.path);
    expect(back.sheets).toEqual(['data_tk_baru']);
    expect(back.header).toEqual([
      'NO_PEGAWAI', 'NAMA_LENGKAP', 'GELAR', 'TELEPON_AREA_RUMAH', 'TELEPON_RUMAH', 'TELEPON_AREA_KANTOR', 'TELEPON_KANTOR',
      'TELEPON_EXT_KANTOR', 'HP', 'EMAIL', 'TEMPAT_LAHIR', 'TANGGAL_LAHIR', 'NAMA_IBU_KANDUNG', 'JENIS_IDENTITAS', 'NOMOR_IDENTITAS',
      'MASA_LAKU_IDENTITAS', 'JENIS_KELAMIN', 'SURAT_MENYURAT_KE', 'TANGGAL_KEPESERTAAN', 'STATUS_KAWIN', 'GOLONGAN_DARAH', 'NPWP',
      'KODE_NEGARA', 'UPAH', 'ALAMAT', 'KODE_POS', 'LOKASI_PEKERJAAN', 'STATUS_PEGAWAI', 'TGL_AWAL_BEKERJA', 'TGL_AKHIR_KONTRAK',
    ]);
    expectAllText(back.cells);
    const row = back.rows[0]!;
    const person = (await personRepo.row(storeOf(ctx), p.id))! as { nik: string; name: string; birth_date: string; birth_place: string; mother_name: string };
    expect(row).toMatchObject({
      NAMA_LENGKAP: person.name, HP: '081234567890', TEMPAT_LAHIR: person.birth_place, TANGGAL_LAHIR: formatDateDmy(person.birth_date),
      NAMA_IBU_KANDUNG: person.mother_name, JENIS_IDENTITAS: 'KTP', NOMOR_IDENTITAS: person.nik, MASA_LAKU_IDENTITAS: '31-12-3000',
      JENIS_KELAMIN: 'P', SURAT_MENYURAT_KE: 'S', TANGGAL_KEPESERTAAN: '', KODE_NEGARA: 'ID', UPAH: '1750000',
      ALAMAT: 'Jl. Raden Intan No. 5, Liwa 34812', KODE_POS: '34812', STATUS_PEGAWAI: 'PKWT', TGL_AWAL_BEKERJA: '02-01-2026', TGL_AKHIR_KONTRAK: '31-12-2026',
    });
    expect(row.TANGGAL_LAHIR).toMatch(/^\d{2}-\d{2}-\d{4}$/);
    expect(row.NOMOR_IDENTITAS).toMatch(/^\d{16}$/);
  });

  it('data_tk_na, the wage change and the BPU layouts, with reasons, BLTH, RAPEL and funding codes', async () => {
    const left = await addPerson(ctx, { kpj: '12345678901' });
    await addEngagement(ctx, left.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2026-01-31', reason: 'Mengundurkan diri' });
    const raised = await addPerson(ctx, { kpj: '23456789012' });
    await addEngagement(ctx, raised.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2025-01-01', end: '2025-12-31' });
    await addEngagement(ctx, raised.id, { unit: s.dinas, category: s.pu, wage: 2_100_000, start: '2026-01-01' });
    const later = await addPerson(ctx, { kpj: '34567890123' });
    await addEngagement(ctx, later.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2025-01-01', end: '2026-02-28' });
    await addEngagement(ctx, later.id, { unit: s.dinas, category: s.pu, wage: 1_600_000, start: '2026-03-01' });
    const village = await addPerson(ctx);
    await addEngagement(ctx, village.id, { unit: s.pekon, category: s.bpu, wage: 1_000_000, position: 'Pekerja Rentan' });
    const office = await addPerson(ctx);
    await addEngagement(ctx, office.id, { unit: s.dinas, category: s.bpu, wage: 1_000_000 });

    const na = await readBack((await exportBatch(ctx, { kind: 'na', outDir: out })).files[0]!.path);
    expect(na.sheets).toEqual(['data_tk_na']);
    expect(na.header).toEqual(['KPJ', 'NAMA_LENGKAP', 'TGL_LAHIR', 'SEBAB_NA', 'TGL_KEJADIAN', 'KETERANGAN']);
    expectAllText(na.cells);
    expect(na.rows).toEqual([{ KPJ: '12345678901', NAMA_LENGKAP: left.name, TGL_LAHIR: formatDateDmy(left.birthDate!), SEBAB_NA: 'A1', TGL_KEJADIAN: '31-01-2026', KETERANGAN: 'Mengundurkan diri' }]);

    const wage = await readBack((await exportBatch(ctx, { kind: 'wage', outDir: out })).files[0]!.path);
    expect(wage.sheets).toEqual(['data_upah']);
    expect(wage.header).toEqual(['KPJ', 'NIK', 'NAMA_LENGKAP', 'TGL_LAHIR', 'BLTH', 'NPP', 'UPAH', 'RAPEL']);
    expectAllText(wage.cells);
    const byKpj = Object.fromEntries(wage.rows.map((r) => [r.KPJ, r]));
    // RAPEL, the back pay (bpjs-wage-change.test.ts): Rp1.500.000 -> Rp2.100.000 from January, reported
    // in March: January and February, 2 x Rp600.000 = Rp1.200.000. A change from March owes nothing yet.
    expect(byKpj['23456789012']).toMatchObject({ NIK: raised.nik, BLTH: '01-2026', NPP, UPAH: '2100000', RAPEL: '1200000' });
    expect(byKpj['34567890123']).toMatchObject({ BLTH: '03-2026', UPAH: '1600000', RAPEL: '0' });

    const bpu = await exportBatch(ctx, { kind: 'bpu', outDir: out, villageFunding: 'SA' });
    expect(bpu.files[0]!.name).toBe(`data_tk_bpu_${NPP}_20260310_01.xlsx`);
    const b = await readBack(bpu.files[0]!.path);
    expect(b.sheets).toEqual(['data_tk_bpu']);
    expect(b.header).toEqual(builtinProfile('bpu').columns.map((c) => c.header));
    expectAllText(b.cells);
    const funding = Object.fromEntries(b.rows.map((r) => [r.NIK, [r.KODE_SUMBER_DANA, r.LOKASI_KERJA, r.PROGRAM, r.PENGHASILAN]]));
    expect(funding).toEqual({ [village.nik]: ['SA', 'Pekon Way Mengaku', 'JKK,JKM', '1000000'], [office.nik]: ['SG', 'Dinas Sosial', 'JKK,JKM', '1000000'] });
  });

  it('formula-like text stays text; people with errors are left out unless --include-incomplete', async () => {
    const evil = await addPerson(ctx, { name: '=HYPERLINK("http://x","klik")', mother: '+Siti', address: '@Liwa' });
    await addEngagement(ctx, evil.id, { unit: s.dinas, category: s.pu });
    // STATUS_KAWIN is required by the built-in registration profile; the mother's name only warns.
    const incomplete = await addPerson(ctx, { maritalStatus: null });
    await addEngagement(ctx, incomplete.id, { unit: s.dinas, category: s.pu });
    const noMother = await addPerson(ctx, { mother: null });
    await addEngagement(ctx, noMother.id, { unit: s.dinas, category: s.pu });

    const r = await exportBatch(ctx, { kind: 'new', outDir: out });
    expect(r.rows).toBe(2);
    expect(r.skipped).toEqual([expect.objectContaining({ nik: incomplete.nik, problems: [expect.objectContaining({ code: 'REQUIRED_EMPTY', column: 'STATUS_KAWIN', severity: 'error' })] })]);
    const back = await readBack(r.files[0]!.path);
    expectAllText(back.cells);
    expect(back.cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    expect(back.rows[0]).toMatchObject({ NAMA_LENGKAP: `'=HYPERLINK("http://x","klik")`, NAMA_IBU_KANDUNG: "'+Siti", ALAMAT: "'@Liwa" });

    const all = await exportBatch(ctx, { kind: 'new', outDir: out, includeIncomplete: true });
    expect([all.rows, all.incomplete, all.skipped]).toEqual([1, 1, []]);
    expect((await readBack(all.files[0]!.path)).rows[0]!.NOMOR_IDENTITAS).toBe(incomplete.nik);
  });

  it('10,001 rows become two numbered files of 10,000 and 1, and regenerate byte for byte', async () => {
    const people = await addNewcomers(ctx, s, 10_001);
    const r = await exportBatch(ctx, { kind: 'new', outDir: out });
    expect(r.files.map((f) => [f.name, f.rows])).toEqual([[`data_tk_baru_${NPP}_20260310_01.xlsx`, 10_000], [`data_tk_baru_${NPP}_20260310_02.xlsx`, 1]]);
    const [first, second] = await Promise.all(r.files.map((f) => readBack(f.path)));
    expect([first!.rows.length, second!.rows.length]).toEqual([10_000, 1]);
    expect(new Set([...first!.rows, ...second!.rows].map((x) => x.NOMOR_IDENTITAS)).size).toBe(10_001);
    for (const f of r.files) expect(createHash('sha256').update(readFileSync(f.path)).digest('hex')).toBe(f.sha256);

    // Later, with the roster edited: the batch is written again from what it recorded, identically.
    await storeOf(ctx).tx('write', async (q) => {
      for (const x of people) await personRepo.update(q, x.id, { name: 'Diubah Kemudian' }, 'x');
    });
    const again = join(ctx.dir, 'again');
    const re = await regenerateBatch(ctx, r.batchId!, again);
    expect(re.map((f) => [f.name, f.identical])).toEqual(r.files.map((f) => [f.name, true]));
    for (const f of r.files) expect(readFileSync(join(again, f.name)).equals(readFileSync(f.path))).toBe(true);
    // Refuses to overwrite.
    await expect(regenerateBatch(ctx, r.batchId!, again)).rejects.toThrow(/sudah ada/);
  });

  it('the same content written at another moment differs only by the recorded batch time', async () => {
    const p = await addPerson(ctx);
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu });
    const r = await exportBatch(ctx, { kind: 'new', outDir: out });
    await new Promise((res) => setTimeout(res, 2100)); // the zip time has a 2-second resolution
    rmSync(r.files[0]!.path);
    const re = await regenerateBatch(ctx, r.batchId!, out);
    expect(re[0]!.identical).toBe(true);
    expect(readdirSync(out)).toEqual([r.files[0]!.name]);
  });

  it('sigap export --json lists the files with row counts and the skipped people with their problems', async () => {
    const ok = await addPerson(ctx);
    await addEngagement(ctx, ok.id, { unit: s.dinas, category: s.pu });
    const bad = await addPerson(ctx, { address: null, birthPlace: null, workLocation: null });
    await addEngagement(ctx, bad.id, { unit: s.dinas, category: s.pu });
    const run = await runCli(['export', 'new', '--out', out, '--json', '--db', ctx.dbPath], { at: '2026-03-10T03:00:00Z' });
    expect(run.code).toBe(0);
    const doc = run.json<{ batchId: number; rows: number; files: { name: string; rows: number; sha256: string }[]; skipped: { nik: string; problems: { code: string }[] }[] }>();
    expect(doc.files).toEqual([{ name: `data_tk_baru_${NPP}_20260310_01.xlsx`, path: join(out, `data_tk_baru_${NPP}_20260310_01.xlsx`), rows: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(doc.skipped.map((x) => [x.nik, x.problems.map((p) => p.code).sort()])).toEqual([[bad.nik, ['ADDRESS_MISSING', 'BIRTH_PLACE_MISSING', 'REQUIRED_EMPTY']]]);
    const batches = await runCli(['batches', '--json', '--db', ctx.dbPath]);
    expect(batches.json<{ batches: { id: number; rows: number; files: { sha256: string }[] }[] }>().batches).toEqual([
      expect.objectContaining({ id: doc.batchId, rows: 1, files: [expect.objectContaining({ sha256: doc.files[0]!.sha256 })] }),
    ]);
    const wrongKind = await runCli(['export', 'baru', '--out', out, '--db', ctx.dbPath]);
    expect(wrongKind.code).toBe(2);
  });

  it('refuses without an NPP, and never overwrites a file already in the folder', async () => {
    await setEmployerNpp(ctx, null);
    await addNewcomers(ctx, s, 1);
    await expect(exportBatch(ctx, { kind: 'new', outDir: out })).rejects.toThrow(/NPP pemberi kerja belum diisi/);
    await setEmployerNpp(ctx, NPP);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `data_tk_baru_${NPP}_20260310_01.xlsx`), 'berkas lama');
    await expect(exportBatch(ctx, { kind: 'new', outDir: out })).rejects.toThrow(/tidak menimpa/);
    expect(await batchRepo.list(storeOf(ctx), null)).toEqual([]);
  });

  it('every built-in layout is documented with its sheet and headers', () => {
    const doc = readFileSync(new URL('../../docs/bpjs-layouts.md', import.meta.url), 'utf8');
    for (const p of BUILTIN_PROFILES) {
      expect(doc).toContain(p.sheetName);
      for (const c of p.columns) expect(doc).toContain(c.header);
    }
    for (const code of ['SG', 'SA', 'SD', 'SL']) expect(doc).toContain(code);
  });
});
