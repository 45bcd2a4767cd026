import { useCallback, useMemo, useState } from 'react';
import type { BulkSelectionDto } from '../../../../shared/contract/roster-bulk-calls';
import type { Input } from '../../../../shared/contract/index';

type Filter = Omit<Input<'roster.list'>, 'offset' | 'limit'>;

/**
 * Ticked people: one by one (ids, kept while the clerk searches for the next name), or "all shown"
 * (the current filter, less those unticked afterwards), which travels to the core as the filter itself.
 */
type State = { all: false; ids: ReadonlySet<number> } | { all: true; filterKey: string; except: ReadonlySet<number> };

export interface RosterSelection {
  count: number;
  /** The whole filtered list is selected (less the unticked). */
  all: boolean;
  isSelected(personId: number): boolean;
  toggle(personId: number): void;
  selectAllShown(): void;
  clear(): void;
  /** What the bulk-edit preview is sent. */
  dto(): BulkSelectionDto;
}

const NONE: State = { all: false, ids: new Set() };

export function useRosterSelection(filter: Filter, total: number | null): RosterSelection {
  const filterKey = JSON.stringify(filter);
  const [state, setState] = useState<State>(NONE);

  // "All shown" means the list under the filter it was chosen with: under another filter it counts as
  // nothing selected (ticked ids, by contrast, stay while the clerk searches for the next name).
  const toggle = useCallback(
    (personId: number) => {
      setState((s) => {
        const base: State = s.all && s.filterKey !== filterKey ? NONE : s;
        const set = new Set(base.all ? base.except : base.ids);
        if (set.has(personId)) set.delete(personId);
        else set.add(personId);
        return base.all ? { ...base, except: set } : { all: false, ids: set };
      });
    },
    [filterKey],
  );
  const selectAllShown = useCallback(() => setState({ all: true, filterKey, except: new Set() }), [filterKey]);
  const clear = useCallback(() => setState(NONE), []);

  return useMemo(() => {
    const all = state.all && state.filterKey === filterKey;
    const count = all ? Math.max(0, (total ?? 0) - (state as { except: ReadonlySet<number> }).except.size) : state.all ? 0 : state.ids.size;
    return {
      count,
      all,
      isSelected: (id) => (state.all ? all && !state.except.has(id) : state.ids.has(id)),
      toggle,
      selectAllShown,
      clear,
      dto: () =>
        state.all
          ? { kind: 'filter', filter: JSON.parse(filterKey) as Filter, ...(state.except.size ? { except: [...state.except] } : {}) }
          : { kind: 'ids', personIds: [...state.ids] },
    };
  }, [state, filterKey, total, toggle, selectAllShown, clear]);
}
