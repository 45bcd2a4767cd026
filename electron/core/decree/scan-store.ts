import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { checkScan, checkScanSize, SCAN_EXTENSION, type ScanMediaType } from './scan-check';

export interface ScanMeta {
  decreeId: number;
  number: string;
  mediaType: ScanMediaType;
  size: number;
  sha256: string;
  originalName: string;
  createdAt: string;
  createdBy: string;
}

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

const META = `SELECT a.decree_id AS decreeId, d.number, a.media_type AS mediaType, a.size, a.sha256, a.original_name AS originalName,
                      a.created_at AS createdAt, a.created_by AS createdBy
               FROM decree_attachment a JOIN decree d ON d.id = a.decree_id`;

function decreeNumber(ctx: CoreContext, decreeId: number): string {
  const n = ctx.db.prepare('SELECT number FROM decree WHERE id = ?').pluck().get(decreeId) as string | undefined;
  if (n === undefined) throw new SigapError('NOT_FOUND', `SK #${decreeId} tidak ditemukan.`);
  return n;
}

/**
 * Finds a decree by its number (as the clerk types it in the CLI): the applied one, or when the number
 * belongs only to withdrawn SKs (a withdrawn SK gives its number back), the latest of those.
 */
export function decreeIdByNumber(ctx: CoreContext, number: string): number {
  const id = ctx.db.prepare("SELECT id FROM decree WHERE number = ? ORDER BY status = 'applied' DESC, id DESC LIMIT 1").pluck().get(number.trim()) as number | undefined;
  if (id === undefined) throw new SigapError('NOT_FOUND', `SK nomor "${number}" tidak ditemukan. Lihat daftar di halaman SK.`);
  return id;
}

/** Attaches (or replaces) a decree's scan, checked again here whatever the caller did; audited without the bytes. */
export function attachScan(ctx: CoreContext, decreeId: number, file: ScanFile): ScanMeta {
  const mediaType = checkScan(file.bytes, file.name);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const now = nowIso(ctx);
  return ctx.db
    .transaction(() => {
      const number = decreeNumber(ctx, decreeId);
      const old = scanMeta(ctx, decreeId);
      ctx.db
        .prepare(
          `INSERT INTO decree_attachment (decree_id, media_type, bytes, size, sha256, original_name, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (decree_id) DO UPDATE SET media_type = excluded.media_type, bytes = excluded.bytes, size = excluded.size,
             sha256 = excluded.sha256, original_name = excluded.original_name, created_at = excluded.created_at, created_by = excluded.created_by`,
        )
        .run(decreeId, mediaType, file.bytes, file.bytes.length, sha256, file.name.slice(0, 255), now, ctx.actor);
      const facts = (m: { originalName: string; mediaType: string; size: number; sha256: string }) => ({ file: m.originalName, media_type: m.mediaType, size: m.size, sha256: m.sha256 });
      audit(ctx, {
        at: now, action: old ? 'update' : 'create', entity: 'decree_attachment', entityId: decreeId,
        summary: `Pindaian SK ${number} ${old ? 'diganti' : 'dilampirkan'}: ${file.name}`,
        ...(old ? { before: facts(old) } : {}),
        after: facts({ originalName: file.name, mediaType, size: file.bytes.length, sha256 }),
      });
      return scanMeta(ctx, decreeId)!;
    })
    .immediate();
}

export function scanMeta(ctx: CoreContext, decreeId: number): ScanMeta | null {
  return (ctx.db.prepare(`${META} WHERE a.decree_id = ?`).get(decreeId) as ScanMeta | undefined) ?? null;
}

/** Every scan's facts (not its bytes): for the SK page and the person's history. */
export function listScans(ctx: CoreContext): ScanMeta[] {
  return ctx.db.prepare(`${META} ORDER BY a.decree_id`).all() as ScanMeta[];
}

/** A scan's bytes, checked against the SHA-256 stored with them (a damaged database is said, not shown). */
export function readScan(ctx: CoreContext, decreeId: number): ScanMeta & { bytes: Buffer } {
  const number = decreeNumber(ctx, decreeId);
  const meta = scanMeta(ctx, decreeId);
  if (!meta) throw new SigapError('NOT_FOUND', `SK ${number} belum memiliki pindaian. Lampirkan di halaman SK.`);
  const bytes = ctx.db.prepare('SELECT bytes FROM decree_attachment WHERE decree_id = ?').pluck().get(decreeId) as Buffer;
  if (createHash('sha256').update(bytes).digest('hex') !== meta.sha256) {
    throw new SigapError('DB_UNREADABLE', `Pindaian SK ${number} rusak di basis data (SHA-256 tidak cocok). Lampirkan ulang atau pulihkan dari cadangan.`);
  }
  return { ...meta, bytes };
}

/** A file name for saving the scan: the SK number made safe for Windows, with the type's extension. */
export function scanFileName(meta: Pick<ScanMeta, 'number' | 'mediaType'>): string {
  return `Pindaian SK ${meta.number.replace(/[\\/:*?"<>|]+/g, '-')}.${SCAN_EXTENSION[meta.mediaType]}`;
}
