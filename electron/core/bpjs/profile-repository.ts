/**
 * The clerk's layout profiles (bpjs_profile) and the branch templates they fill (bpjs_template,
 * append-only, the file's bytes as a blob).
 */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import { dialect } from '../store/dialect';
import type { ReportKind } from '../../../shared/sipp-layouts';

export interface ProfileRow {
  id: number; name: string; kind: ReportKind; sheet_name: string; columns_json: string; source_file: string | null; source_sha256: string | null;
  created_at: string; updated_at: string; rows_per_file: number | null;
  /** The file name of the template it fills (migration 0190), or null. */
  template_file: string | null;
}

export interface ProfileWrite {
  name: string; kind: ReportKind; sheetName: string; columnsJson: string; sourceFile: string | null; sourceSha256: string | null; rowsPerFile: number | null; now: string;
}

export interface TemplateKey {
  sha256: string; fileName: string; sheetName: string; headerRow: number; headersJson: string;
}

export interface TemplateRow {
  id: number; sha256: string; file_name: string; sheet_name: string; header_row: number; headers_json: string; bytes: Uint8Array;
}

const WITH_TEMPLATE = sql`SELECT p.id, p.name, p.kind, p.sheet_name, p.columns_json, p.source_file, p.source_sha256, p.created_at, p.updated_at,
  p.rows_per_file, t.file_name AS template_file FROM bpjs_profile p LEFT JOIN bpjs_template t ON t.id = p.template_id`;

export const profileRepo = {
  /** By kind and name (case-blind; names are unique ignoring case). */
  list(q: Queries): Promise<ProfileRow[]> {
    return q.all<ProfileRow>(sql`${WITH_TEMPLATE} ORDER BY p.kind, ${dialect(q).nocase(sql`p.name`)}, p.id`);
  },
  // The name column is NOCASE on SQLite and citext on PostgreSQL: = finds it in any case on both.
  /** By name, as the clerk typed it in any case. */
  byName(q: Queries, name: string): Promise<ProfileRow | undefined> {
    return q.one<ProfileRow>(sql`${WITH_TEMPLATE} WHERE p.name = ${name}`);
  },
  /**
   * Inside a write transaction, before an edit reads the profile it rewrites whole: on PostgreSQL a
   * second edit of the same profile waits here until the first commits, then reads its result (SQLite's
   * write transaction already holds the only write lock). No row (a built-in or unknown name): no lock.
   */
  async lockByName(q: Queries, name: string): Promise<void> {
    if (q.engine === 'postgres') await q.all(sql`SELECT id FROM bpjs_profile WHERE name = ${name} FOR UPDATE`);
  },
  async update(q: Queries, id: number, p: ProfileWrite): Promise<void> {
    await q.run(sql`UPDATE bpjs_profile SET kind = ${p.kind}, sheet_name = ${p.sheetName}, columns_json = ${p.columnsJson}, source_file = ${p.sourceFile},
      rows_per_file = ${p.rowsPerFile}, source_sha256 = coalesce(${p.sourceSha256}, source_sha256), updated_at = ${p.now} WHERE id = ${id}`);
  },
  async insert(q: Queries, p: ProfileWrite, actor: string): Promise<number> {
    const r = await q.run(sql`INSERT INTO bpjs_profile (name, kind, sheet_name, columns_json, source_file, source_sha256, rows_per_file, created_at, created_by, updated_at)
      VALUES (${p.name}, ${p.kind}, ${p.sheetName}, ${p.columnsJson}, ${p.sourceFile}, ${p.sourceSha256}, ${p.rowsPerFile}, ${p.now}, ${actor}, ${p.now}) RETURNING id`);
    return r.newId!;
  },
  async remove(q: Queries, id: number): Promise<void> {
    await q.run(sql`DELETE FROM bpjs_profile WHERE id = ${id}`);
  },
  async templateId(q: Queries, profileId: number): Promise<number | null> {
    return (await q.one<{ templateId: number | null }>(sql`SELECT template_id AS "templateId" FROM bpjs_profile WHERE id = ${profileId}`))?.templateId ?? null;
  },
  async setTemplate(q: Queries, profileId: number, templateId: number | null): Promise<void> {
    await q.run(sql`UPDATE bpjs_profile SET template_id = ${templateId} WHERE id = ${profileId}`);
  },
};

export const templateRepo = {
  async find(q: Queries, k: TemplateKey): Promise<number | undefined> {
    return (await q.one<{ id: number }>(sql`SELECT id FROM bpjs_template WHERE sha256 = ${k.sha256} AND file_name = ${k.fileName}
      AND sheet_name = ${k.sheetName} AND header_row = ${k.headerRow} AND headers_json = ${k.headersJson}`))?.id;
  },
  /**
   * Adds the template unless a row of the same key is there; its id, or null when one was. On
   * PostgreSQL a save racing another of the same file waits for the other's row to commit, then adds
   * nothing (instead of failing on the unique key); the caller then finds that row.
   */
  async insertIfNew(q: Queries, k: TemplateKey, bytes: Uint8Array, now: string, actor: string): Promise<number | null> {
    const r = await q.run(sql`INSERT INTO bpjs_template (sha256, file_name, sheet_name, header_row, headers_json, bytes, created_at, created_by)
      VALUES (${k.sha256}, ${k.fileName}, ${k.sheetName}, ${k.headerRow}, ${k.headersJson}, ${bytes}, ${now}, ${actor})
      ON CONFLICT (sha256, file_name, sheet_name, header_row, headers_json) DO NOTHING RETURNING id`);
    return r.changes === 1 ? r.newId! : null;
  },
  get(q: Queries, id: number): Promise<TemplateRow | undefined> {
    return q.one<TemplateRow>(sql`SELECT id, sha256, file_name, sheet_name, header_row, headers_json, bytes FROM bpjs_template WHERE id = ${id}`);
  },
  /** Template file names by profile id. */
  namesByProfile(q: Queries): Promise<{ id: number; name: string }[]> {
    return q.all<{ id: number; name: string }>(sql`SELECT p.id, t.file_name AS name FROM bpjs_profile p JOIN bpjs_template t ON t.id = p.template_id`);
  },
};
