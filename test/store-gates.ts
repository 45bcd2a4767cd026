/**
 * Stores that hold work at a chosen point, so a test of two operations at once makes them overlap
 * instead of hoping they do: left alone, one may finish before the other starts and the race is never
 * run. Each wraps the context's real store (SQLite or PostgreSQL) and changes nothing else.
 */
import type { Store } from '../electron/core/store/store';
import { sql, type SqlQuery } from '../electron/core/store/sql';
import { storeOf } from '../electron/core/store/of-context';
import { SigapError } from '../shared/errors';

/** The store with one method replaced; every other property is the store's own, bound to it. */
function replacing(store: Store, name: keyof Store, fn: unknown): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === name) return fn;
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** A store whose first `readers` row iterations each read all their rows, then wait for one another before yielding any. */
export function meetingAfterReads(store: Store, readers: number): Store {
  let arrived = 0;
  let meet!: () => void;
  const met = new Promise<void>((r) => (meet = r));
  return replacing(store, 'iterate', async function* <T>(q: SqlQuery): AsyncIterable<T> {
    const rows: T[] = [];
    for await (const r of store.iterate<T>(q)) rows.push(r);
    if (arrived < readers && ++arrived === readers) meet();
    await met;
    yield* rows;
  });
}

/**
 * PostgreSQL: returns once a session of this database waits on a lock (a row's, an index entry's, a
 * table's or an advisory one), or once `done()` says the operation awaited ended without waiting.
 */
export async function someoneBlocked(store: Store, done: () => boolean): Promise<void> {
  while (!done()) {
    const r = await store.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (r!.n > 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * A context whose first write transaction, once its work is done, waits before committing until
 * `release()`; `inside` resolves when it is waiting. Start the second operation after `inside`, then
 * `await othersWaiting()`: the second has then come as far as it can while the first holds what it took
 * (PostgreSQL: a session of this database waits on a lock, a row's, an index entry's or an advisory
 * one, or the second transaction ended without waiting; SQLite: a second write transaction has asked
 * for the one write lock, which the first holds).
 */
export function holdingFirstWrite<C extends { store?: Store }>(ctx: C): { ctx: C; inside: Promise<void>; othersWaiting: () => Promise<void>; release: () => void } {
  const store = storeOf(ctx as never);
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let signal!: () => void;
  const inside = new Promise<void>((r) => (signal = r));
  let asked!: () => void;
  const secondAsked = new Promise<void>((r) => (asked = r));
  // Or it did not wait at all (the bug a test looks for): its transaction ended.
  let ended = false;
  let writes = 0;
  const tx: Store['tx'] = (mode, fn) => {
    if (mode !== 'write') return store.tx(mode, fn);
    if (++writes > 1) {
      asked();
      const t = store.tx(mode, fn);
      t.then(() => (ended = true), () => (ended = true));
      return t;
    }
    return store.tx(mode, async (q) => {
      const out = await fn(q);
      signal();
      await released;
      return out;
    });
  };
  const othersWaiting = async () => {
    await secondAsked;
    if (store.engine === 'postgres') await someoneBlocked(store, () => ended);
  };
  return { ctx: { ...ctx, store: replacing(store, 'tx', tx) }, inside, othersWaiting, release };
}

/**
 * `first` and `second` overlapping as holdingFirstWrite arranges it: `first`'s write transaction waits
 * before COMMIT until `second` has come as far as it can. `first`'s value (it must succeed) and how
 * `second` settled.
 */
export async function overlapping<C extends { store?: Store }, A, B>(ctx: C, first: (c: C) => Promise<A>, second: (c: C) => Promise<B>): Promise<[A, PromiseSettledResult<B>]> {
  const held = holdingFirstWrite(ctx);
  const a = first(held.ctx);
  await held.inside;
  const b = second(held.ctx).then((value): PromiseSettledResult<B> => ({ status: 'fulfilled', value }), (reason: unknown): PromiseSettledResult<B> => ({ status: 'rejected', reason }));
  await held.othersWaiting();
  held.release();
  return [await a, await b];
}

/** How the second of two overlapping operations settled: 'done', or its refusal as `CODE: message` (a SigapError), or what it threw. */
export function outcome(r: PromiseSettledResult<unknown>): unknown {
  if (r.status === 'fulfilled') return 'done';
  return r.reason instanceof SigapError ? `${r.reason.code}: ${r.reason.message}` : r.reason;
}
