import type { Migration } from './types';

const KINDS = "('new', 'na', 'wage', 'bpu')";

/**
 * Reporting to the BPJS branch office: column profiles for the upload templates, batches of generated
 * files with what each row said, and the participant lists imported back from the branch.
 *
 * A batch keeps the exact cell texts it wrote and a snapshot of its profile, so it can be written again
 * byte for byte after the roster or the profile changed. Its rows and files are append-only (triggers);
 * only its status may change, from submitted to cancelled.
 */
export const m0030: Migration = {
  version: 30,
  name: 'bpjs',
  up(db) {
    db.exec(`
      CREATE TABLE bpjs_profile (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
        sheet_name TEXT NOT NULL CHECK (length(sheet_name) BETWEEN 1 AND 31),
        columns_json TEXT NOT NULL CHECK (json_valid(columns_json)),
        source_file TEXT,
        source_sha256 TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE bpjs_batch (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
        status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'cancelled')),
        profile_name TEXT NOT NULL,
        profile_json TEXT NOT NULL CHECK (json_valid(profile_json)),
        npp TEXT NOT NULL,
        as_of TEXT NOT NULL,
        include_incomplete INTEGER NOT NULL CHECK (include_incomplete IN (0, 1)),
        row_count INTEGER NOT NULL CHECK (row_count > 0),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        cancelled_at TEXT,
        cancelled_by TEXT,
        cancel_reason TEXT,
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      ) STRICT;

      CREATE TABLE bpjs_batch_item (
        batch_id INTEGER NOT NULL REFERENCES bpjs_batch(id),
        seq INTEGER NOT NULL,
        change_key TEXT NOT NULL,
        person_id INTEGER NOT NULL REFERENCES person(id),
        engagement_id INTEGER REFERENCES engagement(id),
        file_seq INTEGER NOT NULL,
        cells_json TEXT NOT NULL,
        problems_json TEXT,
        PRIMARY KEY (batch_id, seq)
      ) STRICT;
      CREATE INDEX bpjs_batch_item_key ON bpjs_batch_item (change_key);
      CREATE INDEX bpjs_batch_item_person ON bpjs_batch_item (person_id);

      CREATE TABLE bpjs_batch_file (
        batch_id INTEGER NOT NULL REFERENCES bpjs_batch(id),
        seq INTEGER NOT NULL,
        name TEXT NOT NULL UNIQUE,
        row_count INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        PRIMARY KEY (batch_id, seq)
      ) STRICT;

      CREATE TRIGGER bpjs_batch_frozen BEFORE UPDATE OF id, kind, profile_name, profile_json, npp, as_of, include_incomplete, row_count, created_at, created_by ON bpjs_batch
        BEGIN SELECT RAISE(ABORT, 'bpjs_batch: only the status of a batch may change'); END;
      CREATE TRIGGER bpjs_batch_no_delete BEFORE DELETE ON bpjs_batch
        BEGIN SELECT RAISE(ABORT, 'bpjs_batch is append-only'); END;
      CREATE TRIGGER bpjs_batch_item_no_update BEFORE UPDATE ON bpjs_batch_item
        BEGIN SELECT RAISE(ABORT, 'bpjs_batch_item is append-only'); END;
      CREATE TRIGGER bpjs_batch_item_no_delete BEFORE DELETE ON bpjs_batch_item
        BEGIN SELECT RAISE(ABORT, 'bpjs_batch_item is append-only'); END;
      CREATE TRIGGER bpjs_batch_file_no_update BEFORE UPDATE ON bpjs_batch_file
        BEGIN SELECT RAISE(ABORT, 'bpjs_batch_file is append-only'); END;
      CREATE TRIGGER bpjs_batch_file_no_delete BEFORE DELETE ON bpjs_batch_file
        BEGIN SELECT RAISE(ABORT, 'bpjs_batch_file is append-only'); END;

      CREATE TABLE bpjs_kpj_import (
        id INTEGER PRIMARY KEY,
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        rows INTEGER NOT NULL,
        applied INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
      ) STRICT;

      -- What the branch office says about a person: a participant under the employer's NPP since a date.
      CREATE TABLE bpjs_membership (
        person_id INTEGER PRIMARY KEY REFERENCES person(id),
        kpj TEXT NOT NULL,
        member_since TEXT,
        import_id INTEGER NOT NULL REFERENCES bpjs_kpj_import(id),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
