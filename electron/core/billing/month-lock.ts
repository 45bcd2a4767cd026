/**
 * One writer per billing month, on PostgreSQL as on SQLite. SQLite lets one writer in at a time
 * (`BEGIN IMMEDIATE`), so two runs or two issues of a month could never overlap there. On a shared
 * PostgreSQL server two offices (two processes) can: each billing run and each issue of a month holds
 * the month's lock (month-lock-repository.ts) for its whole transaction, so they follow each other and
 * never make two invoices for one unit and month nor share or skip a number.
 *
 * A run reads the roster in several statements (the categories in use, the regular lines, the
 * corrections), so on PostgreSQL it reads them from one snapshot (REPEATABLE READ): an SK applied while
 * it runs is either wholly in the month's drafts or wholly in the next run, never half.
 *
 * A writer that finds the month taken says so (`onWait`, by default the process's stderr: the CLI's
 * and the worker's log) and waits. A conflict the server reports anyway (a serialization failure or a
 * deadlock with another writer) rolls the transaction back and runs it again, a few times; what still
 * fails reaches the user as an Indonesian message (db/errors.ts), never a driver's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CoreContext } from '../context';
import { formatMonthId } from '../../../shared/dates';
import { isTransientConflict } from '../db/errors';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { monthLockRepo } from './month-lock-repository';

export interface MonthWriteOptions {
  /** Read the whole transaction from one snapshot (the billing run). */
  snapshot?: boolean;
  /** Told once when another process holds the month; the default writes it to stderr. */
  onWait?: ((message: string) => void) | undefined;
}

/** The months whose lock this async call chain holds already (an issue inside a run). */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

const ATTEMPTS = 5;

class StaleSnapshot extends Error {}

export function waitMessage(month: string): string {
  return `Penagihan bulan ${formatMonthId(month)} sedang dijalankan di komputer lain; menunggu…`;
}

const toStderr = (message: string) => {
  process.stderr.write(`${message}\n`);
};

/** Runs `fn` in a write transaction that holds `month`'s lock (see the module comment). */
export async function monthWrite<T>(ctx: CoreContext, month: string, o: MonthWriteOptions, fn: (tx: Queries) => Promise<T>): Promise<T> {
  const store = storeOf(ctx);
  const mine = held.getStore();
  // Already inside a transaction holding the month (issuing within a run): a savepoint of it.
  if (mine?.has(month)) return store.tx('write', fn);
  // SQLite (one writer at a time already), or inside another month's transaction: no snapshot of its own to take.
  if (store.engine !== 'postgres' || mine) {
    return held.run(new Set([...(mine ?? []), month]), () =>
      store.tx('write', async (tx) => {
        await monthLockRepo.lock(tx, month);
        return fn(tx);
      }),
    );
  }
  let told = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await held.run(new Set([month]), () =>
        store.tx('write', async (tx) => {
          if (o.snapshot) await monthLockRepo.oneSnapshot(tx);
          if (!(await monthLockRepo.tryLock(tx, month))) {
            if (!told) (o.onWait ?? toStderr)(waitMessage(month));
            told = true;
            await monthLockRepo.lock(tx, month);
            // The snapshot was taken before the wait: the other writer's work is not in it. Again, from a new one.
            if (o.snapshot) throw new StaleSnapshot();
          }
          return fn(tx);
        }),
      );
    } catch (e) {
      if (e instanceof StaleSnapshot) {
        attempt--;
        continue;
      }
      if (attempt < ATTEMPTS && isTransientConflict(e, { duplicate: o.snapshot === true })) {
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
        continue;
      }
      throw e;
    }
  }
}
