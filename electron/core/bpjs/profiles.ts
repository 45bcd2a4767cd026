import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import {
  BUILTIN_PROFILES, builtinProfile, headerKey, isFieldId, REPORT_KINDS,
  type LayoutProfile, type ProfileColumn, type ReportKind,
} from '../../../shared/sipp-layouts';

export interface StoredProfile extends LayoutProfile {
  id: number | null;
  sourceFile: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

interface ProfileRow {
  id: number; name: string; kind: ReportKind; sheet_name: string; columns_json: string;
  source_file: string | null; created_at: string; updated_at: string;
}

function fromRow(r: ProfileRow): StoredProfile {
  return {
    id: r.id, name: r.name, kind: r.kind, sheetName: r.sheet_name, columns: JSON.parse(r.columns_json) as ProfileColumn[],
    builtin: false, sourceFile: r.source_file, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const builtinStored = (p: LayoutProfile): StoredProfile => ({ ...p, columns: p.columns.map((c) => ({ ...c })), id: null, sourceFile: null, createdAt: null, updatedAt: null });

/** Built-in profiles first, then the clerk's, by kind and name. */
export function listProfiles(ctx: CoreContext): StoredProfile[] {
  const rows = ctx.db.prepare('SELECT * FROM bpjs_profile ORDER BY kind, name COLLATE NOCASE').all() as ProfileRow[];
  return [...BUILTIN_PROFILES.map(builtinStored), ...rows.map(fromRow)];
}

/** The profile to write a kind with: the named one (which must be of that kind) or the built-in. */
export function resolveProfile(ctx: CoreContext, kind: ReportKind, name?: string): StoredProfile {
  if (name === undefined || name.trim() === '') return builtinStored(builtinProfile(kind));
  const p = getProfile(ctx, name);
  if (p.kind !== kind) {
    throw new SigapError('INVALID_INPUT', `Profil "${p.name}" untuk jenis "${p.kind}", bukan "${kind}". Pilih profil jenis ${kind} (sigap profile list).`);
  }
  return p;
}

export function getProfile(ctx: CoreContext, name: string): StoredProfile {
  const builtin = BUILTIN_PROFILES.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
  if (builtin) return builtinStored(builtin);
  const r = ctx.db.prepare('SELECT * FROM bpjs_profile WHERE name = ?').get(name.trim()) as ProfileRow | undefined;
  if (!r) throw new SigapError('NOT_FOUND', `Profil "${name}" tidak ditemukan. Lihat daftar profil: sigap profile list.`);
  return fromRow(r);
}

/** Excel's own rules for a sheet name. */
function checkSheetName(s: string): void {
  if (s.length < 1 || s.length > 31 || /[[\]:*?/\\]/.test(s) || /^'|'$/.test(s)) {
    throw new SigapError('INVALID_INPUT', `Nama sheet "${s}" tidak sah: 1 sampai 31 karakter, tanpa [ ] : * ? / \\ dan tidak diawali atau diakhiri tanda petik.`);
  }
}

function checkColumns(columns: ProfileColumn[]): void {
  if (columns.length === 0) throw new SigapError('INVALID_INPUT', 'Profil harus memiliki paling sedikit satu kolom.');
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c.header.trim() === '') throw new SigapError('INVALID_INPUT', `Kolom ke-${i + 1} tidak berjudul.`);
    const k = headerKey(c.header) || c.header.trim();
    if (seen.has(k)) throw new SigapError('INVALID_INPUT', `Judul kolom "${c.header}" muncul lebih dari sekali.`);
    seen.add(k);
    if (c.field !== null && !isFieldId(c.field)) throw new SigapError('INVALID_INPUT', `Kolom "${c.header}": isian "${String(c.field)}" tidak dikenal (lihat sigap profile fields).`);
  });
}

export interface ProfileInput {
  name: string;
  kind: ReportKind;
  sheetName: string;
  columns: ProfileColumn[];
  sourceFile?: string | null;
  sourceSha256?: string | null;
}

