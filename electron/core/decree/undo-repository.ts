/**
 * What withdrawing an SK reads (is anything built on it?) and writes (its changes taken back). Lists
 * of ids travel as one JSON value, not one placeholder each: an SK may have made 100,000 engagements.
 */
import { sql, sqlId, type SqlQuery } from '../store/sql';
import type { Queries } from '../store/store';
import { lockTables } from '../store/table-lock';
import { dialect } from '../store/dialect';

/** `IN (…)` of the ids as one parameter, however many. */
const inIds = (q: Queries, ids: number[]): SqlQuery => sql`IN ${dialect(q).inList(ids, 'int')}`;

export interface CreatedEngagement {
  id: number;
  endDate: string | null;
  endReason: string | null;
  nik: string;
}

export interface InvoiceRef {
  number: string | null;
  month: string;
  status: string;
}

export type Row = Record<string, unknown>;

export const undoReads = {
  /** The engagements an SK created (only an apply sets engagement.decree_id). */
  createdEngagements(q: Queries, decreeId: number): Promise<CreatedEngagement[]> {
    return q.all<CreatedEngagement>(sql`
      SELECT e.id, e.end_date AS "endDate", e.end_reason AS "endReason", p.nik
      FROM engagement e JOIN person p ON p.id = e.person_id WHERE e.decree_id = ${decreeId} ORDER BY e.id`);
  },
  invoicesWithEngagements(q: Queries, engagementIds: number[]): Promise<InvoiceRef[]> {
    return q.all<InvoiceRef>(sql`
      SELECT DISTINCT i.number, i.month, i.status FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
      WHERE l.engagement_id ${inIds(q, engagementIds)} ORDER BY i.month, i.number`);
  },
  engagementUnit(q: Queries, engagementId: number): Promise<{ opdId: number; segment: string } | undefined> {
    return q.one(sql`SELECT e.opd_id AS "opdId", c.segment FROM engagement e JOIN category c ON c.id = e.category_id WHERE e.id = ${engagementId}`);
  },
  /** Issued invoices of a unit and segment for the months after `after`, up to `upTo` when given. */
  issuedInvoicesAfter(q: Queries, opdId: number, segment: string, after: string, upTo: string | null): Promise<InvoiceRef[]> {
    const until = upTo === null ? sql`` : sql` AND month <= ${upTo}`;
    return q.all<InvoiceRef>(sql`
      SELECT number, month, status FROM invoice
      WHERE opd_id = ${opdId} AND segment = ${segment} AND status = 'issued' AND month > ${after}${until} ORDER BY month, number`);
  },
  /** Batches that reported these engagements or people, or the end of `ended` after `since` (submitted ones). */
  batchesWith(q: Queries, created: number[], persons: number[], ended: number[], since: string): Promise<{ id: number; createdAt: string; status: string }[]> {
    return q.all(sql`
      SELECT DISTINCT b.id, b.created_at AS "createdAt", b.status FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
      WHERE i.engagement_id ${inIds(q, created)} OR i.person_id ${inIds(q, persons)} OR (i.engagement_id ${inIds(q, ended)} AND b.created_at > ${since} AND b.status = 'submitted')
      ORDER BY b.id`);
  },
  /** Applied SKs other than `decreeId` that ended `created` engagements or changed `touched` people after it. */
  async laterDecrees(q: Queries, decreeId: number, created: number[], touched: number[]): Promise<string[]> {
    const rows = await q.all<{ number: string }>(sql`
      SELECT DISTINCT d.number FROM decree_effect x JOIN decree d ON d.id = x.decree_id
      WHERE x.decree_id <> ${decreeId} AND d.status = 'applied'
        AND ((x.kind = 'engagement_ended' AND x.target_id ${inIds(q, created)}) OR (x.kind = 'person_updated' AND x.target_id ${inIds(q, touched)} AND x.decree_id > ${decreeId}))`);
    return rows.map((r) => r.number);
  },
  /** "SK <number>" or "input manual" for each other engagement of these people. */
  async otherEngagementSources(q: Queries, persons: number[], decreeId: number): Promise<string[]> {
    const rows = await q.all<{ src: string }>(sql`
      SELECT DISTINCT coalesce('SK ' || d.number, 'input manual') AS src FROM engagement e LEFT JOIN decree d ON d.id = e.decree_id
      WHERE e.person_id ${inIds(q, persons)} AND (e.decree_id IS NULL OR e.decree_id <> ${decreeId})`);
    return rows.map((r) => r.src);
  },
  engagementEnd(q: Queries, engagementId: number): Promise<{ end_date: string | null; end_reason: string | null; nik: string; person_id: number } | undefined> {
    return q.one(sql`SELECT e.end_date, e.end_reason, e.person_id, p.nik FROM engagement e JOIN person p ON p.id = e.person_id WHERE e.id = ${engagementId}`);
  },
  /** Every table's foreign keys to `parent`, in schema order (read from the schema, so new tables count too). */
  referencing(q: Queries, parent: string): Promise<{ table: string; column: string }[]> {
    if (q.engine === 'postgres') {
      // The catalog's foreign keys of the schema in use, tables in the order they were made (their oids).
      return q.all(sql`
        SELECT t.relname AS "table", a.attname AS "column"
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND p.relname = ${parent} AND p.relnamespace = CAST(current_schema() AS regnamespace)
        ORDER BY t.oid, c.oid`);
    }
    return q.all(sql`
      SELECT m.name AS "table", f."from" AS "column"
      FROM sqlite_master m, pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND f."table" = ${parent}`);
  },
  /** Whether any row of `table` has `column` in `ids` (table and column come from the schema). */
  async anyIn(q: Queries, table: string, column: string, ids: number[]): Promise<boolean> {
    return (await q.one(sql`SELECT 1 AS hit FROM ${sqlId(table)} WHERE ${sqlId(column)} ${inIds(q, ids)} LIMIT 1`)) !== undefined;
  },
  async anyEqual(q: Queries, table: string, column: string, id: number): Promise<boolean> {
    return (await q.one(sql`SELECT 1 AS hit FROM ${sqlId(table)} WHERE ${sqlId(column)} = ${id} LIMIT 1`)) !== undefined;
  },
  /** Another engagement of the person, in the ended one's category, started after `from` (up to `upTo`), not one of `created`. */
  overlapping(q: Queries, personId: number, engagementId: number, created: number[], from: string, upTo: string | null): Promise<{ nik: string; src: string } | undefined> {
    const until = upTo === null ? sql`` : sql` AND e.start_date <= ${upTo}`;
    return q.one(sql`
      SELECT p.nik, coalesce('SK ' || d.number, 'input manual') AS src FROM engagement e JOIN person p ON p.id = e.person_id LEFT JOIN decree d ON d.id = e.decree_id
      WHERE e.person_id = ${personId} AND e.category_id = (SELECT category_id FROM engagement WHERE id = ${engagementId}) AND e.id <> ${engagementId}
        AND e.id NOT ${inIds(q, created)} AND e.start_date > ${from}${until} LIMIT 1`);
  },
};

