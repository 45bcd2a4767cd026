import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { throttleRepo, type ThrottleRow } from './throttle-repository';

/**
 * Wrong passwords slow guessing down without ever locking anyone out for good (issue 17): the first
 * four cost nothing, the fifth locks the name for a minute, each further one doubles the lock, up to
 * half an hour. A lock always ends, so no one at the sign-in screen can shut out the only
 * administrator; the administrator can also end it at once with `sigap user reset-password`.
 *
 * The count is kept per name typed (table `login_throttle`), whether or not an account has that name,
 * so the answer is the same for both. The time comes from `ctx.clock`.
 */
export const FREE_FAILURES = 4;
export const FIRST_LOCK_MS = 60_000;
export const MAX_LOCK_MS = 30 * 60_000;
/** Failures older than this are forgotten: a typo today does not count against next month. */
export const FORGET_AFTER_MS = 24 * 3600_000;

/** How long the lock is after `failures` wrong passwords in a row (0: no lock). */
export function lockMsAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.min(failures - FREE_FAILURES - 1, 20));
}

/** The key a name is counted under: as typed, lower case, bounded (longer names have no account anyway). */
export function throttleKey(username: string): string {
  return username.trim().toLowerCase().slice(0, 64);
}

/** "1 menit", "3 menit": the wait, rounded up to whole minutes. */
function minutesText(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 60_000))} menit`;
}

/** The refusal while a name is locked: says when to try again, the same for every name. */
export function lockedError(untilMs: number, nowMs: number): SigapError {
  return new SigapError('AUTH_FAILED', `Terlalu banyak kata sandi salah. Coba lagi dalam ${minutesText(untilMs - nowMs)}.`);
}

async function current(q: Queries, key: string, now: Date): Promise<ThrottleRow | null> {
  const nowMs = now.getTime();
  const row = await throttleRepo.getForUpdate(q, key, now.toISOString());
  if (!row) return null;
  const quiet = nowMs - Date.parse(row.lastFailureAt) > FORGET_AFTER_MS;
  const stillLocked = row.lockedUntil !== null && Date.parse(row.lockedUntil) > nowMs;
  return quiet && !stillLocked ? null : row;
}

/**
 * Counts one attempt as a failure before the password is checked, and refuses it while the name is
 * locked. Counting first means attempts sent all at once cannot all slip past the lock while the
 * (slow) hash runs; a right password then clears the count with `clearFailures`. The read and the
 * write share one write transaction, so two attempts at once cannot both read the same count.
 * Returns the lock this attempt would start if it proves wrong (ms, 0 for none), for the audit row.
 */
export async function countAttempt(ctx: CoreContext, username: string): Promise<number> {
  const key = throttleKey(username);
  const now = ctx.clock();
  const nowMs = now.getTime();
  return storeOf(ctx).tx('write', async (tx) => {
    const row = await current(tx, key, now);
    if (row?.lockedUntil && Date.parse(row.lockedUntil) > nowMs) throw lockedError(Date.parse(row.lockedUntil), nowMs);
    const failures = (row?.failures ?? 0) + 1;
    const lockMs = lockMsAfter(failures);
    const until = lockMs > 0 ? new Date(nowMs + lockMs).toISOString() : null;
    await throttleRepo.put(tx, key, { failures, lockedUntil: until, lastFailureAt: now.toISOString() });
    // Names typed once and forgotten do not pile up.
    await throttleRepo.forget(tx, new Date(nowMs - FORGET_AFTER_MS).toISOString(), now.toISOString());
    return lockMs;
  });
}

/** A right password (or a new one set by an administrator or the CLI) ends the count and any lock. */
export async function clearFailures(ctx: CoreContext, username: string): Promise<void> {
  await throttleRepo.clear(storeOf(ctx), throttleKey(username));
}

/** Added to the message of the wrong password that starts a lock. */
export function tryAgainNote(lockMs: number): string {
  return lockMs > 0 ? ` Terlalu banyak percobaan: coba lagi dalam ${minutesText(lockMs)}.` : '';
}

/** For the audit row of a wrong password: the lock it started, if any. */
export function lockNote(lockMs: number): string {
  return lockMs > 0 ? `; dikunci ${minutesText(lockMs)}` : '';
}
