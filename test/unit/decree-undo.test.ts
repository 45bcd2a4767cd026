/**
 * "Batalkan penerapan SK": an applied SK is withdrawn and the roster is exactly what it was before
 * it, or the undo is refused and says what depends on it (issued invoices, BPJS batches, a later SK,
 * changes by hand, an SK applied before its effects were recorded).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { previewSk, applyImport } from '../../electron/core/skimport/index';
import { runBilling } from '../../electron/core/billing/index';
import { exportBatch } from '../../electron/core/bpjs/export';
import { updatePerson } from '../../electron/core/roster/person';
import { planUndo } from '../../electron/core/decree/undo-check';
import { undoDecree } from '../../electron/core/decree/undo';
import { decreeRecords } from '../../electron/core/decree/records';
import { listAudit } from '../../electron/core/audit-query';
import { listInvoices } from '../../electron/core/billing/invoices';
import { personRepo } from '../../electron/core/roster/person-repository';
import { rosterCounts } from '../../electron/core/roster/counts-repository';
import { saveEmployer } from '../../electron/core/settings/employer';
import { storeOf } from '../../electron/core/store/of-context';
import { sql, type SqlQuery } from '../../electron/core/store/sql';
import { SigapError } from '../../shared/errors';
import { fxPersons, writeMessyAppendix, type FxPerson } from '../fixtures/sk-workbook';
import { testContext } from '../helpers';
import { saveIncident } from '../../electron/core/coverage/incidents';
import { outcome, overlapping } from '../store-gates';

let ctx: ReturnType<typeof testContext>;
beforeEach(() => {
  ctx = testContext('2026-03-10T03:00:00Z');
});
afterEach(() => ctx.close());

const UNITS = ['Dinas Sosial', 'Dinas Kesehatan'];

async function applySk(persons: FxPerson[], number: string, tmt: string) {
  const w = await writeMessyAppendix(join(ctx.dir, `${number.replace(/\W/g, '_')}.xlsx`), persons, { number, date: tmt, twoRowHeader: true, numberRow: true });
  const pv = await previewSk(ctx, { path: w.path, tmt });
  expect(pv.blocking).toEqual([]);
  return applyImport(ctx, pv, { createUnits: true });
}

/** The roster's tables as rows; person.updated_at is left out (a restored person was updated, at the undo's time). */
async function roster() {
  // Every column of every row: no core read returns them all, so the store reads the tables themselves.
  const all = (q: SqlQuery) => storeOf(ctx).all<Record<string, unknown>>(q);
  return {
    person: (await all(sql`SELECT * FROM person ORDER BY id`)).map((p) => ({ ...p, updated_at: undefined })),
    engagement: await all(sql`SELECT * FROM engagement ORDER BY id`),
    opd: await all(sql`SELECT * FROM opd ORDER BY id`),
    unit_alias: await all(sql`SELECT * FROM unit_alias ORDER BY id`),
  };
}

async function decreeStatus(id: number) {
  const d = (await decreeRecords(ctx)).find((r) => r.decreeId === id)!;
  return { status: d.status, withdraw_reason: d.withdrawReason, withdrawn_by: d.withdrawnBy };
}

async function refused(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SigapError);
    return (e as SigapError).message;
  }
  throw new Error('expected a refusal');
}

