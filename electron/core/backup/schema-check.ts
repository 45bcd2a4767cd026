import Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { MIGRATIONS } from '../db/migrations/index';

/**
 * A backup's schema must be exactly the one Sigap's own migrations give at the backup's version:
 * the same tables, indexes, triggers and views, with the same SQL. A backup whose audit or invoice
 * protection triggers were dropped, or with a trigger, table or index of its own, is refused before
 * it can replace the database (afterwards the audit log could be edited, or a planted trigger run).
 */

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

/** Whitespace never changes what a statement means; SQLite keeps it as typed. */
const normalise = (sql: string | null): string => (sql ?? '').replace(/\s+/g, ' ').replace(/\s*([(),;])\s*/g, '$1').trim();

function objects(db: Db): Map<string, SchemaObject> {
  // sqlite_stat* tables come from ANALYZE, not from a migration; they hold statistics, not rules.
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('table', 'index', 'trigger', 'view') AND name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'")
    .all() as { type: string; name: string; sql: string | null }[];
  return new Map(rows.map((r) => [`${r.type}:${r.name}`, { type: r.type, name: r.name, sql: normalise(r.sql) }]));
}

const expectedCache = new Map<number, Map<string, SchemaObject>>();

/** The schema a new database gets when migrated to `version` with the app's migrations; null for a version no migration ends at. */
export function expectedSchema(version: number): Map<string, SchemaObject> | null {
  const cached = expectedCache.get(version);
  if (cached) return cached;
  const upTo = MIGRATIONS.findIndex((m) => m.version === version);
  if (upTo < 0) return null;
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      for (const m of MIGRATIONS.slice(0, upTo + 1)) m.up(db);
    })();
    const schema = objects(db);
    expectedCache.set(version, schema);
    return schema;
  } finally {
    db.close();
  }
}

const WORD: Record<string, string> = { table: 'tabel', index: 'indeks', trigger: 'pemicu', view: 'tampilan' };

/**
 * What differs between the schema of `db` (at `version`) and Sigap's own, in Indonesian, one phrase
 * per object ("pemicu \"audit_log_no_update\" hilang"). Empty when they match.
 */
export function schemaDifferences(db: Db, version: number): string[] {
  const want = expectedSchema(version);
  if (!want) return [`versi skema ${version} tidak dikenal`];
  const have = objects(db);
  const out: string[] = [];
  for (const [key, o] of want) {
    const h = have.get(key);
    if (!h) out.push(`${WORD[o.type]} "${o.name}" hilang`);
    else if (h.sql !== o.sql) out.push(`${WORD[o.type]} "${o.name}" diubah`);
  }
  for (const [key, o] of have) if (!want.has(key)) out.push(`${WORD[o.type]} "${o.name}" tidak dikenal`);
  return out;
}
