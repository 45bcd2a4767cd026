/** The demo generator writes the same Pemda on either engine, across its insert batches. */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { testContext } from '../helpers';
import { seedDemo } from '../../electron/core/demo/index';
import { DEMO_BATCH } from '../../electron/core/demo/demo-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

let ctx: ReturnType<typeof testContext>;
afterEach(() => ctx.close());

describe('sigap demo', () => {
  it('gives each person their own engagement, the same people on both engines, batch after batch', async () => {
    ctx = testContext('2026-03-10T03:00:00Z');
    const persons = 2 * DEMO_BATCH + 37;
    await seedDemo(ctx, { persons, year: 2026 });
    const rows = await storeOf(ctx).all<{ nik: string; name: string; kpj: string | null; segment: string; position: string; honor: number; opd: string }>(sql`
      SELECT p.nik, p.name, p.kpj, c.segment, e.position, e.honor, o.code AS opd
      FROM person p JOIN engagement e ON e.person_id = p.id JOIN category c ON c.id = e.category_id JOIN opd o ON o.id = e.opd_id
      ORDER BY p.nik`);
    expect(rows).toHaveLength(persons);
    expect(new Set(rows.map((r) => r.nik)).size).toBe(persons);
    // The demo's rentan (BPU) people are the last fifth, each a "Pekerja Rentan" in a village.
    expect(rows.filter((r) => r.segment === 'BPU')).toHaveLength(Math.round(persons * 0.2));
    expect(rows.every((r) => (r.segment === 'BPU') === (r.position === 'Pekerja Rentan'))).toBe(true);
    // The same seed gives the same Pemda: this fingerprint was taken on SQLite and holds on PostgreSQL.
    const fingerprint = createHash('sha256').update(JSON.stringify(rows.map((r) => [r.nik, r.name, r.kpj, r.segment, r.position, Number(r.honor), r.opd]))).digest('hex').slice(0, 16);
    expect(fingerprint).toBe('703ed67a93befadf');
  });

  it('two generators started at once: one fills the database, the other says it is not empty', async () => {
    ctx = testContext('2026-03-10T03:00:00Z');
    const runs = await Promise.allSettled([seedDemo(ctx, { persons: 600, year: 2026 }), seedDemo(ctx, { persons: 600, year: 2026 })]);
    expect(runs.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = runs.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: 'CONFLICT', message: 'Basis data sudah berisi pegawai; data demo hanya untuk basis data baru.' });
    expect((await storeOf(ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM person`))!.n).toBe(600);
  });
});
