import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { profileTemplateId, setProfileTemplate } from './template-store';
import { markBuiltinRequired } from './required';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { profileRepo, type ProfileRow } from './profile-repository';
import {
  BUILTIN_PROFILES, builtinProfile, headerKey, isFieldId, MAX_ROWS_PER_FILE, REPORT_KINDS,
  type LayoutProfile, type ProfileColumn, type ReportKind,
} from '../../../shared/sipp-layouts';

/**
 * A column of a stored profile: filled from a field, or with a constant text the clerk set (`value`,
 * e.g. STATUS_KAWIN = "T" or a LOKASI_PEKERJAAN code from the branch template's list). A column with a
 * value has no field. Kept in columns_json, so batches snapshot it with the profile.
 */
export interface StoredColumn extends ProfileColumn {
  value?: string;
  /** The portal refuses a row with this column empty: the pre-flight blocks such people (required.ts). */
  required?: boolean;
}

export interface StoredProfile extends LayoutProfile {
  columns: StoredColumn[];
  id: number | null;
  sourceFile: string | null;
  /** The branch template file the batches are written into (bpjs_template), or null: Sigap's own workbook. */
  templateFile: string | null;
  /** Rows per file when the branch takes fewer than the portal's 10,000 (null: 10,000). */
  rowsPerFile: number | null;
  createdAt: string | null;
  updatedAt: string | null;
}

function fromRow(r: ProfileRow): StoredProfile {
  return {
    id: r.id, name: r.name, kind: r.kind, sheetName: r.sheet_name, columns: JSON.parse(r.columns_json) as StoredColumn[],
    builtin: false, sourceFile: r.source_file, templateFile: r.template_file ?? null, rowsPerFile: r.rows_per_file ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const builtinStored = (p: LayoutProfile): StoredProfile => ({ ...p, columns: markBuiltinRequired(p.name, p.columns.map((c): StoredColumn => ({ ...c }))), id: null, sourceFile: null, templateFile: null, rowsPerFile: null, createdAt: null, updatedAt: null });

/** Built-in profiles first, then the clerk's, by kind and name. */
export async function listProfiles(ctx: CoreContext): Promise<StoredProfile[]> {
  const rows = await profileRepo.list(storeOf(ctx));
  return [...BUILTIN_PROFILES.map(builtinStored), ...rows.map(fromRow)];
}

/** The profile to write a kind with: the named one (which must be of that kind) or the built-in. */
export async function resolveProfile(ctx: CoreContext, kind: ReportKind, name?: string): Promise<StoredProfile> {
  if (name === undefined || name.trim() === '') return builtinStored(builtinProfile(kind));
  const p = await getProfile(ctx, name);
  if (p.kind !== kind) {
    throw new SigapError('INVALID_INPUT', `Profil "${p.name}" untuk jenis "${p.kind}", bukan "${kind}". Pilih profil jenis ${kind} (daftarnya di Pelaporan BPJS › Profil templat).`);
  }
  return p;
}

export async function getProfile(ctx: CoreContext, name: string): Promise<StoredProfile> {
  const builtin = BUILTIN_PROFILES.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
  if (builtin) return builtinStored(builtin);
  const r = await profileRepo.byName(storeOf(ctx), name.trim());
  if (!r) throw new SigapError('NOT_FOUND', `Profil "${name}" tidak ditemukan. Lihat daftarnya di Pelaporan BPJS › Profil templat (perintah: sigap profile list).`);
  return fromRow(r);
}

/** Excel's own rules for a sheet name. */
function checkSheetName(s: string): void {
  if (s.length < 1 || s.length > 31 || /[[\]:*?/\\]/.test(s) || /^'|'$/.test(s)) {
    throw new SigapError('INVALID_INPUT', `Nama sheet "${s}" tidak sah: 1 sampai 31 karakter, tanpa [ ] : * ? / \\ dan tidak diawali atau diakhiri tanda petik.`);
  }
}

/** The longest constant a column may carry. */
export const MAX_CONSTANT_LENGTH = 60;

/** Headers whose constant must be one of the portal's codes, by header key. */
const CONSTANT_CODES: Record<string, readonly string[]> = { STATUS_KAWIN: ['Y', 'T'] };

/**
 * A constant for a column, checked and normalised (trimmed; a code column in upper case). Refuses text
 * a spreadsheet could run as a formula, line breaks, and codes the portal does not take.
 */
export function checkConstant(header: string, raw: string): string {
  const v = raw.trim();
  const codes = CONSTANT_CODES[headerKey(header)];
  if (codes) {
    const up = v.toUpperCase();
    if (!codes.includes(up)) throw new SigapError('INVALID_INPUT', `Kolom "${header}": nilai tetap harus ${codes.join(' atau ')} (${headerKey(header) === 'STATUS_KAWIN' ? 'Y = kawin, T = tidak kawin' : 'kode portal'}), bukan "${v}".`);
    return up;
  }
  if (v.length > MAX_CONSTANT_LENGTH) throw new SigapError('INVALID_INPUT', `Kolom "${header}": nilai tetap paling panjang ${MAX_CONSTANT_LENGTH} karakter.`);
  if (/^[=+\-@\t\r]/.test(raw) || /^[=+\-@]/.test(v)) {
    throw new SigapError('INVALID_INPUT', `Kolom "${header}": nilai tetap "${v}" tidak boleh diawali = + - atau @ (dapat dijalankan sebagai rumus oleh Excel).`);
  }
  if ([...v].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) throw new SigapError('INVALID_INPUT', `Kolom "${header}": nilai tetap tidak boleh memuat baris baru atau tab.`);
  return v;
}

function checkColumns(columns: StoredColumn[]): void {
  if (columns.length === 0) throw new SigapError('INVALID_INPUT', 'Profil harus memiliki paling sedikit satu kolom.');
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c.header.trim() === '') throw new SigapError('INVALID_INPUT', `Kolom ke-${i + 1} tidak berjudul.`);
    const k = headerKey(c.header) || c.header.trim();
    if (seen.has(k)) throw new SigapError('INVALID_INPUT', `Judul kolom "${c.header}" muncul lebih dari sekali.`);
    seen.add(k);
    if (c.field !== null && !isFieldId(c.field)) throw new SigapError('INVALID_INPUT', `Kolom "${c.header}": isian "${String(c.field)}" tidak dikenal (lihat sigap profile fields).`);
    if (c.value !== undefined && typeof c.value !== 'string') throw new SigapError('INVALID_INPUT', `Kolom "${c.header}": nilai tetap harus teks.`);
    if (c.required !== undefined && typeof c.required !== 'boolean') throw new SigapError('INVALID_INPUT', `Kolom "${c.header}": tanda wajib harus ya atau tidak.`);
  });
}

