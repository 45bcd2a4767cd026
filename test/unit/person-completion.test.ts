/**
 * "Lengkapi data pegawai" in the core (issue 18): the workbook per unit, reading back a list a clerk
 * filled (LibreOffice-made .xlsx and .ods: test/fixtures/files/make-completion.sh), the roster export
 * read back, the preview's figures, applying all or nothing with an audit row per person, the stale
 * preview refused, and the BPJS pre-flight seeing the new data at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { testContext } from '../helpers';
import { bridge, testHost } from '../api-harness';
import { seedDemo } from '../../electron/core/demo/index';
import { createPerson, personIdByNik, updatePerson } from '../../electron/core/roster/person';
import { listCategories } from '../../electron/core/roster/units';
import { writeCompletionWorkbook, COMPLETION_HEADER_ROW } from '../../electron/core/roster/completion-workbook';
import { applyCompletion, importCompletionFile, previewCompletion } from '../../electron/core/roster/completion-import';
import { exportRoster } from '../../electron/core/roster/export';
import { preflight } from '../../electron/core/bpjs/report';
import { saveOpd } from '../../electron/core/settings/employer';
import { ROSTER } from '../fixtures/files/completion-expected';
import { storeOf } from '../../electron/core/store/of-context';
import { personRepo } from '../../electron/core/roster/person-repository';
import { auditLog } from '../../electron/core/audit-repository';
import { outcome, overlapping } from '../store-gates';

const FIXTURES = join(__dirname, '..', 'fixtures', 'files');
let ctx: ReturnType<typeof testContext>;
let opdId: number;
const idOf = (nik: string) => personIdByNik(ctx, nik);
const row = async (nik: string) => {
  const p = (await personRepo.rowByNik(storeOf(ctx), nik))!;
  return { mother_name: p.mother_name, address: p.address, postal_code: p.postal_code, phone: p.phone, email: p.email, marital_status: p.marital_status, work_location: p.work_location, kpj: p.kpj };
};

beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  await seedDemo(ctx, { persons: 3 });
  // A unit of its own for the fixture's five people (the demo's units keep theirs).
  opdId = await saveOpd(ctx, { code: '9.99', name: 'Dinas Uji Lengkap', kind: 'opd' });
  const cat = (await listCategories(ctx)).find((c) => c.segment === 'PU')!;
  for (const p of ROSTER) await createPerson(ctx, p, { opdId, categoryId: cat.id, honor: 1_500_000, startDate: '2026-03-01' });
});
afterEach(() => ctx.close());

describe('reading back a list the clerk filled (LibreOffice)', () => {
  for (const file of ['completion-lo.xlsx', 'completion-lo.ods', 'completion-lo.xls']) {
    it(`${file}: previews every change, unknown NIK, conflict and bad cell`, async () => {
      const pv = await previewCompletion(ctx, join(FIXTURES, file));
      expect(pv.sheets).toHaveLength(1);
      expect(pv.sheets[0]!.headerRow).toBe(3);
      // Rows with a NIK: 7 (Dedi twice); matched: 5 distinct NIKs (Sri Wahyuni is unknown).
      expect(pv.rowsRead).toBe(7);
      expect(pv.matched).toBe(5);
      // Ahmad 7 fields (everything but KPJ); Rina 1 (status; "-" postal code and blank address carry
      // nothing); Budi 1 (mother; his postal code "3481" is refused); Dedi 1 (mother; the status is a
      // conflict Y/T). Joko's file values equal the roster's: unchanged. 7 + 1 + 1 + 1 = 10 fields.
      expect(pv.people.map((p) => [p.name, p.changes.length])).toEqual([['Ahmad Fauzi', 7], ['Rina Marlina', 1], ['Budi Santoso', 1], ['Dedi Kurniawan', 1]]);
      expect(pv.fieldsChanged).toBe(10);
      expect(pv.unchanged).toBe(1);
      const ahmad = pv.people[0]!.changes;
      expect(ahmad).toContainEqual({ field: 'phone', old: null, new: '081234567890' }); // the zero LibreOffice dropped
      expect(ahmad).toContainEqual({ field: 'email', old: null, new: 'ahmad.f@gmail.com' });
      expect(ahmad).toContainEqual({ field: 'maritalStatus', old: null, new: 'Y' });
      expect(ahmad).toContainEqual({ field: 'workLocation', old: null, new: 'KANTOR BUPATI' });
      expect(pv.people[1]!.changes).toEqual([{ field: 'maritalStatus', old: null, new: 'T' }]);
      expect(pv.unknown).toEqual([{ sheet: pv.sheets[0]!.name, row: 8, nik: '1804015505950005', name: 'Sri Wahyuni' }]);
      expect(pv.conflicts).toEqual([{ nik: '1804012007880004', name: 'Dedi Kurniawan', field: 'maritalStatus', values: [
        { sheet: pv.sheets[0]!.name, row: 7, value: 'Y' }, { sheet: pv.sheets[0]!.name, row: 10, value: 'T' }] }]);
      const errors = pv.problems.filter((p) => p.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ row: 6, column: 'F', columnName: 'KODE POS' });
      expect(errors[0]!.message).toBe(`Berkas "${file}", sheet "${pv.sheets[0]!.name}", baris 6, kolom F (KODE POS): Kode pos "3481" harus 5 angka.`);
      expect(pv.errors).toBe(2); // the bad cell and the conflict
    });
  }

  it('applies all or nothing: refused while errors stand, then applied with one audit row per person', async () => {
    const path = join(FIXTURES, 'completion-lo.xlsx');
    const pv = await previewCompletion(ctx, path);
    const auditBefore = await auditLog.count(storeOf(ctx), {});
    await expect(applyCompletion(ctx, pv)).rejects.toThrow(/memuat 2 masalah/);
    expect(await row('1804010101900001')).toMatchObject({ mother_name: null });
    expect(await applyCompletion(ctx, pv, { skipInvalid: true })).toEqual({ persons: 4, fields: 10 });
    expect(await row('1804010101900001')).toEqual({
      mother_name: 'Siti Aminah', address: 'Jl. Raya Liwa No. 5', postal_code: '34812', phone: '081234567890',
      email: 'ahmad.f@gmail.com', marital_status: 'Y', work_location: 'KANTOR BUPATI', kpj: null,
    });
    // Empty cells never erase: Rina's address and phone stay; Dedi's conflicting status stays empty.
    expect(await row('1804014102920002')).toMatchObject({ address: 'Jl. Lama No. 1, Liwa', phone: '081200001111', marital_status: 'T', postal_code: null });
    expect(await row('1804012007880004')).toMatchObject({ mother_name: 'Wati', marital_status: null });
    expect(await row('1804011503850003')).toMatchObject({ mother_name: 'Sumarni', postal_code: null });
    // The rows the apply added, oldest first (the log's page is newest first).
    const added = (await auditLog.count(storeOf(ctx), {})) - auditBefore;
    const audits = (await auditLog.page(storeOf(ctx), {}, added, 0)).reverse();
    expect(audits).toHaveLength(4);
    expect(audits.every((a) => a.entity === 'person')).toBe(true);
    expect(audits[1]!.entityId).toBe(await idOf('1804014102920002'));
    expect(JSON.parse(audits[1]!.beforeJson!)).toEqual({ marital_status: null });
    expect(JSON.parse(audits[1]!.afterJson!)).toEqual({ marital_status: 'T' });
    expect(audits[0]!.summary).toBe('1804010101900001 dilengkapi dari berkas "completion-lo.xlsx": nama ibu kandung, alamat, kode pos, telepon/hp, surel (e-mail), status kawin, lokasi pekerjaan');
  });

  it('refuses a preview that went stale, changing nothing', async () => {
    const pv = await previewCompletion(ctx, join(FIXTURES, 'completion-lo.ods'));
    // Someone edits Joko (unchanged by the file) after the preview: the file would now change him.
    await updatePerson(ctx, await idOf('1804011010800006'), { nik: '1804011010800006', name: 'Joko Susilo', maritalStatus: 'T', motherName: 'Sulastri', address: 'Pekon Way Mengaku' });
    await expect(applyCompletion(ctx, pv, { skipInvalid: true })).rejects.toThrow(/berubah sejak pratinjau/);
    expect(await row('1804010101900001')).toMatchObject({ mother_name: null, postal_code: null });
    // A NIK unknown at preview time that is added since makes it stale too.
    const pv2 = await previewCompletion(ctx, join(FIXTURES, 'completion-lo.ods'));
    const cat = (await listCategories(ctx)).find((c) => c.segment === 'PU')!;
    await createPerson(ctx, { nik: '1804015505950005', name: 'Sri Wahyuni' }, { opdId, categoryId: cat.id, honor: 1_500_000, startDate: '2026-03-01' });
    await expect(applyCompletion(ctx, pv2, { skipInvalid: true })).rejects.toThrow(/berubah sejak pratinjau/);
  });

  it("refuses a preview another clerk's edit, committing while it applies, made stale", async () => {
    const pv = await previewCompletion(ctx, join(FIXTURES, 'completion-lo.ods'));
    expect(pv.people.find((p) => p.name === 'Rina Marlina')?.changes).toEqual([{ field: 'maritalStatus', old: null, new: 'T' }]);
    const rina = await idOf('1804014102920002');
    // The other clerk's edit of Rina, one the file changes, is written and not yet committed when the apply starts.
    const [, apply] = await overlapping(
      ctx,
      (c) => updatePerson(c, rina, { nik: '1804014102920002', name: 'Rina Marlina', address: 'Jl. Lama No. 1, Liwa', phone: '081200001111', maritalStatus: 'Y' }),
      (c) => applyCompletion(c, pv, { skipInvalid: true }),
    );
    // Checked against the committed edit: stale, nothing written, Rina keeps the other clerk's value.
    expect(outcome(apply)).toMatch(/^CONFLICT: .*berubah sejak pratinjau/);
    expect(await row('1804014102920002')).toMatchObject({ marital_status: 'Y' });
    expect(await row('1804010101900001')).toMatchObject({ mother_name: null, postal_code: null });
  });

  it('feeds the BPJS pre-flight at once', async () => {
    const ahmad = await idOf('1804010101900001');
    const problemsOf = async () => {
      const kind = (await preflight(ctx, { kinds: ['new'] })).kinds[0]!;
      return kind.warned.concat(kind.blocked).find((p) => p.personId === ahmad)?.problems.map((p) => p.code) ?? [];
    };
    expect(await problemsOf()).toEqual(expect.arrayContaining(['MOTHER_MISSING', 'ADDRESS_MISSING']));
    await importCompletionFile(ctx, join(FIXTURES, 'completion-lo.xlsx'), { apply: true, skipInvalid: true });
    expect(await problemsOf()).not.toContain('MOTHER_MISSING');
    expect(await problemsOf()).not.toContain('ADDRESS_MISSING');
  });
});

describe('the completion workbook', () => {
  it('lists the unit\'s current people with their values, NIK as text, a Y/T list, an instruction, read back unchanged', async () => {
    const path = join(ctx.dir, 'lengkapi.xlsx');
    expect(await writeCompletionWorkbook(ctx, opdId, path)).toBe(5);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A2').value)).toMatch(/^Petunjuk: isi atau perbaiki kolom yang kosong/);
    const header = (ws.getRow(COMPLETION_HEADER_ROW).values as unknown[]).slice(1);
    expect(header).toEqual(['No', 'NIK', 'Nama', 'Jabatan', 'Nomor KPJ', 'Nama ibu kandung', 'Alamat', 'Kode pos', 'Telepon/HP', 'Surel (e-mail)', 'Status kawin (Y/T)', 'Lokasi pekerjaan']);
    // By name: Ahmad, Budi, Dedi, Joko, Rina. Joko's stored values are prefilled.
    const joko = ws.getRow(COMPLETION_HEADER_ROW + 4);
    expect(joko.getCell(2).value).toBe('1804011010800006');
    expect(joko.getCell(2).numFmt).toBe('@');
    expect([joko.getCell(6).value, joko.getCell(8).value, joko.getCell(11).value]).toEqual(['Sulastri', '34813', 'Y']);
    expect(ws.getCell(`K${COMPLETION_HEADER_ROW + 1}`).dataValidation).toMatchObject({ type: 'list', formulae: ['"Y,T"'] });
    // Read back as it is: nothing to change.
    const same = await previewCompletion(ctx, path);
    expect([same.matched, same.people.length, same.problems.length]).toEqual([5, 0, 0]);
    // The treasurer fills two cells in Excel (exceljs stands in) and saves.
    ws.getCell(`F${COMPLETION_HEADER_ROW + 1}`).value = 'Siti Aminah';
    ws.getCell(`K${COMPLETION_HEADER_ROW + 2}`).value = 'T';
    // Dedi's NIK retyped into a number cell: Excel would have kept 15 digits of it; refused, said where.
    ws.getCell(`B${COMPLETION_HEADER_ROW + 3}`).value = 1804012007880004;
    await wb.xlsx.writeFile(path);
    const pv = await previewCompletion(ctx, path);
    expect(pv.problems.map((p) => [p.code, p.row, p.column])).toEqual([['NIK_NUMERIC', COMPLETION_HEADER_ROW + 3, 'B']]);
    expect(pv.problems[0]!.message).toContain('NIK 1804012007880004 tersimpan sebagai angka di Excel');
    expect(pv.people.map((p) => [p.name, p.changes])).toEqual([
      ['Ahmad Fauzi', [{ field: 'motherName', old: null, new: 'Siti Aminah' }]],
      ['Budi Santoso', [{ field: 'maritalStatus', old: null, new: 'T' }]],
    ]);
  });

  it('reads the roster export back (NIK, Nama, Nomor KPJ) and a hand-typed CSV', async () => {
    const exported = join(ctx.dir, 'daftar.xlsx');
    await exportRoster(ctx, { month: '2026-03', opdId }, ['nik', 'name', 'kpj', 'opd'], exported);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported);
    const ws = wb.worksheets[0]!;
    const ahmadRow = ws.getColumn(2).values.findIndex((v) => v === '1804010101900001');
    ws.getCell(`D${ahmadRow}`).value = '12345678901';
    await wb.xlsx.writeFile(exported);
    const pv = await previewCompletion(ctx, exported);
    expect(pv.matched).toBe(5);
    expect(pv.people).toEqual([expect.objectContaining({ nik: '1804010101900001', changes: [{ field: 'kpj', old: null, new: '12345678901' }] })]);

    const csv = join(ctx.dir, 'isian.csv');
    // Ahmad's address as a finance export writes a hidden value: no data, never stored.
    writeFileSync(csv, 'NIK;Nama;Status Kawin;Kode Pos;Alamat\n1804011503850003;Budi Santoso;kawin;34.815;\n1804010101900001;Ahmad Fausi;duda;;disembunyikan\n');
    const c = await previewCompletion(ctx, csv);
    expect(c.people.map((p) => [p.nik, p.changes.map((x) => `${x.field}=${x.new}`)])).toEqual([
      ['1804011503850003', ['postalCode=34815', 'maritalStatus=Y']],
      ['1804010101900001', ['maritalStatus=T']],
    ]);
    // A name that differs from the roster's is said (the NIK may be someone else's), not refused.
    expect(c.problems).toEqual([expect.objectContaining({ code: 'NAME_DIFFERS', severity: 'warning', row: 3,
      message: 'Berkas "isian.csv", sheet "isian", baris 3: nama "Ahmad Fausi" berbeda dengan nama tercatat untuk NIK 1804010101900001 (Ahmad Fauzi). Periksa NIK-nya; data tetap dicocokkan dengan NIK.' })]);
  });

  it('refuses a file without a NIK header by name', async () => {
    const csv = join(ctx.dir, 'salah.csv');
    writeFileSync(csv, 'Nama,Alamat\nAhmad,Liwa\n');
    await expect(previewCompletion(ctx, csv)).rejects.toThrow('Berkas "salah.csv": tidak ditemukan baris judul kolom dengan NIK');
  });
});

describe('through the bridge (hr)', () => {
  it('keeps a backup before applying, and refuses finance', async () => {
    const host = testHost();
    host.backupDir = join(ctx.dir, 'cadangan');
    mkdirSync(host.backupDir);
    const api = bridge(ctx, host, { as: 'hr' });
    host.openQueue.push(join(FIXTURES, 'completion-lo.xlsx'));
    const chosen = (await api.ok('person.completion.chooseFile', {}))!;
    const pv = await api.ok('person.completion.preview', { token: chosen.token });
    expect([pv.counts.people, pv.fieldsChanged, pv.errors]).toEqual([4, 10, 2]);
    const refused = await api.call('person.completion.apply', { previewId: pv.previewId });
    expect(refused.ok).toBe(false);
    expect(readdirSync(host.backupDir)).toEqual([]);
    expect(await api.ok('person.completion.apply', { previewId: pv.previewId, skipInvalid: true })).toEqual({ persons: 4, fields: 10 });
    expect(readdirSync(host.backupDir)).toHaveLength(1);
    const fin = bridge(ctx, testHost(), { as: 'finance' });
    const denied = await fin.call('person.completion.chooseFile', {});
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
  });
});

