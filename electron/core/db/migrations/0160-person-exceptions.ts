import type { Migration } from './types';

/**
 * A person can differ from their category (domain.md §2): another program set (e.g. JKK+JKM only while
 * the category takes all four) and/or another JKK class, for the months from `from_month` to `to_month`
 * (open-ended while NULL), with a reason and its source (an SK number). Ending one sets `to_month`; a
 * row is never deleted, so what an issued invoice was billed under stays explained.
 *
 * `invoice_line.note` keeps, on the line itself, the exception it was billed under: an issued line
 * never changes, so the note must not be looked up later from a table that may change.
 */
export const m0160: Migration = {
  version: 160,
  name: 'person-exceptions',
  up(db) {
    db.exec(`
      CREATE TABLE person_exception (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id),
        from_month TEXT NOT NULL CHECK (from_month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        to_month TEXT CHECK (to_month IS NULL OR (to_month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND to_month >= from_month)),
        -- The person's programs instead of the category's, as the category stores them ('JKK,JKM'); NULL keeps the category's.
        programs TEXT CHECK (programs IS NULL OR length(programs) > 0),
        -- NULL keeps the class the line would get otherwise (category, registration, employer).
        jkk_class INTEGER CHECK (jkk_class BETWEEN 1 AND 5),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        source TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        ended_at TEXT,
        ended_by TEXT,
        CHECK (programs IS NOT NULL OR jkk_class IS NOT NULL)
      ) STRICT;
      CREATE INDEX person_exception_person ON person_exception (person_id, from_month);
      ALTER TABLE invoice_line ADD COLUMN note TEXT;
    `);
  },
};
