/**
 * engine: postgres. The SQL of the IT office's side of a PostgreSQL database: the schema version a
 * restore compares, the audit rows a restore keeps as an archive, and the rights of the application
 * role (`sigap db grant`). The dump and restore themselves are pg_dump/pg_restore (pg-backup.ts).
 */
import { sql, sqlId, sqlJoin } from '../store/sql';
import type { Queries } from '../store/store';

export interface AuditRowCopy {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  summary: string | null;
  before_json: string | null;
  after_json: string | null;
}

/**
 * Tables the application role may read and add to but never change or delete from: the audit trail.
 * (Its triggers refuse UPDATE, DELETE and TRUNCATE too, but a table's owner can disable triggers; the
 * application role owns nothing and has no UPDATE, DELETE, TRUNCATE or TRIGGER right on it.)
 */
export const APPEND_ONLY_FOR_APP = ['audit_log'] as const;
/** Read only for the application role: the schema version belongs to the owner's migrations. */
export const READ_ONLY_FOR_APP = ['sigap_schema'] as const;

export const pgBackupRepo = {
  async schemaVersion(q: Queries): Promise<number> {
    return (await q.one<{ version: number }>(sql`SELECT version FROM sigap_schema WHERE id = 1`))?.version ?? 0;
  },

  /** Every audit row, oldest first: what a restore compares with the restored log. */
  async auditRows(q: Queries): Promise<AuditRowCopy[]> {
    return q.all<AuditRowCopy>(sql`SELECT id, at, actor, action, entity, entity_id, summary, before_json, after_json FROM audit_log ORDER BY id`);
  },

  /**
   * Appends the rows of `rows` the (restored) log does not hold with the same id and contents, under
   * `entity` and with `head` before the original entity, id and summary (as on SQLite,
   * backup-file-repository.ts appendMissingAudit). Returns how many.
   */
  async appendMissingAudit(q: Queries, rows: readonly AuditRowCopy[], entity: string, head: string): Promise<number> {
    let added = 0;
    for (let i = 0; i < rows.length; i += 1000) {
      const json = JSON.stringify(rows.slice(i, i + 1000));
      const r = await q.run(sql`
        INSERT INTO audit_log (at, actor, action, entity, entity_id, summary, before_json, after_json)
        SELECT c.at, c.actor, c.action, ${entity}, c.entity_id,
               ${head} || c.entity || coalesce(' #' || c.entity_id, '') || coalesce(': ' || c.summary, ''),
               c.before_json, c.after_json
        FROM jsonb_to_recordset(CAST(${json} AS jsonb)) AS c(id bigint, at text, actor text, action text, entity text, entity_id bigint, summary text, before_json text, after_json text)
        WHERE NOT EXISTS (
          SELECT 1 FROM audit_log b
          WHERE b.id = c.id AND b.at = c.at AND b.actor = c.actor AND b.action = c.action AND b.entity = c.entity
            AND b.entity_id IS NOT DISTINCT FROM c.entity_id AND b.summary IS NOT DISTINCT FROM c.summary
            AND b.before_json IS NOT DISTINCT FROM c.before_json AND b.after_json IS NOT DISTINCT FROM c.after_json)
        ORDER BY c.id`);
      added += r.changes;
    }
    return added;
  },

  /** The server process of the session named `appName` while it waits for a lock; null otherwise. */
  async waitingOnLock(q: Queries, appName: string): Promise<number | null> {
    return (await q.one<{ pid: number }>(sql`SELECT pid FROM pg_stat_activity WHERE application_name = ${appName} AND wait_event_type = 'Lock' LIMIT 1`))?.pid ?? null;
  },

  /** Cancels the running statement of a session of the same role (its transaction then rolls back). */
  async cancel(q: Queries, pid: number): Promise<void> {
    await q.one(sql`SELECT pg_cancel_backend(${pid}) AS cancelled`);
  },

  /** The role, if it exists: whether it is a superuser, and whether it is the connected role or one it belongs to. */
  async role(q: Queries, name: string): Promise<{ superuser: boolean; isMe: boolean; memberOfMe: boolean; createsRoles: boolean } | null> {
    return (
      (await q.one<{ superuser: boolean; isMe: boolean; memberOfMe: boolean; createsRoles: boolean }>(sql`
        SELECT rolsuper AS superuser, rolname = current_user AS "isMe",
               pg_has_role(rolname, current_user, 'MEMBER') AS "memberOfMe", rolcreaterole AS "createsRoles"
        FROM pg_roles WHERE rolname = ${name}`)) ?? null
    );
  },

  /** Sigap's tables in `public` (those owned by the owner of sigap_schema, the role that migrates) and that owner. */
  async sigapTables(q: Queries): Promise<{ owner: string | null; tables: string[] }> {
    const owner = (await q.one<{ owner: string }>(sql`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = to_regclass('public.sigap_schema')`))?.owner ?? null;
    if (!owner) return { owner: null, tables: [] };
    const rows = await q.all<{ name: string }>(sql`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_get_userbyid(c.relowner) = ${owner}
      ORDER BY c.relname`);
    return { owner, tables: rows.map((r) => r.name) };
  },

  /**
   * The application role's rights, from scratch each time (idempotent; run again after an upgrade adds
   * tables): the schema, read and write on every Sigap table but only read and add on the audit
   * trail, read only on the schema version, and the sequences. Nothing more: no TRUNCATE, REFERENCES,
   * TRIGGER, no ownership. No default privileges for tables created later: pg_restore recreates every
   * table, and a default grant would then give the audit trail UPDATE and DELETE again (a dump's ACLs
   * only add to the defaults); a table a new version adds is granted when this runs after the upgrade.
   */
  async grantApp(q: Queries, role: string, tables: readonly string[]): Promise<void> {
    const r = sqlId(role);
    await q.run(sql`GRANT USAGE ON SCHEMA public TO ${r}`);
    if (tables.length > 0) {
      const all = sqlJoin(tables.map((t) => sqlId(t)));
      await q.run(sql`REVOKE ALL ON TABLE ${all} FROM ${r}`);
      await q.run(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE ${all} TO ${r}`);
    }
    for (const t of APPEND_ONLY_FOR_APP) if (tables.includes(t)) await q.run(sql`REVOKE UPDATE, DELETE ON TABLE ${sqlId(t)} FROM ${r}`);
    for (const t of READ_ONLY_FOR_APP) if (tables.includes(t)) await q.run(sql`REVOKE INSERT, UPDATE, DELETE ON TABLE ${sqlId(t)} FROM ${r}`);
    await q.run(sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  },

  /** The rights `role` holds on `table` (for the report and the tests). */
  async tableRights(q: Queries, role: string, table: string): Promise<string[]> {
    const rows = await q.all<{ p: string }>(sql`
      SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p
      WHERE has_table_privilege(${role}, ${`public.${table}`}, p) ORDER BY p`);
    return rows.map((r) => r.p);
  },
};