/** A column as stored: a constant (normalised) replaces the field; an empty constant is no constant. */
function storedColumn(c: StoredColumn): StoredColumn {
  const header = c.header.trim();
  const required = c.required ? { required: true } : {};
  if (c.value !== undefined && c.value.trim() !== '') return { header, field: null, value: checkConstant(header, c.value), ...required };
  return { header, field: c.field, ...required };
}

export interface ProfileInput {
  name: string;
  kind: ReportKind;
  sheetName: string;
  columns: StoredColumn[];
  sourceFile?: string | null;
  sourceSha256?: string | null;
  /** Rows per file (1 to 10,000), null for the portal's 10,000; undefined keeps what the profile had. */
  rowsPerFile?: number | null;
}

/** Creates a profile, or replaces the clerk's profile of that name. Built-in profiles are read-only. */
export async function saveProfile(ctx: CoreContext, p: ProfileInput): Promise<StoredProfile> {
  return storeOf(ctx).tx('write', (q) => writeProfile(ctx, q, p));
}

/** saveProfile's work, inside the caller's write transaction (an edit reads and saves in one). */
async function writeProfile(ctx: CoreContext, q: Queries, p: ProfileInput): Promise<StoredProfile> {
  const name = p.name.trim();
  if (name === '' || name.length > 60) throw new SigapError('INVALID_INPUT', 'Nama profil wajib diisi, paling panjang 60 karakter.');
  if (BUILTIN_PROFILES.some((b) => b.name.toLowerCase() === name.toLowerCase())) {
    throw new SigapError('CONFLICT', `"${name}" adalah profil bawaan dan tidak dapat diubah; simpan dengan nama lain.`);
  }
  if (!REPORT_KINDS.includes(p.kind)) throw new SigapError('INVALID_INPUT', `Jenis profil "${p.kind}" tidak dikenal (${REPORT_KINDS.join(', ')}).`);
  checkSheetName(p.sheetName);
  checkColumns(p.columns);
  if (p.rowsPerFile !== null && p.rowsPerFile !== undefined && !(Number.isInteger(p.rowsPerFile) && p.rowsPerFile >= 1 && p.rowsPerFile <= MAX_ROWS_PER_FILE)) {
    throw new SigapError('INVALID_INPUT', `Baris per berkas harus bilangan bulat 1 sampai ${MAX_ROWS_PER_FILE.toLocaleString('id-ID')} (batas portal SIPP), bukan ${String(p.rowsPerFile)}.`);
  }
  const columns = p.columns.map(storedColumn);
  const now = nowIso(ctx);
  const before = await profileRepo.byName(q, name);
  const rowsPerFile = p.rowsPerFile === undefined ? (before?.rows_per_file ?? null) : p.rowsPerFile;
  const row = { name, kind: p.kind, sheetName: p.sheetName, columnsJson: JSON.stringify(columns), sourceFile: p.sourceFile ?? before?.source_file ?? null, sourceSha256: p.sourceSha256 ?? null, rowsPerFile, now };
  let id: number;
  if (before) {
    await profileRepo.update(q, before.id, row);
    id = before.id;
  } else {
    id = await profileRepo.insert(q, row, ctx.actor);
  }
  await audit(ctx, {
    action: before ? 'update' : 'create', entity: 'bpjs_profile', entityId: id, summary: `Profil templat BPJS ${name} (${p.kind}, sheet ${p.sheetName}, ${columns.length} kolom)`,
    ...(before ? { before: { kind: before.kind, sheetName: before.sheet_name, columns: JSON.parse(before.columns_json) as unknown } } : {}),
    after: { kind: p.kind, sheetName: p.sheetName, columns, ...(rowsPerFile !== null ? { rowsPerFile } : {}) },
  });
  return getProfile(ctx, name);
}

