/**
 * The bpjs.* bridge calls as the Pelaporan BPJS screen makes them: raw input through dispatch (zod
 * validation), replies checked against the contract, dialogs answered from the test host's queues.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { bridge, testHost, type TestHost } from '../api-harness';
import { addEngagement, addNewcomers, addPerson, NPP, setEmployerNpp, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { writeBill, writeKpjList, writeTemplate } from '../fixtures/bpjs-files';
import { runBilling } from '../../electron/core/billing/index';
import { sigapBilledLines } from '../../electron/core/bpjs/index';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
let host: TestHost;
let api: ReturnType<typeof bridge>;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
  host = testHost();
  api = bridge(ctx, host);
});
afterEach(() => ctx.close());

const folder = (name: string) => {
  const d = join(ctx.dir, name);
  mkdirSync(d, { recursive: true });
  return d;
};
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function dataRows(path: string): Promise<{ sheet: string; header: string[]; rows: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  return { sheet: ws.name, header, rows: ws.actualRowCount - 1 };
}

describe('bpjs.* bridge calls', () => {
  it('preflight and pending: counts by kind, problems named by the portal column, people linked by id', async () => {
    const ready = await addNewcomers(ctx, s, 3);
    const noMarital = await addPerson(ctx, { maritalStatus: null });
    await addEngagement(ctx, noMarital.id, { unit: s.dinas, category: s.pu });
    const badPhone = await addPerson(ctx, { phone: '12345' });
    await addEngagement(ctx, badPhone.id, { unit: s.dinas, category: s.pu });

    const pf = await api.ok('bpjs.preflight', {});
    expect(pf.npp).toBe(NPP);
    const k = pf.kinds.find((x) => x.kind === 'new')!;
    expect([k.pending, k.ready, k.blockedCount, k.warnedCount]).toEqual([5, 4, 1, 1]);
    expect(k.blocked[0]).toMatchObject({ personId: noMarital.id, nik: noMarital.nik, problems: [expect.objectContaining({ code: 'REQUIRED_EMPTY', column: 'STATUS_KAWIN' })] });
    // STATUS_KAWIN is required by the built-in registration profile: one line for the column.
    expect(k.requiredMissing).toEqual([{ column: 'STATUS_KAWIN', field: 'maritalStatus', count: 1, fillable: 'maritalStatus' }]);
    expect(k.warned[0]).toMatchObject({ personId: badPhone.id, problems: [expect.objectContaining({ code: 'PHONE_INVALID', column: 'HP', severity: 'warning' })] });

    const all = await api.ok('bpjs.pending', { kind: 'new', limit: 2 });
    expect(all.total).toBe(5);
    expect(all.counts).toEqual({ ready: 3, warning: 1, blocked: 1 });
    expect(all.rows).toHaveLength(2);
    const page2 = await api.ok('bpjs.pending', { kind: 'new', offset: 2, limit: 2 });
    const page3 = await api.ok('bpjs.pending', { kind: 'new', offset: 4, limit: 2 });
    const keys = [...all.rows, ...page2.rows, ...page3.rows].map((r) => r.personId).sort((a, b) => a - b);
    expect(keys).toEqual([...ready.map((p) => p.id), noMarital.id, badPhone.id].sort((a, b) => a - b));
    const blocked = await api.ok('bpjs.pending', { kind: 'new', status: 'blocked' });
    expect(blocked.total).toBe(1);
    expect(blocked.rows.map((r) => [r.personId, r.status])).toEqual([[noMarital.id, 'blocked']]);

    // Fixing the data and checking again clears the problem.
    await personRepo.update(storeOf(ctx), noMarital.id, { marital_status: 'Y' }, 'x');
    const again = await api.ok('bpjs.pending', { kind: 'new', status: 'blocked' });
    expect(again.total).toBe(0);
  });

  it('export writes into the chosen folder, reports files, rows, hashes and skipped people; cancelled dialog writes nothing', async () => {
    await addNewcomers(ctx, s, 4);
    const noMarital = await addPerson(ctx, { maritalStatus: null });
    await addEngagement(ctx, noMarital.id, { unit: s.dinas, category: s.pu });

    expect(await api.ok('bpjs.export', { kind: 'new' })).toBeNull(); // the clerk closed the folder dialog
    expect(await api.ok('bpjs.batches', {})).toEqual([]);

    const out = folder('berkas');
    host.folderQueue.push(out);
    const r = (await api.ok('bpjs.export', { kind: 'new' }))!;
    expect(r.folder).toBe(out);
    expect(r.rows).toBe(4);
    expect(r.files.map((f) => f.name)).toEqual([`data_tk_baru_${NPP}_20260310_01.xlsx`]);
    const f = r.files[0]!;
    expect(existsSync(f.path)).toBe(true);
    expect(f.sha256).toBe(sha(f.path));
    expect(await dataRows(f.path)).toMatchObject({ sheet: 'data_tk_baru', rows: 4 });
    expect(r.skippedCount).toBe(1);
    expect(r.skipped[0]).toMatchObject({ personId: noMarital.id, problems: [expect.objectContaining({ code: 'REQUIRED_EMPTY', column: 'STATUS_KAWIN' })] });
    expect(readdirSync(out)).toEqual([f.name]);
    const progress = host.events.filter((e) => e.task === 'bpjs.export');
    expect(progress.at(-1)).toMatchObject({ done: 4, total: 4 });

    // Submitted changes are not offered again; the incomplete one still is, and can be written anyway.
    const pf = await api.ok('bpjs.preflight', {});
    expect(pf.kinds.find((x) => x.kind === 'new')).toMatchObject({ pending: 1, ready: 0, blockedCount: 1 });
    host.folderQueue.push(out);
    const rest = (await api.ok('bpjs.export', { kind: 'new', includeIncomplete: true }))!;
    expect([rest.rows, rest.incomplete, rest.skippedCount]).toEqual([1, 1, 0]);
    expect(rest.files[0]!.name).toBe(`data_tk_baru_${NPP}_20260310_02.xlsx`);
  });

  it('batches: list, detail, regenerate byte for byte, cancel with a reason offers the changes again', async () => {
    const people = await addNewcomers(ctx, s, 3);
    host.folderQueue.push(folder('a'));
    const r = (await api.ok('bpjs.export', { kind: 'new' }))!;
    const list = await api.ok('bpjs.batches', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: r.batchId, kind: 'new', status: 'submitted', rows: 3, createdBy: ctx.actor, files: [expect.objectContaining({ name: r.files[0]!.name, rows: 3, sha256: r.files[0]!.sha256 })] });
    const detail = await api.ok('bpjs.batch', { batchId: r.batchId! });
    expect(detail.itemCount).toBe(3);
    expect(detail.items.map((i) => i.personId).sort()).toEqual(people.map((p) => p.id).sort());

    // The roster changes after the batch; the regenerated file is still the same bytes.
    await personRepo.update(storeOf(ctx), people[0]!.id, { name: 'NAMA BARU' }, 'x');
    const again = folder('b');
    host.folderQueue.push(again);
    const regen = (await api.ok('bpjs.batchRegenerate', { batchId: r.batchId! }))!;
    expect(regen.files).toEqual([expect.objectContaining({ name: r.files[0]!.name, identical: true, sha256: r.files[0]!.sha256 })]);
    expect(sha(join(again, r.files[0]!.name))).toBe(r.files[0]!.sha256);
    // Writing into a folder that already holds the files is refused, not overwritten.
    host.folderQueue.push(again);
    const clash = await api.call('bpjs.batchRegenerate', { batchId: r.batchId! });
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    expect((await api.ok('bpjs.preflight', {})).kinds.find((k) => k.kind === 'new')!.pending).toBe(0);
    const cancelled = await api.ok('bpjs.batchCancel', { batchId: r.batchId!, reason: 'Ditolak portal: templat lama' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Ditolak portal: templat lama', cancelledBy: ctx.actor });
    expect((await api.ok('bpjs.preflight', {})).kinds.find((k) => k.kind === 'new')!.pending).toBe(3);
    expect(await api.call('bpjs.batchCancel', { batchId: r.batchId! })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await api.call('bpjs.batch', { batchId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('profiles: built-ins listed, a profile from a template file matched by header name, edited, used, deleted', async () => {
    const tpl = join(ctx.dir, 'templat-cabang.xlsx');
    await writeTemplate(tpl, 'TK_BARU_V2', ['NAMA_LENGKAP', 'NIK', 'TGL_LAHIR', 'NAMA_IBU', 'KOLOM_ANEH', 'UPAH'], ['TEMPLAT PENDAFTARAN']);
    const builtins = await api.ok('bpjs.profiles', {});
    expect(builtins.filter((p) => p.builtin).map((p) => p.name)).toEqual(['sipp-tk-baru', 'sipp-tk-lanjutan', 'sipp-tk-na', 'sipp-upah', 'sigap-bpu']);

    expect(await api.ok('bpjs.chooseFile', { purpose: 'template' })).toBeNull();
    host.openQueue.push(tpl);
    const file = (await api.ok('bpjs.chooseFile', { purpose: 'template' }))!;
    expect(file.name).toBe('templat-cabang.xlsx');
    const t = await api.ok('bpjs.profileFromTemplate', { token: file.token, name: 'Cabang Liwa 2026', kind: 'new' });
    expect(t.sheet).toBe('TK_BARU_V2');
    expect(t.headerRow).toBe(3);
    expect(t.profile.columns).toEqual([
      { header: 'NAMA_LENGKAP', field: 'fullName' }, { header: 'NIK', field: 'nik' }, { header: 'TGL_LAHIR', field: 'birthDate' },
      { header: 'NAMA_IBU', field: 'motherName' }, { header: 'KOLOM_ANEH', field: null }, { header: 'UPAH', field: 'wage' },
    ]);
    expect(t.unknownHeaders).toEqual(['KOLOM_ANEH']);
    expect(t.missingHeaders).toContain('NAMA_IBU_KANDUNG');

    // The files are written into a copy of the branch's template: its sheet keeps the template's name.
    expect(await api.call('bpjs.profileEdit', { name: 'Cabang Liwa 2026', sheetName: 'data_tk_baru' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('"TK_BARU_V2"') } });
    const edited = await api.ok('bpjs.profileEdit', { name: 'Cabang Liwa 2026', map: [{ header: 'KOLOM_ANEH', field: 'address' }], drop: ['UPAH'] });
    expect(edited.sheetName).toBe('TK_BARU_V2');
    expect(edited.columns.map((c) => c.field)).toEqual(['fullName', 'nik', 'birthDate', 'motherName', 'address']);

    await addNewcomers(ctx, s, 2);
    const out = folder('profil');
    host.folderQueue.push(out);
    const r = (await api.ok('bpjs.export', { kind: 'new', profile: 'Cabang Liwa 2026' }))!;
    expect(r.profile).toBe('Cabang Liwa 2026');
    // The template's title row stays above its header (row 3); the two people are written below it, and
    // UPAH, dropped from the profile, stays in the template but is left empty.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.files[0]!.path);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('TK_BARU_V2');
    expect(ws.getRow(1).getCell(1).value).toBe('TEMPLAT PENDAFTARAN');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['NAMA_LENGKAP', 'NIK', 'TGL_LAHIR', 'NAMA_IBU', 'KOLOM_ANEH', 'UPAH']);
    const below: number[] = [];
    ws.eachRow((row, n) => void (n > 3 && below.push(n)));
    expect(below).toEqual([4, 5]);
    expect([4, 5].map((n) => ws.getRow(n).getCell(6).value ?? null)).toEqual([null, null]);
    expect([4, 5].every((n) => /^\d{16}$/.test(String(ws.getRow(n).getCell(2).value)))).toBe(true);

    // A profile of another kind is refused before the folder dialog opens.
    host.folderQueue.push(out);
    expect(await api.call('bpjs.export', { kind: 'na', profile: 'Cabang Liwa 2026' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(host.folderQueue).toHaveLength(1);
    host.folderQueue.length = 0;

    expect(await api.call('bpjs.profileEdit', { name: 'sipp-tk-baru', sheetName: 'x' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await api.call('bpjs.profileDelete', { name: 'sipp-tk-na' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await api.ok('bpjs.profileDelete', { name: 'Cabang Liwa 2026' });
    expect((await api.ok('bpjs.profiles', {})).map((p) => p.name)).not.toContain('Cabang Liwa 2026');
    // A token chosen for a template does not open as a participant list.
    expect(await api.call('bpjs.importKpjPreview', { token: file.token })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('copies a built-in profile and sets constant values, written in every row and warned about once', async () => {
    const builtin = (await api.ok('bpjs.profiles', {})).find((p) => p.name === 'sipp-tk-baru')!;
    // The built-in layout fills both columns from the person records and requires them: no remark.
    expect(builtin.warnings).toEqual([]);
    expect(builtin.columns.filter((c) => c.required).map((c) => c.header)).toEqual(['STATUS_KAWIN', 'LOKASI_PEKERJAAN']);
    const pf = await api.ok('bpjs.preflight', {});
    expect(pf.kinds.find((k) => k.kind === 'new')!.profileWarnings).toEqual([]);

    const copy = await api.ok('bpjs.profileCopy', { from: 'sipp-tk-baru', name: 'Cabang Liwa' });
    expect(copy).toMatchObject({ name: 'Cabang Liwa', kind: 'new', builtin: false, sheetName: 'data_tk_baru' });
    expect(await api.call('bpjs.profileCopy', { from: 'sipp-tk-baru', name: 'Cabang Liwa' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await api.call('bpjs.profileCopy', { from: 'tidak-ada', name: 'Lain' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    expect(await api.call('bpjs.profileEdit', { name: 'Cabang Liwa', set: [{ header: 'STATUS_KAWIN', value: 'B' }] }))
      .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Y atau T/) } });
    expect(await api.call('bpjs.profileEdit', { name: 'Cabang Liwa', set: [{ header: 'LOKASI_PEKERJAAN', value: '=1+1' }] }))
      .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/rumus/) } });
    const edited = await api.ok('bpjs.profileEdit', { name: 'Cabang Liwa', set: [{ header: 'STATUS_KAWIN', value: 'T' }, { header: 'LOKASI_PEKERJAAN', value: '0012' }] });
    expect(edited.columns.find((c) => c.header === 'STATUS_KAWIN')).toEqual({ header: 'STATUS_KAWIN', field: null, value: 'T', required: true });
    expect(edited.warnings).toEqual([]);
    // The listing shows the constants too.
    expect((await api.ok('bpjs.profiles', {})).find((p) => p.name === 'Cabang Liwa')!.columns.find((c) => c.header === 'LOKASI_PEKERJAAN')?.value).toBe('0012');

    await addNewcomers(ctx, s, 2);
    host.folderQueue.push(folder('konstan'));
    const r = (await api.ok('bpjs.export', { kind: 'new', profile: 'Cabang Liwa' }))!;
    expect(r.warnings).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.files[0]!.path);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    for (const row of [2, 3]) {
      const cell = ws.getRow(row).getCell(header.indexOf('STATUS_KAWIN') + 1);
      expect([cell.value, cell.numFmt]).toEqual(['T', '@']);
      expect(ws.getRow(row).getCell(header.indexOf('LOKASI_PEKERJAAN') + 1).value).toBe('0012');
    }
    // The built-in profile's export takes both from the person records: nothing to say for the batch.
    await addNewcomers(ctx, s, 1);
    host.folderQueue.push(folder('bawaan'));
    const plain = (await api.ok('bpjs.export', { kind: 'new' }))!;
    expect([plain.rows, plain.warnings]).toEqual([1, []]);
  });

  it('import-kpj: preview counts (new, replaced, unknown NIK, name mismatch) then apply fills the KPJ numbers', async () => {
    const [a, b] = await addNewcomers(ctx, s, 2);
    const old = await addPerson(ctx, { kpj: '11111111' });
    const list = join(ctx.dir, 'peserta.xlsx');
    await writeKpjList(list, [
      { nik: a!.nik, name: a!.name, kpj: '22222222001', since: '01-03-2026' },
      { nik: b!.nik, name: 'NAMA LAIN SEKALI', kpj: '22222222002', since: '01-03-2026' },
      { nik: old.nik, name: old.name, kpj: '22222222003', since: null },
      { nik: '1804010101900001', name: 'Orang Luar', kpj: '22222222004', since: null },
    ]);
    host.openQueue.push(list);
    const file = (await api.ok('bpjs.chooseFile', { purpose: 'kpj' }))!;
    const pv = await api.ok('bpjs.importKpjPreview', { token: file.token });
    expect(pv.counts).toMatchObject({ matched: 3, kpjNew: 2, kpjReplaced: 1, unchanged: 0, errors: 0, unknownNik: 1, nameMismatch: 1 });
    expect(pv.warnings.find((w) => w.code === 'NAME_MISMATCH')).toMatchObject({ personId: b!.id, row: 4 });
    expect(pv.warnings.find((w) => w.code === 'NIK_UNKNOWN')).toMatchObject({ personId: null });
    const kpjOf = async (id: number) => (await personRepo.row(storeOf(ctx), id))!.kpj;
    expect(await kpjOf(a!.id)).toBeNull(); // the preview writes nothing

    const res = await api.ok('bpjs.importKpjApply', { previewId: pv.previewId });
    expect(res).toMatchObject({ applied: 3, kpjFilled: 2, kpjReplaced: 1 });
    expect([await kpjOf(a!.id), await kpjOf(b!.id), await kpjOf(old.id)]).toEqual(['22222222001', '22222222002', '22222222003']);
    expect(await api.call('bpjs.importKpjApply', { previewId: pv.previewId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('reconcile: a bill with a mismatch, a missing person and a stranger against the issued invoices', async () => {
    const staff = await addNewcomers(ctx, s, 3);
    await runBilling(ctx, { month: '2026-03', issue: true });
    const lines = await sigapBilledLines(ctx, '2026-03');
    const amount = (nik: string, program: string) => lines.filter((l) => l.nik === nik && l.program === program).reduce((x, l) => x + l.amount, 0);
    const bill = join(ctx.dir, 'tagihan.xlsx');
    await writeBill(bill, '2026-03', [
      { nik: staff[0]!.nik, kpj: null, name: staff[0]!.name, jkk: amount(staff[0]!.nik, 'JKK'), jkm: amount(staff[0]!.nik, 'JKM') },
      { nik: staff[1]!.nik, kpj: null, name: staff[1]!.name, jkk: amount(staff[1]!.nik, 'JKK'), jkm: amount(staff[1]!.nik, 'JKM') + 500 },
      { nik: '1804010101900001', kpj: '33333333', name: 'Orang Luar', jkk: 2400, jkm: 3000 },
    ]);
    host.openQueue.push(bill);
    const file = (await api.ok('bpjs.chooseFile', { purpose: 'bill' }))!;
    const r = await api.ok('bpjs.reconcile', { token: file.token, month: '2026-03' });
    expect(r.invoices).toBeGreaterThan(0);
    expect(r.counts).toEqual({ onlyBranch: 1, onlySigap: 1, differences: 1 });
    expect(r.differences[0]).toMatchObject({ personId: staff[1]!.id, program: 'JKM', difference: 500 });
    expect(r.onlySigap[0]).toMatchObject({ personId: staff[2]!.id, nik: staff[2]!.nik });
    expect(r.onlyBranch[0]).toMatchObject({ personId: null, nik: '1804010101900001', amounts: expect.objectContaining({ total: 5400 }) });
    expect(r.totals.difference.total).toBe(500 + 5400 - amount(staff[2]!.nik, 'JKK') - amount(staff[2]!.nik, 'JKM') - amount(staff[2]!.nik, 'JHT') - amount(staff[2]!.nik, 'JP'));
  });

  it('refuses hostile and malformed input cleanly', async () => {
    const bad: [string, unknown][] = [
      ['bpjs.pending', { kind: 'semua' }],
      ['bpjs.pending', { kind: 'new', limit: 100_000 }],
      ['bpjs.pending', { kind: 'new', offset: -1 }],
      ['bpjs.export', { kind: 'new', outDir: '/etc' }],
      ['bpjs.export', { kind: 'new', villageFunding: 'XX' }],
      ['bpjs.export', { kind: 'new', profile: 'x'.repeat(500) }],
      ['bpjs.batchCancel', { batchId: -1 }],
      ['bpjs.batchCancel', { batchId: 1, reason: 'x'.repeat(5000) }],
      ['bpjs.batchRegenerate', { batchId: 1, folder: '/tmp' }],
      ['bpjs.chooseFile', { purpose: 'anything', path: '/etc/passwd' }],
      ['bpjs.importKpjPreview', { token: '../../etc/passwd' }],
      ['bpjs.importKpjPreview', { path: '/etc/passwd' }],
      ['bpjs.reconcile', { token: 'a'.repeat(32), month: '2026-13' }],
      ['bpjs.profileEdit', { name: 'x', map: [{ header: 'A', field: 'constructor' }] }],
      ['bpjs.profileEdit', { name: 'x', set: [{ header: 'STATUS_KAWIN', value: 'x'.repeat(500) }] }],
      ['bpjs.profileEdit', { name: 'x', set: [{ header: 'STATUS_KAWIN', value: 1 }] }],
      ['bpjs.profileCopy', { from: 'sipp-tk-baru', name: '' }],
      ['bpjs.profileCopy', { from: 'sipp-tk-baru', name: 'x', path: '/tmp' }],
      ['bpjs.profileFromTemplate', { token: 'f'.repeat(32), name: '' }],
      ['bpjs.preflight', { asOf: '2026-01-01' }],
      ['bpjs.preflight', null],
    ];
    for (const [name, input] of bad) {
      const r = await api.raw(name, input);
      expect(r, `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    // Well-formed tokens that were never handed out are refused without touching the file system.
    expect(await api.call('bpjs.importKpjPreview', { token: 'a'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await api.call('bpjs.reconcile', { token: 'a'.repeat(32), month: '2026-03' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // No NPP: refused with the way to fix it, before any dialog.
    await setEmployerNpp(ctx, null);
    host.folderQueue.push(folder('x'));
    const r = await api.call('bpjs.export', { kind: 'new' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/NPP pemberi kerja belum diisi/) } });
    expect(host.folderQueue).toHaveLength(1);
  });
});
