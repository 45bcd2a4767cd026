/** The office time zone's SQL: one row of the `setting` table (settings/zone.ts decides what it means). */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';

/** The stored value under `key`, or undefined when the key is unset. */
export async function zoneSettingValue(q: Queries, key: string): Promise<string | undefined> {
  return (await q.one<{ value: string }>(sql`SELECT value FROM setting WHERE key = ${key}`))?.value;
}
