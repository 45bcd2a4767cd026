import type { Migration } from './types';

/**
 * The incident log: work accidents and deaths of staff, with the date the branch office was told.
 * A death also ends the person's engagements (reason "Meninggal dunia"), which the core does in the
 * same transaction; this table only records the event. Coverage settings live in `setting`.
 */
export const m0060: Migration = {
  version: 60,
  name: 'incidents',
  up(db) {
    db.exec(`
      CREATE TABLE incident (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id),
        engagement_id INTEGER REFERENCES engagement(id),
        kind TEXT NOT NULL CHECK (kind IN ('accident', 'work_death', 'death')),
        date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        place TEXT,
        description TEXT,
        reported_date TEXT CHECK (reported_date IS NULL OR reported_date >= date),
        reported_wage INTEGER NOT NULL DEFAULT 0 CHECK (reported_wage >= 0),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX incident_date ON incident (date);
      CREATE INDEX incident_person ON incident (person_id);
    `);
  },
};