/** Creates a profile, or replaces the clerk's profile of that name. Built-in profiles are read-only. */
export function saveProfile(ctx: CoreContext, p: ProfileInput): StoredProfile {
  const name = p.name.trim();
  if (name === '' || name.length > 60) throw new SigapError('INVALID_INPUT', 'Nama profil wajib diisi, paling panjang 60 karakter.');
  if (BUILTIN_PROFILES.some((b) => b.name.toLowerCase() === name.toLowerCase())) {
    throw new SigapError('CONFLICT', `"${name}" adalah profil bawaan dan tidak dapat diubah; simpan dengan nama lain.`);
  }
  if (!REPORT_KINDS.includes(p.kind)) throw new SigapError('INVALID_INPUT', `Jenis profil "${p.kind}" tidak dikenal (${REPORT_KINDS.join(', ')}).`);
  checkSheetName(p.sheetName);
  checkColumns(p.columns);
  const columns = p.columns.map((c) => ({ header: c.header.trim(), field: c.field }));
  const now = nowIso(ctx);
  return ctx.db.transaction(() => {
    const before = ctx.db.prepare('SELECT * FROM bpjs_profile WHERE name = ?').get(name) as ProfileRow | undefined;
    const row = { name, kind: p.kind, sheet_name: p.sheetName, columns_json: JSON.stringify(columns), source_file: p.sourceFile ?? before?.source_file ?? null, source_sha256: p.sourceSha256 ?? null, now, actor: ctx.actor };
    let id: number;
    if (before) {
      ctx.db.prepare('UPDATE bpjs_profile SET kind = @kind, sheet_name = @sheet_name, columns_json = @columns_json, source_file = @source_file, source_sha256 = coalesce(@source_sha256, source_sha256), updated_at = @now WHERE id = @id')
        .run({ ...row, id: before.id });
      id = before.id;
    } else {
      id = Number(ctx.db.prepare(`INSERT INTO bpjs_profile (name, kind, sheet_name, columns_json, source_file, source_sha256, created_at, created_by, updated_at)
        VALUES (@name, @kind, @sheet_name, @columns_json, @source_file, @source_sha256, @now, @actor, @now)`).run(row).lastInsertRowid);
    }
    audit(ctx, {
      action: before ? 'update' : 'create', entity: 'bpjs_profile', entityId: id, summary: `Profil templat BPJS ${name} (${p.kind}, sheet ${p.sheetName}, ${columns.length} kolom)`,
      ...(before ? { before: { kind: before.kind, sheetName: before.sheet_name, columns: JSON.parse(before.columns_json) as unknown } } : {}),
      after: { kind: p.kind, sheetName: p.sheetName, columns },
    });
    return getProfile(ctx, name);
  })();
}

export interface ProfileEdit {
  sheetName?: string;
  /** Header -> field (or null to leave it empty). A header not in the profile is added at the end. */
  map?: { header: string; field: string | null }[];
  /** Headers to remove. */
  drop?: string[];
}

/** Edits a clerk's profile: sheet name, which field fills a column, added or removed columns. */
export function editProfile(ctx: CoreContext, name: string, e: ProfileEdit): StoredProfile {
  const p = getProfile(ctx, name);
  if (p.builtin) throw new SigapError('CONFLICT', `"${p.name}" adalah profil bawaan dan tidak dapat diubah; buat profil baru dari templat cabang.`);
  let columns = p.columns.map((c) => ({ ...c }));
  for (const h of e.drop ?? []) {
    const before = columns.length;
    columns = columns.filter((c) => headerKey(c.header) !== headerKey(h));
    if (columns.length === before) throw new SigapError('NOT_FOUND', `Kolom "${h}" tidak ada di profil ${p.name}.`);
  }
  for (const m of e.map ?? []) {
    if (m.field !== null && !isFieldId(m.field)) throw new SigapError('INVALID_INPUT', `Isian "${m.field}" tidak dikenal (lihat sigap profile fields).`);
    const col = columns.find((c) => headerKey(c.header) === headerKey(m.header));
    if (col) col.field = m.field as ProfileColumn['field'];
    else columns.push({ header: m.header.trim(), field: m.field as ProfileColumn['field'] });
  }
  return saveProfile(ctx, { name: p.name, kind: p.kind, sheetName: e.sheetName ?? p.sheetName, columns });
}

export function deleteProfile(ctx: CoreContext, name: string): void {
  const p = getProfile(ctx, name);
  if (p.builtin || p.id === null) throw new SigapError('CONFLICT', `"${p.name}" adalah profil bawaan dan tidak dapat dihapus.`);
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM bpjs_profile WHERE id = ?').run(p.id);
    audit(ctx, { action: 'delete', entity: 'bpjs_profile', entityId: p.id, summary: `Profil templat BPJS ${p.name} dihapus`, before: { kind: p.kind, sheetName: p.sheetName, columns: p.columns } });
  })();
}