export interface ProfileEdit {
  sheetName?: string;
  /** Header -> field (or null to leave it empty). A header not in the profile is added at the end. */
  map?: { header: string; field: string | null }[];
  /** Headers to remove. */
  drop?: string[];
  /**
   * Header -> constant text written in every row (replaces the field), or null / '' to clear it.
   * Applied after `map`; a header not in the profile is added at the end. `map` clears a constant.
   */
  set?: { header: string; value: string | null }[];
  /** Rows per file when the branch takes fewer than 10,000 (null: back to 10,000). */
  rowsPerFile?: number | null;
  /** Header -> whether the portal requires the column (the pre-flight blocks a row leaving it empty). */
  require?: { header: string; required: boolean }[];
}

/** Edits a clerk's profile: sheet name, which field fills a column, added or removed columns. */
export async function editProfile(ctx: CoreContext, name: string, e: ProfileEdit): Promise<StoredProfile> {
  // Read, checked and saved in one write transaction: the edit applies to the profile as it is.
  return storeOf(ctx).tx('write', (q) => editStoredProfile(ctx, q, name, e));
}

async function editStoredProfile(ctx: CoreContext, q: Queries, name: string, e: ProfileEdit): Promise<StoredProfile> {
  // The whole column list is written back: two clerks editing different columns at once must each
  // start from the other's edit, not both from the same list (the second would undo the first).
  await profileRepo.lockByName(q, name.trim());
  const p = await getProfile(ctx, name);
  if (p.builtin) throw new SigapError('CONFLICT', `"${p.name}" adalah profil bawaan dan tidak dapat diubah; salin dulu ("Salin profil" di Pelaporan BPJS › Profil templat, atau sigap profile copy) lalu ubah salinannya.`);
  // A profile made from the branch's template writes into a copy of it: its sheet is the template's own.
  if (p.templateFile && e.sheetName !== undefined && e.sheetName.trim() !== p.sheetName) {
    throw new SigapError('CONFLICT', `Profil ${p.name} dibuat dari templat kantor cabang "${p.templateFile}": nama sheet mengikuti templat ("${p.sheetName}") dan tidak dapat diganti.`);
  }
  let columns = p.columns.map((c) => ({ ...c }));
  for (const h of e.drop ?? []) {
    const before = columns.length;
    columns = columns.filter((c) => headerKey(c.header) !== headerKey(h));
    if (columns.length === before) throw new SigapError('NOT_FOUND', `Kolom "${h}" tidak ada di profil ${p.name}.`);
  }
  for (const m of e.map ?? []) {
    if (m.field !== null && !isFieldId(m.field)) throw new SigapError('INVALID_INPUT', `Isian "${m.field}" tidak dikenal (lihat sigap profile fields).`);
    const col = columns.find((c) => headerKey(c.header) === headerKey(m.header));
    if (col) {
      col.field = m.field as ProfileColumn['field'];
      delete col.value;
    } else columns.push({ header: m.header.trim(), field: m.field as ProfileColumn['field'] });
  }
  for (const st of e.set ?? []) {
    const value = (st.value ?? '').trim() === '' ? undefined : checkConstant(st.header.trim(), st.value!);
    const col = columns.find((c) => headerKey(c.header) === headerKey(st.header));
    if (col) {
      if (value === undefined) delete col.value;
      else Object.assign(col, { field: null, value });
    } else if (value !== undefined) columns.push({ header: st.header.trim(), field: null, value });
    else throw new SigapError('NOT_FOUND', `Kolom "${st.header}" tidak ada di profil ${p.name}.`);
  }
  for (const r of e.require ?? []) {
    const col = columns.find((c) => headerKey(c.header) === headerKey(r.header));
    if (!col) throw new SigapError('NOT_FOUND', `Kolom "${r.header}" tidak ada di profil ${p.name}.`);
    if (r.required) col.required = true;
    else delete col.required;
  }
  return writeProfile(ctx, q, { name: p.name, kind: p.kind, sheetName: e.sheetName ?? p.sheetName, columns, ...(e.rowsPerFile !== undefined ? { rowsPerFile: e.rowsPerFile } : {}) });
}

