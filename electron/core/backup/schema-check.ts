import { MIGRATIONS } from '../db/migrations/index';
import type { Queries } from '../store/store';
import { migratedSchemaRows, schemaRows, type SchemaRow } from './backup-file-repository';

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

function objects(rows: SchemaRow[]): Map<string, SchemaObject> {
  return new Map(rows.map((r) => [`${r.type}:${r.name}`, { type: r.type, name: r.name, sql: normalise(r.sql) }]));
}

const expectedCache = new Map<number, Map<string, SchemaObject>>();

/** The schema a new database gets when migrated to `version` with the app's migrations; null for a version no migration ends at. */
export async function expectedSchema(version: number): Promise<Map<string, SchemaObject> | null> {
  const cached = expectedCache.get(version);
  if (cached) return cached;
  const upTo = MIGRATIONS.findIndex((m) => m.version === version);
  if (upTo < 0) return null;
  const schema = objects(await migratedSchemaRows(upTo));
  expectedCache.set(version, schema);
  return schema;
}

const WORD: Record<string, string> = { table: 'tabel', index: 'indeks', trigger: 'pemicu', view: 'tampilan' };

/**
 * What differs between the schema of the database `q` reads (at `version`) and Sigap's own, in Indonesian, one phrase
 * per object ("pemicu \"audit_log_no_update\" hilang"). Empty when they match.
 */
export async function schemaDifferences(q: Queries, version: number): Promise<string[]> {
  const want = await expectedSchema(version);
  if (!want) return [`versi skema ${version} tidak dikenal`];
  const have = objects(await schemaRows(q));
  const out: string[] = [];
  for (const [key, o] of want) {
    const h = have.get(key);
    if (!h) out.push(`${WORD[o.type]} "${o.name}" hilang`);
    else if (h.sql !== o.sql) out.push(`${WORD[o.type]} "${o.name}" diubah`);
  }
  for (const [key, o] of have) if (!want.has(key)) out.push(`${WORD[o.type]} "${o.name}" tidak dikenal`);
  return out;
}
