import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { runCli } from '../cli-harness';
import { writeTemplate } from '../fixtures/bpjs-files';
import { addEngagement, addPerson, setupRoster, type RosterSetup, auditRows } from '../fixtures/bpjs-roster';
import { copyProfile, editProfile, exportBatch, getProfile, listProfiles, profileFromTemplate, saveProfile } from '../../electron/core/bpjs/index';
import { formatDateDmy } from '../../shared/dates';
import { outcome, overlapping } from '../store-gates';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

/** An older branch template: split name, a required-field star, a note in brackets, a column Sigap does not know. */
const OLD_TEMPLATE = ['NOMOR_IDENTITAS*', 'NAMA_DEPAN', 'NAMA_TENGAH', 'NAMA_BELAKANG', 'Tanggal Lahir (dd-mm-yyyy)', 'JENIS_KELAMIN', 'NAMA_IBU_KANDUNG', 'KODE_CABANG', 'UPAH', 'ALAMAT'];

/** The sheet from its header row on (a filled template keeps its title rows above it). */
async function sheetOf(path: string, headerRow = 1): Promise<{ name: string; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    if (n < headerRow) return;
    rows.push(Array.from({ length: OLD_TEMPLATE.length }, (_, i) => {
      const c = row.getCell(i + 1);
      if (n > headerRow) expect(c.numFmt).toBe('@');
      return c.value === null ? '' : (c.value as string);
    }));
  });
  return { name: ws.name, rows };
}

