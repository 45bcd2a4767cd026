import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup } from '../fixtures/bpjs-roster';
import { exportBatch } from '../../electron/core/bpjs/index';
import { iteratePending } from '../../electron/core/bpjs/pending';
import { addPersonException } from '../../electron/core/billing/person-exceptions';
import { programsReader } from '../../electron/core/billing/person-programs';
import { categoryRepo } from '../../electron/core/roster/category-repository';
import { storeOf } from '../../electron/core/store/of-context';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

describe('the programs a person is reported with', () => {
  it('drop JP past retirement age and follow an exception for the month', async () => {
    const of = await programsReader(ctx);
    const young = await addPerson(ctx, { birthDate: '1990-05-05' });
    const old = await addPerson(ctx, { birthDate: '1965-01-10' });
    // Born 10-01-1965: retired at 58 on 10 January 2023 (58 in force), so no JP from February 2023.
    expect(await of(old.id, 'JKK,JKM,JHT,JP', old.birthDate, '2023-01')).toBe('JKK,JKM,JHT,JP');
    expect(await of(old.id, 'JKK,JKM,JHT,JP', old.birthDate, '2026-03')).toBe('JKK,JKM,JHT');
    expect(await of(young.id, 'JKK,JKM,JHT,JP', young.birthDate, '2026-03')).toBe('JKK,JKM,JHT,JP');
    await addPersonException(ctx, { personId: young.id, fromMonth: '2026-03', toMonth: '2026-05', programs: ['JKK', 'JKM'], reason: 'JHT dan JP lewat pemberi kerja lain' });
    const after = await programsReader(ctx);
    expect(await after(young.id, 'JKK,JKM,JHT,JP', young.birthDate, '2026-02')).toBe('JKK,JKM,JHT,JP');
    expect(await after(young.id, 'JKK,JKM,JHT,JP', young.birthDate, '2026-03')).toBe('JKK,JKM');
    expect(await after(young.id, 'JKK,JKM,JHT,JP', young.birthDate, '2026-06')).toBe('JKK,JKM,JHT,JP');
  });

  it('the registration changes carry them', async () => {
    const pu = (await categoryRepo.list(storeOf(ctx))).find((c) => c.id === s.pu)!;
    await categoryRepo.update(storeOf(ctx), s.pu, {
      name: pu.name, segment: pu.segment, programs: 'JKK,JKM,JHT,JP', jkkClass: pu.jkk_class, enrolled: pu.enrolled === 1, registrationId: pu.registration_id,
    });
    const old = await addPerson(ctx, { birthDate: '1965-01-10' });
    const young = await addPerson(ctx, { birthDate: '1990-05-05' });
    await addEngagement(ctx, old.id, { unit: s.dinas, category: s.pu, start: '2026-03-01' });
    await addEngagement(ctx, young.id, { unit: s.dinas, category: s.pu, start: '2026-03-01' });
    const programs: Record<number, string> = {};
    for await (const c of iteratePending(ctx, 'new', '2026-03-10')) programs[c.personId] = c.programs;
    expect(programs).toEqual({ [old.id]: 'JKK,JKM,JHT', [young.id]: 'JKK,JKM,JHT,JP' });
  });

  it('the BPU file writes a person\'s exception in its PROGRAM column', async () => {
    const a = await addPerson(ctx);
    const b = await addPerson(ctx);
    await addEngagement(ctx, a.id, { unit: s.pekon, category: s.bpu, wage: 1_000_000 });
    await addEngagement(ctx, b.id, { unit: s.pekon, category: s.bpu, wage: 1_000_000 });
    await expect(addPersonException(ctx, { personId: a.id, fromMonth: '2026-01', programs: ['JKK', 'JKM', 'JP'], reason: 'x' }))
      .rejects.toThrow(`${a.name} peserta BPU: Jaminan Pensiun hanya untuk Penerima Upah. Hapus JP dari program pengecualian.`);
    await addPersonException(ctx, { personId: a.id, fromMonth: '2026-01', programs: ['JKK', 'JKM', 'JHT'], reason: 'Ikut JHT atas permintaan sendiri', source: 'Keputusan Kepala Pekon 4/2026' });
    const res = await exportBatch(ctx, { kind: 'bpu', outDir: join(ctx.dir, 'out'), villageFunding: 'SA' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(res.files[0]!.path);
    const ws = wb.worksheets[0]!;
    const head = (ws.getRow(1).values as string[]).slice(1);
    const col = (name: string) => head.indexOf(name) + 1;
    const rows = Object.fromEntries([2, 3].map((n) => [ws.getRow(n).getCell(col('NIK')).value, ws.getRow(n).getCell(col('PROGRAM')).value]));
    expect(rows).toEqual({ [a.nik]: 'JKK,JKM,JHT', [b.nik]: 'JKK,JKM' });
  });
});
