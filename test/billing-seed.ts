import { runBilling } from '../electron/core/billing/index';
import type { CoreContext } from '../electron/core/context';

/**
 * Bills and issues each month on its 10th, before its due dates, as a finance office does, then puts
 * the clock back. (An invoice issued after its due date falls due from its issue date instead.)
 */
export async function billOnTime(ctx: CoreContext, months: string[]): Promise<void> {
  const today = ctx.clock;
  try {
    for (const month of months) {
      ctx.clock = () => new Date(`${month}-10T03:00:00Z`);
      await runBilling(ctx, { month, issue: true });
    }
  } finally {
    ctx.clock = today;
  }
}
