/**
 * The Pemda's time zone (WIB, WITA or WIT), kept in the `setting` table under `region.zone`; WIB when
 * unset, which is what Sigap assumed before the setting existed.
 */
import type { Db } from '../db/open';
import type { Store } from '../store/store';
import { storeOf } from '../store/of-context';
import { isZone, zoneDate, type OfficeZone } from '../../../shared/zone';
import { settingValue } from './setting-repository';

export const ZONE_KEY = 'region.zone';

/** Reads the setting each time (the Store caches the statement): another process may have changed it. */
export async function officeZone(ctx: { db?: Db; store?: Store }): Promise<OfficeZone> {
  const v = await settingValue(storeOf(ctx), ZONE_KEY);
  return isZone(v) ? v : 'WIB';
}

/** The office's calendar date of an instant. */
export async function officeDate(ctx: { db?: Db; store?: Store }, at: Date | string): Promise<string> {
  return zoneDate(at, await officeZone(ctx));
}
