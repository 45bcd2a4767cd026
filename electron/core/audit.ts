import type { CoreContext } from './context';
import { nowIso } from './context';

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

/** Writes one audit row. Call it inside the transaction that makes the change. */
export function audit(ctx: CoreContext, e: AuditEntry): void {
  stmt(ctx).run(
    e.at ?? nowIso(ctx),
    ctx.actor,
    e.action,
    e.entity,
    e.entityId,
    e.summary ?? null,
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
  );
}

const cache = new WeakMap<object, import('better-sqlite3').Statement<unknown[]>>();
function stmt(ctx: CoreContext) {
  let s = cache.get(ctx.db);
  if (!s) {
    s = ctx.db.prepare<unknown[]>(
      'INSERT INTO audit_log (at, actor, action, entity, entity_id, summary, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    cache.set(ctx.db, s);
  }
  return s;
}
