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
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { batchRepo, type BatchFileRow, type BatchItemRow, type BatchRow } from './batch-repository';

export type BatchFile = BatchFileRow;

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

/** A batch's row as the screens read it: the stored row with its problems parsed. */
export type BatchItem = Omit<BatchItemRow, 'problemsJson'> & { problems: ReportProblem[] };

async function summary(q: Queries, r: BatchRow): Promise<BatchSummary> {
  const files = await batchRepo.files(q, r.id);
  return {
    id: r.id, kind: r.kind, status: r.status, profile: r.profile_name, npp: r.npp, asOf: r.as_of, includeIncomplete: r.include_incomplete === 1,
    rows: r.row_count, createdAt: r.created_at, createdBy: r.created_by, cancelledAt: r.cancelled_at, cancelledBy: r.cancelled_by, cancelReason: r.cancel_reason, files,
  };
}

/** Every batch, newest first; only one NPP's when `npp` is given (each SIPP Online account has its own). */
export async function listBatches(ctx: CoreContext, f: { npp?: string | undefined } = {}): Promise<BatchSummary[]> {
  return storeOf(ctx).tx('read', async (q) => {
    const out: BatchSummary[] = [];
    for (const r of await batchRepo.list(q, f.npp ?? null)) out.push(await summary(q, r));
    return out;
  });
}

async function batchRow(q: Queries, id: number): Promise<BatchRow> {
  const r = await batchRepo.get(q, id);
  if (!r) throw new SigapError('NOT_FOUND', `Batch ${id} tidak ditemukan (lihat Pelaporan BPJS › Riwayat batch).`);
  return r;
}

export async function getBatch(ctx: CoreContext, id: number): Promise<BatchSummary & { items: BatchItem[] }> {
  return storeOf(ctx).tx('read', async (q) => {
    const r = await batchRow(q, id);
    const items = (await batchRepo.items(q, id)).map(({ problemsJson, ...i }) => ({
      ...i, problems: problemsJson ? (JSON.parse(problemsJson) as ReportProblem[]) : [],
    }));
    return { ...(await summary(q, r)), items };
  });
}

/**
 * Cancels a submitted batch (the branch rejected the files, or they were never uploaded): its changes
 * are offered again. The batch stays in the history with who cancelled it and why.
 */
export async function cancelBatch(ctx: CoreContext, id: number, reason?: string): Promise<BatchSummary> {
  return storeOf(ctx).tx('write', async (q) => {
    const r = await batchRow(q, id);
    const alreadyCancelled = (c: BatchRow) => new SigapError('CONFLICT', `Batch ${id} sudah dibatalkan pada ${c.cancelled_at} oleh ${c.cancelled_by}.`);
    if (r.status === 'cancelled') throw alreadyCancelled(r);
    const why = reason?.trim() || null;
    // Cancelled by someone else since it was read (a second clerk at the same time): theirs stands.
    if (!(await batchRepo.cancel(q, id, nowIso(ctx), ctx.actor, why))) throw alreadyCancelled(await batchRow(q, id));
    await audit(ctx, {
      action: 'update', entity: 'bpjs_batch', entityId: id, summary: `Batch ${id} (${r.kind}, ${r.row_count} baris) dibatalkan${why ? `: ${why}` : ''}`,
      before: { status: r.status }, after: { status: 'cancelled', reason: why },
    });
    return summary(q, await batchRow(q, id));
  });
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
  const q = storeOf(ctx);
  const r = await batchRow(q, id);
  const profile = JSON.parse(r.profile_json) as ProfileSnapshot;
  const files = await batchRepo.files(q, id);
  const dir = resolve(outDir);
  const clash = files.find((f) => existsSync(join(dir, f.name)));
  if (clash) throw new SigapError('CONFLICT', `Berkas "${clash.name}" sudah ada di folder ${dir}. Pilih folder lain atau pindahkan berkas lama.`);
  const out: RegeneratedFile[] = [];
  for (const f of files) {
    // One file is at most 10,000 rows: read them at once rather than hold the store while the file is written.
    const rows = (await batchRepo.fileCells(q, id, f.seq)).map((json) => JSON.parse(json) as string[]);
    const path = join(dir, f.name);
    const w = await writeBatchFile(ctx, path, { sheetName: profile.sheetName, headers: profile.columns.map((c) => c.header), rows, templateId: profile.templateId ?? null }, new Date(r.created_at));
    out.push({ ...f, path, identical: w.sha256 === f.sha256 && w.rows === f.rows });
  }
  return out;
}
