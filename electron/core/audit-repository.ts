/**
 * The audit trail's SQL: the one INSERT (audit.ts says when) and the reading side. Filters are sql fragments, each with
 * its own value: nothing is glued into the text.
 */
import { sql, sqlJoin, type SqlQuery } from './store/sql';
import type { Queries } from './store/store';
import { jsonRows } from './store/dialect';

export interface AuditFilter {
  entity?: string;
  actor?: string;
  action?: string;
  /** ISO date, inclusive. */
  from?: string;
  to?: string;
  search?: string;
  offset?: number;
  limit?: number;
}

export interface AuditLogRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  summary: string | null;
  beforeJson: string | null;
  afterJson: string | null;
}

const likeEscaped = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function where(f: AuditFilter): SqlQuery {
  const w: SqlQuery[] = [];
  if (f.entity) w.push(sql`entity = ${f.entity}`);
  if (f.actor) w.push(sql`actor = ${f.actor}`);
  if (f.action) w.push(sql`action = ${f.action}`);
  if (f.from) w.push(sql`at >= ${f.from}`);
  // Inclusive end date: everything before the next day.
  if (f.to) w.push(sql`at < ${`${f.to}T99`}`);
  const q = f.search?.trim();
  if (q) {
    const like = likeEscaped(q);
    w.push(sql`(summary LIKE ${like} ESCAPE '\\' OR before_json LIKE ${like} ESCAPE '\\' OR after_json LIKE ${like} ESCAPE '\\')`);
  }
  return w.length ? sql`WHERE ${sqlJoin(w, sql` AND `)}` : sql``;
}

const COLUMNS = sql`id, at, actor, action, entity, entity_id AS "entityId", summary, before_json AS "beforeJson", after_json AS "afterJson"`;

export type NewAuditRow = Omit<AuditLogRow, 'id'>;

/** Rows per statement of insertMany on PostgreSQL (one JSON parameter; an SK apply's chunk in one or two round trips). */
const AUDIT_CHUNK = 5000;
/** Rows per INSERT of insertMany: 8 values a row, well under either engine's parameter limit. */
export const AUDIT_BATCH = 500;

export const auditLog = {
  /**
   * No RETURNING: the bulk writes that audit every row need no id back. Not an async function, so an
   * SK import's 100,000 audit rows make one promise each, not three (each costs under AsyncLocalStorage).
   */
  insert(q: Queries, r: NewAuditRow): Promise<void> {
    return q.run(sql`INSERT INTO audit_log (at, actor, action, entity, entity_id, summary, before_json, after_json)
      VALUES (${r.at}, ${r.actor}, ${r.action}, ${r.entity}, ${r.entityId}, ${r.summary}, ${r.beforeJson}, ${r.afterJson})`) as Promise<unknown> as Promise<void>;
  },
  /**
   * Many rows, ids in the given order (a bulk write such as an SK apply) instead of one statement and
   * one await each. SQLite: AUDIT_BATCH rows to a multi-row INSERT; PostgreSQL: AUDIT_CHUNK rows to a
   * statement, the rows as one JSON parameter.
   */
  async insertMany(q: Queries, rows: readonly NewAuditRow[]): Promise<void> {
    if (q.engine !== 'postgres') {
      for (let i = 0; i < rows.length; i += AUDIT_BATCH) {
        const values = sqlJoin(rows.slice(i, i + AUDIT_BATCH).map((r) => sql`(${r.at}, ${r.actor}, ${r.action}, ${r.entity}, ${r.entityId}, ${r.summary}, ${r.beforeJson}, ${r.afterJson})`));
        await q.run(sql`INSERT INTO audit_log (at, actor, action, entity, entity_id, summary, before_json, after_json) VALUES ${values}`);
      }
      return;
    }
    for (let i = 0; i < rows.length; i += AUDIT_CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + AUDIT_CHUNK).map((r) => [r.at, r.actor, r.action, r.entity, r.entityId, r.summary, r.beforeJson, r.afterJson]));
      await q.run(sql`INSERT INTO audit_log (at, actor, action, entity, entity_id, summary, before_json, after_json)
        SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, CAST(j.value ->> 4 AS bigint), j.value ->> 5, j.value ->> 6, j.value ->> 7
        FROM ${jsonRows(q, json)} j ORDER BY j.key`);
    }
  },
  async count(q: Queries, f: AuditFilter): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log ${where(f)}`))!.n;
  },
  /** Newest first. */
  page(q: Queries, f: AuditFilter, limit: number, offset: number): Promise<AuditLogRow[]> {
    return q.all<AuditLogRow>(sql`SELECT ${COLUMNS} FROM audit_log ${where(f)} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`);
  },
  /** Oldest first, one at a time: the log can hold millions of rows. */
  iterate(q: Queries, f: AuditFilter): AsyncIterable<AuditLogRow> {
    return q.iterate<AuditLogRow>(sql`SELECT ${COLUMNS} FROM audit_log ${where(f)} ORDER BY id`);
  },
  async entities(q: Queries): Promise<string[]> {
    return (await q.all<{ entity: string }>(sql`SELECT DISTINCT entity FROM audit_log ORDER BY entity`)).map((r) => r.entity);
  },
  async actors(q: Queries): Promise<string[]> {
    return (await q.all<{ actor: string }>(sql`SELECT DISTINCT actor FROM audit_log ORDER BY actor`)).map((r) => r.actor);
  },
};
