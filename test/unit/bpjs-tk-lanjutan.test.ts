import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../electron/core/db/open';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';
import { tempDir, testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { exportBatch, pendingChanges, profileFromTemplate } from '../../electron/core/bpjs/index';
import { continueNeedsList } from '../../electron/core/bpjs/pending';
import { builtinProfile, guessKind } from '../../shared/sipp-layouts';
import { participantRepo } from '../../electron/core/bpjs/participant-repository';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';

/*
 * TK lanjutan: a newcomer who already holds a KPJ from an earlier job is registered by KPJ through the
 * "Upload TK Lanjutan" file, not as new (that file is for people without a card) and not forgotten.
 */

/** LibreOffice's CSV quotes text cells; none of these cells holds a comma or a quote. */
const unquote = (v: string) => v.replace(/^"|"$/g, '');

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

/** The branch's participant list as import-kpj applies it: one import row, a membership per person. */
async function importParticipantList(personIds: number[]): Promise<void> {
  await storeOf(ctx).tx('write', async (q) => {
    const importId = await participantRepo.insertKpjImport(q, { file: 'peserta.xlsx', sha256: 'x', rows: personIds.length, applied: personIds.length, at: 'x', by: 'test' });
    const list = [];
    for (const id of personIds) list.push({ personId: id, kpj: (await personRepo.row(q, id))!.kpj!, memberSince: '2020-01-01' });
    await participantRepo.saveMemberships(q, importId, 'x', list);
  });
}

describe('TK lanjutan', () => {
  it('routes a KPJ holder the branch does not list to the lanjutan file, once the participant list was imported', async () => {
    const member = await addPerson(ctx, { name: 'ADI PESERTA', kpj: '11000000001' });
    const carried = await addPerson(ctx, { name: 'BAYU PINDAHAN', kpj: '22000000002', birthDate: '1992-07-09' });
    const fresh = await addPerson(ctx, { name: 'CITRA BARU' });
    for (const p of [member, carried, fresh]) await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 2_600_000, start: '2026-03-01' });
    const names = async (kind: 'new' | 'continue') => (await pendingChanges(ctx, kind, '2026-03-10')).map((c) => c.name);

    // Before any participant list, a KPJ could be the Pemda's own: nobody is routed, and the screens are told why.
    expect(await continueNeedsList(ctx)).toBe(true);
    expect(await names('continue')).toEqual([]);
    expect(await names('new')).toEqual(['CITRA BARU']);

    await importParticipantList([member.id]);
    expect(await continueNeedsList(ctx)).toBe(false);
    expect(await names('continue')).toEqual(['BAYU PINDAHAN']);
    expect(await names('new')).toEqual(['CITRA BARU']);
    const [c] = await pendingChanges(ctx, 'continue', '2026-03-10');
    expect(c).toMatchObject({ kind: 'continue', key: `continue:${carried.id}`, kpj: '22000000002', reportedWage: 2_600_000 });

    // The file: keyed by KPJ, the built-in lanjutan layout, every cell text.
    const r = await exportBatch(ctx, { kind: 'continue', outDir: join(ctx.dir, 'out'), includeIncomplete: true });
    expect(r.files.map((f) => f.name)).toEqual(['data_tk_lanjutan_18040012_20260310_01.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.files[0]!.path);
    const ws = wb.getWorksheet('data_tk_lanjutan')!;
    const headers = builtinProfile('continue').columns.map((col) => col.header);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    const row = Object.fromEntries(headers.map((h, i) => [h, ws.getRow(2).getCell(i + 1).value]));
    expect(row).toMatchObject({ KPJ: '22000000002', NOMOR_IDENTITAS: carried.nik, NAMA_LENGKAP: 'BAYU PINDAHAN', TANGGAL_LAHIR: '09-07-1992', UPAH: '2600000', TGL_AWAL_BEKERJA: '01-03-2026' });
    expect(ws.rowCount).toBe(2);

    // LibreOffice reads the same cells.
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(ctx.dir, 'lo')}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', join(ctx.dir, 'csv'), r.files[0]!.path], { stdio: 'pipe', timeout: 120_000 });
    const lines = readFileSync(join(ctx.dir, 'csv', 'data_tk_lanjutan_18040012_20260310_01.csv'), 'utf8').trim().split('\n').map((l) => l.replace(/\r$/, '').split(','));
    expect(lines[0]!.map(unquote)).toEqual(headers);
    expect(lines[1]!.slice(0, 5).map(unquote)).toEqual(['', '22000000002', carried.nik, 'BAYU PINDAHAN', '09-07-1992']);

    // Submitted: no longer pending, and not offered as new either.
    expect(await names('continue')).toEqual([]);
    expect(await names('new')).toEqual(['CITRA BARU']);
  }, 120_000);

  it('a KPJ the imported list leaves out is not deactivated or given a wage change before it is registered here', async () => {
    const listed = await addPerson(ctx, { name: 'DODI TERDAFTAR', kpj: '55000000005' });
    const unlisted = await addPerson(ctx, { name: 'EKO LUAR', kpj: '66000000006' });
    for (const p of [listed, unlisted]) {
      await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 2_000_000, start: '2025-01-01', end: '2025-12-31' });
      await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 2_400_000, start: '2026-01-01', end: '2026-02-28', reason: 'Habis kontrak' });
    }
    const names = async (kind: 'na' | 'wage') => (await pendingChanges(ctx, kind, '2026-03-10')).map((c) => c.name).sort();
    // No list yet: a KPJ is taken as the Pemda's, as before.
    expect(await names('na')).toEqual(['DODI TERDAFTAR', 'EKO LUAR']);
    expect(await names('wage')).toEqual(['DODI TERDAFTAR', 'EKO LUAR']);
    // The branch's list names only Dodi: Eko's KPJ is from elsewhere, the branch has nothing to deactivate.
    await importParticipantList([listed.id]);
    expect(await names('na')).toEqual(['DODI TERDAFTAR']);
    expect(await names('wage')).toEqual(['DODI TERDAFTAR']);
  });

  it('reads a branch lanjutan template by header names, whatever their order and spelling', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Upload TK Lanjutan']);
    ws.addRow(['Nomor KPJ*', 'Nama Lengkap', 'NIK', 'Tgl Lahir (dd-mm-yyyy)', 'Upah', 'TGL_AWAL_BEKERJA', 'LOKASI_PEKERJAAN', 'Status Pegawai']);
    const path = join(ctx.dir, 'template_tk_lanjutan.xlsx');
    await wb.xlsx.writeFile(path);
    const r = await profileFromTemplate(ctx, path, { name: 'lanjutan-cabang' });
    expect(r.profile.kind).toBe('continue');
    expect(r.headerRow).toBe(2);
    expect(r.profile.columns.map((c) => [c.header, c.field])).toEqual([
      ['Nomor KPJ*', 'kpj'], ['Nama Lengkap', 'fullName'], ['NIK', 'nik'], ['Tgl Lahir (dd-mm-yyyy)', 'birthDate'],
      ['Upah', 'wage'], ['TGL_AWAL_BEKERJA', 'startDate'], ['LOKASI_PEKERJAAN', 'workLocation'], ['Status Pegawai', 'employmentStatus'],
    ]);
    // A registration template without a KPJ column stays "new"; with one it is never "new".
    expect(guessKind(builtinProfile('new').columns.map((c) => c.header))).toBe('new');
    expect(guessKind(builtinProfile('continue').columns.map((c) => c.header))).toBe('continue');
  });
});

