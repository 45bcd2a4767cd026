import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup, auditRows } from '../fixtures/bpjs-roster';
import { copyProfile, editProfile, exportBatch, fillPersonField, getProfile, missingPeople, preflight } from '../../electron/core/bpjs/index';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

const newcomer = async (spec: Parameters<typeof addPerson>[1]) => {
  const p = await addPerson(ctx, spec);
  await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu });
  return p;
};

async function firstRow(path: string): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  return Object.fromEntries(header.map((h, i) => [h, ws.getRow(2).getCell(i + 1).value]));
}

describe('required columns follow the profile', () => {
  it('the built-in registration profile requires STATUS_KAWIN and LOKASI_PEKERJAAN, not the mother, address or birth place', async () => {
    const p = await getProfile(ctx, 'sipp-tk-baru');
    expect(p.columns.filter((c) => c.required).map((c) => c.header)).toEqual(['STATUS_KAWIN', 'LOKASI_PEKERJAAN']);
  });

  it('one line per empty required column with the number of people; mother/address/birth place only warn', async () => {
    // 3 without marital status (one of them without a work location too), 1 without a mother's name, 1 complete.
    const a = await newcomer({ maritalStatus: null });
    const b = await newcomer({ maritalStatus: null, workLocation: null });
    const c = await newcomer({ maritalStatus: null });
    const noMother = await newcomer({ mother: null, address: null });
    await newcomer({});
    const k = (await preflight(ctx, { kinds: ['new'] })).kinds[0]!;
    // pending 5; blocked a, b, c (3); ready 2 (noMother with warnings, and the complete one).
    expect([k.pending, k.ready, k.blocked.length, k.warned.length]).toEqual([5, 2, 3, 1]);
    expect(k.requiredMissing).toEqual([
      { column: 'STATUS_KAWIN', field: 'maritalStatus', count: 3, fillable: 'maritalStatus' },
      { column: 'LOKASI_PEKERJAAN', field: 'workLocation', count: 1, fillable: 'workLocation' },
    ]);
    expect(k.warned[0]!.nik).toBe(noMother.nik);
    expect(k.warned[0]!.problems.map((p) => [p.code, p.severity]).sort()).toEqual([['ADDRESS_MISSING', 'warning'], ['MOTHER_MISSING', 'warning']]);
    expect((await missingPeople(ctx, 'new', 'STATUS_KAWIN')).people.map((p) => p.personId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(await missingPeople(ctx, 'new', 'LOKASI_PEKERJAAN', { limit: 5 })).toMatchObject({ total: 1, people: [{ personId: b.id }] });
  });

  it('a profile that requires the mother makes her name an error; one that drops the mark lets people through', async () => {
    const noMother = await newcomer({ mother: null });
    await copyProfile(ctx, 'sipp-tk-baru', 'Ketat');
    await editProfile(ctx, 'Ketat', { require: [{ header: 'NAMA_IBU_KANDUNG', required: true }] });
    const strict = (await preflight(ctx, { kinds: ['new'], profiles: { new: 'Ketat' } })).kinds[0]!;
    expect(strict.blocked.map((p) => [p.nik, p.problems.map((x) => [x.code, x.severity])])).toEqual([[noMother.nik, [['MOTHER_MISSING', 'error']]]]);

    const lax = await newcomer({ maritalStatus: null });
    await copyProfile(ctx, 'sipp-tk-baru', 'Longgar');
    await editProfile(ctx, 'Longgar', { require: [{ header: 'STATUS_KAWIN', required: false }] });
    const k = (await preflight(ctx, { kinds: ['new'], profiles: { new: 'Longgar' } })).kinds[0]!;
    expect([k.blocked.length, k.requiredMissing]).toEqual([0, []]);
    expect(k.warned.map((p) => p.nik)).toEqual([noMother.nik]);
    expect(lax.id).toBeGreaterThan(0);
  });

  it('fills marital status for everyone at once or per person, audited, and the files take it from the person', async () => {
    const a = await newcomer({ maritalStatus: null, workLocation: null, postalCode: '34812' });
    const b = await newcomer({ maritalStatus: null });
    // Per person, as the clerk types it ("kawin" is Y, "belum kawin" is T: shared/person-contact.ts).
    expect(await fillPersonField(ctx, 'maritalStatus', [{ personId: a.id, value: 'kawin' }, { personId: b.id, value: 'belum kawin' }])).toEqual({ field: 'maritalStatus', changed: 2, unchanged: 0 });
    // A fixed value for everyone still missing the work location.
    const ids = (await missingPeople(ctx, 'new', 'LOKASI_PEKERJAAN')).people.map((p) => ({ personId: p.personId, value: 'kantor bupati' }));
    expect(await fillPersonField(ctx, 'workLocation', ids)).toMatchObject({ changed: 1 });
    const audits = (await auditRows(ctx, { entity: 'person' })).map((x) => ({ id: x.entityId, summary: x.summary! }));
    expect(audits.map((x) => x.id)).toEqual([a.id, b.id, a.id]);
    expect(audits[0]!.summary).toMatch(/Status kawin \(kosong\) → Y/);
    expect((await preflight(ctx, { kinds: ['new'] })).kinds[0]!.requiredMissing).toEqual([]);

    const r = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'out') });
    expect(r.rows).toBe(2);
    const row = await firstRow(r.files[0]!.path);
    const mine = row.NOMOR_IDENTITAS === a.nik;
    expect(mine ? [row.STATUS_KAWIN, row.LOKASI_PEKERJAAN, row.KODE_POS] : [row.STATUS_KAWIN]).toEqual(mine ? ['Y', 'KANTOR BUPATI', '34812'] : ['T']);
  });

  it('refuses the whole fill for one bad value, naming the person; nothing is written', async () => {
    const a = await newcomer({ maritalStatus: null, name: 'Ani Lestari' });
    const b = await newcomer({ maritalStatus: null, name: 'Budi Santoso' });
    await expect(fillPersonField(ctx, 'maritalStatus', [{ personId: a.id, value: 'Y' }, { personId: b.id, value: 'mungkin' }])).rejects.toThrow(/Budi Santoso: Status kawin "mungkin" tidak dikenal/);
    await expect(fillPersonField(ctx, 'maritalStatus', [{ personId: a.id, value: '' }])).rejects.toThrow(/belum dipilih/);
    await expect(fillPersonField(ctx, 'maritalStatus', [{ personId: 999_999, value: 'Y' }])).rejects.toThrow(/tidak ditemukan/);
    expect((await Promise.all([a.id, b.id].map((id) => personRepo.row(storeOf(ctx), id)))).filter((p) => p!.marital_status !== null)).toHaveLength(0);
  });
});
