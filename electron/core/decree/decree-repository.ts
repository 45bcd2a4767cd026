/** The decree table as the SK page, the CLI and the undo see it, and the signed scans attached to it. */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import type { ScanMediaType } from './scan-check';

export interface DecreeRecordRow {
  decreeId: number;
  number: string;
  status: 'applied' | 'withdrawn';
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
}

export interface DecreeUndoFacts {
  id: number;
  number: string;
  status: 'applied' | 'withdrawn';
  importedAt: string;
  tmtEnd: string | null;
  recorded: 0 | 1;
}

export interface ScanMetaRow {
  decreeId: number;
  number: string;
  mediaType: ScanMediaType;
  size: number;
  sha256: string;
  originalName: string;
  createdAt: string;
  createdBy: string;
}

export interface NewScanRow {
  decreeId: number;
  mediaType: ScanMediaType;
  bytes: Uint8Array;
  sha256: string;
  originalName: string;
  createdAt: string;
  createdBy: string;
}

const SCAN_META = sql`
  SELECT a.decree_id AS "decreeId", d.number, a.media_type AS "mediaType", a.size, a.sha256, a.original_name AS "originalName",
         a.created_at AS "createdAt", a.created_by AS "createdBy"
  FROM decree_attachment a JOIN decree d ON d.id = a.decree_id`;

export const decrees = {
  async numberOf(q: Queries, decreeId: number): Promise<string | null> {
    return (await q.one<{ number: string }>(sql`SELECT number FROM decree WHERE id = ${decreeId}`))?.number ?? null;
  },
  /** The applied SK with this number, else the latest withdrawn one. */
  async idByNumber(q: Queries, number: string): Promise<number | null> {
    const row = await q.one<{ id: number }>(sql`
      SELECT id FROM decree WHERE number = ${number}
      ORDER BY CASE WHEN status = 'applied' THEN 1 ELSE 0 END DESC, id DESC LIMIT 1`);
    return row?.id ?? null;
  },
  /** Every SK with its withdrawal, for the SK page's records. */
  records(q: Queries): Promise<DecreeRecordRow[]> {
    return q.all<DecreeRecordRow>(sql`
      SELECT id AS "decreeId", number, status, withdrawn_at AS "withdrawnAt", withdrawn_by AS "withdrawnBy", withdraw_reason AS "withdrawReason"
      FROM decree ORDER BY id`);
  },
  undoFacts(q: Queries, decreeId: number): Promise<DecreeUndoFacts | undefined> {
    return q.one<DecreeUndoFacts>(sql`
      SELECT id, number, status, imported_at AS "importedAt", tmt_end AS "tmtEnd", effects_recorded AS recorded
      FROM decree WHERE id = ${decreeId}`);
  },
  async markWithdrawn(q: Queries, decreeId: number, at: string, by: string, reason: string): Promise<void> {
    await q.run(sql`UPDATE decree SET status = 'withdrawn', withdrawn_at = ${at}, withdrawn_by = ${by}, withdraw_reason = ${reason} WHERE id = ${decreeId}`);
  },
};

export const decreeScans = {
  meta(q: Queries, decreeId: number): Promise<ScanMetaRow | undefined> {
    return q.one<ScanMetaRow>(sql`${SCAN_META} WHERE a.decree_id = ${decreeId}`);
  },
  list(q: Queries): Promise<ScanMetaRow[]> {
    return q.all<ScanMetaRow>(sql`${SCAN_META} ORDER BY a.decree_id`);
  },
  async bytes(q: Queries, decreeId: number): Promise<Buffer | null> {
    return (await q.one<{ bytes: Buffer }>(sql`SELECT bytes FROM decree_attachment WHERE decree_id = ${decreeId}`))?.bytes ?? null;
  },
  /** One scan per decree: a new one replaces the old. */
  async save(q: Queries, s: NewScanRow): Promise<void> {
    await q.run(sql`
      INSERT INTO decree_attachment (decree_id, media_type, bytes, size, sha256, original_name, created_at, created_by)
      VALUES (${s.decreeId}, ${s.mediaType}, ${s.bytes}, ${s.bytes.length}, ${s.sha256}, ${s.originalName}, ${s.createdAt}, ${s.createdBy})
      ON CONFLICT (decree_id) DO UPDATE SET media_type = excluded.media_type, bytes = excluded.bytes, size = excluded.size,
        sha256 = excluded.sha256, original_name = excluded.original_name, created_at = excluded.created_at, created_by = excluded.created_by`);
  },
};
