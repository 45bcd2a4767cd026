import type { Migration } from './types';

/** The Pemda logo for letterheads, a key-value table for small settings, and KPJ search. */
export const m0040: Migration = {
  version: 40,
  name: 'settings',
  up(db) {
    db.exec(`
      ALTER TABLE employer ADD COLUMN logo TEXT;
      CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX person_kpj ON person (kpj);
    `);
  },
};
