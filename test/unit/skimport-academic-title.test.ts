import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { splitAcademicTitle } from '../../shared/academic-title';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster } from '../fixtures/bpjs-roster';
import { exportBatch } from '../../electron/core/bpjs/index';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';

describe('academic titles around a name', () => {
  it.each([
    ['Drs. H. Ahmad Fauzi, S.Pd.', 'Ahmad Fauzi', 'Drs. H., S.Pd.'],
    ['dr. Siti, Sp.A', 'Siti', 'dr., Sp.A'],
    ['Ir. Budi Santoso, M.T.', 'Budi Santoso', 'Ir., M.T.'],
    ['Hj. Aminah', 'Aminah', 'Hj.'],
    ['Hj Aminah Lubis', 'Aminah Lubis', 'Hj'],
    ['Prof. Dr. Ir. Rahmat Hidayat, M.Sc., Ph.D.', 'Rahmat Hidayat', 'Prof. Dr. Ir., M.Sc., Ph.D.'],
    ['Nurul Hidayah, S.Pd.I', 'Nurul Hidayah', 'S.Pd.I'],
    ['Rina Marlina, A.Md.Kep', 'Rina Marlina', 'A.Md.Kep'],
    ['Dedi Kurniawan, SE', 'Dedi Kurniawan', 'SE'],
    ['Yusuf Maulana S.Kom', 'Yusuf Maulana', 'S.Kom'],
    ['drg. Maya Sari', 'Maya Sari', 'drg.'],
  ])('%s -> %s | %s', (written, name, title) => {
    expect(splitAcademicTitle(written)).toEqual({ name, title });
  });

  it.each(['Ahmad Fauzi', 'Siti Aminah', 'Hendra', 'H.', 'M. Ridwan', 'Putu Ayu, Wayan'])('leaves "%s" whole', (written) => {
    expect(splitAcademicTitle(written)).toEqual({ name: written, title: null });
  });
});

describe('GELAR in the SIPP registration file', () => {
  let ctx: ReturnType<typeof testContext>;
  beforeEach(() => (ctx = testContext('2026-03-10T03:00:00Z')));
  afterEach(() => ctx.close());

  it('NAMA_LENGKAP is the name without titles, GELAR the titles; the roster keeps the name as written', async () => {
    const s = await setupRoster(ctx);
    const p = await addPerson(ctx, { name: 'Drs. H. Ahmad Fauzi, S.Pd.' });
    const q = await addPerson(ctx, { name: 'Siti Rahma' });
    for (const x of [p, q]) await addEngagement(ctx, x.id, { unit: s.dinas, category: s.pu, wage: 1_750_000, start: '2026-01-02', end: '2026-12-31' });
    const r = await exportBatch(ctx, { kind: 'new', outDir: join(ctx.dir, 'out') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.files[0]!.path);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const at = (row: number, col: string) => ws.getRow(row).getCell(header.indexOf(col) + 1).value;
    const rows = [2, 3].map((n) => ({ name: at(n, 'NAMA_LENGKAP'), title: at(n, 'GELAR') ?? '' }));
    expect(rows).toContainEqual({ name: 'Ahmad Fauzi', title: 'Drs. H., S.Pd.' });
    expect(rows).toContainEqual({ name: 'Siti Rahma', title: '' });
    expect((await personRepo.row(storeOf(ctx), p.id))!.name).toBe('Drs. H. Ahmad Fauzi, S.Pd.');
  });
});
