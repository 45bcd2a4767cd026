import type { Migration } from './types';

/**
 * Wrong passwords per name typed at sign-in (issue 17). Keyed by the name as typed, not by account, so
 * a name without an account is throttled exactly like one with an account and the answer never tells
 * which names exist. A lock is timed (`locked_until`), never permanent; `app_user.failed_logins`, the
 * old permanent lock after ten failures, is no longer read: its counts are carried over here, unlocked.
 */
export const m0080: Migration = {
  version: 80,
  name: 'login-throttle',
  up(db) {
    db.exec(`
      CREATE TABLE login_throttle (
        username TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(username) <= 64),
        failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
        locked_until TEXT,
        last_failure_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO login_throttle (username, failures, locked_until, last_failure_at)
        SELECT username, failed_logins, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM app_user WHERE failed_logins > 0;
      UPDATE app_user SET failed_logins = 0 WHERE failed_logins <> 0;
    `);
  },
};