/** Whole rows, for the audit's "before", and the writes that take an SK's changes back. */
export const undoWrites = {
  /**
   * First in the withdrawal's write transaction: SQLite's holds the one write lock already; on
   * PostgreSQL the withdrawal takes the tables its checks read (the roster, the SKs' effects, invoice
   * lines, BPJS batch items, and the records that refer to a person or an engagement: incidents, person
   * exceptions, KPJ memberships) from other writers until it commits, so nothing is billed, reported,
   * recorded or changed on its people between the check and the removal. Locking person alone would not
   * do for those: a row referring to a person takes only a share lock on it, so an uncommitted incident
   * would pass the reference check unseen. Readers go on.
   */
  async lock(q: Queries): Promise<void> {
    await lockTables(q, ['decree', 'decree_effect', 'person', 'engagement', 'opd', 'unit_alias', 'invoice', 'invoice_line', 'bpjs_batch', 'bpjs_batch_item',
      'incident', 'person_exception', 'bpjs_membership'], 'share row exclusive');
  },
  row(q: Queries, table: 'engagement' | 'person' | 'unit_alias' | 'opd', id: number): Promise<Row | undefined> {
    return q.one<Row>(sql`SELECT * FROM ${sqlId(table)} WHERE id = ${id}`);
  },
  async remove(q: Queries, table: 'engagement' | 'person' | 'unit_alias' | 'opd', id: number): Promise<void> {
    await q.run(sql`DELETE FROM ${sqlId(table)} WHERE id = ${id}`);
  },
  async nikOf(q: Queries, personId: number): Promise<string | undefined> {
    return (await q.one<{ nik: string }>(sql`SELECT nik FROM person WHERE id = ${personId}`))?.nik;
  },
  /** An engagement's end as it was before the SK (both may be null: open again). */
  async reopen(q: Queries, engagementId: number, endDate: string | null, endReason: string | null): Promise<void> {
    await q.run(sql`UPDATE engagement SET end_date = ${endDate}, end_reason = ${endReason} WHERE id = ${engagementId}`);
  },
};
