import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { CoreContext } from '../context';
import { SigapError } from '../errors';
import {
  BUILTIN_PROFILES, builtinProfile, fieldForHeader, guessKind, headerKey, REPORT_KINDS,
  type ProfileColumn, type ReportKind,
} from '../../../shared/sipp-layouts';
import { getProfile, saveProfile, type StoredProfile } from './profiles';
import { readTable } from './table-read';
import { fillTemplate } from './template-fill';
import { setProfileTemplate, storeTemplate } from './template-store';
import { storeOf } from '../store/of-context';

export interface TemplateProfileResult {
  profile: StoredProfile;
  /** Headers Sigap does not know: the column is written empty until the clerk maps it. */
  unknownHeaders: string[];
  /** Headers of the built-in layout the template does not have (for the clerk to check). */
  missingHeaders: string[];
  sheet: string;
  headerRow: number;
  /**
   * The file is kept and the batches of this profile are written into copies of it (same name, sheets,
   * lists and validations). False for .xls, .ods and CSV templates: Sigap then writes its own .xlsx.
   */
  fillsTemplate: boolean;
}

/** A template larger than this is not a blank upload form: it is not kept (Sigap writes its own file). */
const MAX_TEMPLATE_BYTES = 20 * 1024 * 1024;

/**
 * The template's bytes when Sigap can write into a copy of it: an .xlsx (a zip) whose sheet a trial fill
 * with no rows can rewrite. Null otherwise.
 */
function fillableBytes(path: string, info: { fileName: string; sheetName: string; headerRow: number; headers: string[] }): Buffer | null {
  if (statSync(path).size > MAX_TEMPLATE_BYTES) return null;
  const bytes = readFileSync(path);
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) return null;
  try {
    fillTemplate(bytes, info, [], []);
    return bytes;
  } catch {
    return null;
  }
}

const KNOWN = new Set(BUILTIN_PROFILES.flatMap((p) => p.columns.map((c) => headerKey(c.header))));

/** A header row names at least two columns Sigap knows (a title line or a note names none or one). */
function looksLikeHeader(cells: string[]): boolean {
  return cells.filter((c) => KNOWN.has(headerKey(c)) || fieldForHeader(c) !== null).length >= 2;
}

/**
 * Builds a profile from the blank template a branch office hands out: the sheet name, the headers in
 * their order, each matched by name to what Sigap fills. The kind is read from the sheet name or the
 * headers unless given. Saved under `name` (replacing the clerk's profile of that name).
 */
export async function profileFromTemplate(ctx: CoreContext, path: string, o: { name: string; kind?: ReportKind }): Promise<TemplateProfileResult> {
  if (o.kind !== undefined && !REPORT_KINDS.includes(o.kind)) {
    throw new SigapError('INVALID_INPUT', `Jenis "${String(o.kind)}" tidak dikenal; pilih ${REPORT_KINDS.join(', ')}.`);
  }
  const label = basename(path);
  const table = await readTable(path, looksLikeHeader, '(mis. NAMA_LENGKAP, TANGGAL_LAHIR, KPJ)', label);
  const headers = trimTrailingBlanks(table.headers);
  const blankAt = headers.findIndex((h) => h.trim() === '');
  if (blankAt >= 0) {
    throw new SigapError('NO_HEADER', `Berkas "${label}", sheet "${table.sheet}", baris ${table.headerRow}: kolom ke-${blankAt + 1} tidak berjudul. Templat harus memiliki judul pada setiap kolom.`);
  }
  const kind = o.kind ?? BUILTIN_PROFILES.find((p) => p.sheetName.toLowerCase() === table.sheet.trim().toLowerCase())?.kind ?? guessKind(headers);
  if (!kind) {
    throw new SigapError('INVALID_INPUT', `Berkas "${label}": jenis templat tidak dapat dikenali dari nama sheet "${table.sheet}" maupun judul kolomnya. Pilih jenis berkasnya: pendaftaran baru, TK lanjutan, nonaktif, perubahan upah atau BPU kolektif (di baris perintah: --kind new|continue|na|wage|bpu).`);
  }
  const columns: ProfileColumn[] = headers.map((h) => ({ header: h.trim(), field: fieldForHeader(h, kind) }));
  const unknownHeaders = columns.filter((c) => c.field === null).map((c) => c.header);
  const present = new Set(headers.map(headerKey));
  const missingHeaders = builtinProfile(kind).columns.map((c) => c.header).filter((h) => !present.has(headerKey(h)));
  const info = { fileName: label, sheetName: table.sheet, headerRow: table.headerRow, headers: headers.map((h) => h.trim()) };
  const bytes = fillableBytes(path, info);
  // The file was read and tried above; the profile and its template are saved together.
  const profile = await storeOf(ctx).tx('write', async () => {
    const saved = await saveProfile(ctx, { name: o.name, kind, sheetName: table.sheet, columns, sourceFile: label, sourceSha256: table.sha256 });
    await setProfileTemplate(ctx, saved.id!, bytes ? await storeTemplate(ctx, bytes, info) : null);
    return getProfile(ctx, saved.name);
  });
  return { profile, unknownHeaders, missingHeaders, sheet: table.sheet, headerRow: table.headerRow, fillsTemplate: bytes !== null };
}

function trimTrailingBlanks(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.trim() === '') end--;
  return cells.slice(0, end);
}
