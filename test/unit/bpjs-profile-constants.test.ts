/*
 * Constant values in template profiles: a column (STATUS_KAWIN, LOKASI_PEKERJAAN, NO_PEGAWAI...) the
 * roster has no data for can carry a fixed text the clerk sets in a custom profile.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { runCli } from '../cli-harness';
import { addNewcomers, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import {
  copyProfile, editProfile, exportBatch, getProfile, preflight, regenerateBatch, saveProfile,
} from '../../electron/core/bpjs/index';
import { batchRepo } from '../../electron/core/bpjs/batch-repository';
import { storeOf } from '../../electron/core/store/of-context';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

interface ReadCell { value: unknown; type: ExcelJS.ValueType; numFmt: string }

/** Header -> cells of a column, read back with exceljs. */
async function columnsOf(path: string): Promise<{ sheet: string; header: string[]; col: (h: string) => ReadCell[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const col = (h: string): ReadCell[] => {
    const i = header.indexOf(h);
    expect(i, `column ${h}`).toBeGreaterThanOrEqual(0);
    const out: ReadCell[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const c = ws.getRow(r).getCell(i + 1);
      out.push({ value: c.value, type: c.type, numFmt: c.numFmt });
    }
    return out;
  };
  return { sheet: ws.name, header, col };
}

describe('constant values in template profiles', () => {
  it('a copy of the built-in layout carries constants, written as text cells in every row', async () => {
    await expect(editProfile(ctx, 'sipp-tk-baru', { set: [{ header: 'STATUS_KAWIN', value: 'T' }] })).rejects.toThrow(/profil bawaan/);
    const copy = await copyProfile(ctx, 'sipp-tk-baru', 'Cabang Liwa');
    expect(copy.builtin).toBe(false);
    expect(copy.columns.map((c) => c.header)).toEqual((await getProfile(ctx, 'sipp-tk-baru')).columns.map((c) => c.header));
    await expect(copyProfile(ctx, 'sipp-tk-baru', 'cabang liwa')).rejects.toThrow(/sudah ada/);
    await expect(copyProfile(ctx, 'sipp-tk-na', 'SIPP-TK-BARU')).rejects.toThrow(/sudah ada/);

    const p = await editProfile(ctx, 'Cabang Liwa', {
      set: [{ header: 'status_kawin', value: ' t ' }, { header: 'LOKASI_PEKERJAAN', value: '0012' }, { header: 'NO_PEGAWAI', value: 'NON-ASN' }],
    });
    expect(p.columns.find((c) => c.header === 'STATUS_KAWIN')).toEqual({ header: 'STATUS_KAWIN', field: null, value: 'T', required: true });
    expect(p.columns.find((c) => c.header === 'LOKASI_PEKERJAAN')).toEqual({ header: 'LOKASI_PEKERJAAN', field: null, value: '0012', required: true });
    // Stored with the profile (columns_json), read back from the database.
    expect((await getProfile(ctx, 'Cabang Liwa')).columns.find((c) => c.header === 'NO_PEGAWAI')?.value).toBe('NON-ASN');

    await addNewcomers(ctx, s, 3);
    const r = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'out'), profile: 'Cabang Liwa' });
    expect(r.rows).toBe(3);
    const back = await columnsOf(r.files[0]!.path);
    expect(back.sheet).toBe('data_tk_baru');
    for (const [h, v] of [['STATUS_KAWIN', 'T'], ['LOKASI_PEKERJAAN', '0012'], ['NO_PEGAWAI', 'NON-ASN']] as const) {
      const cells = back.col(h);
      expect(cells).toHaveLength(3);
      for (const c of cells) expect(c).toEqual({ value: v, type: ExcelJS.ValueType.String, numFmt: '@' });
    }
    // The rest still comes from the roster, and the profile leaves nothing to warn about.
    expect(back.col('NOMOR_IDENTITAS').every((c) => typeof c.value === 'string' && /^\d{16}$/.test(c.value))).toBe(true);
    expect(r.warnings).toEqual([]);
    // The batch snapshots the constants with its profile.
    const snap = JSON.parse((await batchRepo.get(storeOf(ctx), r.batchId!))!.profile_json) as { columns: { header: string; value?: string }[] };
    expect(snap.columns.find((c) => c.header === 'STATUS_KAWIN')?.value).toBe('T');
  });

  it('a batch is written again byte for byte after the profile constants changed', async () => {
    await copyProfile(ctx, 'sipp-tk-baru', 'Cabang Liwa');
    await editProfile(ctx, 'Cabang Liwa', { set: [{ header: 'STATUS_KAWIN', value: 'T' }, { header: 'LOKASI_PEKERJAAN', value: 'LW-01' }] });
    await addNewcomers(ctx, s, 2);
    const r = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'out'), profile: 'Cabang Liwa' });
    await editProfile(ctx, 'Cabang Liwa', { set: [{ header: 'STATUS_KAWIN', value: 'Y' }, { header: 'LOKASI_PEKERJAAN', value: null }] });
    expect((await getProfile(ctx, 'Cabang Liwa')).columns.find((c) => c.header === 'LOKASI_PEKERJAAN')?.value).toBeUndefined();
    const again = join(ctx.dir, 'again');
    const re = await regenerateBatch(ctx, r.batchId!, again);
    expect(re.map((f) => f.identical)).toEqual([true]);
    expect(readFileSync(join(again, r.files[0]!.name)).equals(readFileSync(r.files[0]!.path))).toBe(true);
    const back = await columnsOf(join(again, r.files[0]!.name));
    expect(back.col('STATUS_KAWIN').map((c) => c.value)).toEqual(['T', 'T']);
    expect(back.col('LOKASI_PEKERJAAN').map((c) => c.value)).toEqual(['LW-01', 'LW-01']);
  });

  it('refuses constants the portal or a spreadsheet would misread', async () => {
    await copyProfile(ctx, 'sipp-tk-baru', 'Cabang Liwa');
    const set = (header: string, value: string) => editProfile(ctx, 'Cabang Liwa', { set: [{ header, value }] });
    await expect(set('STATUS_KAWIN', 'K')).rejects.toThrow(/harus Y atau T/);
    await expect(set('STATUS_KAWIN', 'Kawin')).rejects.toThrow(/harus Y atau T/);
    expect((await set('STATUS_KAWIN', 'y')).columns.find((c) => c.header === 'STATUS_KAWIN')?.value).toBe('Y');
    for (const bad of ['=HYPERLINK("x")', '+1', '-5', '@SUM(A1)', ' =1+1']) await expect(set('LOKASI_PEKERJAAN', bad)).rejects.toThrow(/rumus/);
    await expect(set('LOKASI_PEKERJAAN', 'a\nb')).rejects.toThrow(/baris baru/);
    await expect(set('LOKASI_PEKERJAAN', 'x'.repeat(61))).rejects.toThrow(/60 karakter/);
    expect((await set('LOKASI_PEKERJAAN', 'x'.repeat(60))).columns.find((c) => c.header === 'LOKASI_PEKERJAAN')?.value).toHaveLength(60);
    // A refused value changes nothing.
    expect((await getProfile(ctx, 'Cabang Liwa')).columns.find((c) => c.header === 'STATUS_KAWIN')?.value).toBe('Y');
    // saveProfile checks too (the path a template import or a copy takes).
    await expect(saveProfile(ctx, { name: 'X', kind: 'new', sheetName: 'data_tk_baru', columns: [{ header: 'STATUS_KAWIN', field: null, value: 'N' }] })).rejects.toThrow(/Y atau T/);
    // A header the profile lacks is added with its constant; clearing an unknown header is refused.
    expect((await set('KODE_CABANG', 'LIWA')).columns.at(-1)).toEqual({ header: 'KODE_CABANG', field: null, value: 'LIWA' });
    await expect(editProfile(ctx, 'Cabang Liwa', { set: [{ header: 'TIDAK_ADA', value: null }] })).rejects.toThrow(/tidak ada/);
    // Mapping a field to the column clears its constant.
    const mapped = await editProfile(ctx, 'Cabang Liwa', { map: [{ header: 'KODE_CABANG', field: 'unitCode' }] });
    expect(mapped.columns.at(-1)).toEqual({ header: 'KODE_CABANG', field: 'unitCode' });
  });

  it('warns once per batch when a profile fills STATUS_KAWIN or LOKASI_PEKERJAAN from nothing', async () => {
    await addNewcomers(ctx, s, 4);
    const pf = await preflight(ctx, { kinds: ['new', 'na'] });
    const newKind = pf.kinds.find((k) => k.kind === 'new')!;
    expect(newKind.pending).toBe(4);
    // The built-in layout fills both from the person records (the newcomers have them): no remark.
    expect(newKind.profileWarnings).toEqual([]);
    expect(pf.kinds.find((k) => k.kind === 'na')!.profileWarnings).toEqual([]);

    await copyProfile(ctx, 'sipp-tk-baru', 'Cabang Liwa');
    // STATUS_KAWIN gets a constant; LOKASI_PEKERJAAN is mapped to nothing: empty for everyone, said once.
    await editProfile(ctx, 'Cabang Liwa', { set: [{ header: 'STATUS_KAWIN', value: 'T' }], map: [{ header: 'LOKASI_PEKERJAAN', field: null }] });
    const r = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'out'), profile: 'Cabang Liwa' });
    expect(r.rows).toBe(4);
    expect(r.warnings.map((w) => w.column)).toEqual(['LOKASI_PEKERJAAN']);
    expect(r.warnings[0]!.message).toMatch(/sigap profile edit "Cabang Liwa" --set LOKASI_PEKERJAAN=/);
    expect((await preflight(ctx, { kinds: ['new'], profiles: { new: 'Cabang Liwa' } })).kinds[0]!.profileWarnings.map((w) => w.column)).toEqual(['LOKASI_PEKERJAAN']);
  });

  it('CLI: profile copy and profile edit --set', async () => {
    const db = ['--db', ctx.dbPath];
    const copy = await runCli(['profile', 'copy', 'sipp-tk-baru', '--name', 'Cabang Liwa', ...db]);
    expect(copy.code).toBe(0);
    const edit = await runCli(['profile', 'edit', 'Cabang Liwa', '--set', 'STATUS_KAWIN=T', '--set', 'LOKASI_PEKERJAAN=A=1', '--json', ...db]);
    expect(edit.code).toBe(0);
    const cols = edit.json<{ columns: { header: string; field: string | null; value?: string }[] }>().columns;
    expect(cols.find((c) => c.header === 'STATUS_KAWIN')).toEqual({ header: 'STATUS_KAWIN', field: null, value: 'T', required: true });
    // Split at the first '=': the value may itself hold one.
    expect(cols.find((c) => c.header === 'LOKASI_PEKERJAAN')?.value).toBe('A=1');
    const show = await runCli(['profile', 'show', 'Cabang Liwa', ...db]);
    expect(show.stdout).toMatch(/STATUS_KAWIN\s+nilai tetap "T"/);
    const bad = await runCli(['profile', 'edit', 'Cabang Liwa', '--set', 'STATUS_KAWIN=X', ...db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/Y atau T/);
    const cleared = await runCli(['profile', 'edit', 'Cabang Liwa', '--set', 'LOKASI_PEKERJAAN=', '--json', ...db]);
    expect(cleared.json<{ columns: { header: string; value?: string }[] }>().columns.find((c) => c.header === 'LOKASI_PEKERJAAN')?.value).toBeUndefined();

    await addNewcomers(ctx, s, 1);
    const pf = await runCli(['preflight', '--kind', 'new', '--profile', 'Cabang Liwa', '--json', ...db]);
    expect(pf.json<{ kinds: { profileWarnings: { column: string }[] }[] }>().kinds[0]!.profileWarnings.map((w) => w.column)).toEqual(['LOKASI_PEKERJAAN']);
    // Without --profile: the built-in profile fills both columns from the person records, no remark.
    const pfText = await runCli(['preflight', '--kind', 'new', ...db]);
    expect(pfText.stdout).not.toMatch(/Perhatian/);
    const out = join(ctx.dir, 'cli-out');
    const ex = await runCli(['export', 'new', '--out', out, '--profile', 'Cabang Liwa', '--json', ...db]);
    expect(ex.code).toBe(0);
    const res = ex.json<{ files: { path: string }[]; warnings: { column: string }[] }>();
    expect(res.warnings.map((w) => w.column)).toEqual(['LOKASI_PEKERJAAN']);
    expect((await columnsOf(res.files[0]!.path)).col('STATUS_KAWIN')).toEqual([{ value: 'T', type: ExcelJS.ValueType.String, numFmt: '@' }]);
  });
});
