/**
 * The SQL of a billing month's lock (month-lock.ts). PostgreSQL: a transaction-level advisory lock per
 * contribution month, released by COMMIT or ROLLBACK (or the server, when the process dies), and the
 * isolation level a run needs. SQLite has nothing to take: `BEGIN IMMEDIATE` already lets one writer in.
 */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';

// The first key of the advisory lock: Sigap's billing months, apart from any other advisory lock on the server.
const BILLING_MONTH = 0x5349_4742; // 'SIGB'

// The second key: the month as one integer (2026-03 is 202603).
const monthKey = (month: string) => Number(month.slice(0, 4)) * 100 + Number(month.slice(5, 7));

export const monthLockRepo = {
  /** Takes the month's lock if nobody holds it; whether this transaction holds it now. */
  async tryLock(q: Queries, month: string): Promise<boolean> {
    if (q.engine !== 'postgres') return true;
    const r = await q.one<{ ok: boolean }>(sql`SELECT pg_try_advisory_xact_lock(CAST(${BILLING_MONTH} AS integer), CAST(${monthKey(month)} AS integer)) AS ok`);
    return r!.ok;
  },

  /** Waits for the month's lock and takes it. */
  async lock(q: Queries, month: string): Promise<void> {
    if (q.engine !== 'postgres') return;
    await q.one(sql`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(CAST(${BILLING_MONTH} AS integer), CAST(${monthKey(month)} AS integer))) AS l`);
  },

  /**
   * Makes the transaction read one snapshot of the database (REPEATABLE READ) instead of a new one per
   * statement: the run's statements then all see the same roster, whatever an SK applies meanwhile.
   * Only as the first statement of a transaction.
   */
  async oneSnapshot(q: Queries): Promise<void> {
    if (q.engine === 'postgres') await q.run(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
  },
};