describe('withdrawing an applied SK', () => {
  it('returns the roster exactly to what it was: new people and units removed, ended engagements re-opened, changed fields restored', async () => {
    const first = fxPersons(10, UNITS);
    await applySk(first, 'SK-1', '2026-01-01');
    const before = await roster();
    // SK-2 from July: 8 of the 10 stay (one renamed, one moved to a new unit), 2 are left out, 3 are new.
    const second = first.slice(0, 8).map((p) => ({ ...p }));
    second[0]!.name = `${second[0]!.name} Putri`;
    second[1]!.unit = 'Badan Keuangan Daerah';
    const res = await applySk([...second, ...fxPersons(3, UNITS, 99, 700_000)], 'SK-2', '2026-07-01');
    // 10 of SK-1's engagements ended (8 replaced, 2 not named), 11 created, 3 new people, 1 renamed, 1 new unit.
    expect(res).toMatchObject({ persons: 11, created: 3, updated: 1, ended: 10, newUnits: 1 });
    const sk2 = res.decreeId;
    const plan = await planUndo(ctx, sk2);
    expect(plan.blockers).toEqual([]);
    expect(plan.counts).toEqual({ personsCreated: 3, personsUpdated: 1, engagementsCreated: 11, engagementsEnded: 10, unitsCreated: 1 });

    const undone = await undoDecree(ctx, sk2, 'Lampiran salah, diganti SK perbaikan');
    expect(undone).toMatchObject({ engagementsRemoved: 11, engagementsReopened: 10, personsRemoved: 3, personsRestored: 1, unitsRemoved: 1 });
    expect(await roster()).toEqual(before);
    const d = await decreeStatus(sk2);
    expect(d).toEqual({ status: 'withdrawn', withdraw_reason: 'Lampiran salah, diganti SK perbaikan', withdrawn_by: ctx.actor });
    // Audited: 11 engagements removed + 10 re-opened + 3 people removed + 1 restored + 1 unit removed,
    // and the decree's own row with the reason: 27.
    const audits = (await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE summary LIKE '%SK SK-2 dibatalkan%'`))!.n;
    expect(audits).toBe(11 + 10 + 3 + 1 + 1 + 1);
    // listAudit: newest first.
    expect((await listAudit(ctx, { entity: 'decree' })).rows.find((a) => a.entityId === sk2)?.summary).toBe(
      'Penerapan SK SK-2 dibatalkan: Lampiran salah, diganti SK perbaikan',
    );
    // Once withdrawn, it cannot be withdrawn again.
    expect(await refused(() => undoDecree(ctx, sk2, 'lagi-lagi'))).toContain('sudah dibatalkan');
  });

  it('refuses while a later SK builds on it, naming it; after that one is withdrawn it goes', async () => {
    const first = fxPersons(6, UNITS);
    const sk1 = (await applySk(first, 'SK-1', '2026-01-01')).decreeId;
    const sk2 = (await applySk(first, 'SK-2', '2026-07-01')).decreeId;
    const msg = await refused(() => undoDecree(ctx, sk1, 'Salah terap'));
    expect(msg).toContain('Perubahan lain dibangun di atas SK SK-1: SK SK-2');
    await undoDecree(ctx, sk2, 'Salah terap');
    await undoDecree(ctx, sk1, 'Salah terap');
    expect((await rosterCounts(storeOf(ctx))).persons).toBe(0);
    expect((await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM engagement`))!.n).toBe(0);
  });

  it('refuses when issued invoices were billed with its engagements, naming their numbers', async () => {
    const sk1 = (await applySk(fxPersons(5, UNITS), 'SK-1', '2026-01-01')).decreeId;
    await runBilling(ctx, { month: '2026-01', issue: true });
    const numbers = (await listInvoices(ctx, { status: 'issued' })).map((i) => i.number!).sort();
    expect(numbers.length).toBe(2); // one per unit (both PU)
    const msg = await refused(() => undoDecree(ctx, sk1, 'Salah terap'));
    for (const n of numbers) expect(msg).toContain(n);
    expect(msg).toContain('Januari 2026');
    expect(msg).toContain('SK perubahan');
    expect((await decreeStatus(sk1)).status).toBe('applied');
  });

  it('only notes draft invoices (the next billing run recomputes them)', async () => {
    const sk1 = (await applySk(fxPersons(3, UNITS), 'SK-1', '2026-01-01')).decreeId;
    await runBilling(ctx, { month: '2026-02' });
    const plan = await planUndo(ctx, sk1);
    expect(plan.blockers).toEqual([]);
    expect(plan.notes).toEqual(['Tagihan draf Februari 2026 memuat pegawai SK ini; hitung ulang iuran bulan itu setelah pembatalan.']);
  });

  it('refuses when a BPJS batch reported its people, naming the batch and its date', async () => {
    await saveEmployer(ctx, { name: 'Pemerintah Kabupaten Uji', npp: '12345678', jkkClass: 1 });
    const sk1 = (await applySk(fxPersons(4, UNITS), 'SK-1', '2026-01-01')).decreeId;
    const out = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'bpjs'), includeIncomplete: true });
    const msg = await refused(() => undoDecree(ctx, sk1, 'Salah terap'));
    expect(msg).toContain(`batch #${out.batchId} (10 Maret 2026)`);
  });

  it('refuses when its people were changed by hand since, naming them', async () => {
    const persons = fxPersons(3, UNITS);
    const sk1 = (await applySk(persons, 'SK-1', '2026-01-01')).decreeId;
    const id = (await personRepo.byNik(storeOf(ctx), persons[1]!.nik))!.id;
    ctx.clock = () => new Date('2026-03-11T02:00:00Z'); // the next day
    const p = persons[1]!;
    await updatePerson(ctx, id, { nik: p.nik, name: p.name, birthPlace: p.birthPlace, birthDate: p.birthDate, sex: p.sex, motherName: 'Siti Aminah' });
    const msg = await refused(() => undoDecree(ctx, sk1, 'Salah terap'));
    expect(msg).toContain(`sudah diubah setelah SK diterapkan (NIK ${persons[1]!.nik})`);
  });

  it('refuses when an incident for one of its people is being recorded at the same time, naming it', async () => {
    const persons = fxPersons(3, UNITS);
    const sk = (await applySk(persons, 'SK-1', '2026-01-01')).decreeId;
    const personId = (await personRepo.byNik(storeOf(ctx), persons[0]!.nik))!.id;
    // The incident is written and not yet committed when the withdrawal checks what refers to the SK's people.
    const [, undo] = await overlapping(
      ctx,
      (c) => saveIncident(c, { personId, kind: 'accident', date: '2026-02-10', description: 'Jatuh dari tangga' }),
      (c) => undoDecree(c, sk, 'Lampiran salah, diganti SK perbaikan'),
    );
    // Checked after the incident committed: refused by name, not by the database's foreign key.
    expect(outcome(undo)).toBe(`CONFLICT: Penerapan SK SK-1 tidak dapat dibatalkan. Sudah ada catatan lain untuk pegawai dari SK SK-1: kejadian (kecelakaan atau kematian). Untuk mengoreksinya, terbitkan dan impor SK perubahan.`);
    expect((await decreeStatus(sk)).status).toBe('applied');
  });

  it('refuses an SK applied before its effects were recorded, rather than guess', async () => {
    const sk1 = (await applySk(fxPersons(2, UNITS), 'SK-1', '2026-01-01')).decreeId;
    // An SK applied before migration 0150 has effects_recorded = 0 (the column's default for old rows).
    await storeOf(ctx).run(sql`UPDATE decree SET effects_recorded = 0 WHERE id = ${sk1}`);
    expect(await refused(() => undoDecree(ctx, sk1, 'Salah terap'))).toContain('belum mencatat rincian setiap perubahannya');
  });

  it('wants a reason', async () => {
    const sk1 = (await applySk(fxPersons(2, UNITS), 'SK-1', '2026-01-01')).decreeId;
    expect(await refused(() => undoDecree(ctx, sk1, '  '))).toContain('alasan pembatalan');
  });
});
