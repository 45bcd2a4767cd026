import type { Migration } from './types';

/**
 * PostgreSQL only (db/pg/migrate.ts, entry 260; db/pg/migration-0260.ts): the roster list's change
 * token counts the transactions that changed what a roster list shows or how it orders, instead of
 * changing with every write on the server. SQLite keeps its token (this connection's changes and
 * other processes' commits, roster/roster-repository.ts): one PC, few writers. The version is shared
 * so both engines carry the same schema version; this one changes nothing in a SQLite file.
 */
export const m0260: Migration = {
  version: 260,
  name: 'roster-change-token',
  up() {},
};
