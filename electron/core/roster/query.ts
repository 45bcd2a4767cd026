import type { CoreContext } from '../context';
import type { Queries } from '../store/store';
import { storeOf } from '../store/of-context';
import { firstDay, lastDay } from '../../../shared/dates';
import { rosterList, type RosterFilter, type RosterRow } from './roster-repository';

export type { RosterFilter, RosterRow } from './roster-repository';

/**
 * The ordered id lists and the counts of recent filters, per store. A virtualized table asks for page
 * after page of the same filter; they are then slices of one list. What is kept is valid for one change
 * token (this connection's writes and other processes' commits, such as the CLI's; on PostgreSQL the
 * transactions that changed what a list can show, roster-repository.ts `version`), so a write that can
 * change a list makes fresh lists. Several filters, not one: on a server, other clerks' filters come
 * between a clerk's first page and the next, and each would otherwise recompute the whole order.
 */
interface Kept {
  version: string;
  /** Whole lists by filter and order. */
  byFilter: Map<string, number[]>;
  /** The ids they hold in all. */
  ids: number;
  /** Lengths by filter, whatever the order (a first page's total). */
  counts: Map<string, number>;
}
const lists = new WeakMap<object, Kept>();
/**
 * What is kept per store, the least recently used dropped first: at most this many ids in all (8 bytes
 * each: about 20 MB), so a whole roster's lists (100,000 ids, and the most costly to compute) are not
 * pushed out by the many searches of a few ids each that come between two of them; and at most this
 * many lists, and as many counts.
 */
const KEPT_IDS = 2_500_000;
const KEPT_LISTS = 200;
/**
 * Pages ending within the first this many rows of a longer list not kept are read on their own, in the
 * order's index (roster-repository.ts `page`), with the filter's count (counted first, and kept): a
 * first screen of the whole roster without ordering 100,000 rows. A list of this many rows or fewer is
 * ordered whole and kept (cheap, and its next pages are slices: a page on its own would walk the index
 * past everyone the filter leaves out, again for every page); further down a longer list (a clerk
 * scrolling on), the same. A page read on its own holds the same ids as the whole list's slice under
 * the same token.
 *
 * Not for a search, nor for those who left: a search's matches come from an index of their own (the
 * names' trigrams, a NIK or KPJ range) and those who left are usually few, so ordering them all is
 * cheap, while walking the order's index would pass everyone else first (on 100,000 people: all of A to
 * L before the first "Muha…", 30 ms against 8 on PostgreSQL; every active person on SQLite, 88 ms for a
 * list of none against 5).
 */
const PAGED_UP_TO = 2_000;
const pagedOnItsOwn = (f: RosterFilter, offset: number, limit: number | undefined): limit is number =>
  limit !== undefined && offset + limit <= PAGED_UP_TO && (f.search ?? '').trim() === '' && f.status !== 'ended';

const spanOf = (month: string) => ({ from: firstDay(month), to: lastDay(month) });

/** Most recently used last: the first in the map is the one dropped when full. */
function touch<T>(m: Map<string, T>, key: string, value: T): void {
  m.delete(key);
  m.set(key, value);
}

/** A filter's count kept (the least recently used dropped past KEPT_LISTS). */
function keepCount(kept: Kept, key: string, n: number): void {
  touch(kept.counts, key, n);
  if (kept.counts.size > KEPT_LISTS) kept.counts.delete(kept.counts.keys().next().value!);
}

/** What is kept for this store under the token `q` reads (a fresh set when it changed); null: keep nothing. */
async function keptFor(cacheOwner: object, q: Queries): Promise<Kept | null> {
  const version = await rosterList.version(q);
  if (version === null) return null;
  let kept = lists.get(cacheOwner);
  if (kept?.version !== version) lists.set(cacheOwner, (kept = { version, byFilter: new Map(), ids: 0, counts: new Map() }));
  return kept;
}

/** A filter as the query reads it (the defaults filled in, the texts trimmed), so the same list is kept once. */
const filterKey = (f: RosterFilter, byIdentity: boolean) =>
  JSON.stringify([f.month, f.search?.trim() ?? '', f.opdId, f.opd?.trim() ?? '', f.categoryId, f.hasKpj, f.status ?? 'active', byIdentity]);
