/**
 * The key/value `setting` table's SQL for the settings kept there by prefix (signing.*, coverage.*,
 * incident.*, forecast.*) and single keys (region.zone). What a key means stays with its area.
 */
import { sql, sqlJoin } from '../store/sql';
import type { Queries } from '../store/store';

export interface SettingRow { key: string; value: string }

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The value stored under `key`, or undefined when the key is unset. */
export async function settingValue(q: Queries, key: string): Promise<string | undefined> {
  return (await q.one<{ value: string }>(sql`SELECT value FROM setting WHERE key = ${key}`))?.value;
}

/** Every row whose key starts with one of the prefixes (e.g. `signing.`). */
export function settingsByPrefix(q: Queries, prefixes: readonly string[]): Promise<SettingRow[]> {
  const any = sqlJoin(prefixes.map((p) => sql`key LIKE ${likePrefix(p)} ESCAPE '\\'`), sql` OR `);
  return q.all<SettingRow>(sql`SELECT key, value FROM setting WHERE ${any}`);
}

/** Sets a key (inserted or replaced), stamped with `at`. */
export async function putSetting(q: Queries, key: string, value: string, at: string): Promise<void> {
  await q.run(sql`INSERT INTO setting (key, value, updated_at) VALUES (${key}, ${value}, ${at})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
}

export async function deleteSetting(q: Queries, key: string): Promise<void> {
  await q.run(sql`DELETE FROM setting WHERE key = ${key}`);
}
