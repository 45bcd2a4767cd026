/**
 * Migration 0120's fields in the person record (issue 18): created, edited, kept when an edit leaves
 * them out, refused with the field's message, shown on the person's page, hidden from finance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridge } from '../api-harness';
import { testContext } from '../helpers';
import { seedDemo } from '../../electron/core/demo/index';
import { HIDDEN } from '../../shared/mask';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { personRepo } from '../../electron/core/roster/person-repository';
import { listCategories, listOpds } from '../../electron/core/roster/units';

let ctx: ReturnType<typeof testContext>;
let api: ReturnType<typeof bridge>;
let personId: number;
let base: { nik: string; name: string };

beforeAll(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  await seedDemo(ctx, { persons: 6 });
  api = bridge(ctx);
  // The first person the demo made (no core read orders people by id).
  const p = (await storeOf(ctx).one<{ id: number; nik: string; name: string }>(sql`SELECT id, nik, name FROM person ORDER BY id LIMIT 1`))!;
  personId = p.id;
  base = { nik: p.nik, name: p.name };
});
afterAll(() => ctx.close());

describe('person contact fields', () => {
  it('stores parsed values (postal code without dot, e-mail lower case, Kawin as Y, location upper case)', async () => {
    await api.ok('person.update', {
      personId,
      person: { ...base, postalCode: '34.812', email: ' Siti@Contoh.GO.id ', maritalStatus: 'kawin', workLocation: 'kantor kecamatan' },
    });
    const d = await api.ok('person.get', { personId });
    expect(d.person).toMatchObject({ postalCode: '34812', email: 'siti@contoh.go.id', maritalStatus: 'Y', workLocation: 'KANTOR KECAMATAN' });
    const a = d.audit.find((r) => r.entity === 'person' && r.action === 'update')!;
    expect(a.after).toMatchObject({ postal_code: '34812', marital_status: 'Y' });
    expect(a.before).toMatchObject({ postal_code: null, marital_status: null });
  });

  it('keeps them when an edit leaves them out, clears them when sent empty', async () => {
    await api.ok('person.update', { personId, person: { ...base, phone: '0812 1111 2222' } });
    let d = await api.ok('person.get', { personId });
    expect(d.person.postalCode).toBe('34812');
    expect(d.person.maritalStatus).toBe('Y');
    await api.ok('person.update', { personId, person: { ...base, phone: '0812 1111 2222', email: '', maritalStatus: null } });
    d = await api.ok('person.get', { personId });
    expect(d.person.email).toBeNull();
    expect(d.person.maritalStatus).toBeNull();
    expect(d.person.postalCode).toBe('34812');
  });

  it('refuses bad values with the field named, and changes nothing', async () => {
    const bad = await api.call('person.update', { personId, person: { ...base, postalCode: '3481' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toBe('Kode pos "3481" harus 5 angka.');
    const marital = await api.call('person.update', { personId, person: { ...base, maritalStatus: 'janda?' } });
    if (!marital.ok) expect(marital.error.message).toContain('Status kawin "janda?" tidak dikenal');
    expect(marital.ok).toBe(false);
    expect((await api.ok('person.get', { personId })).person.postalCode).toBe('34812');
  });

  it('creates a person with them', async () => {
    const opd = (await listOpds(ctx))[0]!;
    const cat = (await listCategories(ctx)).find((c) => c.segment === 'BPU')!;
    const r = await api.ok('person.create', {
      person: { nik: '1804014506900003', name: 'Rina Wati', postalCode: '35111', maritalStatus: 'T', email: null, workLocation: null },
      engagement: { opdId: opd.id, categoryId: cat.id, honor: 0, startDate: '2026-03-01' },
    });
    const { postal_code, marital_status, email } = (await personRepo.row(storeOf(ctx), r.personId))!;
    expect({ postal_code, marital_status, email }).toEqual({ postal_code: '35111', marital_status: 'T', email: null });
  });

  it('hides them from finance on the person page and in the audit snapshots', async () => {
    const fin = bridge(ctx, undefined, { as: 'finance' });
    const d = await fin.ok('person.get', { personId });
    expect(d.person.postalCode).toBeNull();
    expect(d.person.identityHidden).toBe(true);
    const a = d.audit.find((r) => r.entity === 'person' && r.action === 'update' && (r.after as Record<string, unknown>).postal_code !== undefined)!;
    expect((a.after as Record<string, unknown>).postal_code).toBe(HIDDEN);
    expect(JSON.stringify(d)).not.toContain('34812');
  });
});
