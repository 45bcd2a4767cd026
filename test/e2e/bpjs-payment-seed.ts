/**
 * A Pemda whose January 2026 was billed late (issued 20 February, after its statutory due date of
 * 16 February), February billed on time, most units' January SP2D in, and the RSUD under its own NPP:
 * for the Pembayaran ke BPJS tab, the arrears view's two due dates and the early-SP2D question.
 */
import { seedDemo } from '../../electron/core/demo/index';
import { listInvoices, recordPayment, runBilling } from '../../electron/core/billing/index';
import { saveRegistration } from '../../electron/core/settings/registrations';
import type { CoreContext } from '../../electron/core/context';
import { billOnTime } from '../billing-seed';
import { storeOf } from '../../electron/core/store/of-context';
import { unitRepo } from '../../electron/core/roster/unit-repository';
import { opdRepo } from '../../electron/core/settings/employer-repository';

export const OWN_NPP = '18040012';
export const RSUD_NPP = '18040099';

export async function seedBpjsPayment(ctx: CoreContext, persons = 300): Promise<{ unpaid: { number: string; total: number; opdId: number }[] }> {
  await seedDemo(ctx, { persons, year: 2026 });
  const rsud = await saveRegistration(ctx, { npp: RSUD_NPP, name: 'RSUD Alimuddin Umar (BLUD)', jkkClass: 2 });
  const unit = (await unitRepo.list(storeOf(ctx))).find((u) => u.name === 'RSUD Alimuddin Umar')!;
  await opdRepo.update(storeOf(ctx), unit.id, { registration_id: rsud });
  const today = ctx.clock;
  ctx.clock = () => new Date('2026-02-20T03:00:00Z');
  await runBilling(ctx, { month: '2026-01', issue: true });
  ctx.clock = today;
  await billOnTime(ctx, ['2026-02']);
  // Every January PU invoice of the Pemda's NPP is paid on 2 March except the last two.
  const jan = (await listInvoices(ctx, { month: '2026-01', status: 'issued' })).filter((i) => i.segment === 'PU' && i.kind === 'regular' && i.npp === OWN_NPP);
  const unpaid = jan.slice(-2);
  for (const [k, i] of jan.slice(0, -2).entries()) {
    await recordPayment(ctx, { invoice: i.number!, amount: i.total, date: '2026-03-02', sp2d: `${String(500 + k).padStart(5, '0')}/SP2D/LS/2026` });
  }
  return { unpaid: unpaid.map((i) => ({ number: i.number!, total: i.total, opdId: i.opdId })) };
}
