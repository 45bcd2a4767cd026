/**
 * The SQL of a billing month's lock (month-lock.ts). PostgreSQL: a transaction-level advisory lock per
 * contribution month, released by COMMIT or ROLLBACK (or the server, when the process dies), and the
 * isolation level a run needs. SQLite has nothing to take: `BEGIN IMMEDIATE` already lets one writer in.
 */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import { advisoryLock, tryAdvisoryLock } from '../store/advisory-lock';

// The month as one integer (2026-03 is 202603): the second key of its advisory lock.
const monthKey = (month: string) => Number(month.slice(0, 4)) * 100 + Number(month.slice(5, 7));

export const monthLockRepo = {
  /** Takes the month's lock if nobody holds it; whether this transaction holds it now. */
  tryLock(q: Queries, month: string): Promise<boolean> {
    return tryAdvisoryLock(q, 'billingMonth', monthKey(month));
  },

  /** Waits for the month's lock and takes it. */
  lock(q: Queries, month: string): Promise<void> {
    return advisoryLock(q, 'billingMonth', monthKey(month));
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
