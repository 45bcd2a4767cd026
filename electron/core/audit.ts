import type { CoreContext } from './context';
import { nowIso } from './context';
import { storeOf } from './store/of-context';
import { auditLog, AUDIT_BATCH, type NewAuditRow } from './audit-repository';
import type { Queries } from './store/store';

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
  return auditLog.insert(storeOf(ctx), auditRow(ctx, e));
}

function auditRow(ctx: CoreContext, e: AuditEntry): NewAuditRow {
  return {
    at: e.at ?? nowIso(ctx),
    actor: ctx.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    summary: e.summary ?? null,
    beforeJson: e.before === undefined ? null : JSON.stringify(e.before),
    afterJson: e.after === undefined ? null : JSON.stringify(e.after),
  };
}

/**
 * The audit rows of a bulk write (an SK apply, a completion file: one row per person of 100,000),
 * held and written AUDIT_BATCH at a time in the order added, in the transaction `q`: the same rows
 * as audit() one by one, without a statement and an await per row. Call flush() before the
 * transaction ends.
 */
export function auditBatch(ctx: CoreContext, q: Queries) {
  let pending: NewAuditRow[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await auditLog.insertMany(q, rows);
  };
  return {
    /** Holds one row; returns the write to await when the batch is full, else undefined (nothing to wait for). */
    add(e: AuditEntry): Promise<void> | undefined {
      pending.push(auditRow(ctx, e));
      return pending.length >= AUDIT_BATCH ? flush() : undefined;
    },
    /** Writes what is still held. */
    flush,
  };
}