describe('migration 0190 on a database with batches', () => {
  it('keeps batches, their rows, files and triggers, and takes the new kind', () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'old.db');
      const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version < 190) }).db;
      old.prepare("INSERT INTO person (id, nik, name, created_at, updated_at) VALUES (1, '1804011205900001', 'Budi', 'x', 'x')").run();
      old.prepare(`INSERT INTO bpjs_profile (name, kind, sheet_name, columns_json, created_at, created_by, updated_at) VALUES ('p', 'na', 'data_tk_na', '[]', 'x', 'x', 'x')`).run();
      old.prepare(`INSERT INTO bpjs_batch (id, kind, profile_name, profile_json, npp, as_of, include_incomplete, row_count, created_at, created_by)
        VALUES (7, 'new', 'sipp-tk-baru', '{}', '18040012', '2026-01-15', 0, 1, '2026-01-15T03:00:00.000Z', 'x')`).run();
      old.prepare("INSERT INTO bpjs_batch_item (batch_id, seq, change_key, person_id, file_seq, cells_json) VALUES (7, 1, 'new:1', 1, 1, '[]')").run();
      old.prepare("INSERT INTO bpjs_batch_file (batch_id, seq, name, row_count, sha256, bytes) VALUES (7, 1, 'a.xlsx', 1, 'h', 10)").run();
      old.close();

      const { db } = openDatabase(path);
      expect(db.prepare('SELECT id, kind, status, npp FROM bpjs_batch').all()).toEqual([{ id: 7, kind: 'new', status: 'submitted', npp: '18040012' }]);
      expect(db.prepare('SELECT change_key FROM bpjs_batch_item').pluck().all()).toEqual(['new:1']);
      expect(db.prepare('SELECT name, kind, template_id FROM bpjs_profile').all()).toEqual([{ name: 'p', kind: 'na', template_id: null }]);
      // The append-only triggers of the rebuilt batch table are back; the status may still change.
      expect(() => db.prepare("UPDATE bpjs_batch SET kind = 'na' WHERE id = 7").run()).toThrow(/only the status of a batch may change/);
      expect(() => db.prepare('DELETE FROM bpjs_batch WHERE id = 7').run()).toThrow(/append-only/);
      db.prepare("UPDATE bpjs_batch SET status = 'cancelled', cancelled_at = 'x', cancelled_by = 'x' WHERE id = 7").run();
      // Items still point at the batch table (foreign keys enforced), and the new kind is taken.
      expect(() => db.prepare("INSERT INTO bpjs_batch_item (batch_id, seq, change_key, person_id, file_seq, cells_json) VALUES (99, 1, 'k', 1, 1, '[]')").run()).toThrow(/FOREIGN KEY/);
      db.prepare(`INSERT INTO bpjs_batch (kind, profile_name, profile_json, npp, as_of, include_incomplete, row_count, created_at, created_by)
        VALUES ('continue', 'sipp-tk-lanjutan', '{}', '18040012', '2026-03-10', 0, 1, 'x', 'x')`).run();
      expect(() => db.prepare(`INSERT INTO bpjs_profile (name, kind, sheet_name, columns_json, created_at, created_by, updated_at) VALUES ('q', 'other', 's', '[]', 'x', 'x', 'x')`).run()).toThrow(/CHECK/);
      db.close();
    } finally {
      cleanup();
    }
  });
});
