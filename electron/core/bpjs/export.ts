import { renameSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CoreContext } from '../context';
import { nowIso, todayIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { batchFileName, filePrefix, MAX_ROWS_PER_FILE, REPORT_KIND_LABELS, type ReportKind } from '../../../shared/sipp-layouts';
import { partPath, removeStaleParts } from '../files/parts';
import { iteratePending, submittedKeys } from './pending';
import { checkChange, profileWarnings, type ProfileWarning } from './preflight';
import { resolveProfile, type StoredProfile } from './profiles';
import { personProblems, reportEnv, type PersonProblems, type ReportOptions } from './report';
import { fieldValues } from './values';
import { batchFileNames, fileNumberOf, writeBatchFile } from './batch-files';
import { profileTemplateId } from './template-store';
import type { CheckedChange, ReportEnv } from './types';

export interface ExportOptions extends ReportOptions {
  kind: ReportKind;
  outDir: string;
  /** Profile name; the built-in layout of the kind by default. */
  profile?: string;
  /** Write people with errors too, for a branch that accepts partial rows. */
  includeIncomplete?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportedFile {
  name: string;
  path: string;
  rows: number;
  sha256: string;
  bytes: number;
}

export interface ExportResult {
  batchId: number | null;
  kind: ReportKind;
  profile: string;
  asOf: string;
  createdAt: string;
  rows: number;
  files: ExportedFile[];
  /** Written although they have errors (--include-incomplete). */
  incomplete: number;
  /** Left out, with their problems. */
  skipped: PersonProblems[];
  /** Said once for the whole batch: columns of the profile the portal may ask for that stay empty. */
  warnings: ProfileWarning[];
  /** One batch per NPP (settings/registrations.ts); `batchId` and `files` above cover them all. */
  batches?: ExportedBatch[];
}

export interface ExportedBatch {
  batchId: number;
  npp: string;
  rows: number;
  files: ExportedFile[];
}

const NO_NPP = 'NPP pemberi kerja belum diisi. Isi NPP di Pengaturan > Profil Pemda sebelum membuat berkas untuk BPJS.';

/** The changes of one NPP: its own batch, file names and row numbers. */
interface NppGroup {
  env: ReportEnv & { npp: string };
  items: ItemRow[];
  incomplete: number;
}

/** The profile as stored with a batch: enough to write the same files again. */
export type ProfileSnapshot = Pick<StoredProfile, 'name' | 'kind' | 'sheetName' | 'columns'> & { templateId?: number | null };

interface ItemRow {
  seq: number;
  key: string;
  personId: number;
  engagementId: number;
  fileSeq: number;
  cellsJson: string;
  problemsJson: string | null;
}

/** The next number of the day for a kind's files (numbers continue across the day's batches). */
function nextFileNumber(ctx: CoreContext, stem: string): number {
  const names = ctx.db.prepare('SELECT name FROM bpjs_batch_file WHERE substr(name, 1, length(@stem)) = @stem').pluck().all({ stem }) as string[];
  return 1 + Math.max(0, ...names.map(fileNumberOf));
}

function cellsOf(c: CheckedChange, profile: StoredProfile, env: ReportEnv, rowNo: number): string[] {
  const values = fieldValues(c.change, env, rowNo);
  // A constant the clerk set in the profile wins over the field (setTextCell still guards formulas).
  return profile.columns.map((col) => (col.value !== undefined && col.value !== '' ? col.value : col.field ? values[col.field] : ''));
}

/**
 * Generates the files for one kind of change, one batch per NPP (each SIPP Online account takes only
 * its own people): the changes are read once and grouped by the NPP each is reported under. With one
 * NPP the files go in `outDir`; with several, each NPP's in a folder named after it inside `outDir`
 * (a branch template's file name is the same for every NPP). Each NPP's batch is written as below.
 */
export async function exportBatch(ctx: CoreContext, o: ExportOptions): Promise<ExportResult> {
  const env = reportEnv(ctx, o);
  const others = ctx.db.prepare('SELECT count(*) AS n FROM employer_registration').pluck().get() as number;
  if (!env.npp && others === 0) throw new SigapError('INVALID_INPUT', NO_NPP);
  const profile = resolveProfile(ctx, o.kind, o.profile);
  const groups = new Map<string, NppGroup>();
  const groupOf = (npp: string | null | undefined): NppGroup => {
    const key = npp ?? env.npp;
    if (!key) throw new SigapError('INVALID_INPUT', NO_NPP);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { env: { ...env, npp: key }, items: [], incomplete: 0 }));
    return g;
  };
  // The roster is read and checked synchronously (no await while the statement is open), keeping of
  // each row only the cells to write: 100,000 rows stay a few tens of MB.
  const skipped: PersonProblems[] = [];
  let incomplete = 0;
  // The portal's 10,000 rows per file, or fewer when the profile says the branch takes fewer.
  const perFile = profile.rowsPerFile ?? MAX_ROWS_PER_FILE;
  for (const change of iteratePending(ctx, o.kind, env.asOf)) {
    const c = checkChange(change, env, profile);
    if (!c.ok && !o.includeIncomplete) {
      skipped.push(personProblems(c));
      continue;
    }
    if (!c.ok) incomplete++;
    const g = groupOf(change.npp);
    if (!c.ok) g.incomplete++;
    const n = g.items.length;
    g.items.push({
      seq: n + 1, key: change.key, personId: change.personId, engagementId: change.engagementId, fileSeq: Math.floor(n / perFile) + 1,
      cellsJson: JSON.stringify(cellsOf(c, profile, g.env, (n % perFile) + 1)), problemsJson: c.problems.length > 0 ? JSON.stringify(c.problems) : null,
    });
  }
  const ordered = [...groups.values()].sort((a, b) => a.env.npp.localeCompare(b.env.npp));
  if (ordered.length <= 1) {
    const g = ordered[0];
    const r = await exportNppBatch(ctx, o, g?.env ?? { ...env, npp: env.npp ?? '' }, profile, g?.items ?? [], skipped, incomplete);
    return r.batchId === null ? r : { ...r, batches: [{ batchId: r.batchId, npp: g!.env.npp, rows: r.rows, files: r.files }] };
  }
  const all: ExportResult = { batchId: null, kind: o.kind, profile: profile.name, asOf: env.asOf, createdAt: '', rows: 0, files: [], incomplete, skipped, warnings: profileWarnings(profile), batches: [] };
  const total = ordered.reduce((s, g) => s + g.items.length, 0);
  for (const g of ordered) {
    const dir = join(resolve(o.outDir), g.env.npp);
    mkdirSync(dir, { recursive: true });
    const done = all.rows;
    const r = await exportNppBatch(ctx, { ...o, outDir: dir, onProgress: (d) => o.onProgress?.(done + d, total) }, g.env, profile, g.items, skipped, g.incomplete);
    all.batchId ??= r.batchId;
    all.createdAt ||= r.createdAt;
    all.rows += r.rows;
    all.files.push(...r.files);
    if (r.batchId !== null) all.batches!.push({ batchId: r.batchId, npp: g.env.npp, rows: r.rows, files: r.files });
  }
  return all;
}

