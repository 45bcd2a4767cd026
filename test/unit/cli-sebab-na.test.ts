import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { runCli } from '../cli-harness';
import { auditLog } from '../../electron/core/audit-repository';
import { storeOf } from '../../electron/core/store/of-context';

let ctx: ReturnType<typeof testContext>;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
});
afterEach(() => ctx.close());

describe('sigap sebab-na', () => {
  it('lists the seeded codes and sets one from the branch template, audited', async () => {
    const db = ['--db', ctx.dbPath];
    const list = await runCli(['sebab-na', 'list', '--json', ...db]);
    expect(list.code).toBe(0);
    expect(list.json<{ reasons: { reason: string; code: string }[] }>().reasons.map((r) => [r.reason, r.code])).toEqual([
      ['resign', 'A1'], ['retirement', 'A4'], ['dismissal', 'PHK'], ['contract_end', 'HABIS KONTRAK'],
    ]);
    const set = await runCli(['sebab-na', 'set', 'habis-kontrak', 'a3', '--sumber', 'Templat KC Liwa 2026', ...db]);
    expect([set.code, set.stdout]).toEqual([0, expect.stringContaining('A3 (sumber: Templat KC Liwa 2026)')]);
    expect(await auditLog.count(storeOf(ctx), { entity: 'bpjs_na_reason' })).toBe(1);
    const bad = await runCli(['sebab-na', 'set', 'wafat', 'A9', ...db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/mengundurkan-diri, pensiun, phk, habis-kontrak/);
    const help = await runCli(['sebab-na', '--help']);
    expect(help.stdout + help.stderr).toMatch(/sigap sebab-na set/);
  });
});

describe('sigap preflight', () => {
  it('says once per required column how many people leave it empty', async () => {
    const { setupRoster, addPerson, addEngagement } = await import('../fixtures/bpjs-roster');
    const s = await setupRoster(ctx);
    for (let i = 0; i < 3; i++) await addEngagement(ctx, (await addPerson(ctx, { maritalStatus: null })).id, { unit: s.dinas, category: s.pu });
    const run = await runCli(['preflight', '--kind', 'new', '--db', ctx.dbPath], { at: '2026-03-10T03:00:00Z' });
    expect(run.stdout).toMatch(/Wajib \(Pendaftaran tenaga kerja baru \(PU\)\): STATUS_KAWIN kosong untuk 3 orang/);
    expect(run.stdout).not.toMatch(/LOKASI_PEKERJAAN kosong/);
  });
});
