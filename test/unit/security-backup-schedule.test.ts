import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { listBackups } from '../../electron/core/backup/create';
import { scheduleBackups, exclusive, CHECK_EVERY_MS, type IntervalTimer } from '../../electron/core/backup/schedule';
import { openDatabase } from '../../electron/core/db/open';
import { sqliteContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { auditLog } from '../../electron/core/audit-repository';

let ctx: ReturnType<typeof sqliteContext>;
let now: number;
beforeEach(() => {
  ctx = sqliteContext();
  now = Date.parse('2026-03-10T03:00:00Z');
  ctx.clock = () => new Date(now);
});
afterEach(() => ctx.close());

/** A timer the test fires by hand. */
function fakeTimer() {
  const t = { fn: null as (() => void) | null, ms: 0, cleared: false };
  const timer: IntervalTimer = {
    set: (fn, ms) => {
      t.fn = fn;
      t.ms = ms;
      return 1;
    },
    clear: () => void (t.cleared = true),
  };
  return { t, timer };
}

describe('the backup schedule in the core', () => {
  it('backs up once a day on its hourly check, and on quit, then stops', async () => {
    const dir = join(ctx.dir, 'cadangan');
    const { t, timer } = fakeTimer();
    const logs: string[] = [];
    const s = scheduleBackups(ctx, dir, { timer, log: (m) => void logs.push(m) });
    expect(t.ms).toBe(CHECK_EVERY_MS);
    await s.tick(); // waits behind the check made at start
    expect(listBackups(dir).map((b) => b.reason)).toEqual(['harian']);
    // An hour later: not due yet.
    now += 3600_000;
    expect(await s.tick()).toBeNull();
    // A day after the first: due; the timer's callback makes it.
    now += 23 * 3600_000;
    t.fn!();
    await s.tick(); // queued behind the timer's backup, which made today's
    expect(listBackups(dir).map((b) => `${b.reason} ${b.at}`)).toEqual(['harian 2026-03-11T03:00:00Z', 'harian 2026-03-10T03:00:00Z']);
    now += 60_000;
    const quit = await s.onQuit();
    expect(quit.path).toMatch(/-keluar\.sigapdb$/);
    expect(t.cleared).toBe(true);
    now += 48 * 3600_000;
    expect(await s.tick()).toBeNull(); // stopped: no more daily backups
    expect(logs).toEqual([]);
  });

  it('follows a swapped connection and never overlaps a restore', async () => {
    const dir = join(ctx.dir, 'cadangan');
    const { timer } = fakeTimer();
    const s = scheduleBackups(ctx, dir, { timer, log: () => undefined });
    await s.tick();
    // A "restore" holding the lock: swaps ctx.db while the scheduled backup waits.
    const order: string[] = [];
    const first = ctx.db;
    let swapped!: ReturnType<typeof openDatabase>['db'];
    const restore = exclusive(ctx, async () => {
      order.push('restore start');
      await new Promise((r) => setTimeout(r, 30));
      first.close();
      swapped = openDatabase(ctx.dbPath).db;
      ctx.db = swapped;
      order.push('restore end');
    });
    now += 60_000;
    const quit = s.onQuit().then((r) => {
      order.push('quit backup');
      return r;
    });
    await Promise.all([restore, quit]);
    expect(order).toEqual(['restore start', 'restore end', 'quit backup']);
    expect(listBackups(dir).map((b) => b.reason)).toEqual(['keluar']); // one per day: the day's harian is pruned
    // The audit row of the quit backup went to the new connection.
    const rows: string[] = [];
    for await (const r of auditLog.iterate(storeOf({ db: swapped }), {})) if (r.summary?.startsWith('Cadangan keluar')) rows.push(r.summary);
    expect(rows).toHaveLength(1);
    swapped.close();
    ctx.db = first; // ctx.close() closes the original (already closed) handle
  });
});
