import { renameSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CoreContext } from '../context';
import { nowIso, todayIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { batchFileName, filePrefix, MAX_ROWS_PER_FILE, REPORT_KIND_LABELS, type ReportKind } from '../../../shared/sipp-layouts';
import { partPath, removeStaleParts } from '../files/parts';
import { iteratePending } from './pending';
import { checkChange, profileWarnings, type ProfileWarning } from './preflight';
import { resolveProfile, type StoredProfile } from './profiles';
import { personProblems, reportEnv, type PersonProblems, type ReportOptions } from './report';
import { fieldValues } from './values';
import { batchFileNames, fileNumberOf, writeBatchFile } from './batch-files';
import { profileTemplateId } from './template-store';
import type { CheckedChange, ReportEnv } from './types';
import { listRegistrations } from '../settings/registrations';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { batchRepo } from './batch-repository';
import { personLockRepo } from '../roster/person-lock-repository';

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
async function nextFileNumber(ctx: CoreContext, stem: string): Promise<number> {
  const names = await batchRepo.fileNamesStartingWith(storeOf(ctx), stem);
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
  const env = await reportEnv(ctx, o);
  // Registrations besides the Pemda's own (the list starts with the Pemda's).
  const others = (await listRegistrations(ctx)).length - 1;
  if (!env.npp && others === 0) throw new SigapError('INVALID_INPUT', NO_NPP);
  const profile = await resolveProfile(ctx, o.kind, o.profile);
  const groups = new Map<string, NppGroup>();
  const groupOf = (npp: string | null | undefined): NppGroup => {
    const key = npp ?? env.npp;
    if (!key) throw new SigapError('INVALID_INPUT', NO_NPP);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { env: { ...env, npp: key }, items: [], incomplete: 0 }));
    return g;
  };
  // The roster is read and checked row by row (nothing else is read meanwhile), keeping of each row
  // only the cells to write: 100,000 rows stay a few tens of MB.
  const skipped: PersonProblems[] = [];
  let incomplete = 0;
  // The portal's 10,000 rows per file, or fewer when the profile says the branch takes fewer.
  const perFile = profile.rowsPerFile ?? MAX_ROWS_PER_FILE;
  for await (const change of iteratePending(ctx, o.kind, env.asOf)) {
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

  const day = await todayIso(ctx);
  const stem = batchFileName(o.kind, env.npp, day, 0).replace(/00\.xlsx$/, '');
  const first = await nextFileNumber(ctx, stem);
  const perFile = profile.rowsPerFile ?? MAX_ROWS_PER_FILE;
  const fileCount = Math.ceil(items.length / perFile);
  // A profile made from the branch's template fills a copy of it, under the template's own name (batch-files.ts).
  const templateId = await profileTemplateId(ctx, profile.id);
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
    result.batchId = await recordBatch(ctx, o, env, profile, templateId, result, items);
  } catch (e) {
    for (const p of pending) rmSync(p, { force: true });
    throw e;
  }
  pending.forEach((p, f) => renameSync(p, result.files[f]!.path));
  return result;
}

/**
 * The batch, its rows and its files, in one write transaction that first checks that no other batch
 * took the same changes meanwhile. The template id is the one the files were written with.
 */
async function recordBatch(ctx: CoreContext, o: ExportOptions, env: ReportEnv & { npp: string }, profile: StoredProfile, templateId: number | null, r: ExportResult, items: ItemRow[]): Promise<number> {
  return storeOf(ctx).tx('write', async (q: Queries): Promise<number> => {
    // The batch's people held until it commits: two exports of the same people take turns, and the second sees the first's rows.
    await personLockRepo.hold(q, items.map((i) => i.personId));
    const taken = await batchRepo.submittedKeys(q, items.map((i) => i.key));
    if (taken.length > 0) {
      throw new SigapError('CONFLICT', `${taken.length} perubahan sudah masuk batch lain sementara berkas dibuat (mis. ${taken[0]}). Buat berkas lagi.`);
    }
    const snapshot: ProfileSnapshot = { name: profile.name, kind: profile.kind, sheetName: profile.sheetName, columns: profile.columns, templateId };
    const batchId = await batchRepo.insert(q, {
      kind: o.kind, profileName: profile.name, profileJson: JSON.stringify(snapshot), npp: env.npp, asOf: env.asOf,
      includeIncomplete: Boolean(o.includeIncomplete), rows: items.length, createdAt: r.createdAt, createdBy: ctx.actor,
    });
    await batchRepo.insertItems(q, batchId, items);
    for (const [n, f] of r.files.entries()) await batchRepo.insertFile(q, batchId, n + 1, f);
    await audit(ctx, {
      action: 'create', entity: 'bpjs_batch', entityId: batchId,
      summary: `${REPORT_KIND_LABELS[o.kind]}: ${items.length} baris dalam ${r.files.length} berkas (profil ${profile.name})${r.incomplete > 0 ? `, ${r.incomplete} belum lengkap` : ''}`,
      after: { kind: o.kind, profile: profile.name, asOf: env.asOf, files: r.files.map((f) => ({ name: f.name, rows: f.rows, sha256: f.sha256 })) },
    });
    return batchId;
  });
}
