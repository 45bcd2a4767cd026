import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { checkScan, checkScanSize, SCAN_EXTENSION, type ScanMediaType } from './scan-check';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { decrees, decreeScans, type ScanMetaRow } from './decree-repository';

/** A scan's facts, without its bytes. */
export type ScanMeta = ScanMetaRow;

export interface ScanFile {
  bytes: Buffer;
  name: string;
  mediaType: ScanMediaType;
}

/**
 * Reads a scan from disk and checks it by content. The size is looked at before the bytes are read,
 * so a 2 GB file picked by mistake is refused without filling memory.
 */
export function readScanFile(path: string): ScanFile {
  const name = basename(path);
  checkScanSize(statSync(path).size, name);
  const bytes = readFileSync(path);
  return { bytes, name, mediaType: checkScan(bytes, name) };
}

async function decreeNumber(q: Queries, decreeId: number): Promise<string> {
  const n = await decrees.numberOf(q, decreeId);
  if (n === null) throw new SigapError('NOT_FOUND', `SK #${decreeId} tidak ditemukan.`);
  return n;
}

/**
 * Finds a decree by its number (as the clerk types it in the CLI): the applied one, or when the number
 * belongs only to withdrawn SKs (a withdrawn SK gives its number back), the latest of those.
 */
export async function decreeIdByNumber(ctx: CoreContext, number: string): Promise<number> {
  const id = await decrees.idByNumber(storeOf(ctx), number.trim());
  if (id === null) throw new SigapError('NOT_FOUND', `SK nomor "${number}" tidak ditemukan. Lihat daftar di halaman SK.`);
  return id;
}

/** Attaches (or replaces) a decree's scan, checked again here whatever the caller did; audited without the bytes. */
export async function attachScan(ctx: CoreContext, decreeId: number, file: ScanFile): Promise<ScanMeta> {
  // Checked and hashed before the write lock is taken: up to 20 MB of bytes.
  const mediaType = checkScan(file.bytes, file.name);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const now = nowIso(ctx);
  return storeOf(ctx).tx('write', async (tx) => {
    const number = await decreeNumber(tx, decreeId);
    const old = await decreeScans.meta(tx, decreeId);
    await decreeScans.save(tx, { decreeId, mediaType, bytes: file.bytes, sha256, originalName: file.name.slice(0, 255), createdAt: now, createdBy: ctx.actor });
    const facts = (m: { originalName: string; mediaType: string; size: number; sha256: string }) => ({ file: m.originalName, media_type: m.mediaType, size: m.size, sha256: m.sha256 });
    await audit(ctx, {
      at: now, action: old ? 'update' : 'create', entity: 'decree_attachment', entityId: decreeId,
      summary: `Pindaian SK ${number} ${old ? 'diganti' : 'dilampirkan'}: ${file.name}`,
      ...(old ? { before: facts(old) } : {}),
      after: facts({ originalName: file.name, mediaType, size: file.bytes.length, sha256 }),
    });
    return (await decreeScans.meta(tx, decreeId))!;
  });
}

export async function scanMeta(ctx: CoreContext, decreeId: number): Promise<ScanMeta | null> {
  return (await decreeScans.meta(storeOf(ctx), decreeId)) ?? null;
}

/** Every scan's facts (not its bytes): for the SK page and the person's history. */
export function listScans(ctx: CoreContext): Promise<ScanMeta[]> {
  return decreeScans.list(storeOf(ctx));
}

/** A scan's bytes, checked against the SHA-256 stored with them (a damaged database is said, not shown). */
export async function readScan(ctx: CoreContext, decreeId: number): Promise<ScanMeta & { bytes: Buffer }> {
  const { number, meta, bytes } = await storeOf(ctx).tx('read', async (q) => ({
    number: await decreeNumber(q, decreeId),
    meta: await decreeScans.meta(q, decreeId),
    bytes: await decreeScans.bytes(q, decreeId),
  }));
  if (!meta || !bytes) throw new SigapError('NOT_FOUND', `SK ${number} belum memiliki pindaian. Lampirkan di halaman SK.`);
  if (createHash('sha256').update(bytes).digest('hex') !== meta.sha256) {
    throw new SigapError('DB_UNREADABLE', `Pindaian SK ${number} rusak di basis data (SHA-256 tidak cocok). Lampirkan ulang atau pulihkan dari cadangan.`);
  }
  return { ...meta, bytes };
}

/** A file name for saving the scan: the SK number made safe for Windows, with the type's extension. */
export function scanFileName(meta: Pick<ScanMeta, 'number' | 'mediaType'>): string {
  return `Pindaian SK ${meta.number.replace(/[\\/:*?"<>|]+/g, '-')}.${SCAN_EXTENSION[meta.mediaType]}`;
}
