import { createHash } from 'node:crypto';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import type { TemplateInfo } from './template-fill';
import { storeOf } from '../store/of-context';
import { profileRepo, templateRepo, type TemplateRow } from './profile-repository';

/** A branch template kept in the database (bpjs_template, append-only): the bytes a profile fills. */
export interface StoredTemplate extends TemplateInfo {
  id: number;
  sha256: string;
  bytes: Buffer;
}

const fromRow = (r: TemplateRow): StoredTemplate => ({
  id: r.id, sha256: r.sha256, fileName: r.file_name, sheetName: r.sheet_name, headerRow: r.header_row,
  headers: JSON.parse(r.headers_json) as string[], bytes: Buffer.isBuffer(r.bytes) ? r.bytes : Buffer.from(r.bytes),
});

/** Keeps a template's bytes (once per content, name, sheet and header row) and returns its id. */
export async function storeTemplate(ctx: CoreContext, bytes: Buffer, info: TemplateInfo): Promise<number> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = { sha256, fileName: info.fileName, sheetName: info.sheetName, headerRow: info.headerRow, headersJson: JSON.stringify(info.headers) };
  // Two saves of the same file keep one row: on PostgreSQL both may find none, and the second's insert
  // then waits for the first's row and adds nothing; it finds that row once the first commits.
  return storeOf(ctx).tx('write', async (q) => (await templateRepo.find(q, key)) ?? (await templateRepo.insertIfNew(q, key, bytes, nowIso(ctx), ctx.actor)) ?? (await templateRepo.find(q, key))!);
}

export async function getTemplate(ctx: CoreContext, id: number): Promise<StoredTemplate | null> {
  const r = await templateRepo.get(storeOf(ctx), id);
  return r ? fromRow(r) : null;
}

/** The template a clerk's profile fills (by the profile's id), or null: Sigap writes its own workbook. */
export async function profileTemplateId(ctx: CoreContext, profileId: number | null): Promise<number | null> {
  if (profileId === null) return null;
  return profileRepo.templateId(storeOf(ctx), profileId);
}

/** Points a profile at a template (or at none: null), e.g. after it was made again from another file. */
export async function setProfileTemplate(ctx: CoreContext, profileId: number, templateId: number | null): Promise<void> {
  await profileRepo.setTemplate(storeOf(ctx), profileId, templateId);
}

/** Template file names by profile id, for the profile list ("dibuat dari templat kantor cabang: ..."). */
export async function templateNamesByProfile(ctx: CoreContext): Promise<Map<number, string>> {
  const rows = await templateRepo.namesByProfile(storeOf(ctx));
  return new Map(rows.map((r) => [r.id, r.name]));
}
