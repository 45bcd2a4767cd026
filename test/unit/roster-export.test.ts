import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { testContext } from '../helpers';
import { runCli } from '../cli-harness';
import { seedDemo } from '../../electron/core/demo/index';
import { exportRoster } from '../../electron/core/roster/export';
import { queryRoster } from '../../electron/core/roster/query';
import { listOpds } from '../../electron/core/roster/units';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

let ctx: ReturnType<typeof testContext>;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  await seedDemo(ctx, { persons: 150, year: 2026 });
});
afterEach(() => ctx.close());

async function sheetRows(path: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}

describe('Pegawai › Unduh Excel', () => {
  it('writes exactly the list on screen: its filter and order, NIK and KPJ as text, honor as a number', async () => {
    const opdId = (await listOpds(ctx)).find((o) => o.name === 'Dinas Kesehatan')!.id;
    const filter = { month: '2026-03', opdId, sort: 'name' as const };
    const shown = (await queryRoster(ctx, filter)).rows;
    const file = join(ctx.dir, 'pegawai.xlsx');
    expect(await exportRoster(ctx, filter, [], file)).toBe(shown.length);
    const rows = await sheetRows(file);
    expect(rows[0]).toEqual(['No', 'NIK', 'Nama', 'L/P', 'Tempat lahir', 'Tanggal lahir', 'Nomor KPJ', 'Unit kerja (OPD/desa)', 'Kategori', 'Jabatan', 'Honor', 'Mulai (TMT)', 'Selesai', 'Nomor SK']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(shown.map((p) => p.nik));
    expect(rows.slice(1).every((r) => typeof r[1] === 'string' && (r[1] as string).length === 16)).toBe(true);
    expect(rows[1]![10]).toBe(shown[0]!.honor);
    expect(rows.slice(1).every((r) => r[7] === 'Dinas Kesehatan')).toBe(true);
  });

  it('masks NIK and KPJ and gives the birth year only for roles that see them masked; text that looks like a formula stays text', async () => {
    // No core write changes an engagement's position outside a decree: set on the row itself.
    await storeOf(ctx).run(sql`UPDATE engagement SET position = '=HYPERLINK("http://x","klik")' WHERE id = (SELECT min(id) FROM engagement)`);
    const file = join(ctx.dir, 'masked.xlsx');
    await exportRoster({ ...ctx, seesIdentity: false }, { month: '2026-03', sort: 'name' }, ['nik', 'kpj', 'name', 'birthDate', 'position'], file);
    const rows = await sheetRows(file);
    expect(rows[0]).toEqual(['No', 'NIK', 'Nomor KPJ', 'Nama', 'Tahun lahir', 'Jabatan']);
    const niks = (await storeOf(ctx).all<{ nik: string }>(sql`SELECT nik FROM person`)).map((r) => r.nik);
    const text = JSON.stringify(rows);
    for (const nik of niks) expect(text).not.toContain(nik);
    expect(rows.slice(1).every((r) => /^\d{4}\*{8}\d{4}$/.test(String(r[1])))).toBe(true);
    expect(rows.slice(1).every((r) => r[4] === undefined || /^\d{4}$/.test(String(r[4])))).toBe(true);
    expect(rows.slice(1).some((r) => String(r[5]).startsWith("'=HYPERLINK"))).toBe(true);
  });

  it('sigap roster --xlsx with chosen columns; an unknown column is a usage error', async () => {
    const file = join(ctx.dir, 'cli.xlsx');
    const r = await runCli(['roster', '--month', '2026-03', '--xlsx', file, '--columns', 'nik,name,opd', '--db', ctx.dbPath]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/150 pegawai ditulis/);
    const rows = await sheetRows(file);
    expect(rows[0]).toEqual(['No', 'NIK', 'Nama', 'Unit kerja (OPD/desa)']);
    expect(rows).toHaveLength(151);
    const bad = await runCli(['roster', '--xlsx', file, '--columns', 'nik,gaji', '--db', ctx.dbPath]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Kolom tidak dikenal: gaji/);
  });
});
