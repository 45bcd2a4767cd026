/**
 * Table locks on PostgreSQL, for a writer whose check reads a whole table (no NIK or KPJ taken, the SK
 * number not yet used, nobody seeded yet) and must still hold when it writes: other writers of those
 * tables wait until it commits; readers go on. Released by COMMIT or ROLLBACK. SQLite has nothing to
 * take: its write transaction (`BEGIN IMMEDIATE`) already lets one writer in.
 *
 * - SHARE ROW EXCLUSIVE: one such writer at a time, and no other writer of the tables meanwhile.
 * - ROW EXCLUSIVE: what an UPDATE takes anyway; taken first by a writer that locks rows before updating
 *   them (roster/person-lock-repository.ts), so it and a SHARE ROW EXCLUSIVE writer wait for each other
 *   whole instead of each holding what the other needs.
 * - EXCLUSIVE: readers of the rows go on, nobody else writes or locks rows (the demo's seeding).
 */
import { sql, sqlId, sqlJoin, type SqlQuery } from './sql';
import type { Queries } from './store';

const MODES = {
  'row exclusive': sql`ROW EXCLUSIVE`,
  'share row exclusive': sql`SHARE ROW EXCLUSIVE`,
  exclusive: sql`EXCLUSIVE`,
} satisfies Record<string, SqlQuery>;

/** Takes `tables` in `mode` until the transaction ends (in the order given), on PostgreSQL. */
export async function lockTables(q: Queries, tables: readonly string[], mode: keyof typeof MODES): Promise<void> {
  if (q.engine !== 'postgres') return;
  await q.run(sql`LOCK TABLE ${sqlJoin(tables.map(sqlId))} IN ${MODES[mode]} MODE`);
}
