import { ROSTER_EXPORT_COLUMNS } from '../../../../shared/contract/roster';
import { DEFAULT_ROSTER_COLUMNS, type RosterColumn } from '../../../../shared/roster-export-columns';

/** The columns a user chose for Pegawai › Unduh Excel, kept in this computer's browser storage per user. */
const key = (username: string) => `sigap.unduhPegawai.kolom.${username}`;

/** The remembered choice, or the default; anything unknown (an older version's column) is dropped. */
export function rememberedColumns(username: string, storage: Pick<Storage, 'getItem'> = localStorage): RosterColumn[] {
  try {
    const raw = JSON.parse(storage.getItem(key(username)) ?? 'null') as unknown;
    if (Array.isArray(raw)) {
      const known = raw.filter((c): c is RosterColumn => (ROSTER_EXPORT_COLUMNS as readonly string[]).includes(c as string));
      const unique = [...new Set(known)];
      if (unique.length > 0) return unique;
    }
  } catch {
    // A damaged entry is the same as none.
  }
  return [...DEFAULT_ROSTER_COLUMNS];
}

export function rememberColumns(username: string, columns: readonly RosterColumn[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(key(username), JSON.stringify(columns));
  } catch {
    // Storage full or refused: the choice is simply not remembered.
  }
}

/** Moves one column up (-1) or down (+1) in the order. */
export function moveColumn(order: readonly RosterColumn[], column: RosterColumn, by: -1 | 1): RosterColumn[] {
  const i = order.indexOf(column);
  const j = i + by;
  if (i < 0 || j < 0 || j >= order.length) return [...order];
  const next = [...order];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}
