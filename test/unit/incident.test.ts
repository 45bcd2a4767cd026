/**
 * The incident log: the reporting deadline in working days, the benefit estimate of domain.md
 * section 6, and what recording a death does to the roster, the billing run and the BPJS files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { addWorkingDays, listIncidents, markReported, saveIncident, saveCoverageSettings } from '../../electron/core/coverage/index';
import { runBilling, invoiceLines, listInvoices } from '../../electron/core/billing/index';
import { pendingChanges } from '../../electron/core/bpjs/pending';
import { exportBatch } from '../../electron/core/bpjs/index';
import { personDetail } from '../../electron/core/roster/detail';
import { participantRepo } from '../../electron/core/bpjs/participant-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { runCli } from '../cli-harness';
import { outcome, overlapping } from '../store-gates';
import { endEngagement } from '../../electron/core/roster/person';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-11T03:00:00Z'); // Wednesday 11 March 2026, 10:00 WIB
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

/** Independent count: the date `n` days later that is not a Saturday or Sunday, counted one by one. */
function workingDaysLater(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  while (n > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n--;
  }
  return d.toISOString().slice(0, 10);
}

async function membership(personId: number, kpj: string, since: string): Promise<void> {
  const q = storeOf(ctx);
  const importId = await participantRepo.insertKpjImport(q, { file: 'kpj.xlsx', sha256: 'x', rows: 1, applied: 1, at: 'x', by: 'x' });
  await participantRepo.saveMemberships(q, importId, 'x', [{ personId, kpj, memberSince: since }]);
}

