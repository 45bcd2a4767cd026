/**
 * The Pemda's time zone (WIB, WITA or WIT), kept in the `setting` table under `region.zone`; WIB when
 * unset, which is what Sigap assumed before the setting existed.
 */
import type { Db } from '../db/open';
import { isZone, zoneDate, type OfficeZone } from '../../../shared/zone';

export const ZONE_KEY = 'region.zone';

const statements = new WeakMap<Db, { get(key: string): unknown }>();

/** Reads the setting each time (one cached statement): another process may have changed it. */
export function officeZone(ctx: { db: Db }): OfficeZone {
  let s = statements.get(ctx.db);
  if (!s) {
    s = ctx.db.prepare('SELECT value FROM setting WHERE key = ?').pluck();
    statements.set(ctx.db, s);
  }
  const v = s.get(ZONE_KEY);
  return isZone(v) ? v : 'WIB';
}

/** The office's calendar date of an instant. */
export function officeDate(ctx: { db: Db }, at: Date | string): string {
  return zoneDate(at, officeZone(ctx));
}