const listKey = (f: RosterFilter, byIdentity: boolean) => JSON.stringify([filterKey(f, byIdentity), f.sort ?? 'name', f.desc === true]);

/** The filter's ordered engagement ids, read with `q` (inside the caller's read transaction), kept in `kept`. */
async function orderedIds(q: Queries, kept: Kept | null, f: RosterFilter, byIdentity: boolean): Promise<number[]> {
  const key = listKey(f, byIdentity);
  const hit = kept?.byFilter.get(key);
  if (hit) {
    touch(kept!.byFilter, key, hit);
    return hit;
  }
  const ids = await rosterList.ids(q, f, spanOf(f.month), byIdentity);
  // Never kept: a transaction that has written (its own writes would not change the token).
  if (!kept) return ids;
  // Another call may have made the same list meanwhile: the later one replaces it.
  kept.ids += ids.length - (kept.byFilter.get(key)?.length ?? 0);
  touch(kept.byFilter, key, ids);
  keepCount(kept, filterKey(f, byIdentity), ids.length);
  // Most recently used last: the first in the map is the one dropped (never the list just made).
  while (kept.byFilter.size > 1 && (kept.ids > KEPT_IDS || kept.byFilter.size > KEPT_LISTS)) {
    const [oldest, dropped] = kept.byFilter.entries().next().value!;
    kept.byFilter.delete(oldest);
    kept.ids -= dropped.length;
  }
  return ids;
}

/**
 * One page of the filter and its total: a slice of the whole list when it is kept, short, or not paged
 * on its own (further down than PAGED_UP_TO, a search, those who left); otherwise the page read on its
 * own, and the filter's count (kept).
 */
async function pageOf(q: Queries, kept: Kept | null, f: RosterFilter, byIdentity: boolean, offset: number, limit: number | undefined) {
  const sliced = async () => {
    const ids = await orderedIds(q, kept, f, byIdentity);
    return { total: ids.length, ids: limit === undefined ? ids.slice(offset) : ids.slice(offset, offset + limit) };
  };
  if (!pagedOnItsOwn(f, offset, limit) || kept?.byFilter.has(listKey(f, byIdentity))) return sliced();
  const span = spanOf(f.month);
  const fk = filterKey(f, byIdentity);
  let total = kept?.counts.get(fk);
  if (total === undefined) {
    total = await rosterList.count(q, f, span, byIdentity);
    if (kept) keepCount(kept, fk, total);
  }
  if (total <= PAGED_UP_TO) return sliced();
  return { total, ids: await rosterList.page(q, f, span, byIdentity, offset, limit) };
}

/**
 * The one roster query the CLI, the UI and the benchmark all use. A caller that may not see identity
 * (`ctx.seesIdentity === false`) searches and sorts by name only; its rows are masked by the bridge.
 */
export async function queryRoster(ctx: CoreContext, f: RosterFilter): Promise<{ total: number; rows: RosterRow[] }> {
  const store = storeOf(ctx);
  // One snapshot: the id list and the page's rows agree even while someone writes.
  return store.tx('read', async (q) => {
    const { total, ids } = await pageOf(q, await keptFor(store, q), f, ctx.seesIdentity !== false, f.offset ?? 0, f.limit);
    return { total, rows: await rosterList.rows(q, ids, firstDay(f.month)) };
  });
}

/** The person ids of a filter's whole list, in its order (a bulk edit on "all shown"), without loading the rows. */
export async function rosterPersonIds(ctx: CoreContext, f: RosterFilter): Promise<number[]> {
  const store = storeOf(ctx);
  return store.tx('read', async (q) => rosterList.personIds(q, await orderedIds(q, await keptFor(store, q), f, ctx.seesIdentity !== false)));
}

/**
 * The filter's whole list one row at a time (the export): the ids first, then the rows streamed in their
 * order, with the contact fields when `contact`. The loop consuming it must not query the store.
 */
export async function* streamRoster(ctx: CoreContext, f: Omit<RosterFilter, 'offset' | 'limit'>, contact: boolean) {
  const store = storeOf(ctx);
  const ids = await store.tx('read', async (q) => orderedIds(q, await keptFor(store, q), f, ctx.seesIdentity !== false));
  yield* rosterList.iterate(store, ids, firstDay(f.month), contact);
}