/**
 * Generates the files of one NPP's changes and records them as a submitted batch. Files are written
 * first (atomically, each under a temporary name); the batch, its rows and its files are then recorded
 * in one transaction that checks again that no other batch took the same changes meanwhile. When
 * anything fails, the files written are removed and nothing is recorded.
 */
async function exportNppBatch(
  ctx: CoreContext, o: ExportOptions, env: ReportEnv & { npp: string }, profile: StoredProfile, items: ItemRow[], skipped: PersonProblems[], incomplete: number,
): Promise<ExportResult> {
  const createdAt = nowIso(ctx);
  const result: ExportResult = { batchId: null, kind: o.kind, profile: profile.name, asOf: env.asOf, createdAt, rows: items.length, files: [], incomplete, skipped, warnings: profileWarnings(profile) };
  const outDir = resolve(o.outDir);
  // The parts a killed export of this kind left in the folder go first, even when nothing is left to
  // export (their batch, if it was committed, regenerates its files); a live writer's parts are kept.
  removeStaleParts(outDir, (target) => target.startsWith(`${filePrefix(o.kind)}_`));
  if (items.length === 0) return result;

  const day = todayIso(ctx);
  const stem = batchFileName(o.kind, env.npp, day, 0).replace(/00\.xlsx$/, '');
  const first = nextFileNumber(ctx, stem);
  const perFile = profile.rowsPerFile ?? MAX_ROWS_PER_FILE;
  const fileCount = Math.ceil(items.length / perFile);
  // A profile made from the branch's template fills a copy of it, under the template's own name (batch-files.ts).
  const templateId = profileTemplateId(ctx, profile.id);
  const names = batchFileNames(o.kind, env.npp, day, first, fileCount, templateId === null ? null : profile.sourceFile);
  const clash = names.find((n) => existsSync(join(outDir, n)));
  if (clash) throw new SigapError('CONFLICT', `Berkas "${clash}" sudah ada di folder ${outDir}. Pilih folder lain atau pindahkan berkas lama; Sigap tidak menimpa berkas.`);

  const at = new Date(createdAt);
  // Files are written under hidden pending names, the batch is committed, and only then do the files
  // take their real names: a crash leaves either no batch and no real file, or a committed batch
  // whose files can be regenerated byte for byte.
  const pending = names.map((n) => partPath(join(outDir, n)));
  try {
    for (let f = 0; f < fileCount; f++) {
      const slice = items.slice(f * perFile, (f + 1) * perFile);
      // Written from the recorded cells, exactly as a regeneration will write them.
      const before = f * perFile;
      const rows = function* () {
        for (const [i, item] of slice.entries()) {
          // Progress within a file too: a single file of 10,000 rows takes a few seconds.
          if (i > 0 && i % 1000 === 0) o.onProgress?.(before + i, items.length);
          yield JSON.parse(item.cellsJson) as string[];
        }
      };
      const w = await writeBatchFile(ctx, pending[f]!, { sheetName: profile.sheetName, headers: profile.columns.map((c) => c.header), rows: rows(), templateId }, at);
      result.files.push({ name: names[f]!, path: join(outDir, names[f]!), rows: w.rows, sha256: w.sha256, bytes: w.bytes });
      o.onProgress?.(before + slice.length, items.length);
    }
    result.batchId = recordBatch(ctx, o, env, profile, result, items);
  } catch (e) {
    for (const p of pending) rmSync(p, { force: true });
    throw e;
  }
  pending.forEach((p, f) => renameSync(p, result.files[f]!.path));
  return result;
}

