/** The decree_effect table (migration 0150): what each SK apply changed, so it can be withdrawn exactly. */
import { sql, sqlId } from '../store/sql';
import type { Queries } from '../store/store';

export type EffectKind = 'person_created' | 'person_updated' | 'engagement_created' | 'engagement_ended' | 'unit_created' | 'alias_created';

export interface EffectRow {
  kind: EffectKind;
  targetId: number;
  beforeJson: string | null;
  afterJson: string | null;
}

export const decreeEffectRows = {
  /** Called once per row of an SK apply: no async frame of its own. */
  insert(q: Queries, decreeId: number, kind: EffectKind, targetId: number, beforeJson: string | null, afterJson: string | null): Promise<unknown> {
    return q.run(sql`INSERT INTO decree_effect (decree_id, kind, target_id, before_json, after_json) VALUES (${decreeId}, ${kind}, ${targetId}, ${beforeJson}, ${afterJson})`);
  },
  /** In the order they were written. */
  list(q: Queries, decreeId: number): Promise<EffectRow[]> {
    return q.all<EffectRow>(sql`
      SELECT kind, target_id AS "targetId", before_json AS "beforeJson", after_json AS "afterJson"
      FROM decree_effect WHERE decree_id = ${decreeId} ORDER BY id`);
  },
  async maxId(q: Queries, table: 'opd' | 'unit_alias'): Promise<number> {
    return (await q.one<{ m: number }>(sql`SELECT coalesce(max(id), 0) AS m FROM ${sqlId(table)}`))!.m;
  },
  async idsAbove(q: Queries, table: 'opd' | 'unit_alias', id: number): Promise<number[]> {
    return (await q.all<{ id: number }>(sql`SELECT id FROM ${sqlId(table)} WHERE id > ${id} ORDER BY id`)).map((r) => r.id);
  },
};
