import type { CoreContext } from '../context';
import { storeOf } from '../store/of-context';
import { backupAndPrune, backupDue } from './auto';
import type { BackupResult } from './create';

/** The timer the schedule uses; tests pass a fake one. */
export interface IntervalTimer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: IntervalTimer = {
  set: (fn, ms) => {
    const h = setInterval(fn, ms);
    // The hourly check alone never keeps a process alive.
    (h as { unref?: () => void }).unref?.();
    return h;
  },
  clear: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/** How often the schedule looks whether a daily backup is due (a laptop that slept catches up). */
export const CHECK_EVERY_MS = 3600_000;

const chains = new WeakMap<CoreContext, Promise<unknown>>();

/**
 * Runs backup work on a context one at a time: a daily backup, the backup on quit and a restore (which
 * swaps `ctx.db`) never overlap, so none of them reads a connection another has just closed.
 */
export function exclusive<T>(ctx: CoreContext, work: () => Promise<T>): Promise<T> {
  const before = chains.get(ctx) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(work);
  chains.set(ctx, run.catch(() => undefined));
  return run;
}

export interface BackupSchedule {
  /** One check: makes the daily backup when none in the folder is younger than a day. */
  tick(): Promise<BackupResult | null>;
  /** Stops the timer, waits for a running backup, then makes the backup on quit. */
  onQuit(): Promise<BackupResult>;
  stop(): void;
}

/**
 * Whether the app schedules daily backups and the backup on quit for this database: yes for a SQLite
 * file, no for a PostgreSQL database. A server database is backed up by the IT office's own routine
 * (pg_dump or pg_basebackup, README), and every clerk's PC dumping the whole shared database each day
 * and at each quit would spread full copies of it over the office. The backups before an SK is applied
 * or undone (autoBackup) are still made on PostgreSQL when pg_dump is installed.
 */
export function backupsScheduled(ctx: CoreContext): boolean {
  return storeOf(ctx).engine !== 'postgres';
}

/**
 * Daily backups while the app runs, and one on quit, in the process that owns the database (the core
 * worker). The backups read `ctx.db` when they run, so a restore that swaps the connection is followed.
 */
export function scheduleBackups(
  ctx: CoreContext,
  dir: string,
  o: { log: (msg: string, e?: unknown) => void; timer?: IntervalTimer; everyMs?: number },
): BackupSchedule {
  const timer = o.timer ?? realTimer;
  let stopped = false;
  const tick = (): Promise<BackupResult | null> =>
    exclusive(ctx, async () => {
      if (stopped || !backupDue(dir, ctx.clock())) return null;
      return backupAndPrune(ctx, dir, 'harian');
    }).catch((e: unknown) => {
      o.log('daily backup failed', e);
      return null;
    });
  const handle = timer.set(() => void tick(), o.everyMs ?? CHECK_EVERY_MS);
  void tick();
  const stop = () => {
    if (stopped) return;
    stopped = true;
    timer.clear(handle);
  };
  return {
    tick,
    stop,
    onQuit: () => {
      stop();
      return exclusive(ctx, () => backupAndPrune(ctx, dir, 'keluar'));
    },
  };
}
