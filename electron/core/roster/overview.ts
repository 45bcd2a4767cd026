import type { CoreContext } from '../context';
import { storeOf } from '../store/of-context';
import { firstDay, lastDay } from '../../../shared/dates';
import { overviewRepo, type DecreeSummaryRow } from './overview-repository';

/** Decrees with how many people they name and how many are still active today. */
export async function listDecrees(ctx: CoreContext, today: string): Promise<DecreeSummaryRow[]> {
  return overviewRepo.decrees(storeOf(ctx), today);
}

/** Beranda's counts: people active in the month by OPD and category, decrees of the year. */
export async function dashboardSummary(ctx: CoreContext, month: string) {
  const span = { from: firstDay(month), to: lastDay(month) };
  // One snapshot: the counts agree with each other even while an SK is applied.
  return storeOf(ctx).tx('read', async (q) => ({
    month,
    active: await overviewRepo.activePeople(q, span),
    byOpd: await overviewRepo.activeByOpd(q, span),
    byCategory: await overviewRepo.activeByCategory(q, span),
    decreesThisYear: await overviewRepo.decreesOfYear(q, month.slice(0, 4)),
    withoutKpj: await overviewRepo.activeWithoutKpj(q, span),
  }));
}
