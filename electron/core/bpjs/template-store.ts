import { createHash } from 'node:crypto';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import type { TemplateInfo } from './template-fill';

/** A branch template kept in the database (bpjs_template, append-only): the bytes a profile fills. */
export interface StoredTemplate extends TemplateInfo {
  id: number;
  sha256: string;
  bytes: Buffer;
}

interface TemplateRow {
  id: number; sha256: string; file_name: string; sheet_name: string; header_row: number; headers_json: string; bytes: Buffer;
}

const fromRow = (r: TemplateRow): StoredTemplate => ({
  id: r.id, sha256: r.sha256, fileName: r.file_name, sheetName: r.sheet_name, headerRow: r.header_row,
  headers: JSON.parse(r.headers_json) as string[], bytes: r.bytes,
});

/** Keeps a template's bytes (once per content, name, sheet and header row) and returns its id. */
export function storeTemplate(ctx: CoreContext, bytes: Buffer, info: TemplateInfo): number {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = { sha256, file_name: info.fileName, sheet_name: info.sheetName, header_row: info.headerRow, headers_json: JSON.stringify(info.headers) };
  const found = ctx.db.prepare('SELECT id FROM bpjs_template WHERE sha256 = @sha256 AND file_name = @file_name AND sheet_name = @sheet_name AND header_row = @header_row AND headers_json = @headers_json')
    .pluck().get(key) as number | undefined;
  if (found !== undefined) return found;
  return Number(ctx.db.prepare(`INSERT INTO bpjs_template (sha256, file_name, sheet_name, header_row, headers_json, bytes, created_at, created_by)
    VALUES (@sha256, @file_name, @sheet_name, @header_row, @headers_json, @bytes, @now, @actor)`).run({ ...key, bytes, now: nowIso(ctx), actor: ctx.actor }).lastInsertRowid);
}

export function getTemplate(ctx: CoreContext, id: number): StoredTemplate | null {
  const r = ctx.db.prepare('SELECT * FROM bpjs_template WHERE id = ?').get(id) as TemplateRow | undefined;
  return r ? fromRow(r) : null;
}

/** The template a clerk's profile fills (by the profile's id), or null: Sigap writes its own workbook. */
export function profileTemplateId(ctx: CoreContext, profileId: number | null): number | null {
  if (profileId === null) return null;
  return (ctx.db.prepare('SELECT template_id FROM bpjs_profile WHERE id = ?').pluck().get(profileId) as number | null | undefined) ?? null;
}

/** Points a profile at a template (or at none: null), e.g. after it was made again from another file. */
export function setProfileTemplate(ctx: CoreContext, profileId: number, templateId: number | null): void {
  ctx.db.prepare('UPDATE bpjs_profile SET template_id = ? WHERE id = ?').run(templateId, profileId);
}

/** Template file names by profile id, for the profile list ("dibuat dari templat kantor cabang: ..."). */
export function templateNamesByProfile(ctx: CoreContext): Map<number, string> {
  const rows = ctx.db.prepare('SELECT p.id, t.file_name AS name FROM bpjs_profile p JOIN bpjs_template t ON t.id = p.template_id').all() as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
