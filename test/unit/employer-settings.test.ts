import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { bridge } from '../api-harness';
import { getEmployer, getSigning, saveEmployer } from '../../electron/core/settings/employer';
import { listAudit } from '../../electron/core/audit-query';
import { settingsByPrefix } from '../../electron/core/settings/setting-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { financeOffice, signingPlace } from '../../electron/core/print/index';

const PROFILE = { name: 'Pemerintah Kabupaten Lampung Barat', npp: '18040012', address: 'Jl. Raden Intan No. 1, Liwa', jkkClass: 1 };
const SIGNING = {
  place: 'Liwa',
  office: 'Badan Pengelolaan Keuangan dan Aset Daerah',
  headName: 'Drs. Hendra Wijaya, M.Si.', headNip: '19700101 199503 1 002', headTitle: 'Kepala BPKAD',
  preparerName: 'Sri Wahyuni, S.E.', preparerNip: '198505052010012003', preparerTitle: 'Bendahara Pengeluaran BPKAD',
};

let ctx: ReturnType<typeof testContext>;
beforeEach(() => {
  ctx = testContext('2026-04-01T01:00:00Z');
});
afterEach(() => ctx.close());

describe('signing settings of the Pemda profile', () => {
  it('saves the place and finance office officials, reads them back with NIPs without spaces', async () => {
    await saveEmployer(ctx, { ...PROFILE, signing: SIGNING });
    const e = (await getEmployer(ctx))!;
    expect(e.name).toBe(PROFILE.name);
    expect(e.signing).toEqual({ ...SIGNING, headNip: '197001011995031002' });
    // Stored in the key/value table, one row per filled field.
    const keys = (await settingsByPrefix(storeOf(ctx), ['signing.'])).map((r) => r.key);
    expect(keys).toHaveLength(8);
    expect(keys).toContain('signing.place');
  });

  it('writes an audit row with the signing settings before and after', async () => {
    await saveEmployer({ ...ctx, actor: 'rina' }, { ...PROFILE, signing: { place: 'Krui' } });
    await saveEmployer({ ...ctx, actor: 'budi' }, { ...PROFILE, signing: SIGNING });
    const rows = (await listAudit(ctx, { entity: 'employer' })).rows;
    expect(rows).toHaveLength(2);
    const update = rows.find((r) => r.action === 'update')!;
    expect(update.actor).toBe('budi');
    expect(update.before).toMatchObject({ signing: { place: 'Krui', headName: null } });
    expect(update.after).toMatchObject({ signing: { place: 'Liwa', headName: 'Drs. Hendra Wijaya, M.Si.', preparerNip: '198505052010012003' } });
  });

  it('keeps the signing settings when a caller omits them, and clears fields left empty', async () => {
    await saveEmployer(ctx, { ...PROFILE, signing: SIGNING });
    await saveEmployer(ctx, { ...PROFILE, npp: '18040099' }); // an older caller: profile only
    expect((await getEmployer(ctx))!.npp).toBe('18040099');
    expect((await getSigning(ctx)).headName).toBe(SIGNING.headName);
    await saveEmployer(ctx, { ...PROFILE, signing: { ...SIGNING, headName: '  ', preparerNip: null, place: undefined } });
    const s = await getSigning(ctx);
    expect(s.headName).toBeNull();
    expect(s.preparerNip).toBeNull();
    expect(s.place).toBeNull();
    expect(s.office).toBe(SIGNING.office);
    expect((await settingsByPrefix(storeOf(ctx), ['signing.'])).map((r) => r.key)).not.toContain('signing.headName');
  });

  it('rejects a NIP that is not 18 digits with an Indonesian message, and saves nothing', async () => {
    await saveEmployer(ctx, { ...PROFILE, signing: SIGNING });
    await expect(saveEmployer(ctx, { ...PROFILE, name: 'Pemerintah Kabupaten Lain', signing: { ...SIGNING, headNip: '1970010119950' } }))
      .rejects.toThrow('NIP kepala kantor keuangan harus 18 angka (tertulis 13 karakter).');
    await expect(saveEmployer(ctx, { ...PROFILE, signing: { ...SIGNING, preparerNip: '19850505201001200X' } }))
      .rejects.toThrow(/NIP pembuat rekapitulasi harus 18 angka/);
    expect((await getEmployer(ctx))!.name).toBe(PROFILE.name);
    expect((await listAudit(ctx, { entity: 'employer' })).total).toBe(1);
  });

  it('falls back to the place guessed from the Pemda name, and to generic titles', async () => {
    await saveEmployer(ctx, PROFILE);
    expect(await signingPlace(ctx, PROFILE.name)).toBe('Lampung Barat');
    const none = await financeOffice(ctx, PROFILE.name, { headTitle: 'Pejabat Pengelola Keuangan Daerah', preparerTitle: 'Pembuat Rekapitulasi' });
    expect(none).toMatchObject({ office: null, place: 'Lampung Barat', head: { title: 'Pejabat Pengelola Keuangan Daerah', name: null, nip: null } });
    await saveEmployer(ctx, { ...PROFILE, signing: { place: 'Liwa', office: 'Badan Keuangan Daerah' } });
    expect(await signingPlace(ctx, PROFILE.name)).toBe('Liwa');
    expect((await financeOffice(ctx, PROFILE.name, { headTitle: 'x', preparerTitle: 'Pembuat Rekapitulasi' })).head.title).toBe('Kepala Badan Keuangan Daerah');
  });

  it('travels over the bridge: saved, read back, bad NIP refused', async () => {
    const b = bridge(ctx);
    await b.ok('settings.saveEmployer', { ...PROFILE, signing: { ...SIGNING, headNip: '197001011995031002' } });
    expect((await b.ok('settings.employer', {}))!.signing).toMatchObject({ place: 'Liwa', headTitle: 'Kepala BPKAD', preparerName: 'Sri Wahyuni, S.E.' });
    expect((await b.ok('app.info', {})).employer!.signing!.office).toBe(SIGNING.office);
    const bad = await b.call('settings.saveEmployer', { ...PROFILE, signing: { headNip: '123' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'NIP kepala kantor keuangan harus 18 angka (tertulis 3 karakter).' } });
    // The profile form of older builds (no `signing`) still saves.
    await b.ok('settings.saveEmployer', PROFILE);
    expect((await b.ok('settings.employer', {}))!.signing!.headName).toBe(SIGNING.headName);
  });
});
