import type { CoreContext } from './context';
import { nowIso } from './context';
import { storeOf } from './store/of-context';
import { auditLog } from './audit-repository';

export interface AuditEntry {
  action: 'create' | 'update' | 'end' | 'import' | 'delete';
  entity: string;
  entityId: number | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
  /** The time of the change; a bulk write passes its transaction's time once instead of asking the clock per row. */
  at?: string;
}

/**
 * Writes one audit row. Call it inside the transaction that makes the change, passing that
 * transaction's queries as `q` when there is one (a call made while a Store transaction runs joins
 * it either way).
 */
export function audit(ctx: CoreContext, e: AuditEntry): Promise<void> {
  return auditLog.insert(storeOf(ctx), {
    at: e.at ?? nowIso(ctx),
    actor: ctx.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    summary: e.summary ?? null,
    beforeJson: e.before === undefined ? null : JSON.stringify(e.before),
    afterJson: e.after === undefined ? null : JSON.stringify(e.after),
  });
}
