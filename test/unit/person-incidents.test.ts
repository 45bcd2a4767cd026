/**
 * The person page's incidents: personDetail lists the person's accidents and deaths as the incident
 * log computes them (deadline, status, benefit), names the recorded death, and the bridge masks the
 * NIK/KPJ inside them for roles that may not see identity.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { listIncidents, saveIncident } from '../../electron/core/coverage/index';
import { personDetail } from '../../electron/core/roster/detail';
import { personDetail as personDetailSchema } from '../../shared/contract/roster';
import { bridge } from '../api-harness';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-11T03:00:00Z'); // Wednesday 11 March 2026
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

describe('personDetail incidents', () => {
  it('has no incidents and no death for a person without any', async () => {
    const p = await addPerson(ctx, { kpj: '12000000001' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu });
    const d = await personDetail(ctx, p.id);
    expect(d.incidents).toEqual([]);
    expect(d.death).toBeNull();
  });

  it('lists only this person’s incidents, newest first, with deadline, status and benefit, and names the death', async () => {
    const p = await addPerson(ctx, { kpj: '12000000002' });
    const other = await addPerson(ctx, { kpj: '12000000003' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 2_500_000, end: null });
    await addEngagement(ctx, other.id, { unit: s.dinas, category: s.pu });
    await saveIncident(ctx, { personId: other.id, kind: 'accident', date: '2026-03-02' });
    // Friday 6 March + 2 working days = Tuesday 10 March: unreported on the 11th, so overdue.
    const acc = (await saveIncident(ctx, { personId: p.id, kind: 'accident', date: '2026-03-06', place: 'Gudang' })).id;
    let d = await personDetail(ctx, p.id);
    expect(d.incidents.map((i) => i.id)).toEqual([acc]);
    expect(d.incidents[0]).toMatchObject({ kind: 'accident', deadline: '2026-03-10', status: 'overdue', reportedDate: null, place: 'Gudang', reportedWage: 2_500_000 });
    expect(d.death).toBeNull();
    expect(d.current?.endDate).toBeNull();

    const death = await saveIncident(ctx, { personId: p.id, kind: 'work_death', date: '2026-03-09', reportedDate: '2026-03-10' });
    expect(death.endedEngagements).toBe(1);
    d = await personDetail(ctx, p.id);
    expect(d.incidents.map((i) => i.id)).toEqual([death.id, acc]);
    expect(d.incidents[0]).toMatchObject({ kind: 'work_death', deadline: '2026-03-11', status: 'reported' });
    expect(d.incidents[0]!.benefit.total).toBe(48 * 2_500_000);
    expect(d.death).toEqual({ incidentId: death.id, date: '2026-03-09', kind: 'work_death', kindLabel: 'Meninggal karena kecelakaan kerja' });
    // The roster side of the death: the engagement ended on the date with the death reason.
    expect(d.current).toBeNull();
    expect(d.engagements[0]).toMatchObject({ endDate: '2026-03-09', endReason: 'Meninggal dunia' });
    // The same rows the incident log shows (one source of truth).
    const fromLog = (await listIncidents(ctx)).filter((i) => i.personId === p.id);
    expect(d.incidents).toEqual(fromLog);
    // The other person is untouched.
    expect((await personDetail(ctx, other.id)).death).toBeNull();
  });

  it('a JKM death carries the Rp42.000.000 estimate', async () => {
    const p = await addPerson(ctx, { kpj: '12000000004' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu });
    const id = (await saveIncident(ctx, { personId: p.id, kind: 'death', date: '2026-03-03' })).id;
    const d = await personDetail(ctx, p.id);
    expect(d.death?.incidentId).toBe(id);
    expect(d.incidents[0]!.benefit.total).toBe(42_000_000);
  });
});

describe('person.get over the bridge', () => {
  it('validates against the contract and masks NIK/KPJ inside incidents for a viewer', async () => {
    const p = await addPerson(ctx, { kpj: '12000000005' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu });
    await saveIncident(ctx, { personId: p.id, kind: 'accident', date: '2026-03-10' });
    const admin = bridge(ctx);
    const full = await admin.ok('person.get', { personId: p.id });
    expect(full.incidents).toHaveLength(1);
    expect(full.incidents[0]).toMatchObject({ nik: p.nik, kpj: '12000000005', status: 'due', deadline: '2026-03-12' });
    await admin.signInAs('viewer');
    const masked = await admin.ok('person.get', { personId: p.id });
    expect(masked.incidents[0]!.nik).not.toBe(p.nik);
    expect(masked.incidents[0]!.nik).toContain('*');
    expect(masked.incidents[0]!.kpj).not.toBe('12000000005');
    expect(JSON.stringify(masked)).not.toContain(p.nik);
  });

  it('the schema still accepts a reply from before incidents existed', async () => {
    const d = await personDetail(ctx, await (async () => {
      const p = await addPerson(ctx);
      await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu });
      return p.id;
    })());
    const { incidents: _i, death: _d, ...old } = d;
    const parsed = personDetailSchema.parse(old);
    expect(parsed.incidents).toEqual([]);
    expect(parsed.death).toBeNull();
  });
});
