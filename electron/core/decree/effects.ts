import type { CoreContext } from '../context';

export type EffectKind = 'person_created' | 'person_updated' | 'engagement_created' | 'engagement_ended' | 'unit_created' | 'alias_created';

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
export function effectRecorder(ctx: CoreContext, decreeId: number) {
  const insert = ctx.db.prepare('INSERT INTO decree_effect (decree_id, kind, target_id, before_json, after_json) VALUES (?, ?, ?, ?, ?)');
  const json = (v: Record<string, unknown> | null) => (v === null ? null : JSON.stringify(v));
  const maxId = (table: 'opd' | 'unit_alias') => ctx.db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get() as number;
  return {
    record(kind: EffectKind, targetId: number, before: Record<string, unknown> | null, after: Record<string, unknown> | null): void {
      insert.run(decreeId, kind, targetId, json(before), json(after));
    },
    /** Call before resolving units; the returned function records the units and aliases made since. */
    watchUnits(): () => void {
      const opd = maxId('opd');
      const alias = maxId('unit_alias');
      return () => {
        for (const id of ctx.db.prepare('SELECT id FROM opd WHERE id > ?').pluck().all(opd) as number[]) insert.run(decreeId, 'unit_created', id, null, null);
        for (const id of ctx.db.prepare('SELECT id FROM unit_alias WHERE id > ?').pluck().all(alias) as number[]) insert.run(decreeId, 'alias_created', id, null, null);
      };
    },
  };
}

/** What an SK recorded, in the order it happened. */
export function decreeEffects(ctx: CoreContext, decreeId: number): Effect[] {
  const rows = ctx.db
    .prepare('SELECT kind, target_id AS targetId, before_json AS b, after_json AS a FROM decree_effect WHERE decree_id = ? ORDER BY id')
    .all(decreeId) as { kind: EffectKind; targetId: number; b: string | null; a: string | null }[];
  return rows.map((r) => ({ kind: r.kind, targetId: r.targetId, before: r.b ? JSON.parse(r.b) : null, after: r.a ? JSON.parse(r.a) : null }));
}
