import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { countPending, pendingChanges } from '../../electron/core/bpjs/pending';
import { cancelBatch, exportBatch, listBatches, preflight } from '../../electron/core/bpjs/index';
import { runCli } from '../cli-harness';
import { readFileSync } from 'node:fs';
import { auditLog } from '../../electron/core/audit-repository';
import { categoryRepo } from '../../electron/core/roster/category-repository';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { outcome, overlapping } from '../store-gates';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

// Every list read here is also counted the Beranda's way (countPending, in the database): the two agree.
const keys = async (kind: 'new' | 'na' | 'wage' | 'bpu', asOf = '2026-03-10') => {
  const list = (await pendingChanges(ctx, kind, asOf)).map((c) => c.key);
  expect(await countPending(ctx, kind, asOf)).toBe(list.length);
  return list;
};

describe('what needs reporting', () => {
  it('registers active PU people without a KPJ, not those with one, ended ones, BPU ones or non-enrolled categories', async () => {
    const fresh = await addPerson(ctx);
    await addEngagement(ctx, fresh.id, { unit: s.dinas, category: s.pu });
    const enrolled = await addPerson(ctx, { kpj: '12345678901' });
    await addEngagement(ctx, enrolled.id, { unit: s.dinas, category: s.pu });
    const gone = await addPerson(ctx);
    await addEngagement(ctx, gone.id, { unit: s.dinas, category: s.pu, end: '2026-02-28' });
    const future = await addPerson(ctx);
    await addEngagement(ctx, future.id, { unit: s.dinas, category: s.pu, start: '2026-04-01' });
    const rentan = await addPerson(ctx);
    await addEngagement(ctx, rentan.id, { unit: s.pekon, category: s.bpu });
    const notEnrolledCat = await categoryRepo.insert(storeOf(ctx), { name: 'Tidak didaftarkan', segment: 'PU', programs: 'JKK,JKM', jkkClass: null, enrolled: false, registrationId: null });
    const other = await addPerson(ctx);
    await addEngagement(ctx, other.id, { unit: s.dinas, category: notEnrolledCat });

    expect(await keys('new')).toEqual([`new:${fresh.id}`]);
    expect(await keys('bpu')).toEqual([`bpu:${rentan.id}`]);
    // As of April the future starter is due too.
    expect((await keys('new', '2026-04-01')).sort()).toEqual([`new:${fresh.id}`, `new:${future.id}`].sort());
  });

  it('deactivates ended participants, but not deaths, re-engaged people or people never registered', async () => {
    const left = await addPerson(ctx, { kpj: '11111111111' });
    const leftEng = await addEngagement(ctx, left.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2026-01-31', reason: 'Mengundurkan diri' });
    const died = await addPerson(ctx, { kpj: '22222222222' });
    await addEngagement(ctx, died.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2026-02-10', reason: 'Meninggal dunia' });
    const renewed = await addPerson(ctx, { kpj: '33333333333' });
    await addEngagement(ctx, renewed.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2025-12-31', reason: 'Diganti SK 2026' });
    await addEngagement(ctx, renewed.id, { unit: s.dinas, category: s.pu, start: '2026-01-01' });
    const neverRegistered = await addPerson(ctx);
    await addEngagement(ctx, neverRegistered.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2025-12-31' });
    const stillActive = await addPerson(ctx, { kpj: '44444444444' });
    await addEngagement(ctx, stillActive.id, { unit: s.dinas, category: s.pu, end: '2026-03-31' });

    const na = await pendingChanges(ctx, 'na', '2026-03-10');
    expect(na.map((c) => c.key)).toEqual([`na:${leftEng}`]);
    expect(na[0]).toMatchObject({ kpj: '11111111111', endDate: '2026-01-31', endReason: 'Mengundurkan diri' });
  });

  it('reports a wage change between consecutive PU engagements of a participant, with its month', async () => {
    const p = await addPerson(ctx, { kpj: '55555555555' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2025-01-01', end: '2025-12-31' });
    const raised = await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 2_000_000, start: '2026-01-01' });
    const same = await addPerson(ctx, { kpj: '66666666666' });
    await addEngagement(ctx, same.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2025-01-01', end: '2025-12-31' });
    await addEngagement(ctx, same.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2026-01-01' });
    const noKpj = await addPerson(ctx);
    await addEngagement(ctx, noKpj.id, { unit: s.dinas, category: s.pu, wage: 1_000_000, start: '2025-01-01', end: '2025-12-31' });
    await addEngagement(ctx, noKpj.id, { unit: s.dinas, category: s.pu, wage: 1_200_000, start: '2026-01-01' });

    const wage = await pendingChanges(ctx, 'wage', '2026-03-10');
    expect(wage.map((c) => c.key)).toEqual([`wage:${raised}`]);
    // Counted in the database, the row whose base stays 1,500,000 is left out as the list leaves it out.
    expect(await countPending(ctx, 'wage', '2026-03-10')).toBe(1);
    expect(wage[0]).toMatchObject({ reportedWage: 2_000_000, previousWage: 1_500_000, startDate: '2026-01-01' });
  });

  it('pre-flight lists per person what the branch would reject, and the clerk can fix and re-check', async () => {
    const incomplete = await addPerson(ctx, { mother: null, address: '  ', birthPlace: null, name: 'Budi 2' });
    await addEngagement(ctx, incomplete.id, { unit: s.dinas, category: s.pu });
    const badNik = await addPerson(ctx, { nik: '9904011205900001' });
    await addEngagement(ctx, badNik.id, { unit: s.dinas, category: s.pu });
    const fine = await addPerson(ctx, { phone: '+62 812-3456-7890' });
    await addEngagement(ctx, fine.id, { unit: s.dinas, category: s.pu });

    const report = await preflight(ctx, { kinds: ['new'] });
    const kind = report.kinds[0]!;
    expect(kind).toMatchObject({ kind: 'new', pending: 3, ready: 1 });
    const codes = (nik: string) => kind.blocked.find((b) => b.nik === nik)!.problems.map((p) => p.code).sort();
    expect(codes(incomplete.nik)).toEqual(['ADDRESS_MISSING', 'BIRTH_PLACE_MISSING', 'MOTHER_MISSING', 'NAME_INVALID']);
    expect(codes(badNik.nik)).toEqual(['NIK_INVALID']);
    const mother = kind.blocked.find((b) => b.nik === incomplete.nik)!.problems.find((p) => p.code === 'MOTHER_MISSING')!;
    // Only a warning: the built-in registration profile does not require the mother's name.
    expect(mother).toMatchObject({ column: 'NAMA_IBU_KANDUNG', severity: 'warning' });

    await personRepo.update(storeOf(ctx), incomplete.id, { mother_name: 'Siti', address: 'Jl. Pemuda 1, Liwa', birth_place: 'Liwa', name: 'Budi Dua' }, 'x');
    const again = (await preflight(ctx, { kinds: ['new'] })).kinds[0]!;
    expect(again.ready).toBe(2);
    expect(again.blocked.map((b) => b.nik)).toEqual([badNik.nik]);
  });

  it('a change in a submitted batch is not offered again; cancelling the batch offers it again', async () => {
    const a = await addPerson(ctx);
    await addEngagement(ctx, a.id, { unit: s.dinas, category: s.pu });
    const out = join(ctx.dir, 'out');
    const first = await exportBatch(ctx, { kind: 'new', outDir: out });
    expect(first.rows).toBe(1);
    expect(await keys('new')).toEqual([]);
    // Nothing pending: no batch and no file.
    const none = await exportBatch(ctx, { kind: 'new', outDir: out });
    expect([none.batchId, none.files]).toEqual([null, []]);
    expect((await preflight(ctx)).awaitingKpj).toBe(1);

    await cancelBatch(ctx, first.batchId!, 'ditolak portal');
    expect(await keys('new')).toEqual([`new:${a.id}`]);
    await expect(cancelBatch(ctx, first.batchId!)).rejects.toThrow(/sudah dibatalkan/);
    const second = await exportBatch(ctx, { kind: 'new', outDir: out });
    expect(second.files.map((f) => f.name)).toEqual(['data_tk_baru_18040012_20260310_02.xlsx']);
    expect((await listBatches(ctx)).map((b) => [b.id, b.status, b.cancelReason])).toEqual([[second.batchId, 'submitted', null], [first.batchId, 'cancelled', 'ditolak portal']]);
    const audit: { action: string; summary: string | null }[] = [];
    for await (const x of auditLog.iterate(storeOf(ctx), { entity: 'bpjs_batch' })) audit.push(x);
    expect(audit.map((x) => x.action)).toEqual(['create', 'update', 'create']);
  });

  it('two clerks cancelling one batch at once: the second is refused and the first one\'s who, when and why stay', async () => {
    const a = await addPerson(ctx);
    await addEngagement(ctx, a.id, { unit: s.dinas, category: s.pu });
    const batch = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'out') });
    // The first cancel is written and not yet committed while the second goes as far as it can.
    const [, second] = await overlapping(
      ctx,
      (c) => cancelBatch({ ...c, actor: 'rina' }, batch.batchId!, 'ditolak portal'),
      (c) => cancelBatch({ ...c, actor: 'sari' }, batch.batchId!, 'tidak jadi diunggah'),
    );
    expect(outcome(second)).toMatch(/^CONFLICT: Batch \d+ sudah dibatalkan pada .* oleh rina\.$/);
    expect((await listBatches(ctx)).map((b) => [b.status, b.cancelledBy, b.cancelReason])).toEqual([['cancelled', 'rina', 'ditolak portal']]);
  });

  it('a registered person counts as a participant before the KPJ comes back: leaving asks for the KPJ', async () => {
    const p = await addPerson(ctx);
    const eng = await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, start: '2026-01-01', end: '2026-12-31' });
    await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'out') });
    await personRepo.endEngagement(storeOf(ctx), eng, '2026-02-28', 'Habis kontrak', '2026-12-31');
    const na = (await preflight(ctx, { kinds: ['na'] })).kinds[0]!;
    expect(na.pending).toBe(1);
    expect(na.blocked[0]!.problems.map((x) => x.code)).toEqual(['KPJ_MISSING']);
  });

  it('the batch tables are append-only except for the status', async () => {
    const a = await addPerson(ctx);
    await addEngagement(ctx, a.id, { unit: s.dinas, category: s.pu });
    const r = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'out') });
    const store = storeOf(ctx);
    await expect(store.run(sql`UPDATE bpjs_batch_item SET cells_json = ${'[]'} WHERE batch_id = ${r.batchId}`)).rejects.toThrow(/append-only/);
    await expect(store.run(sql`DELETE FROM bpjs_batch_file`)).rejects.toThrow(/append-only/);
    await expect(store.run(sql`UPDATE bpjs_batch SET npp = 'x'`)).rejects.toThrow(/only the status/);
  });

  it('sigap preflight, batch show, batch cancel and batch regenerate on the command line', async () => {
    const ok = await addPerson(ctx);
    await addEngagement(ctx, ok.id, { unit: s.dinas, category: s.pu });
    const noMother = await addPerson(ctx, { mother: null });
    await addEngagement(ctx, noMother.id, { unit: s.dinas, category: s.pu });
    const at = { at: '2026-03-10T03:00:00Z' };
    const pf = await runCli(['preflight', '--kind', 'new', '--json', '--db', ctx.dbPath], at);
    expect(pf.code).toBe(0);
    expect(pf.json<{ kinds: { kind: string; pending: number; ready: number; blocked: { nik: string; problems: { code: string; column: string }[] }[] }[] }>().kinds).toEqual([
      {
        kind: 'new', pending: 2, ready: 2, blocked: [], warned: [expect.objectContaining({ nik: noMother.nik, problems: [expect.objectContaining({ code: 'MOTHER_MISSING', column: 'NAMA_IBU_KANDUNG', severity: 'warning' })] })],
        // STATUS_KAWIN and LOKASI_PEKERJAAN come from the person records (both filled): nothing to say.
        profileWarnings: [], requiredMissing: [],
      },
    ]);
    const out = join(ctx.dir, 'out');
    const ex = await runCli(['export', 'new', '--out', out, '--include-incomplete', '--json', '--db', ctx.dbPath], at);
    const id = ex.json<{ batchId: number }>().batchId;
    const show = await runCli(['batch', 'show', String(id), '--json', '--db', ctx.dbPath]);
    const items = show.json<{ items: { nik: string; problems: { code: string }[] }[] }>().items;
    expect(items.map((i) => [i.nik, i.problems.map((p) => p.code)]).sort()).toEqual([[noMother.nik, ['MOTHER_MISSING']], [ok.nik, []]].sort());
    const re = await runCli(['batch', 'regenerate', String(id), '--out', join(ctx.dir, 'lagi'), '--json', '--db', ctx.dbPath]);
    expect(re.code).toBe(0);
    const file = re.json<{ files: { name: string; path: string; identical: boolean }[] }>().files[0]!;
    expect(file.identical).toBe(true);
    expect(readFileSync(file.path).equals(readFileSync(join(out, file.name)))).toBe(true);
    const cancel = await runCli(['batch', 'cancel', String(id), '--reason', 'salah NPP', '--db', ctx.dbPath], at);
    expect([cancel.code, cancel.stdout]).toEqual([0, expect.stringContaining('dibatalkan')]);
    expect((await keys('new')).sort()).toEqual([`new:${ok.id}`, `new:${noMother.id}`].sort());
    expect((await runCli(['batch', 'cancel', '999', '--db', ctx.dbPath])).stderr).toMatch(/Batch 999 tidak ditemukan/);
  });
});
