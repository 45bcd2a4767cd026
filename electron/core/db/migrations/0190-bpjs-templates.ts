import type { Database } from 'better-sqlite3';
import type { Migration } from './types';

const OLD_KINDS = "CHECK (kind IN ('new', 'na', 'wage', 'bpu'))";
const NEW_KINDS = "CHECK (kind IN ('new', 'na', 'wage', 'bpu', 'continue'))";

interface SavedTable {
  name: string;
  sql: string;
  /** Its indexes and triggers. */
  extras: string[];
}

function saveTable(db: Database, table: string): SavedTable {
  return {
    name: table,
    sql: db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string,
    extras: db.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL").pluck().all(table) as string[],
  };
}

/**
 * Rebuilds a table with its CHECK list of kinds widened, the SQLite way (CREATE new, copy, DROP,
 * RENAME), keeping every column, row, index and trigger it has now. The table's own CREATE statement is
 * read from sqlite_master and edited, so columns other migrations added (e.g. per-NPP columns) survive.
 *
 * Migrations run in a transaction with foreign keys on, where SQLite cannot turn them off, and dropping
 * a parent that still has child rows would count as violations. So the tables that reference this one
 * (bpjs_batch_item and bpjs_batch_file for bpjs_batch) are set aside first: their rows copied to a
 * temporary table, the tables dropped (a drop fires no trigger, so their append-only triggers do not
 * object), and after the parent is rebuilt they are created again from their own statements, filled,
 * and their indexes and triggers restored.
 */
function widenKindCheck(db: Database, table: string): void {
  const parent = saveTable(db, table);
  if (!parent.sql.includes(OLD_KINDS)) throw new Error(`migration 0190: ${table} has no kind CHECK to widen`);
  const childNames = db.prepare(`SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
    WHERE m.type = 'table' AND f."table" = ? AND m.name <> ?`).pluck().all(table, table) as string[];
  const children = childNames.map((c) => saveTable(db, c));
  for (const c of children) db.exec(`CREATE TEMP TABLE ${c.name}_0190 AS SELECT * FROM ${c.name}; DROP TABLE ${c.name};`);
  const tmp = `${table}_0190`;
  db.exec(parent.sql.replace(OLD_KINDS, NEW_KINDS).replace(/^CREATE TABLE\s+"?\w+"?/, `CREATE TABLE ${tmp}`));
  db.exec(`INSERT INTO ${tmp} SELECT * FROM ${table}; DROP TABLE ${table}; ALTER TABLE ${tmp} RENAME TO ${table};`);
  for (const s of parent.extras) db.exec(s);
  for (const c of children) {
    db.exec(c.sql);
    db.exec(`INSERT INTO ${c.name} SELECT * FROM temp.${c.name}_0190; DROP TABLE temp.${c.name}_0190;`);
    for (const s of c.extras) db.exec(s);
  }
}

/**
 * The branch office's own template files and the TK lanjutan upload.
 *
 * - bpjs_template keeps the bytes of a template a profile was made from (the portal refuses a renamed
 *   or rebuilt file, so the data is written into a copy of it). Content-addressed and append-only: a
 *   batch names the template it filled in its profile snapshot and can be regenerated from it after the
 *   profile changed or was deleted.
 * - bpjs_profile.template_id: the template the profile fills (NULL: Sigap writes its own workbook);
 *   bpjs_profile.rows_per_file: the branch's limit of rows per file when below the portal's 10,000.
 * - kind 'continue' (TK lanjutan: people who already hold a KPJ from an earlier employer, registered by
 *   KPJ) in the CHECK lists of bpjs_profile and bpjs_batch, which SQLite can only change by a rebuild.
 */
export const m0190: Migration = {
  version: 190,
  name: 'bpjs-templates',
  up(db) {
    widenKindCheck(db, 'bpjs_profile');
    widenKindCheck(db, 'bpjs_batch');
    db.exec(`
      CREATE TABLE bpjs_template (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        sheet_name TEXT NOT NULL,
        header_row INTEGER NOT NULL CHECK (header_row >= 1),
        headers_json TEXT NOT NULL CHECK (json_valid(headers_json)),
        bytes BLOB NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        UNIQUE (sha256, file_name, sheet_name, header_row, headers_json)
      ) STRICT;
      CREATE TRIGGER bpjs_template_no_update BEFORE UPDATE ON bpjs_template
        BEGIN SELECT RAISE(ABORT, 'bpjs_template is append-only'); END;
      CREATE TRIGGER bpjs_template_no_delete BEFORE DELETE ON bpjs_template
        BEGIN SELECT RAISE(ABORT, 'bpjs_template is append-only'); END;
      ALTER TABLE bpjs_profile ADD COLUMN template_id INTEGER REFERENCES bpjs_template(id);
      ALTER TABLE bpjs_profile ADD COLUMN rows_per_file INTEGER CHECK (rows_per_file IS NULL OR rows_per_file BETWEEN 1 AND 10000);
    `);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`migration 0190: ${broken.length} foreign key violations after the rebuild`);
  },
};
