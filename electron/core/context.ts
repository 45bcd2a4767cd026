import type { Db } from './db/open';
import type { Store } from './store/store';
import { maskId } from '../../shared/nik';
import { officeDate } from './settings/zone';
import { SigapError } from '../../shared/errors';

/** What every core operation needs: the database, who acts, and the clock. Nothing from Electron. */
export interface CoreContext {
  /** The SQLite handle, when the store is the embedded file (backups, restore); absent on PostgreSQL. */
  db?: Db;
  /** The store seam (store/store.ts); absent, `storeOf(ctx)` adapts `db`. Areas move to it one by one. */
  store?: Store;
  actor: string;
  clock: () => Date;
  /**
   * Whether the caller may see NIK and KPJ in full. The session gate sets it with `actor` for every
   * bridge call (and to false as soon as a gate exists, until someone who may is signed in); a context
   * without a gate (the CLI, run by the machine's owner) leaves it unset, which means yes.
   */
  seesIdentity?: boolean;
}

/**
 * How this caller gets a NIK or KPJ in a document it writes (a PDF, an Excel file, a preview):
 * in full, or as `1804********0001`. Read once when the document is built.
 */
export function identityFor(ctx: CoreContext): <T extends string | null | undefined>(id: T) => T {
  if (ctx.seesIdentity !== false) return (id) => id;
  return (id) => (typeof id === 'string' && id !== '' ? maskId(id) : id) as typeof id;
}

export function nowIso(ctx: CoreContext): string {
  return ctx.clock().toISOString();
}

/** Today's date on the Pemda's wall clock (WIB, WITA or WIT: Pengaturan › Profil Pemda). */
export async function todayIso(ctx: CoreContext): Promise<string> {
  return officeDate(ctx, ctx.clock());
}

/**
 * The SQLite handle of a context on the embedded file: what a file backup copies and a restore swaps.
 * On PostgreSQL there is none (its backups go through pg_dump): a clear message, not a crash.
 */
export function sqliteOf(ctx: Pick<CoreContext, 'db'>): Db {
  if (!ctx.db) throw new SigapError('INVALID_INPUT', 'Perintah ini hanya untuk basis data berkas (SQLite); basis data PostgreSQL dicadangkan dan dipulihkan dengan pg_dump/pg_restore.');
  return ctx.db;
}
