/** A small Pemda with billing run for the print tests: two OPDs, a village, PU and BPU staff. */
import { addCategory, addStaff, addUnit, billingDb, RENTAN, type BillingCtx } from './billing-fixture';
import { listInvoices, runBilling } from '../../electron/core/billing/index';
import { storeOf } from '../../electron/core/store/of-context';
import { employerRepo } from '../../electron/core/settings/employer-repository';

/** A 1x1 PNG, as a logo. */
export const LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export const HOSTILE = '<img src=x onerror=alert(1)>';

export interface PrintPemda {
  ctx: BillingCtx;
  dinsos: number;
  dinkes: number;
  desa: number;
}

/**
 * Dinas Sosial: 12 honorer PU at Rp1.000.000 (JKK+JKM) plus one hostile name; Dinas Kesehatan:
 * `bigCount` PU with JHT and JP; Desa Sukamaju: 5 pekerja rentan BPU. March 2026 billed (drafts).
 */
export async function printPemda(opts: { bigCount?: number; at?: string } = {}): Promise<PrintPemda> {
  const ctx = await billingDb(opts.at ?? '2026-04-10T03:00:00Z');
  const employer = (await employerRepo.get(storeOf(ctx)))!;
  await employerRepo.save(storeOf(ctx), { ...employer, logo: LOGO });
  const dinsos = await addUnit(ctx, 'DINSOS', 'Dinas Sosial');
  const dinkes = await addUnit(ctx, 'DINKES', 'Dinas Kesehatan');
  const desa = await addUnit(ctx, 'SKMJ', 'Desa Sukamaju', 'village');
  await addStaff(ctx, { count: 12, opdId: dinsos, honor: 1_000_000 });
  await addStaff(ctx, { opdId: dinsos, honor: 1_000_000, name: HOSTILE });
  const full = await addCategory(ctx, { name: 'Tenaga kesehatan', segment: 'PU', programs: 'JKK,JKM,JHT,JP' });
  await addStaff(ctx, { count: opts.bigCount ?? 20, opdId: dinkes, categoryId: full, honor: 3_250_000 });
  await addStaff(ctx, { count: 5, opdId: desa, categoryId: RENTAN, honor: 900_000 });
  await runBilling(ctx, { month: '2026-03' });
  return { ctx, dinsos, dinkes, desa };
}

/** The invoice id of a unit's invoice for a month and segment. */
export async function invoiceIdOf(ctx: BillingCtx, opdId: number, month = '2026-03', segment = 'PU'): Promise<number> {
  const r = (await listInvoices(ctx, { opdId, month })).find((i) => i.segment === segment && i.kind === 'regular');
  if (!r) throw new Error(`no invoice for unit ${opdId} ${month} ${segment}`);
  return r.id;
}
