/** Pegawai › Unduh Excel with the contact columns of migration 0120, and the header words the column chooser shows. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { testContext } from '../helpers';
import { seedDemo } from '../../electron/core/demo/index';
import { exportRoster } from '../../electron/core/roster/export';
import { queryRoster } from '../../electron/core/roster/query';
import { applyBulkEdit, planBulkEdit } from '../../electron/core/roster/bulk-edit';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { nowIso } from '../../electron/core/context';
import { ROSTER_EXPORT_COLUMNS } from '../../shared/contract/roster';
import { ROSTER_COLUMN_HEADERS } from '../../shared/roster-export-columns';
import { COMPLETION_HEADERS } from '../../shared/completion-columns';

let ctx: ReturnType<typeof testContext>;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  await seedDemo(ctx, { persons: 40, year: 2026 });
});
afterEach(() => ctx.close());

async function sheetRows(path: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}

const COLS = ['nik', 'name', 'postalCode', 'email', 'maritalStatus', 'workLocation'] as const;

describe('roster export: contact columns', () => {
  it('writes postal code, e-mail, marital status and work location per person, under the completion workbook headers', async () => {
    const shown = (await queryRoster(ctx, { month: '2026-03', sort: 'name' })).rows;
    const p = shown[3]!;
    await personRepo.update(storeOf(ctx), p.personId, { postal_code: '03481', email: 'siti@contoh.go.id', marital_status: 'Y', work_location: 'KANTOR BUPATI' }, nowIso(ctx));
    const file = join(ctx.dir, 'kontak.xlsx');
    expect(await exportRoster(ctx, { month: '2026-03', sort: 'name' }, COLS, file)).toBe(shown.length);
    const rows = await sheetRows(file);
    expect(rows[0]).toEqual(['No', 'NIK', 'Nama', 'Kode pos', 'Surel (e-mail)', 'Status kawin (Y/T)', 'Lokasi pekerjaan']);
    // Row 5 is the fourth person; the postal code keeps its leading zero (text, not a number).
    expect(rows[4]).toEqual([4, p.nik, p.name, '03481', 'siti@contoh.go.id', 'Y', 'KANTOR BUPATI']);
    // Others have none: empty cells.
    expect(rows[1]!.slice(3).filter((v) => v !== undefined && v !== null && v !== '')).toEqual([]);
  });

  it('hides them for roles that see identity masked, as the person page does', async () => {
    // Everyone on the month's list gets a postal code and a marital status, as Pegawai's bulk edit gives them.
    const everyone = { kind: 'filter' as const, filter: { month: '2026-03' } };
    await applyBulkEdit(ctx, await planBulkEdit(ctx, everyone, 'postalCode', '34812'));
    await applyBulkEdit(ctx, await planBulkEdit(ctx, everyone, 'maritalStatus', 'T'));
    const file = join(ctx.dir, 'kontak-masked.xlsx');
    await exportRoster({ ...ctx, seesIdentity: false }, { month: '2026-03' }, COLS, file);
    const rows = await sheetRows(file);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('34812');
    expect(rows.slice(1).every((r) => r[3] === 'disembunyikan' && r[5] === 'disembunyikan')).toBe(true);
  });

  it('every exportable column has a header, and the contact ones are those the completion import reads', () => {
    for (const c of ROSTER_EXPORT_COLUMNS) expect(ROSTER_COLUMN_HEADERS[c]).toBeTruthy();
    expect(ROSTER_COLUMN_HEADERS.maritalStatus).toBe(COMPLETION_HEADERS.maritalStatus);
    expect(ROSTER_COLUMN_HEADERS.postalCode).toBe(COMPLETION_HEADERS.postalCode);
  });
});
