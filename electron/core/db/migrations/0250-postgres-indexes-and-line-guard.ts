import type { Migration } from './types';

/**
 * PostgreSQL only (db/pg/migrate.ts, entry 250): a trigram index for the roster's name search, the
 * engagements by person carrying what the roster list reads of them, and the guard that keeps an issued
 * invoice's lines unchanged checked once per statement instead of once per line (a billing run writes
 * 100,000 lines in one statement). SQLite needs none of it: no index serves a `LIKE '%…%'` and its scan
 * of the names is the fastest it has, and its row triggers cost little (the bench's rows for both). The
 * version is shared with PostgreSQL's, so both engines carry the same schema version; this one changes
 * nothing in a SQLite file.
 */
export const m0250: Migration = {
  version: 250,
  name: 'postgres-indexes-and-line-guard',
  up() {},
};
