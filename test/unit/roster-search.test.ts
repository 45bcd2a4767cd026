/**
 * The roster's search box on both engines: a name matches anywhere in it, ignoring ASCII case, with `%`
 * and `_` taken as typed; digits match a NIK or KPJ prefix. The same expectations on SQLite and on
 * PostgreSQL, where the name search reads a trigram index (migration 250) that must not change an answer:
 * terms too short for a trigram, with a space, or with the LIKE wildcards included.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster } from '../fixtures/bpjs-roster';
import { queryRoster } from '../../electron/core/roster/query';

const NAMES = ['Budi Santoso', 'BUDIMAN', 'abu dinata', 'Siti 100% Aminah', 'Siti 1000 Aminah', 'Nur_Hayati', 'Nur Hayati', 'Ani', 'Dani Ananda'];

let ctx: ReturnType<typeof testContext>;
const kpjOf = new Map<string, string>();
beforeEach(async () => {
  ctx = testContext('2026-03-11T03:00:00Z');
  const s = await setupRoster(ctx);
  for (const [i, name] of NAMES.entries()) {
    const p = await addPerson(ctx, { name, kpj: `1${String(i).padStart(10, '0')}` });
    kpjOf.set(name, p.kpj!);
    await addEngagement(ctx, p.id, { unit: i % 2 ? s.dinas : s.pekon, category: s.pu });
  }
});
afterEach(() => ctx.close());

const found = async (search: string) => (await queryRoster(ctx, { month: '2026-03', search })).rows.map((r) => r.name);

describe('roster search', () => {
  it('finds a name by any part of it, case-blind, in name order', async () => {
    expect(await found('budi')).toEqual(['Budi Santoso', 'BUDIMAN']);
    expect(await found('DI S')).toEqual(['Budi Santoso']);
    expect(await found('u di')).toEqual(['abu dinata']);
    expect(await found('aminah')).toEqual(['Siti 100% Aminah', 'Siti 1000 Aminah']);
    // Shorter than a trigram: still every name holding it.
    expect(await found('an')).toEqual(['Ani', 'Budi Santoso', 'BUDIMAN', 'Dani Ananda']);
    expect(await found('a')).toHaveLength(NAMES.length);
    expect(await found('tidak ada')).toEqual([]);
  });

  it('takes % and _ as the characters typed, not as wildcards', async () => {
    expect(await found('100%')).toEqual(['Siti 100% Aminah']);
    expect(await found('0% A')).toEqual(['Siti 100% Aminah']);
    expect(await found('r_h')).toEqual(['Nur_Hayati']);
    expect(await found('%')).toEqual(['Siti 100% Aminah']);
    expect(await found('_')).toEqual(['Nur_Hayati']);
  });

  it('pages through the same list and counts all of it', async () => {
    const all = await queryRoster(ctx, { month: '2026-03', search: 'an' });
    const page = await queryRoster(ctx, { month: '2026-03', search: 'an', offset: 1, limit: 2 });
    expect(page.total).toBe(all.total);
    expect(page.rows.map((r) => r.name)).toEqual(all.rows.slice(1, 3).map((r) => r.name));
  });

  it('matches digits against the start of a NIK or KPJ', async () => {
    expect(await found(kpjOf.get('Ani')!.slice(0, 11))).toEqual(['Ani']);
    expect(await found('1000000000')).toHaveLength(NAMES.length);
  });
});
