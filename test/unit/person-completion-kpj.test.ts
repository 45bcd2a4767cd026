/**
 * "Lengkapi data pegawai": a KPJ in the filled file that someone else already holds (on the roster, or
 * earlier in the same file) is refused by name; the person's own KPJ, written again, is no change; the
 * refused cell blocks the apply until skipped, and then nothing of it is stored; a KPJ given to someone
 * outside the file between the preview and the apply refuses the apply.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { testContext } from '../helpers';
import { seedDemo } from '../../electron/core/demo/index';
import { createPerson, personIdByNik, updatePerson } from '../../electron/core/roster/person';
import { personDetail } from '../../electron/core/roster/detail';
import { listCategories, listOpds } from '../../electron/core/roster/units';
import { applyCompletion, previewCompletion } from '../../electron/core/roster/completion-import';

let ctx: ReturnType<typeof testContext>;
// Seeded and read through the core, not SQL: the same test can run on another engine.
const kpjOf = async (nik: string) => (await personDetail(ctx, await personIdByNik(ctx, nik))).person.kpj;

beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  await seedDemo(ctx, { persons: 3 });
  const opdId = (await listOpds(ctx))[0]!.id;
  const categoryId = (await listCategories(ctx)).find((c) => c.segment === 'PU')!.id;
  const engagement = { opdId, categoryId, honor: 1_500_000, startDate: '2026-03-01' };
  await createPerson(ctx, { nik: '1804010101900001', name: 'Ahmad Fauzi', kpj: '11111111111' }, engagement);
  await createPerson(ctx, { nik: '1804014102920002', name: 'Rina Marlina' }, engagement);
  await createPerson(ctx, { nik: '1804011503850003', name: 'Budi Santoso' }, engagement);
  await createPerson(ctx, { nik: '1804012007880004', name: 'Dedi Kurniawan', kpj: '44444444444' }, engagement);
});
afterEach(() => ctx.close());

describe('KPJ numbers in a filled completion file', () => {
  it('refuses one held by someone on the roster or earlier in the file, naming the holder; keeps the rest', async () => {
    const csv = join(ctx.dir, 'kpj.csv');
    writeFileSync(csv, [
      'NIK;Nama;Nomor KPJ;Status Kawin',
      '1804014102920002;Rina Marlina;11111111111;T', // Ahmad's
      '1804011503850003;Budi Santoso;22222222222;Y', // new
      '1804012007880004;Dedi Kurniawan;22222222222;', // Budi's, earlier in this file
      '1804010101900001;Ahmad Fauzi;11111111111;Y', // his own: no change
    ].join('\n'));
    const pv = await previewCompletion(ctx, csv);
    const taken = pv.problems.filter((p) => p.code === 'KPJ_TAKEN');
    expect(taken.map((p) => [p.nik, p.row, p.severity])).toEqual([['1804014102920002', 2, 'error'], ['1804012007880004', 4, 'error']]);
    expect(taken[0]!.message).toBe('Berkas "kpj.csv", sheet "kpj", baris 2, kolom C (Nomor KPJ): KPJ 11111111111 sudah dipakai Ahmad Fauzi (NIK 1804010101900001).');
    expect(taken[1]!.message).toBe('Berkas "kpj.csv", sheet "kpj", baris 4, kolom C (Nomor KPJ): KPJ 22222222222 sudah dipakai NIK 1804011503850003 di berkas ini.');
    expect(pv.people.map((p) => [p.nik, p.changes.map((c) => `${c.field}=${c.new}`)])).toEqual([
      ['1804014102920002', ['maritalStatus=T']],
      ['1804011503850003', ['kpj=22222222222', 'maritalStatus=Y']],
      ['1804010101900001', ['maritalStatus=Y']],
    ]);
    await expect(applyCompletion(ctx, pv)).rejects.toThrow(/memuat 2 masalah/);
    expect(await applyCompletion(ctx, pv, { skipInvalid: true })).toEqual({ persons: 3, fields: 4 });
    expect([await kpjOf('1804014102920002'), await kpjOf('1804011503850003'), await kpjOf('1804012007880004'), await kpjOf('1804010101900001')])
      .toEqual([null, '22222222222', '44444444444', '11111111111']);
  });

  it('refuses the apply when a KPJ it gives went to someone outside the file since the preview', async () => {
    const csv = join(ctx.dir, 'kpj-later.csv');
    writeFileSync(csv, ['NIK;Nama;Nomor KPJ', '1804011503850003;Budi Santoso;22222222222'].join('\n'));
    const pv = await previewCompletion(ctx, csv);
    expect(pv.problems).toEqual([]);
    // Meanwhile another clerk gives the same KPJ to Rina, who is not in the file.
    await updatePerson(ctx, await personIdByNik(ctx, '1804014102920002'), { nik: '1804014102920002', name: 'Rina Marlina', kpj: '22222222222' });
    await expect(applyCompletion(ctx, pv)).rejects.toThrow('KPJ 22222222222 untuk NIK 1804011503850003 sudah dipakai Rina Marlina (NIK 1804014102920002) sejak pratinjau berkas "kpj-later.csv" dibuat. Tidak ada yang diubah; baca berkasnya lagi untuk pratinjau baru.');
    expect([await kpjOf('1804011503850003'), await kpjOf('1804014102920002')]).toEqual([null, '22222222222']);
  });
});