describe('reporting deadline', () => {
  it('counts working days, skipping weekends', () => {
    for (const d of ['2026-03-02', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-12-31']) {
      for (const n of [1, 2, 3, 5]) expect(addWorkingDays(d, n)).toBe(workingDaysLater(d, n));
    }
    expect(addWorkingDays('2026-03-06', 2)).toBe('2026-03-10'); // Friday -> Tuesday
  });

  it('flags an unreported accident past its deadline, and a late report', async () => {
    const p = await addPerson(ctx, { kpj: '11111111111' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 2_000_000 });
    const late = (await saveIncident(ctx, { personId: p.id, kind: 'accident', date: '2026-03-06', place: 'Kantor', description: 'Terjatuh dari tangga' })).id;
    const fresh = (await saveIncident(ctx, { personId: p.id, kind: 'accident', date: '2026-03-10' })).id;
    let rows = await listIncidents(ctx);
    const byId = (id: number) => rows.find((r) => r.id === id)!;
    expect(byId(late)).toMatchObject({ deadline: '2026-03-10', status: 'overdue', reportedWage: 2_000_000 });
    expect(byId(fresh)).toMatchObject({ deadline: '2026-03-12', status: 'due' });
    expect(await listIncidents(ctx, { status: 'open' })).toHaveLength(2);
    await markReported(ctx, late, '2026-03-11');
    await markReported(ctx, fresh, '2026-03-11');
    rows = await listIncidents(ctx);
    expect(byId(late).status).toBe('reported_late');
    expect(byId(fresh).status).toBe('reported');
    // Three working days: the Friday accident was due on Wednesday, so reported in time.
    await saveCoverageSettings(ctx, { incidentDeadlineDays: 3 });
    rows = await listIncidents(ctx);
    expect(byId(late)).toMatchObject({ deadline: '2026-03-11', status: 'reported' });
    // An accident gives care, not a fixed sum; no scholarship.
    expect(byId(late).benefit).toMatchObject({ program: 'JKK', total: 0, scholarship: { eligible: false } });
    await expect(saveIncident(ctx, { personId: p.id, kind: 'accident', date: '2026-03-12' })).rejects.toThrow(/setelah hari ini/);
    await expect(saveIncident(ctx, { personId: p.id, kind: 'accident', date: '2026-03-09', reportedDate: '2026-03-08' })).rejects.toThrow(/sebelum tanggal kejadian/);
  });
});

describe('deaths', () => {
  it('estimates JKM Rp42.000.000 and a scholarship after 36 months, JKK death 48 x the wage', async () => {
    const old = await addPerson(ctx, { kpj: '22222222222' });
    await addEngagement(ctx, old.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2022-01-01', end: null });
    await membership(old.id, '22222222222', '2022-01-15');
    const recent = await addPerson(ctx, { kpj: '33333333333' });
    await addEngagement(ctx, recent.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2025-06-01', end: null });
    await membership(recent.id, '33333333333', '2025-06-01');
    const work = await addPerson(ctx);
    await addEngagement(ctx, work.id, { unit: s.dinas, category: s.pu, wage: 2_250_000, start: '2026-01-01', end: null });

    const a = (await saveIncident(ctx, { personId: old.id, kind: 'death', date: '2026-02-10' })).id;
    const b = (await saveIncident(ctx, { personId: recent.id, kind: 'death', date: '2026-02-10' })).id;
    const c = (await saveIncident(ctx, { personId: work.id, kind: 'work_death', date: '2026-03-02', place: 'Jalan Liwa-Krui' })).id;
    const rows = await listIncidents(ctx);
    const byId = (id: number) => rows.find((r) => r.id === id)!;
    expect(byId(a).benefit.total).toBe(20_000_000 + 12_000_000 + 10_000_000);
    // January 2022 to February 2026 inclusive.
    expect(byId(a).benefit.scholarship).toMatchObject({ eligible: true, contributionMonths: 4 * 12 + 2, maxAmount: 174_000_000 });
    expect(byId(b).benefit.scholarship).toMatchObject({ eligible: false, contributionMonths: 7 + 2, maxAmount: 0 });
    expect(byId(b).benefit.scholarship.rule).toContain('3 tahun');
    expect(byId(c).benefit.items[0]!.amount).toBe(48 * 2_250_000);
    expect(byId(c).benefit.scholarship.eligible).toBe(true);
    // Not registered: the family may not be paid by BPJS.
    expect(byId(c).benefit.warnings.join(' ')).toMatch(/belum memiliki KPJ/);
  });

  it('ends the engagement: billed for the month of death, not after, and left out of data_tk_na', async () => {
    const died = await addPerson(ctx, { kpj: '44444444444' });
    const diedEng = await addEngagement(ctx, died.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2025-01-01', end: null });
    const left = await addPerson(ctx, { kpj: '55555555555' });
    await addEngagement(ctx, left.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2025-01-01', end: '2026-01-31', reason: 'Mengundurkan diri' });
    const stays = await addPerson(ctx, { kpj: '66666666666' });
    await addEngagement(ctx, stays.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2025-01-01', end: null });

    const r = await saveIncident(ctx, { personId: died.id, kind: 'death', date: '2026-02-10', reportedDate: '2026-02-11' });
    expect(r.endedEngagements).toBe(1);
    const ended = (await personDetail(ctx, died.id)).engagements.find((e) => e.id === diedEng)!;
    expect({ endDate: ended.endDate, endReason: ended.endReason }).toEqual({ endDate: '2026-02-10', endReason: 'Meninggal dunia' });

    const billed = async (month: string) => {
      await runBilling(ctx, { month });
      const lines = [];
      for (const i of await listInvoices(ctx, { month })) lines.push(...(await invoiceLines(ctx, i.id)));
      return lines.map((l) => l.nik).sort();
    };
    expect(await billed('2026-02')).toEqual([died.nik, stays.nik].sort());
    expect(await billed('2026-03')).toEqual([stays.nik]);

    expect((await pendingChanges(ctx, 'na', '2026-03-11')).map((c) => c.personId)).toEqual([left.id]);
    const out = await exportBatch(ctx, { kind: 'na', outDir: join(ctx.dir, 'out') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.files[0]!.path);
    const kpjs: string[] = [];
    wb.getWorksheet('data_tk_na')!.eachRow((row, n) => n > 1 && kpjs.push(String(row.getCell(1).value)));
    expect(kpjs).toEqual(['55555555555']);

    // A later SK for the dead person stops the recording.
    const other = await addPerson(ctx);
    await addEngagement(ctx, other.id, { unit: s.dinas, category: s.pu, start: '2026-01-01', end: '2026-02-28' });
    await addEngagement(ctx, other.id, { unit: s.dinas, category: s.pu, start: '2026-03-01', end: null });
    await expect(saveIncident(ctx, { personId: other.id, kind: 'death', date: '2026-02-20' })).rejects.toThrow(/mulai setelah/);
    expect((await listIncidents(ctx)).filter((r) => r.personId === other.id)).toEqual([]);
  });

  it('refuses a second death, and any incident after the death, naming the earlier incident', async () => {
    const p = await addPerson(ctx, { kpj: '88888888888' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 1_500_000, start: '2025-01-01', end: null });
    const first = (await saveIncident(ctx, { personId: p.id, kind: 'work_death', date: '2026-02-10' })).id;
    const count = async () => (await listIncidents(ctx)).filter((r) => r.personId === p.id).length;
    // Same date, a later date, an earlier date, another death kind: all refused.
    for (const [kind, date] of [['work_death', '2026-02-10'], ['death', '2026-03-01'], ['death', '2026-02-01']] as const) {
      await expect(saveIncident(ctx, { personId: p.id, kind, date })).rejects.toThrow(`sudah tercatat meninggal dunia pada 10 Februari 2026 (kejadian #${first})`);
    }
    // An accident after the death is refused too; one before it is still a valid record.
    await expect(saveIncident(ctx, { personId: p.id, kind: 'accident', date: '2026-02-20' })).rejects.toThrow(`meninggal dunia pada 10 Februari 2026 (kejadian #${first})`);
    await saveIncident(ctx, { personId: p.id, kind: 'accident', date: '2026-01-15' });
    expect(await count()).toBe(2);
    // Editing the recorded death itself (marking it reported) still works.
    await markReported(ctx, first, '2026-02-11');
    expect((await listIncidents(ctx)).find((r) => r.id === first)).toMatchObject({ reportedDate: '2026-02-11', benefit: { total: 48 * 1_500_000 } });
  });

  describe('two clerks at once', () => {
    const deathsOf = async (personId: number) => (await listIncidents(ctx)).filter((r) => r.personId === personId).map((r) => [r.kind, r.date]);

    it('two deaths of the same person: the second is checked against the first and refused', async () => {
      const p = await addPerson(ctx, { kpj: '31313131313' });
      await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: null });
      // The first clerk's death is written and not yet committed while the second one's goes as far as it can.
      const [a, b] = await overlapping(ctx, (c) => saveIncident(c, { personId: p.id, kind: 'death', date: '2026-02-10' }), (c) => saveIncident(c, { personId: p.id, kind: 'work_death', date: '2026-02-10' }));
      const first = a.id;
      expect(outcome(b)).toBe(`CONFLICT: ${p.name} sudah tercatat meninggal dunia pada 10 Februari 2026 (kejadian #${first}). Kematian tidak dapat dicatat dua kali; perbaiki kejadian #${first} bila keliru.`);
      expect(await deathsOf(p.id)).toEqual([['death', '2026-02-10']]);
    });

    it('an accident after a death being recorded: checked against the death and refused', async () => {
      const p = await addPerson(ctx, { kpj: '32323232323' });
      await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: null });
      const [a, b] = await overlapping(ctx, (c) => saveIncident(c, { personId: p.id, kind: 'death', date: '2026-02-10' }), (c) => saveIncident(c, { personId: p.id, kind: 'accident', date: '2026-02-20' }));
      const first = a.id;
      expect(outcome(b)).toBe(`CONFLICT: ${p.name} tercatat meninggal dunia pada 10 Februari 2026 (kejadian #${first}); kejadian sesudah tanggal itu tidak dapat dicatat.`);
      expect(await deathsOf(p.id)).toEqual([['death', '2026-02-10']]);
    });

    it('an end by hand while a death ends the engagement: the later end does not overwrite the death', async () => {
      const p = await addPerson(ctx, { kpj: '33333333333' });
      const eng = await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: null });
      // The second is checked against the open engagement it read: an end after the death, which the death would refuse.
      const [a, b] = await overlapping(ctx, (c) => saveIncident(c, { personId: p.id, kind: 'death', date: '2026-02-10' }), (c) => endEngagement(c, eng, '2026-03-10', 'Kontrak selesai'));
      expect(a.endedEngagements).toBe(1);
      // SQLite: the second reads the death's end; PostgreSQL: its conditional write finds the end changed.
      expect(outcome(b)).toMatch(/^(INVALID_INPUT: Keterlibatan ini sudah berakhir 10 Februari 2026\.|CONFLICT: Tanggal berakhir keterlibatan ini baru saja diubah oleh pengguna lain)/);
      const e = (await personDetail(ctx, p.id)).engagements.find((x) => x.id === eng)!;
      expect({ endDate: e.endDate, endReason: e.endReason }).toEqual({ endDate: '2026-02-10', endReason: 'Meninggal dunia' });
    });
  });

  it('refuses an incident on a date no engagement covers (ended SK, or not yet started)', async () => {
    const gone = await addPerson(ctx, { kpj: '99999999999' });
    await addEngagement(ctx, gone.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2025-12-31', reason: 'Masa SK berakhir' });
    await expect(saveIncident(ctx, { personId: gone.id, kind: 'death', date: '2026-02-10' }))
      .rejects.toThrow('penugasan terakhirnya berakhir 31 Desember 2025 (Masa SK berakhir)');
    await expect(saveIncident(ctx, { personId: gone.id, kind: 'accident', date: '2026-02-10' })).rejects.toThrow(/Klaim JKK\/JKM memerlukan kepesertaan yang masih aktif/);
    // A death already ended on the roster by hand (no incident): a later death is refused, one on the day is the claim.
    const ended = await addPerson(ctx, { kpj: '12121212121' });
    await addEngagement(ctx, ended.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2026-01-20', reason: 'Meninggal dunia' });
    await expect(saveIncident(ctx, { personId: ended.id, kind: 'death', date: '2026-02-10' })).rejects.toThrow('berakhir 20 Januari 2026 (Meninggal dunia)');
    expect((await saveIncident(ctx, { personId: ended.id, kind: 'death', date: '2026-01-20' })).endedEngagements).toBe(0);
    const early = await addPerson(ctx);
    await addEngagement(ctx, early.id, { unit: s.dinas, category: s.pu, start: '2026-03-01', end: null });
    await expect(saveIncident(ctx, { personId: early.id, kind: 'accident', date: '2026-02-27' })).rejects.toThrow(/belum bertugas pada 27 Februari 2026/);
    expect((await listIncidents(ctx)).filter((r) => r.personId === gone.id || r.personId === early.id)).toEqual([]);
  });

  it('says the contribution months are unknown when a KPJ has no membership date and no issued invoice', async () => {
    const unknown = await addPerson(ctx, { kpj: '13131313131' });
    await addEngagement(ctx, unknown.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: null });
    const noKpj = await addPerson(ctx);
    await addEngagement(ctx, noKpj.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: null });
    const known = await addPerson(ctx, { kpj: '14141414141' });
    await addEngagement(ctx, known.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: null });
    await membership(known.id, '14141414141', '2025-10-01');
    const a = (await saveIncident(ctx, { personId: unknown.id, kind: 'death', date: '2026-02-10' })).id;
    const b = (await saveIncident(ctx, { personId: noKpj.id, kind: 'death', date: '2026-02-10' })).id;
    const c = (await saveIncident(ctx, { personId: known.id, kind: 'death', date: '2026-02-10' })).id;
    const rows = await listIncidents(ctx);
    const sch = (id: number) => rows.find((r) => r.id === id)!.benefit.scholarship;
    expect(sch(a)).toMatchObject({ eligible: false, monthsKnown: false });
    expect(sch(a).summary).toBe('belum dapat dipastikan: masa iur belum diketahui — impor daftar peserta BPJS untuk tanggal kepesertaan');
    expect(sch(a).summary).not.toMatch(/tidak berhak|0 bulan/);
    // Without a KPJ nothing was paid: zero months is a fact.
    expect(sch(b)).toMatchObject({ monthsKnown: true, contributionMonths: 0, summary: 'tidak berhak (masa iur 0 bulan, minimal 36 bulan)' });
    expect(sch(c)).toMatchObject({ monthsKnown: true, contributionMonths: 5, summary: 'tidak berhak (masa iur 5 bulan, minimal 36 bulan)' });
  });

  it('sigap incident add, list and report', async () => {
    const p = await addPerson(ctx, { kpj: '77777777777' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 1_800_000, end: null });
    const env = { SIGAP_DB: ctx.dbPath };
    const at = '2026-03-11T03:00:00Z';
    const add = await runCli(['incident', 'add', '--nik', p.nik, '--kind', 'work_death', '--date', '2026-03-09', '--place', 'Lokasi proyek', '--json'], { env, at });
    expect(add.code).toBe(0);
    const j = add.json<{ incident: { id: number; deadline: string; status: string; benefit: { total: number } }; endedEngagements: number }>();
    expect(j).toMatchObject({ endedEngagements: 1, incident: { deadline: '2026-03-11', status: 'due', benefit: { total: 48 * 1_800_000 } } });
    const text = await runCli(['incident', 'list'], { env, at: '2026-03-12T03:00:00Z' });
    expect(text.stdout).toContain('TERLAMBAT');
    expect((await runCli(['incident', 'report', String(j.incident.id), '--date', '2026-03-12'], { env, at: '2026-03-12T03:00:00Z' })).code).toBe(0);
    const list = await runCli(['incident', 'list', '--json'], { env, at: '2026-03-12T03:00:00Z' });
    expect(list.json<{ incidents: { status: string; reportedDate: string }[] }>().incidents).toMatchObject([{ status: 'reported_late', reportedDate: '2026-03-12' }]);
    expect((await runCli(['incident', 'add', '--nik', p.nik, '--kind', 'sakit', '--date', '2026-03-09'], { env, at })).code).toBe(2);
    // A second death of the same person: refused with the earlier incident named, nothing estimated again.
    const again = await runCli(['incident', 'add', '--nik', p.nik, '--kind', 'death', '--date', '2026-03-10'], { env, at });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`sudah tercatat meninggal dunia pada 9 Maret 2026 (kejadian #${j.incident.id})`);
    expect(again.stdout).not.toContain('Rp42.000.000');
    // A year that is not a year is a usage error, not the whole list.
    const bad = await runCli(['incident', 'list', '--year', 'abc'], { env, at });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Tahun "abc" tidak sah');
    expect(bad.stdout).toBe('');
    expect((await runCli(['incident', 'list', '--year', '2025', '--json'], { env, at })).json<{ incidents: unknown[] }>().incidents).toEqual([]);
    // JKK: a scholarship without a minimum; the KPJ has no membership date and nothing was billed yet.
    expect(add.json<{ incident: { benefit: { scholarship: { summary: string } } } }>().incident.benefit.scholarship.summary)
      .toBe('berhak, tanpa masa iur minimal (masa iur belum diketahui — impor daftar peserta BPJS untuk tanggal kepesertaan)');
  });
});
