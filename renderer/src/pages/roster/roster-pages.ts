import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, RosterRowDto } from '../../../../shared/contract/index';
import { asBridgeError, type Bridge, type BridgeError } from '../../bridge';

export const PAGE_SIZE = 200;
/** Pages kept in memory; scrolling far away drops the farthest ones (they are fetched again if needed). */
export const KEEP_PAGES = 40;

type Filter = Omit<Input<'roster.list'>, 'offset' | 'limit'>;

export interface RosterPages {
  /** Null until the first page of the current filter has answered. */
  total: number | null;
  error: BridgeError | null;
  row(index: number): RosterRowDto | undefined;
  /** Asks for the pages that hold rows `first` to `last` (what the table is about to show). */
  ensure(first: number, last: number): void;
}

interface Loaded {
  key: string;
  total: number | null;
  pages: Map<number, RosterRowDto[]>;
  error: BridgeError | null;
}

/**
 * The roster as pages fetched on demand. A new filter starts over; an answer for an old filter is
 * dropped, so fast typing never shows stale rows.
 */
export function useRosterPages(bridge: Bridge, filter: Filter): RosterPages {
  // The key is the filter itself: a new object with the same content is the same list.
  const key = JSON.stringify(filter);
  const [loaded, setLoaded] = useState<Loaded>({ key, total: null, pages: new Map(), error: null });
  const live = useRef<{ key: string; filter: Filter; requested: Set<number> } | null>(null);

  const fetchPage = useCallback(
    (page: number) => {
      const cur = live.current;
      if (!cur || cur.requested.has(page)) return;
      cur.requested.add(page);
      bridge.call('roster.list', { ...cur.filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (res) => {
          if (live.current !== cur) return;
          setLoaded((s) => {
            const { pages, dropped } = withPage(s.key === cur.key ? s.pages : new Map(), page, res.rows);
            for (const p of dropped) cur.requested.delete(p); // idempotent, so a repeated updater is harmless
            return { key: cur.key, total: res.total, error: null, pages };
          });
        },
        (e: unknown) => {
          if (live.current !== cur) return;
          cur.requested.delete(page);
          setLoaded((s) => ({ ...s, key: cur.key, error: asBridgeError(e) }));
        },
      );
    },
    [bridge],
  );

  useEffect(() => {
    live.current = { key, filter: JSON.parse(key) as Filter, requested: new Set() };
    fetchPage(0);
  }, [key, fetchPage]);

  const ensure = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) fetchPage(p);
    },
    [fetchPage],
  );
  // Until the first page of a new filter answers, the old filter's rows must not show.
  const current = loaded.key === key ? loaded : { total: null, pages: new Map<number, RosterRowDto[]>(), error: null };
  return {
    total: current.total,
    error: current.error,
    row: (i) => current.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE],
    ensure,
  };
}

/** Adds a page and forgets the ones farthest from it beyond KEEP_PAGES. */
export function withPage(pages: Map<number, RosterRowDto[]>, page: number, rows: RosterRowDto[]): { pages: Map<number, RosterRowDto[]>; dropped: number[] } {
  const next = new Map(pages).set(page, rows);
  if (next.size <= KEEP_PAGES) return { pages: next, dropped: [] };
  const dropped = [...next.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page)).slice(0, next.size - KEEP_PAGES);
  for (const p of dropped) next.delete(p);
  return { pages: next, dropped };
}