function recordBatch(ctx: CoreContext, o: ExportOptions, env: ReportEnv, profile: StoredProfile, r: ExportResult, items: ItemRow[]): number {
  const db = ctx.db;
  return db.transaction((): number => {
    const taken = submittedKeys(ctx, items.map((i) => i.key));
    if (taken.length > 0) {
      throw new SigapError('CONFLICT', `${taken.length} perubahan sudah masuk batch lain sementara berkas dibuat (mis. ${taken[0]}). Buat berkas lagi.`);
    }
    const snapshot: ProfileSnapshot = { name: profile.name, kind: profile.kind, sheetName: profile.sheetName, columns: profile.columns, templateId: profileTemplateId(ctx, profile.id) };
    const batchId = Number(db.prepare(
      `INSERT INTO bpjs_batch (kind, profile_name, profile_json, npp, as_of, include_incomplete, row_count, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(o.kind, profile.name, JSON.stringify(snapshot), env.npp, env.asOf, o.includeIncomplete ? 1 : 0, items.length, r.createdAt, ctx.actor).lastInsertRowid);
    const insItem = db.prepare(
      `INSERT INTO bpjs_batch_item (batch_id, seq, change_key, person_id, engagement_id, file_seq, cells_json, problems_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const i of items) insItem.run(batchId, i.seq, i.key, i.personId, i.engagementId, i.fileSeq, i.cellsJson, i.problemsJson);
    const insFile = db.prepare('INSERT INTO bpjs_batch_file (batch_id, seq, name, row_count, sha256, bytes) VALUES (?, ?, ?, ?, ?, ?)');
    r.files.forEach((f, n) => insFile.run(batchId, n + 1, f.name, f.rows, f.sha256, f.bytes));
    audit(ctx, {
      action: 'create', entity: 'bpjs_batch', entityId: batchId,
      summary: `${REPORT_KIND_LABELS[o.kind]}: ${items.length} baris dalam ${r.files.length} berkas (profil ${profile.name})${r.incomplete > 0 ? `, ${r.incomplete} belum lengkap` : ''}`,
      after: { kind: o.kind, profile: profile.name, asOf: env.asOf, files: r.files.map((f) => ({ name: f.name, rows: f.rows, sha256: f.sha256 })) },
    });
    return batchId;
  }).immediate();
}
