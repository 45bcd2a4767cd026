/**
 * Transaction-level advisory locks on PostgreSQL, for rules that check something and then write it where
 * there may be no row to lock yet (the first invoice of a month, a person's first death record): released
 * by COMMIT or ROLLBACK, or by the server when the process dies. SQLite has nothing to take: its write
 * transaction (`BEGIN IMMEDIATE`) already lets one writer in.
 *
 * The first key is the class, one per kind of thing Sigap serializes, so Sigap's locks never meet each
 * other's or another application's on the same server; the second is the thing itself, a number or the
 * hash of a text (a collision only makes two things take turns).
 */
import { sql, type SqlQuery } from './sql';
import type { Queries } from './store';

export const ADVISORY_CLASSES = {
  /** A billing run or issue of one contribution month (billing/month-lock.ts). */
  billingMonth: 0x5349_4742, // 'SIGB'
  /** A BPJS bill or payment record of one NPP, month and segment (billing/bpjs-payment.ts). */
  bpjsPayment: 0x5349_4750, // 'SIGP'
  /** One person's incidents and exceptions (coverage/incidents.ts, billing/person-exceptions.ts). */
  personRecords: 0x5349_4752, // 'SIGR'
} as const;

export type AdvisoryClass = keyof typeof ADVISORY_CLASSES;

/** The lock's two integer keys (ids past 2^31 wrap). */
const keys = (cls: AdvisoryClass, key: number | string): SqlQuery =>
  sql`CAST(${ADVISORY_CLASSES[cls]} AS integer), ${typeof key === 'number' ? sql`CAST(${key | 0} AS integer)` : sql`hashtext(${key})`}`;

/** Waits for the lock of `key` in `cls` and takes it until the transaction ends. */
export async function advisoryLock(q: Queries, cls: AdvisoryClass, key: number | string): Promise<void> {
  if (q.engine !== 'postgres') return;
  await q.one(sql`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(${keys(cls, key)})) AS l`);
}

/** Takes the lock if nobody holds it; whether this transaction holds it now. */
export async function tryAdvisoryLock(q: Queries, cls: AdvisoryClass, key: number | string): Promise<boolean> {
  if (q.engine !== 'postgres') return true;
  return (await q.one<{ ok: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${keys(cls, key)}) AS ok`))!.ok;
}
