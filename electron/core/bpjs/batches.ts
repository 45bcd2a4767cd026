import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import type { ReportKind } from '../../../shared/sipp-layouts';
import { writeBatchFile } from './batch-files';
import type { ProfileSnapshot } from './export';
import type { ReportProblem } from './types';

export interface BatchFile {
  seq: number;
  name: string;
  rows: number;
  sha256: string;
  bytes: number;
}

export interface BatchSummary {
  id: number;
  kind: ReportKind;
  status: 'submitted' | 'cancelled';
  profile: string;
  npp: string;
  asOf: string;
  includeIncomplete: boolean;
  rows: number;
  createdAt: string;
  createdBy: string;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  files: BatchFile[];
}

export interface BatchItem {
  seq: number;
  key: string;
  personId: number;
  nik: string;
  name: string;
  fileSeq: number;
  problems: ReportProblem[];
}

interface BatchRow {
  id: number; kind: ReportKind; status: 'submitted' | 'cancelled'; profile_name: string; profile_json: string; npp: string; as_of: string;
  include_incomplete: number; row_count: number; created_at: string; created_by: string; cancelled_at: string | null; cancelled_by: string | null; cancel_reason: string | null;
}

function summary(ctx: CoreContext, r: BatchRow): BatchSummary {
  const files = ctx.db.prepare('SELECT seq, name, row_count AS rows, sha256, bytes FROM bpjs_batch_file WHERE batch_id = ? ORDER BY seq').all(r.id) as BatchFile[];
  return {
    id: r.id, kind: r.kind, status: r.status, profile: r.profile_name, npp: r.npp, asOf: r.as_of, includeIncomplete: r.include_incomplete === 1,
    rows: r.row_count, createdAt: r.created_at, createdBy: r.created_by, cancelledAt: r.cancelled_at, cancelledBy: r.cancelled_by, cancelReason: r.cancel_reason, files,
  };
}

/** Every batch, newest first; only one NPP's when `npp` is given (each SIPP Online account has its own). */
export function listBatches(ctx: CoreContext, f: { npp?: string | undefined } = {}): BatchSummary[] {
  return (ctx.db.prepare('SELECT * FROM bpjs_batch WHERE @npp IS NULL OR npp = @npp ORDER BY id DESC').all({ npp: f.npp ?? null }) as BatchRow[]).map((r) => summary(ctx, r));
}

function batchRow(ctx: CoreContext, id: number): BatchRow {
  const r = ctx.db.prepare('SELECT * FROM bpjs_batch WHERE id = ?').get(id) as BatchRow | undefined;
  if (!r) throw new SigapError('NOT_FOUND', `Batch ${id} tidak ditemukan (lihat Pelaporan BPJS › Riwayat batch).`);
  return r;
}

export function getBatch(ctx: CoreContext, id: number): BatchSummary & { items: BatchItem[] } {
  const r = batchRow(ctx, id);
  const items = (ctx.db.prepare(
    `SELECT i.seq, i.change_key AS key, i.person_id AS personId, p.nik, p.name, i.file_seq AS fileSeq, i.problems_json AS problemsJson
     FROM bpjs_batch_item i JOIN person p ON p.id = i.person_id WHERE i.batch_id = ? ORDER BY i.seq`,
  ).all(id) as (Omit<BatchItem, 'problems'> & { problemsJson: string | null })[]).map(({ problemsJson, ...i }) => ({
    ...i, problems: problemsJson ? (JSON.parse(problemsJson) as ReportProblem[]) : [],
  }));
  return { ...summary(ctx, r), items };
}

/**
 * Cancels a submitted batch (the branch rejected the files, or they were never uploaded): its changes
 * are offered again. The batch stays in the history with who cancelled it and why.
 */
export function cancelBatch(ctx: CoreContext, id: number, reason?: string): BatchSummary {
  return ctx.db.transaction((): BatchSummary => {
    const r = batchRow(ctx, id);
    if (r.status === 'cancelled') throw new SigapError('CONFLICT', `Batch ${id} sudah dibatalkan pada ${r.cancelled_at} oleh ${r.cancelled_by}.`);
    const why = reason?.trim() || null;
    ctx.db.prepare("UPDATE bpjs_batch SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ?").run(nowIso(ctx), ctx.actor, why, id);
    audit(ctx, {
      action: 'update', entity: 'bpjs_batch', entityId: id, summary: `Batch ${id} (${r.kind}, ${r.row_count} baris) dibatalkan${why ? `: ${why}` : ''}`,
      before: { status: r.status }, after: { status: 'cancelled', reason: why },
    });
    return summary(ctx, batchRow(ctx, id));
  }).immediate();
}

export interface RegeneratedFile extends BatchFile {
  path: string;
  /** The new file has the recorded SHA-256. */
  identical: boolean;
}

/**
 * Writes a batch's files again from what the batch recorded (cells, profile, time), whatever changed
 * in the roster or the profiles since: the same bytes as the first time.
 */
export async function regenerateBatch(ctx: CoreContext, id: number, outDir: string): Promise<RegeneratedFile[]> {
  const r = batchRow(ctx, id);
  const profile = JSON.parse(r.profile_json) as ProfileSnapshot;
  const files = summary(ctx, r).files;
  const dir = resolve(outDir);
  const clash = files.find((f) => existsSync(join(dir, f.name)));
  if (clash) throw new SigapError('CONFLICT', `Berkas "${clash.name}" sudah ada di folder ${dir}. Pilih folder lain atau pindahkan berkas lama.`);
  const cells = ctx.db.prepare('SELECT cells_json FROM bpjs_batch_item WHERE batch_id = ? AND file_seq = ? ORDER BY seq').pluck();
  const out: RegeneratedFile[] = [];
  for (const f of files) {
    // One file is at most 10,000 rows: read them at once rather than hold a statement open across awaits.
    const rows = (cells.all(id, f.seq) as string[]).map((json) => JSON.parse(json) as string[]);
    const path = join(dir, f.name);
    const w = await writeBatchFile(ctx, path, { sheetName: profile.sheetName, headers: profile.columns.map((c) => c.header), rows, templateId: profile.templateId ?? null }, new Date(r.created_at));
    out.push({ ...f, path, identical: w.sha256 === f.sha256 && w.rows === f.rows });
  }
  return out;
}
