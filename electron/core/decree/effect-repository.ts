/** The decree_effect table (migration 0150): what each SK apply changed, so it can be withdrawn exactly. */
import { sql, sqlId } from '../store/sql';
import type { Queries } from '../store/store';
import { jsonRows } from '../store/dialect';

export type EffectKind = 'person_created' | 'person_updated' | 'engagement_created' | 'engagement_ended' | 'unit_created' | 'alias_created';

/**
 * Rows per INSERT (one JSON parameter): an SK apply's chunk (apply.ts APPLY_CHUNK) in one statement, since
 * on PostgreSQL every statement is a round trip to the server.
 */
export const EFFECT_BATCH = 5000;

export interface NewEffectRow {
  kind: EffectKind;
  targetId: number;
  beforeJson: string | null;
  afterJson: string | null;
}

export interface EffectRow {
  kind: EffectKind;
  targetId: number;
  beforeJson: string | null;
  afterJson: string | null;
}

export const decreeEffectRows = {
  /** The rows in one statement, in the given order (ids ascending with it): one JSON value, not 5 placeholders a row. */
  async insertMany(q: Queries, decreeId: number, rows: NewEffectRow[]): Promise<void> {
    const json = JSON.stringify(rows.map((r) => [r.kind, r.targetId, r.beforeJson, r.afterJson]));
    await q.run(sql`
      INSERT INTO decree_effect (decree_id, kind, target_id, before_json, after_json)
      SELECT CAST(${decreeId} AS bigint), j.value ->> 0, CAST(j.value ->> 1 AS bigint), j.value ->> 2, j.value ->> 3 FROM ${jsonRows(q, json)} j ORDER BY j.key`);
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
