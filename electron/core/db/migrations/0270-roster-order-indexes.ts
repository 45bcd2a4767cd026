import type { Migration } from './types';

/**
 * Indexes in the roster list's orders, so a first page of a long list is read in its order and
 * stopped at its end instead of ordering every row (roster/roster-repository.ts `page`): the
 * engagements by honor and by start date. A person's name (COLLATE NOCASE, migration 10) and NIK (unique) have theirs already.
 * PostgreSQL's part (db/pg/migrate.ts, entry 270) adds the name's case-blind order too: its name index
 * (text_pattern_ops) serves LIKE, not ORDER BY.
 */
export const m0270: Migration = {
  version: 270,
  name: 'roster-order-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX engagement_honor ON engagement (honor, id);
      CREATE INDEX engagement_start ON engagement (start_date, id);
    `);
  },
};
