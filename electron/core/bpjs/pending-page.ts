import type { CoreContext } from '../context';
import type { ReportKind } from '../../../shared/sipp-layouts';
import { iteratePending } from './pending';
import { checkChange } from './preflight';
import { reportEnv } from './report';
import type { PendingChange, ReportEnv, ReportProblem } from './types';

export type PendingStatus = 'ready' | 'warning' | 'blocked';

export interface PendingPageRow {
  change: PendingChange;
  status: PendingStatus;
  problems: ReportProblem[];
}

export interface PendingPage {
  env: ReportEnv;
  /** Changes of the status asked for (all of them: every status). */
  total: number;
  /** Every pending change of the kind, by status, whatever the filter. */
  counts: Record<PendingStatus, number>;
  rows: PendingPageRow[];
}

/**
 * One page of the pending changes of a kind (Pelaporan BPJS › Perlu dilaporkan): every change is
 * checked to count it by status; only the page's rows are kept.
 */
export async function pendingPage(ctx: CoreContext, kind: ReportKind, o: { status: PendingStatus | 'all'; offset: number; limit: number }): Promise<PendingPage> {
  const env = await reportEnv(ctx);
  const counts: Record<PendingStatus, number> = { ready: 0, warning: 0, blocked: 0 };
  const rows: PendingPageRow[] = [];
  let total = 0;
  for await (const change of iteratePending(ctx, kind, env.asOf)) {
    const c = checkChange(change, env);
    const status: PendingStatus = !c.ok ? 'blocked' : c.problems.length > 0 ? 'warning' : 'ready';
    counts[status]++;
    if (o.status !== 'all' && o.status !== status) continue;
    if (total >= o.offset && rows.length < o.limit) rows.push({ change, status, problems: c.problems });
    total++;
  }
  return { env, total, counts, rows };
}
