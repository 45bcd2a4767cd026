import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { exportBatch, pendingChanges } from '../../electron/core/bpjs/index';
import { fieldValues } from '../../electron/core/bpjs/values';
import { reportEnv } from '../../electron/core/bpjs/report';
import { monthsBefore, rapelOf } from '../../electron/core/bpjs/wage-change';
import { builtinProfile, fieldForHeader } from '../../shared/sipp-layouts';
import { rateRepo } from '../../electron/core/billing/rates-repository';
import { storeOf } from '../../electron/core/store/of-context';

/*
 * The wage-change file's RAPEL is the back pay (an amount), BLTH the month the new wage applies from
 * (mm-yyyy). For each month from BLTH up to the month before the report, BPJS billed the old wage: the
 * difference of those months is owed with the report. Figures worked out by hand in each test.
 */

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  // The report is made on 10 May 2026: May is billed at the new wage, March and April were not.
  ctx = testContext('2026-05-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

describe('RAPEL and BLTH', () => {
  it('counts the months billed at the old wage', () => {
    expect(monthsBefore('2026-03', '2026-05')).toBe(2); // March, April
    expect(monthsBefore('2025-11', '2026-02')).toBe(3); // November, December, January: across the year
    expect(monthsBefore('2026-05', '2026-05')).toBe(0); // the report month itself: billed at UPAH
    expect(monthsBefore('2026-06', '2026-05')).toBe(0); // not yet in force
    // Rp2.500.000 -> Rp2.750.000 from March, reported in May: 2 x Rp250.000 = Rp500.000.
    expect(rapelOf({ reportedWage: 2_750_000, previousWage: 2_500_000 }, '2026-03', '2026-05')).toEqual({ months: 2, perMonth: 250_000, amount: 500_000 });
    // A lower wage owes nothing back.
    expect(rapelOf({ reportedWage: 2_000_000, previousWage: 2_500_000 }, '2026-03', '2026-05').amount).toBe(0);
  });

  it('a new engagement with a higher wage: BLTH 03-2026, RAPEL 500000 in the file, read back by LibreOffice', async () => {
    const p = await addPerson(ctx, { name: 'DEWI LESTARI', kpj: '33000000003', birthDate: '1988-02-29' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 2_500_000, start: '2025-01-01', end: '2026-02-28' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 2_750_000, start: '2026-03-01' });
    const [c] = await pendingChanges(ctx, 'wage', '2026-05-10');
    expect(c).toMatchObject({ month: '2026-03', reportedWage: 2_750_000, previousWage: 2_500_000 });
    const env = await reportEnv(ctx, { asOf: '2026-05-10' });
    const v = fieldValues(c!, env, 1);
    expect([v.blth, v.rapel, v.rapelFlag, v.wage]).toEqual(['03-2026', '500000', 'Y', '2750000']);
    // The same change reported in its own month (15 March): nothing owed yet.
    expect(fieldValues(c!, { ...env, asOf: '2026-03-15' }, 1).rapel).toBe('0');

    const r = await exportBatch(ctx, { kind: 'wage', outDir: join(ctx.dir, 'out'), asOf: '2026-05-10', includeIncomplete: true });
    expect(r.rows).toBe(1);
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(ctx.dir, 'lo')}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', join(ctx.dir, 'csv'), r.files[0]!.path], { stdio: 'pipe', timeout: 120_000 });
    const lines = readFileSync(join(ctx.dir, 'csv', r.files[0]!.name.replace(/xlsx$/, 'csv')), 'utf8').trim().split('\n').map((l) => l.replace(/\r$/, '').split(',').map((x) => x.replace(/^"|"$/g, '')));
    expect(lines[0]).toEqual(builtinProfile('wage').columns.map((col) => col.header));
    // KPJ, NIK, NAMA_LENGKAP, TGL_LAHIR, BLTH, NPP, UPAH, RAPEL
    expect(lines[1]).toEqual(['33000000003', p.nik, 'DEWI LESTARI', '29-02-1988', '03-2026', '18040012', '2750000', '500000']);
  }, 120_000);

  it('a new wage floor from February raises the base: RAPEL is 3 months of the raise', async () => {
    const p = await addPerson(ctx, { kpj: '44000000004' });
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, wage: 2_500_000, start: '2026-01-01' });
    await rateRepo.upsertParam(storeOf(ctx), 'pu.wage_floor', '2026-02', { value: 3_000_000, source: 'UMK contoh', confidence: 'M', note: null }, 'x', 'test');
    const [c] = await pendingChanges(ctx, 'wage', '2026-05-10');
    expect(c).toMatchObject({ month: '2026-02', reportedWage: 3_000_000, previousWage: 2_500_000 });
    // February, March, April at Rp2.500.000 instead of Rp3.000.000: 3 x Rp500.000 = Rp1.500.000.
    const v = fieldValues(c!, await reportEnv(ctx, { asOf: '2026-05-10' }), 1);
    expect([v.blth, v.rapel, v.wage]).toEqual(['02-2026', '1500000', '3000000']);
  });

  it('KODE_TK is read from a template and left empty (the portal matches by KPJ and NIK); other kinds have no RAPEL', async () => {
    const p = await addPerson(ctx);
    await addEngagement(ctx, p.id, { unit: s.dinas, category: s.pu, start: '2026-05-01' });
    const [c] = await pendingChanges(ctx, 'new', '2026-05-10');
    const v = fieldValues(c!, await reportEnv(ctx, { asOf: '2026-05-10' }), 1);
    expect([v.rapel, v.workerCode]).toEqual(['', '']);
    expect([fieldForHeader('KODE_TK'), fieldForHeader('RAPEL', 'wage'), fieldForHeader('Nilai Rapel')]).toEqual(['workerCode', 'rapel', 'rapel']);
  });
});
