/** The `login_throttle` table's SQL: wrong passwords counted per name typed (auth/throttle.ts holds the rule). */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';

export interface ThrottleRow {
  failures: number;
  lockedUntil: string | null;
  lastFailureAt: string;
}

export const throttleRepo = {
  get(q: Queries, key: string): Promise<ThrottleRow | undefined> {
    return q.one<ThrottleRow>(sql`SELECT failures, locked_until AS "lockedUntil", last_failure_at AS "lastFailureAt" FROM login_throttle WHERE username = ${key}`);
  },
  /**
   * The name's row, held until the write transaction ends, so two attempts at once count one after the
   * other. SQLite's write transaction already holds the whole file; on PostgreSQL (READ COMMITTED) the
   * row is made first if missing (a concurrent insert of the same name waits on the unique key) and then
   * locked FOR UPDATE, which rereads it after the other attempt commits.
   */
  async getForUpdate(q: Queries, key: string, now: string): Promise<ThrottleRow | undefined> {
    if (q.engine === 'sqlite') return this.get(q, key);
    await q.run(sql`INSERT INTO login_throttle (username, failures, locked_until, last_failure_at) VALUES (${key}, 0, NULL, ${now}) ON CONFLICT (username) DO NOTHING`);
    return q.one<ThrottleRow>(sql`SELECT failures, locked_until AS "lockedUntil", last_failure_at AS "lastFailureAt" FROM login_throttle WHERE username = ${key} FOR UPDATE`);
  },
  async put(q: Queries, key: string, r: ThrottleRow): Promise<void> {
    await q.run(sql`INSERT INTO login_throttle (username, failures, locked_until, last_failure_at) VALUES (${key}, ${r.failures}, ${r.lockedUntil}, ${r.lastFailureAt})
      ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`);
  },
  /** Names whose last failure is older than `before` and that are not locked at `now`. */
  async forget(q: Queries, before: string, now: string): Promise<void> {
    await q.run(sql`DELETE FROM login_throttle WHERE last_failure_at < ${before} AND (locked_until IS NULL OR locked_until < ${now})`);
  },
  async clear(q: Queries, key: string): Promise<void> {
    await q.run(sql`DELETE FROM login_throttle WHERE username = ${key}`);
  },
};