describe('template profiles', () => {
  it('a profile built from a branch template maps by header name, reports unknown headers, and writes in the template order', async () => {
    const path = join(ctx.dir, 'template_tk_baru.xlsx');
    await writeTemplate(path, 'data_tk_baru', OLD_TEMPLATE, ['TEMPLATE UPLOAD TENAGA KERJA BARU', 'Isi mulai baris 4']);
    const r = await profileFromTemplate(ctx, path, { name: 'Cabang Liwa 2024' });
    expect(r.sheet).toBe('data_tk_baru');
    expect(r.headerRow).toBe(4);
    expect(r.profile.kind).toBe('new');
    expect(r.profile.columns).toEqual([
      { header: 'NOMOR_IDENTITAS*', field: 'idNumber' }, { header: 'NAMA_DEPAN', field: 'firstName' }, { header: 'NAMA_TENGAH', field: 'middleName' },
      { header: 'NAMA_BELAKANG', field: 'lastName' }, { header: 'Tanggal Lahir (dd-mm-yyyy)', field: 'birthDate' }, { header: 'JENIS_KELAMIN', field: 'sex' },
      { header: 'NAMA_IBU_KANDUNG', field: 'motherName' }, { header: 'KODE_CABANG', field: null }, { header: 'UPAH', field: 'wage' }, { header: 'ALAMAT', field: 'address' },
    ]);
    expect(r.unknownHeaders).toEqual(['KODE_CABANG']);
    expect(r.missingHeaders).toContain('TEMPAT_LAHIR');
    expect(r.missingHeaders).not.toContain('UPAH');

    const p = await addPerson(ctx, { name: 'Siti Nur Aminah', sex: 'P' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 1_250_000 });
    const out = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'out'), profile: 'cabang liwa 2024' });
    expect(out.profile).toBe('Cabang Liwa 2024');
    // Written into a copy of the template, under its name (bpjs-template-fill.test.ts covers the details).
    expect(out.files[0]!.name).toBe('data_tk_baru_18040012_20260310_01/template_tk_baru.xlsx');
    const back = await sheetOf(out.files[0]!.path, 4);
    expect(back.name).toBe('data_tk_baru');
    expect(back.rows[0]).toEqual(OLD_TEMPLATE);
    expect(back.rows[1]).toEqual([p.nik, 'Siti', 'Nur', 'Aminah', formatDateDmy(p.birthDate!), 'P', expect.any(String), '', '1250000', expect.any(String)]);
  });

  it('the kind comes from the headers when the sheet name says nothing; unclear templates ask for it', async () => {
    const na = join(ctx.dir, 'na.xlsx');
    await writeTemplate(na, 'Sheet1', ['No', 'KPJ', 'Nama Lengkap', 'Tgl Lahir', 'Sebab NA', 'Tgl Kejadian', 'Keterangan']);
    const r = await profileFromTemplate(ctx, na, { name: 'na-cabang' });
    expect(r.profile.kind).toBe('na');
    expect(r.profile.columns.map((c) => c.field)).toEqual(['rowNo', 'kpj', 'fullName', 'birthDate', 'naReason', 'eventDate', 'note']);
    expect(r.unknownHeaders).toEqual([]);

    const vague = join(ctx.dir, 'vague.xlsx');
    await writeTemplate(vague, 'Sheet1', ['NIK', 'NAMA', 'CATATAN']);
    await expect(profileFromTemplate(ctx, vague, { name: 'x' })).rejects.toThrow(/--kind/);
    const forced = await profileFromTemplate(ctx, vague, { name: 'bpu-sederhana', kind: 'bpu' });
    expect(forced.profile.columns).toEqual([{ header: 'NIK', field: 'nik' }, { header: 'NAMA', field: 'fullName' }, { header: 'CATATAN', field: null }]);

    const empty = join(ctx.dir, 'empty.xlsx');
    await writeTemplate(empty, 'Sheet1', ['Judul saja']);
    await expect(profileFromTemplate(ctx, empty, { name: 'y' })).rejects.toThrow(/tidak ditemukan baris judul kolom/);
  });

  it('profiles can be edited and kept side by side; built-in ones are read-only; kinds must match', async () => {
    const path = join(ctx.dir, 't.xlsx');
    await writeTemplate(path, 'data_tk_baru', OLD_TEMPLATE);
    await profileFromTemplate(ctx, path, { name: 'v1' });
    await profileFromTemplate(ctx, path, { name: 'v2' });
    // Made from the branch's template: the files fill a copy of it, so the sheet keeps the template's name.
    await expect(editProfile(ctx, 'v2', { sheetName: 'Upload' })).rejects.toThrow(/mengikuti templat \("data_tk_baru"\)/);
    const edited = await editProfile(ctx, 'v2', { map: [{ header: 'kode_cabang', field: 'unitCode' }, { header: 'HP', field: 'mobile' }], drop: ['NAMA_TENGAH'] });
    expect(edited.sheetName).toBe('data_tk_baru');
    expect(edited.columns.find((c) => c.header === 'KODE_CABANG')!.field).toBe('unitCode');
    expect(edited.columns.at(-1)).toEqual({ header: 'HP', field: 'mobile' });
    expect(edited.columns.some((c) => c.header === 'NAMA_TENGAH')).toBe(false);
    expect((await getProfile(ctx, 'v1')).columns).toHaveLength(OLD_TEMPLATE.length);
    expect((await listProfiles(ctx)).map((p) => p.name)).toEqual(['sipp-tk-baru', 'sipp-tk-lanjutan', 'sipp-tk-na', 'sipp-upah', 'sigap-bpu', 'v1', 'v2']);

    await expect(editProfile(ctx, 'sipp-tk-baru', { sheetName: 'x' })).rejects.toThrow(/profil bawaan/);
    await expect(saveProfile(ctx, { name: 'SIPP-TK-NA', kind: 'na', sheetName: 'x', columns: [{ header: 'KPJ', field: 'kpj' }] })).rejects.toThrow(/profil bawaan/);
    await expect(editProfile(ctx, 'v1', { map: [{ header: 'X', field: 'bukanIsian' }] })).rejects.toThrow(/tidak dikenal/);
    // A profile of Sigap's own layout (no template) may be given any sheet name Excel allows.
    await copyProfile(ctx, 'sipp-tk-baru', 'v3');
    await expect(editProfile(ctx, 'v3', { sheetName: 'a/b' })).rejects.toThrow(/Nama sheet/);
    expect((await editProfile(ctx, 'v3', { sheetName: 'Upload' })).sheetName).toBe('Upload');
    const p = await addPerson(ctx, { kpj: '12345678901' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2025-12-31' });
    await expect(exportBatch(ctx, { kind: 'na', outDir: join(ctx.dir, 'o'), profile: 'v1' })).rejects.toThrow(/bukan "na"/);
    const audit = (await auditRows(ctx, { entity: 'bpjs_profile' })).map((x) => x.action);
    expect(audit).toEqual(['create', 'create', 'update', 'create', 'update']);
  });

  it('two clerks editing different columns of one profile at once: the second starts from the first, so both edits stay', async () => {
    await copyProfile(ctx, 'sipp-tk-baru', 'v1');
    const first = (await getProfile(ctx, 'v1')).columns[0]!.header;
    // The first clerk's edit is written and not yet committed while the second one's goes as far as it can.
    const [, b] = await overlapping(
      ctx,
      (c) => editProfile(c, 'v1', { map: [{ header: 'HP_KANTOR', field: 'mobile' }] }),
      (c) => editProfile(c, 'v1', { require: [{ header: first, required: true }] }),
    );
    expect(outcome(b)).toBe('done');
    const columns = (await getProfile(ctx, 'v1')).columns;
    expect(columns.at(-1)).toEqual({ header: 'HP_KANTOR', field: 'mobile' });
    expect(columns[0]!.required).toBe(true);
  });

  it('sigap profile from-template and list on the command line', async () => {
    const path = join(ctx.dir, 'upah.xlsx');
    await writeTemplate(path, 'data_upah', ['KPJ', 'NIK', 'NAMA_LENGKAP', 'TGL_LAHIR', 'BLTH', 'NPP', 'UPAH', 'RAPEL', 'KETERANGAN_CABANG']);
    const made = await runCli(['profile', 'from-template', path, '--name', 'upah-2025', '--json', '--db', ctx.dbPath]);
    expect(made.code).toBe(0);
    expect(made.json<{ profile: { kind: string }; unknownHeaders: string[] }>()).toMatchObject({ profile: { kind: 'wage' }, unknownHeaders: ['KETERANGAN_CABANG'] });
    const list = await runCli(['profile', 'list', '--json', '--db', ctx.dbPath]);
    expect(list.json<{ profiles: { name: string; builtin: boolean }[] }>().profiles.filter((p) => !p.builtin).map((p) => p.name)).toEqual(['upah-2025']);
    const edit = await runCli(['profile', 'edit', 'upah-2025', '--map', 'KETERANGAN_CABANG=note', '--json', '--db', ctx.dbPath]);
    expect(edit.json<{ columns: { header: string; field: string }[] }>().columns.at(-1)).toEqual({ header: 'KETERANGAN_CABANG', field: 'note' });
  });
});
