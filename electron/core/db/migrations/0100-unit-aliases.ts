import type { Migration } from './types';

/**
 * Names clerks write for a unit that are not its name ("DINKES" for Dinas Kesehatan), remembered when
 * the clerk confirms a proposal in the SK import and editable in Pengaturan. `alias_key` is the name
 * normalised like `opd.name_key` (upper case, punctuation as spaces), so "Dinkes." and "DINKES" are one
 * alias. Deleting a unit forgets its aliases.
 */
export const m0100: Migration = {
  version: 100,
  name: 'unit-aliases',
  up(db) {
    db.exec(`
      CREATE TABLE unit_alias (
        id INTEGER PRIMARY KEY,
        alias_key TEXT NOT NULL UNIQUE,
        alias TEXT NOT NULL,
        opd_id INTEGER NOT NULL REFERENCES opd(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX unit_alias_opd ON unit_alias (opd_id);
    `);
  },
};
