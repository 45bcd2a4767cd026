/** A small Pemda for the billing tests: units, categories and staff written through the roster's repositories. */
import { testContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import type { Queries } from '../../electron/core/store/store';
import { employerRepo } from '../../electron/core/settings/employer-repository';
import { unitRepo } from '../../electron/core/roster/unit-repository';
import { categoryRepo } from '../../electron/core/roster/category-repository';
import { personRepo } from '../../electron/core/roster/person-repository';

export type BillingCtx = ReturnType<typeof testContext>;

/** A fresh database with the employer profile (JKK class I unless told). */
export async function billingDb(at = '2026-01-20T03:00:00Z', jkkClass = 1): Promise<BillingCtx> {
  const ctx = testContext(at);
  await employerRepo.save(storeOf(ctx), { name: 'Pemerintah Kabupaten Contoh', npp: '18040012', address: 'Jl. Merdeka 1', jkkClass, logo: null });
  return ctx;
}

let unitSeq = 0;
export async function addUnit(ctx: BillingCtx, code: string, name: string, kind: 'opd' | 'village' = 'opd'): Promise<number> {
  unitSeq++;
  return unitRepo.insert(storeOf(ctx), {
    code, name, name_key: `${name.toUpperCase()}#${unitSeq}`, kind, budget_account: `5.1.02.02.01.${code}`, address: null,
    head_name: 'Drs. Kepala', head_nip: '197001012000011001', head_title: `Kepala ${name}`, pptk_name: 'Pak PPTK', pptk_nip: '198002022005011002',
    treasurer_name: 'Bu Bendahara', treasurer_nip: '198503032010012003', created_at: 'x',
  });
}

/** The seeded categories: 1 = honorer (PU, JKK+JKM), 2 = pekerja rentan (BPU, JKK+JKM). */
export const HONORER = 1;
export const RENTAN = 2;

export async function addCategory(ctx: BillingCtx, c: { name: string; segment: 'PU' | 'BPU'; programs: string; jkkClass?: number | null; enrolled?: boolean }): Promise<number> {
  return categoryRepo.insert(storeOf(ctx), {
    name: c.name, segment: c.segment, programs: c.programs, jkkClass: c.jkkClass ?? null, enrolled: c.enrolled !== false, registrationId: null,
  });
}

let nikSeq = 0;
export interface StaffSpec {
  count?: number;
  opdId: number;
  categoryId?: number;
  honor: number;
  reportedWage?: number;
  start?: string;
  end?: string | null;
  name?: string;
}

/**
 * An engagement with its own reported wage (personRepo.insertEngagement reports the honor itself), so
 * through the store with portable SQL.
 */
async function insertEngagement(q: Queries, personId: number, e: Omit<StaffSpec, 'count' | 'name'>): Promise<number> {
  return (await q.run(sql`INSERT INTO engagement (person_id, opd_id, category_id, honor, reported_wage, start_date, end_date)
    VALUES (${personId}, ${e.opdId}, ${e.categoryId ?? HONORER}, ${e.honor}, ${e.reportedWage ?? 0}, ${e.start ?? '2025-01-01'}, ${e.end ?? null}) RETURNING id`)).newId!;
}

/** Adds `count` persons, each with one engagement. Returns their person ids. */
export async function addStaff(ctx: BillingCtx, s: StaffSpec): Promise<number[]> {
  return storeOf(ctx).tx('write', async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < (s.count ?? 1); i++) {
      nikSeq++;
      const id = await personRepo.insert(tx, {
        nik: `3201${String(nikSeq).padStart(12, '0')}`, name: s.name ?? `Pegawai ${nikSeq}`, birth_place: null, birth_date: null, sex: null,
        address: null, phone: null, mother_name: null, kpj: `1100${String(nikSeq).padStart(7, '0')}`, postal_code: null, email: null,
        marital_status: null, work_location: null,
      }, 'x');
      await insertEngagement(tx, id, s);
      ids.push(id);
    }
    return ids;
  });
}

/** Adds another engagement to an existing person. */
export async function addEngagement(ctx: BillingCtx, personId: number, e: Omit<StaffSpec, 'count' | 'name'>): Promise<number> {
  return insertEngagement(storeOf(ctx), personId, e);
}

/** Rows of the invoice tables, for "nothing issued changed" comparisons (whole rows: no core read gives every column). */
export async function issuedRows(ctx: BillingCtx): Promise<{ invoices: unknown[]; lines: unknown[] }> {
  const store = storeOf(ctx);
  return {
    invoices: await store.all(sql`SELECT * FROM invoice WHERE status = 'issued' ORDER BY id`),
    lines: await store.all(sql`SELECT l.* FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.status = 'issued' ORDER BY l.id`),
  };
}

/** The small Pemda the fine, payment and arrears tests bill: ten PU staff at Rp1.000.000 in unit 05 and one BPU worker in village P01. */
export async function tenPuOneBpu(at: string): Promise<{ ctx: BillingCtx; opd: number; pekon: number }> {
  const ctx = await billingDb(at);
  const opd = await addUnit(ctx, '05', 'Dinas Kesehatan');
  const pekon = await addUnit(ctx, 'P01', 'Pekon Sebarus', 'village');
  await addStaff(ctx, { count: 10, opdId: opd, honor: 1_000_000 });
  await addStaff(ctx, { count: 1, opdId: pekon, categoryId: RENTAN, honor: 0 });
  return { ctx, opd, pekon };
}
