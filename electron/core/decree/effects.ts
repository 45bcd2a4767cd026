import type { Queries } from '../store/store';
import { decreeEffectRows, EFFECT_BATCH, type EffectKind, type NewEffectRow } from './effect-repository';

export type { EffectKind } from './effect-repository';

export interface Effect {
  kind: EffectKind;
  targetId: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * Writes what an SK apply changed, inside the apply's transaction (migration 0150): the people it
 * created, the fields it changed (before and after), the engagements it ended (their end before and
 * after), the units and aliases it made. The engagements it created are not written again: only an
 * apply sets engagement.decree_id, so they are the decree's engagements (the 'engagement_created' kind
 * stays unused), and an apply of 20,000 rows does not pay for 20,000 more rows. The ids of units and aliases made during the apply are found by the ids they got: the ones
 * above the highest id before it began.
 */
export function effectRecorder(tx: Queries, decreeId: number) {
  const json = (v: Record<string, unknown> | null) => (v === null ? null : JSON.stringify(v));
  // Written in batches, in the order recorded (their ids keep that order): one statement per
  // EFFECT_BATCH rows of a 100,000-row apply instead of one per row.
  let pending: NewEffectRow[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await decreeEffectRows.insertMany(tx, decreeId, rows);
  };
  return {
    async record(kind: EffectKind, targetId: number, before: Record<string, unknown> | null, after: Record<string, unknown> | null): Promise<void> {
      pending.push({ kind, targetId, beforeJson: json(before), afterJson: json(after) });
      if (pending.length >= EFFECT_BATCH) await flush();
    },
    /** Writes what is still held; call before the transaction ends. */
    flush,
    /** Call before resolving units; the returned function records the units and aliases made since. */
    async watchUnits(): Promise<() => Promise<void>> {
      const opd = await decreeEffectRows.maxId(tx, 'opd');
      const alias = await decreeEffectRows.maxId(tx, 'unit_alias');
      return async () => {
        await flush();
        for (const id of await decreeEffectRows.idsAbove(tx, 'opd', opd)) pending.push({ kind: 'unit_created', targetId: id, beforeJson: null, afterJson: null });
        for (const id of await decreeEffectRows.idsAbove(tx, 'unit_alias', alias)) pending.push({ kind: 'alias_created', targetId: id, beforeJson: null, afterJson: null });
        await flush();
      };
    },
  };
}

/** What an SK recorded, in the order it happened. */
export async function decreeEffects(q: Queries, decreeId: number): Promise<Effect[]> {
  const rows = await decreeEffectRows.list(q, decreeId);
  return rows.map((r) => ({ kind: r.kind, targetId: r.targetId, before: r.beforeJson ? JSON.parse(r.beforeJson) : null, after: r.afterJson ? JSON.parse(r.afterJson) : null }));
}
