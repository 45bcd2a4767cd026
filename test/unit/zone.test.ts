import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { testContext } from '../helpers';
import { runCli } from '../cli-harness';
import { todayIso, type CoreContext } from '../../electron/core/context';
import { getEmployer, saveEmployer } from '../../electron/core/settings/employer';
import { exportAudit } from '../../electron/core/audit-query';
import { seedDemo } from '../../electron/core/demo/index';
import { arrearsReport } from '../../electron/core/billing/arrears';
import { runBilling } from '../../electron/core/billing/index';
import { zoneDate } from '../../shared/zone';

let ctx: ReturnType<typeof testContext>;
beforeEach(() => (ctx = testContext()));
afterEach(() => ctx.close());

const at = (iso: string) => () => new Date(iso);
const setZone = async (c: CoreContext, zone: 'WIB' | 'WITA' | 'WIT') => await saveEmployer(c, { name: 'Pemerintah Kota Makassar', jkkClass: 1, zone });

describe("the Pemda's time zone", () => {
  it('today follows WIB, WITA or WIT, not a fixed +7 hours', async () => {
    // 16:30 UTC on 31 January is 23:30 WIB, 00:30 WITA and 01:30 WIT on 1 February.
    ctx.clock = at('2026-01-31T16:30:00Z');
    expect(await todayIso(ctx)).toBe('2026-01-31');
    await setZone(ctx, 'WITA');
    expect(await todayIso(ctx)).toBe('2026-02-01');
    expect((await getEmployer(ctx))?.zone).toBe('WITA');
    await setZone(ctx, 'WIT');
    expect(await todayIso(ctx)).toBe('2026-02-01');
    ctx.clock = at('2026-01-31T14:30:00Z'); // 21:30 WIB, 22:30 WITA, 23:30 WIT
    expect(await todayIso(ctx)).toBe('2026-01-31');
    expect(zoneDate('2026-01-31T15:30:00Z', 'WIT')).toBe('2026-02-01');
  });

  it("the audit export states its zone and writes the Pemda's wall clock", async () => {
    ctx.clock = at('2026-03-02T01:15:00Z');
    await setZone(ctx, 'WITA');
    const file = join(ctx.dir, 'audit.xlsx');
    await exportAudit(ctx, {}, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('Waktu (WITA)');
    const times = [];
    for (let r = 2; r <= ws.rowCount; r++) times.push(ws.getRow(r).getCell(2).value);
    expect(times.length).toBeGreaterThan(0);
    // 01:15 UTC is 09:15 WITA.
    expect(times).toContain('2026-03-02 09:15:00');
  });

  it("an invoice issued late in the evening counts from the office's own date in the arrears", async () => {
    await seedDemo(ctx, { persons: 40, year: 2026 });
    // Issued at 16:30 UTC on 16 March: still 16 March in WIB, already 17 March in WITA.
    ctx.clock = at('2026-03-16T16:30:00Z');
    await runBilling(ctx, { month: '2026-02', issue: true });
    ctx.clock = at('2026-04-20T03:00:00Z');
    const wib = await arrearsReport(ctx, '2026-03-16');
    await setZone(ctx, 'WITA');
    const wita = await arrearsReport(ctx, '2026-03-16');
    expect(wib.units.length).toBeGreaterThan(0);
    expect(wita.units.length).toBe(0);
    expect((await arrearsReport(ctx, '2026-03-17')).units.length).toBe(wib.units.length);
  });

  it('is a setting of the command line too, checked', async () => {
    const db = ctx.dbPath;
    const bad = await runCli(['settings', 'set', 'pemda.nama=Pemkot Jayapura', 'pemda.zona-waktu=WET', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/harus WIB, WITA atau WIT/);
    const ok = await runCli(['settings', 'set', 'pemda.nama=Pemkot Jayapura', 'pemda.zona-waktu=wit', '--json', '--db', db]);
    expect(ok.code).toBe(0);
    expect(ok.json<{ settings: Record<string, unknown> }>().settings['pemda.zona-waktu']).toBe('WIT');
  });
});