/**
 * Copies a profile (a built-in one too) under a new name, so the clerk can change it: the only way to
 * set constants or remap columns of a built-in layout. Refuses a name already in use.
 */
export async function copyProfile(ctx: CoreContext, from: string, to: string): Promise<StoredProfile> {
  const name = to.trim();
  // The name is checked free inside the transaction that takes it.
  return storeOf(ctx).tx('write', async (q) => {
    const p = await getProfile(ctx, from);
    const exists = BUILTIN_PROFILES.some((b) => b.name.toLowerCase() === name.toLowerCase()) || (await profileRepo.byName(q, name)) !== undefined;
    if (exists) throw new SigapError('CONFLICT', `Profil "${name}" sudah ada; pilih nama lain.`);
    const copy = await saveProfile(ctx, { name, kind: p.kind, sheetName: p.sheetName, columns: p.columns, sourceFile: p.builtin ? `salinan profil ${p.name}` : p.sourceFile, rowsPerFile: p.rowsPerFile });
    // A copy of a profile made from the branch's template fills the same template.
    const template = await profileTemplateId(ctx, p.id);
    if (template === null) return copy;
    await setProfileTemplate(ctx, copy.id!, template);
    return getProfile(ctx, name);
  });
}

export async function deleteProfile(ctx: CoreContext, name: string): Promise<void> {
  await storeOf(ctx).tx('write', async (q) => {
    const p = await getProfile(ctx, name);
    if (p.builtin || p.id === null) throw new SigapError('CONFLICT', `"${p.name}" adalah profil bawaan dan tidak dapat dihapus.`);
    await profileRepo.remove(q, p.id);
    await audit(ctx, { action: 'delete', entity: 'bpjs_profile', entityId: p.id, summary: `Profil templat BPJS ${p.name} dihapus`, before: { kind: p.kind, sheetName: p.sheetName, columns: p.columns } });
  });
}
