/**
 * The coverage calls through the bridge as the renderer uses them: outputs checked against the
 * contract, PDFs and workbooks written where the save dialog answers, and who may call what.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { bridge, testHost, type TestHost } from '../api-harness';
import { seedDemo } from '../../electron/core/demo/index';
import { runBilling } from '../../electron/core/billing/index';
import { queryRoster } from '../../electron/core/roster/query';

let ctx: ReturnType<typeof testContext>;
let host: TestHost;
beforeEach(async () => {
  ctx = testContext('2026-03-20T03:00:00Z');
  await seedDemo(ctx, { persons: 120, year: 2026 });
  for (const m of ['2026-01', '2026-02']) await runBilling(ctx, { month: m, issue: true });
  host = testHost();
});
afterEach(() => ctx.close());

describe('coverage bridge calls', () => {
  it('prints the reports to PDF and Excel where the clerk chooses, and nothing when cancelled', async () => {
    const b = bridge(ctx, host);
    const summary = await b.ok('coverage.summary', { month: '2026-03' });
    expect(summary.totals.active).toBe(120);
    host.saveQueue.push(join(ctx.dir, 'cakupan.pdf'), join(ctx.dir, 'tahunan.pdf'), join(ctx.dir, 'tahunan.xlsx'), join(ctx.dir, 'rka.pdf'), join(ctx.dir, 'rka.xlsx'));
    expect(await b.ok('coverage.reportPdf', { month: '2026-03', paper: 'F4' })).toMatchObject({ pages: 1 });
    expect((await b.ok('coverage.yearlyPdf', { year: 2026, paper: 'A4' }))!.pages).toBeGreaterThanOrEqual(1);
    expect(await b.ok('coverage.yearlyXlsx', { year: 2026 })).toEqual({ path: join(ctx.dir, 'tahunan.xlsx'), fileId: expect.any(String) });
    expect((await b.ok('forecast.pdf', { year: 2027, paper: 'A4', headroomPct: 5 }))!.pages).toBeGreaterThanOrEqual(1);
    expect(await b.ok('forecast.xlsx', { year: 2027 })).toEqual({ path: join(ctx.dir, 'rka.xlsx'), fileId: expect.any(String) });
    for (const f of ['cakupan.pdf', 'tahunan.pdf', 'tahunan.xlsx', 'rka.pdf', 'rka.xlsx']) expect(existsSync(join(ctx.dir, f))).toBe(true);
    // Cancelled dialog: null, no file.
    expect(await b.ok('forecast.xlsx', { year: 2027 })).toBeNull();
    const doc = await b.ok('coverage.report', { month: '2026-03', paper: 'A4' });
    expect(doc.body).not.toMatch(/style=|<script/i);
    expect(doc.css).toContain('.bar-w20');
  });

  it('lets every role read, HR record incidents, and only the administrator change the settings', async () => {
    const b = bridge(ctx, host, { as: 'finance' });
    expect((await b.call('incident.list', {})).ok).toBe(true);
    expect((await b.call('forecast.run', { year: 2027 })).ok).toBe(true);
    // The person the test always used: the first without a KPJ (the lowest id), as SQLite's "SELECT id FROM person LIMIT 1" found them through the KPJ index.
    const person = { id: Math.min(...(await queryRoster(ctx, { month: '2026-03', status: 'all', hasKpj: false })).rows.map((r) => r.personId)) };
    expect(await b.call('incident.save', { personId: person.id, kind: 'accident', date: '2026-03-18' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await b.signInAs('hr');
    expect((await b.call('incident.save', { personId: person.id, kind: 'accident', date: '2026-03-18' })).ok).toBe(true);
    expect(await b.call('coverage.saveSettings', { villageQuota: 5 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await b.signInAs('admin');
    expect(await b.ok('coverage.saveSettings', { villageQuota: 5, semestaPekerja: null })).toMatchObject({ villageQuota: 5, semestaPekerja: null });
    expect(await b.call('coverage.saveSettings', { villageQuota: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // Finance sees NIKs masked in the incident list.
    await b.signInAs('finance');
    const list = await b.ok('incident.list', {});
    expect(list[0]!.nik).toMatch(/\*/);
  });
});
