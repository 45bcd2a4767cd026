/** What a backup and a backup check report, on either engine (create.ts, restore.ts, pg-backup.ts). */

export interface BackupResult {
  path: string;
  bytes: number;
  encrypted: boolean;
}

export interface BackupCheck {
  file: string;
  encrypted: boolean;
  integrity: string;
  schemaVersion: number;
  pemda: string | null;
  counts: { persons: number; engagements: number; decrees: number; opds: number; auditRows: number };
  /** Set on a PostgreSQL dump (pg-backup.ts); a SQLite file's check has none. */
  engine?: 'postgres';
}
