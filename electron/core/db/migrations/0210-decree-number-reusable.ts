import type { Migration } from './types';

/**
 * A withdrawn SK ("Batalkan penerapan SK") gives its number back: the clerk corrects the appendix and
 * imports the SK again under the number the Bupati signed. The number stays unique among applied SKs
 * (a partial unique index) instead of among all decrees, the withdrawn record keeps its number.
 *
 * SQLite cannot drop a table constraint, so `decree` is rebuilt. Foreign keys cannot be switched off
 * inside the migration's transaction, and renaming the table would rewrite the engagements', effects'
 * and scans' `REFERENCES decree(id)` to the old name. So the rows are copied aside, the table dropped
 * and made again under its own name with every row and id: with the foreign keys deferred, the
 * references the drop left without a parent have one again by the commit, which checks them all.
 */
export const m0210: Migration = {
  version: 210,
  name: 'decree-number-reusable',
  up(db) {
    db.exec('CREATE TEMP TABLE decree_before_0210 AS SELECT * FROM decree');
    db.pragma('defer_foreign_keys = ON'); // until this transaction commits
    db.exec(`
      DROP TABLE decree;
      CREATE TABLE decree (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL,
        date TEXT,
        subject TEXT,
        tmt_start TEXT NOT NULL,
        tmt_end TEXT,
        signatory TEXT,
        category_id INTEGER NOT NULL REFERENCES category(id),
        mode TEXT NOT NULL DEFAULT 'replace' CHECK (mode IN ('replace', 'amend')),
        source_file TEXT,
        source_sha256 TEXT,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'withdrawn')),
        effects_recorded INTEGER NOT NULL DEFAULT 0 CHECK (effects_recorded IN (0, 1)),
        withdrawn_at TEXT,
        withdrawn_by TEXT,
        withdraw_reason TEXT,
        CHECK (tmt_end IS NULL OR tmt_end >= tmt_start)
      ) STRICT;
      INSERT INTO decree (id, number, date, subject, tmt_start, tmt_end, signatory, category_id, mode, source_file, source_sha256,
                          imported_at, imported_by, status, effects_recorded, withdrawn_at, withdrawn_by, withdraw_reason)
        SELECT id, number, date, subject, tmt_start, tmt_end, signatory, category_id, mode, source_file, source_sha256,
               imported_at, imported_by, status, effects_recorded, withdrawn_at, withdrawn_by, withdraw_reason FROM temp.decree_before_0210;
      DROP TABLE temp.decree_before_0210;
      CREATE UNIQUE INDEX decree_number_applied ON decree (number) WHERE status = 'applied';
      CREATE INDEX decree_number ON decree (number);
    `);
  },
};
