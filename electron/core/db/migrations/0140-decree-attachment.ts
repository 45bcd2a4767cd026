import type { Migration } from './types';

/** 20 MiB: a scanned SK of a few dozen pages at office-scanner resolution fits; a whole archive does not. */
export const DECREE_SCAN_MAX_BYTES = 20 * 1024 * 1024;

/**
 * The signed decree's scan (PDF, JPEG or PNG), kept in the database itself so backups carry it. One per
 * decree: attaching again replaces it (the audit trail keeps the old file's name and SHA-256). The
 * bytes are checked by content in the core (decree/scan-check.ts); the size and hash are checked here
 * too, so a row can never claim a size its bytes do not have.
 */
export const m0140: Migration = {
  version: 140,
  name: 'decree-attachment',
  up(db) {
    db.exec(`
      CREATE TABLE decree_attachment (
        decree_id INTEGER PRIMARY KEY REFERENCES decree(id),
        media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        bytes BLOB NOT NULL,
        size INTEGER NOT NULL CHECK (size > 0 AND size <= ${DECREE_SCAN_MAX_BYTES} AND size = length(bytes)),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        original_name TEXT NOT NULL CHECK (length(trim(original_name)) BETWEEN 1 AND 255),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
