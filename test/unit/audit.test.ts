import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { seedDemo } from '../../electron/core/demo/index';
import { listAudit, exportAudit } from '../../electron/core/audit-query';
import { updatePerson } from '../../electron/core/roster/person';
import { saveOpd } from '../../electron/core/settings/employer';
import { testContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

let ctx: ReturnType<typeof testContext>;
beforeEach(async () => {
  ctx = testContext('2026-04-01T01:00:00Z');
  await seedDemo(ctx, { persons: 20, year: 2026 });
});
afterEach(() => ctx.close());

describe('the audit trail', () => {
  it('records who changed what, before and after, and filters it', async () => {
    const p = (await storeOf(ctx).one<{ id: number; nik: string; name: string }>(sql`SELECT id, nik, name FROM person ORDER BY id LIMIT 1`))!;
    await updatePerson({ ...ctx, actor: 'rina' }, p.id, { nik: p.nik, name: `${p.name} Putri`, motherName: '=cmd|calc' });
    await saveOpd({ ...ctx, actor: 'budi' }, { code: '99', name: 'Dinas Baru', kind: 'opd' });
    const byRina = await listAudit(ctx, { actor: 'rina' });
    expect(byRina.total).toBe(1);
    expect(byRina.rows[0]).toMatchObject({ action: 'update', entity: 'person', entityId: p.id, before: { name: p.name }, after: { name: `${p.name} Putri`, mother_name: '=cmd|calc' } });
    expect((await listAudit(ctx, { entity: 'opd', actor: 'budi' })).rows[0]!.summary).toBe('OPD Dinas Baru');
    expect((await listAudit(ctx, { search: 'Putri' })).total).toBe(1);
    expect((await listAudit(ctx, { from: '2026-04-02' })).total).toBe(0);
    expect((await listAudit(ctx, { to: '2026-04-01' })).total).toBe(3);
    expect((await listAudit(ctx, {})).actors).toEqual(['budi', 'rina', 'test']);

    const out = join(ctx.dir, 'audit.xlsx');
    expect(await exportAudit(ctx, {}, out)).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Jejak Audit')!;
    expect(ws.getRow(1).values).toContain('Pengguna');
    expect(ws.rowCount).toBe(4);
    const cells = ws.getRow(3).values as unknown[];
    expect(cells).toContain('rina');
    // Every cell is plain text: no formula objects, whatever the clerk typed.
    expect(cells.filter((c) => c !== undefined).every((c) => typeof c === 'string')).toBe(true);
  });

  it('cannot be altered', async () => {
    await expect(storeOf(ctx).run(sql`UPDATE audit_log SET actor = 'x'`)).rejects.toThrow(/append-only/);
    await expect(storeOf(ctx).run(sql`DELETE FROM audit_log WHERE id = 1`)).rejects.toThrow(/append-only/);
  });
});
