import type { CoreContext } from '../context';
import type { Queries } from '../store/store';
import { storeOf } from '../store/of-context';
import { firstDay, lastDay } from '../../../shared/dates';
import { rosterList, type RosterFilter, type RosterRow } from './roster-repository';

export type { RosterFilter, RosterRow } from './roster-repository';

/**
 * The ordered id lists of recent filters, per store. A virtualized table asks for page after page of
 * the same filter; they are then slices of one list. Lists are kept only for one change token (this
 * connection's writes and other processes' commits, such as the CLI's; on PostgreSQL the transactions
 * that changed what a list can show, roster-repository.ts `version`), so a write that can change a
 * list makes fresh lists. Several filters, not one: on a server, other clerks' filters come between a
 * clerk's first page and the next, and each would otherwise recompute the whole order.
 */
const lists = new WeakMap<object, { version: string; byFilter: Map<string, number[]>; ids: number }>();
/**
 * What is kept per store, the least recently used dropped first: at most this many ids in all (8 bytes
 * each: about 20 MB), so a whole roster's lists (100,000 ids, and the most costly to compute) are not
 * pushed out by the many searches of a few ids each that come between two of them; and at most this
 * many lists.
 */
const KEPT_IDS = 2_500_000;
const KEPT_LISTS = 200;

const spanOf = (month: string) => ({ from: firstDay(month), to: lastDay(month) });

/** The filter's ordered engagement ids, read with `q` (inside the caller's read transaction). */
async function orderedIds(cacheOwner: object, q: Queries, f: RosterFilter, byIdentity: boolean): Promise<number[]> {
  const version = await rosterList.version(q);
  const key = JSON.stringify([f.month, f.search ?? '', f.opdId, f.opd, f.categoryId, f.hasKpj, f.status, f.sort, f.desc, byIdentity]);
  let kept = lists.get(cacheOwner);
  const hit = version !== null && kept?.version === version ? kept.byFilter.get(key) : undefined;
  if (hit && kept) {
    // Most recently used last: the first in the map is the one dropped when full.
    kept.byFilter.delete(key);
    kept.byFilter.set(key, hit);
    return hit;
  }
  const ids = await rosterList.ids(q, f, spanOf(f.month), byIdentity);
  // Never kept: a transaction that has written (its own writes would not change the token).
  if (version === null) return ids;
  if (kept?.version !== version) lists.set(cacheOwner, (kept = { version, byFilter: new Map(), ids: 0 }));
  // Another call may have made the same list meanwhile: the later one replaces it.
  kept.ids += ids.length - (kept.byFilter.get(key)?.length ?? 0);
  kept.byFilter.delete(key);
  kept.byFilter.set(key, ids);
  // Most recently used last: the first in the map is the one dropped (never the list just made).
  while (kept.byFilter.size > 1 && (kept.ids > KEPT_IDS || kept.byFilter.size > KEPT_LISTS)) {
    const [oldest, dropped] = kept.byFilter.entries().next().value!;
    kept.byFilter.delete(oldest);
    kept.ids -= dropped.length;
  }
  return ids;
}

/**
 * The one roster query the CLI, the UI and the benchmark all use. A caller that may not see identity
 * (`ctx.seesIdentity === false`) searches and sorts by name only; its rows are masked by the bridge.
 */
export async function queryRoster(ctx: CoreContext, f: RosterFilter): Promise<{ total: number; rows: RosterRow[] }> {
  const store = storeOf(ctx);
  // One snapshot: the id list and the page's rows agree even while someone writes.
  return store.tx('read', async (q) => {
    const ids = await orderedIds(store, q, f, ctx.seesIdentity !== false);
    const offset = f.offset ?? 0;
    const page = f.limit === undefined ? ids.slice(offset) : ids.slice(offset, offset + f.limit);
    return { total: ids.length, rows: await rosterList.rows(q, page, firstDay(f.month)) };
  });
}

/** The person ids of a filter's whole list, in its order (a bulk edit on "all shown"), without loading the rows. */
export async function rosterPersonIds(ctx: CoreContext, f: RosterFilter): Promise<number[]> {
  const store = storeOf(ctx);
  return store.tx('read', async (q) => rosterList.personIds(q, await orderedIds(store, q, f, ctx.seesIdentity !== false)));
}

/**
 * The filter's whole list one row at a time (the export): the ids first, then the rows streamed in their
 * order, with the contact fields when `contact`. The loop consuming it must not query the store.
 */
export async function* streamRoster(ctx: CoreContext, f: Omit<RosterFilter, 'offset' | 'limit'>, contact: boolean) {
  const store = storeOf(ctx);
  const ids = await store.tx('read', (q) => orderedIds(store, q, f, ctx.seesIdentity !== false));
  yield* rosterList.iterate(store, ids, firstDay(f.month), contact);
}
