import type { Db } from './db/open';

/** What every core operation needs: the database, who acts, and the clock. Nothing from Electron. */
export interface CoreContext {
  db: Db;
  actor: string;
  clock: () => Date;
}

export function nowIso(ctx: CoreContext): string {
  return ctx.clock().toISOString();
}

/** Today's date in Indonesia's western time zone (WIB, UTC+7), where the offices are. */
export function todayIso(ctx: CoreContext): string {
  return new Date(ctx.clock().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
