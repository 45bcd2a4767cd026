/** Holding people's rows for a writer that reads their values, checks them, then writes them back. */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import { lockTables } from '../store/table-lock';
import { dialect } from '../store/dialect';

export const personLockRepo = {
  /**
   * Inside the write transaction, before reading the values it checks and audits: the people are held
   * until it commits, so another clerk's edit of one of them either committed before (and is read, and
   * checked against the preview) or waits until this one is done (and is not overwritten unseen, nor
   * audited with a wrong "before"). SQLite's write transaction already holds the whole file (BEGIN
   * IMMEDIATE); PostgreSQL locks the person rows (in id order, so two such writers never wait on each
   * other; NO KEY: rows that only refer to a person, such as incidents, are not blocked).
   *
   * The table first, in the mode the rows' UPDATE takes: an import that takes the whole table (a
   * completion or KPJ list's apply, an SK's apply or withdrawal) then waits for this writer or this
   * writer for it, never the import holding the table while this writer holds rows it needs (a deadlock,
   * which PostgreSQL breaks by failing one of them with "coba lagi").
   */
  async hold(q: Queries, personIds: readonly number[]): Promise<void> {
    if (q.engine !== 'postgres' || personIds.length === 0) return;
    await lockTables(q, ['person'], 'row exclusive');
    await q.all(sql`SELECT id FROM person WHERE id IN ${dialect(q).inList([...new Set(personIds)], 'int')} ORDER BY id FOR NO KEY UPDATE`);
  },
};
