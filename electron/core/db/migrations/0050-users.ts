import type { Migration } from './types';

/** Local user accounts with roles. Passwords are scrypt hashes; nothing reversible is stored. */
export const m0050: Migration = {
  version: 50,
  name: 'users',
  up(db) {
    db.exec(`
      CREATE TABLE app_user (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 3 AND 40),
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'hr', 'finance', 'viewer')),
        password_hash TEXT NOT NULL,
        must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        failed_logins INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        last_login_at TEXT
      ) STRICT;
    `);
  },
};
