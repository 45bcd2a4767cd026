import type { Migration } from './types';

/**
 * One Pemda can hold several BPJS employer registrations (NPP): the Pemda itself (kept in `employer`),
 * and e.g. the RSUD as a BLUD or the village governments, each with its own JKK risk class. A unit or a
 * category may belong to one of these other registrations; NULL means the Pemda's own NPP. Which one a
 * person is billed and reported under: the unit's registration if it has one, else the category's, else
 * the Pemda's (see core/settings/registrations.ts).
 */
export const m0130: Migration = {
  version: 130,
  name: 'employer-registrations',
  up(db) {
    db.exec(`
      CREATE TABLE employer_registration (
        id INTEGER PRIMARY KEY,
        npp TEXT NOT NULL UNIQUE CHECK (length(trim(npp)) BETWEEN 1 AND 20),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        jkk_class INTEGER NOT NULL DEFAULT 1 CHECK (jkk_class BETWEEN 1 AND 5),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
      ALTER TABLE opd ADD COLUMN registration_id INTEGER REFERENCES employer_registration(id);
      ALTER TABLE category ADD COLUMN registration_id INTEGER REFERENCES employer_registration(id);
    `);
  },
};
