/** The batches of BPJS upload files: the batch, its rows (the cells written) and its files. */
import { sql, sqlJoin } from '../store/sql';
import type { Queries } from '../store/store';
import { dialect } from '../store/dialect';
import type { ReportKind } from '../../../shared/sipp-layouts';

export interface BatchRow {
  id: number; kind: ReportKind; status: 'submitted' | 'cancelled'; profile_name: string; profile_json: string; npp: string; as_of: string;
  include_incomplete: number; row_count: number; created_at: string; created_by: string; cancelled_at: string | null; cancelled_by: string | null; cancel_reason: string | null;
}

export interface BatchFileRow {
  seq: number;
  name: string;
  rows: number;
  sha256: string;
  bytes: number;
}

export interface BatchItemRow {
  seq: number;
  key: string;
  personId: number;
  nik: string;
  name: string;
  fileSeq: number;
  problemsJson: string | null;
}

export interface NewBatch {
  kind: ReportKind; profileName: string; profileJson: string; npp: string; asOf: string; includeIncomplete: boolean; rows: number; createdAt: string; createdBy: string;
}

export interface NewBatchItem {
  seq: number; key: string; personId: number; engagementId: number; fileSeq: number; cellsJson: string; problemsJson: string | null;
}

/** 8 values a row: 4,000 parameters a statement, well under both engines' limits. */
const ITEMS_PER_INSERT = 500;

const BATCH = sql`SELECT id, kind, status, profile_name, profile_json, npp, as_of, include_incomplete, row_count, created_at, created_by,
  cancelled_at, cancelled_by, cancel_reason FROM bpjs_batch`;

export const batchRepo = {
  /** Newest first; one NPP's when given. */
  list(q: Queries, npp: string | null): Promise<BatchRow[]> {
    return q.all<BatchRow>(sql`${BATCH} ${npp === null ? sql`` : sql`WHERE npp = ${npp}`} ORDER BY id DESC`);
  },
  get(q: Queries, id: number): Promise<BatchRow | undefined> {
    return q.one<BatchRow>(sql`${BATCH} WHERE id = ${id}`);
  },
  files(q: Queries, batchId: number): Promise<BatchFileRow[]> {
    return q.all<BatchFileRow>(sql`SELECT seq, name, row_count AS rows, sha256, bytes FROM bpjs_batch_file WHERE batch_id = ${batchId} ORDER BY seq`);
  },
  items(q: Queries, batchId: number): Promise<BatchItemRow[]> {
    return q.all<BatchItemRow>(sql`SELECT i.seq, i.change_key AS key, i.person_id AS "personId", p.nik, p.name, i.file_seq AS "fileSeq", i.problems_json AS "problemsJson"
      FROM bpjs_batch_item i JOIN person p ON p.id = i.person_id WHERE i.batch_id = ${batchId} ORDER BY i.seq`);
  },
  /** The recorded cells of one file of a batch, in row order (at most 10,000 rows). */
  async fileCells(q: Queries, batchId: number, fileSeq: number): Promise<string[]> {
    return (await q.all<{ cells: string }>(sql`SELECT cells_json AS cells FROM bpjs_batch_item WHERE batch_id = ${batchId} AND file_seq = ${fileSeq} ORDER BY seq`)).map((r) => r.cells);
  },
  /**
   * Cancels a submitted batch; false when it is not submitted (any more). On PostgreSQL a second cancel
   * of the same batch waits for the first to commit, then finds it cancelled and changes nothing: who
   * cancelled it, when and why stay the first one's.
   */
  async cancel(q: Queries, id: number, at: string, by: string, reason: string | null): Promise<boolean> {
    const r = await q.run(sql`UPDATE bpjs_batch SET status = 'cancelled', cancelled_at = ${at}, cancelled_by = ${by}, cancel_reason = ${reason}
      WHERE id = ${id} AND status = 'submitted'`);
    return r.changes === 1;
  },
  /** Recorded file names that start with `stem` (a kind's files of a day). */
  async fileNamesStartingWith(q: Queries, stem: string): Promise<string[]> {
    return (await q.all<{ name: string }>(sql`SELECT name FROM bpjs_batch_file WHERE substr(name, 1, length(${stem})) = ${stem}`)).map((r) => r.name);
  },
  async insert(q: Queries, b: NewBatch): Promise<number> {
    const r = await q.run(sql`INSERT INTO bpjs_batch (kind, profile_name, profile_json, npp, as_of, include_incomplete, row_count, created_at, created_by)
      VALUES (${b.kind}, ${b.profileName}, ${b.profileJson}, ${b.npp}, ${b.asOf}, ${b.includeIncomplete ? 1 : 0}, ${b.rows}, ${b.createdAt}, ${b.createdBy}) RETURNING id`);
    return r.newId!;
  },
  /** Of the keys given, those already in a submitted batch, in the order given (one statement for any number). */
  async submittedKeys(q: Queries, keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await q.all<{ key: string }>(sql`SELECT k.value AS key FROM ${dialect(q).listRows(keys, 'text')} k
      WHERE EXISTS (SELECT 1 FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id WHERE i.change_key = k.value AND b.status = 'submitted')
      ORDER BY k.key`);
    return rows.map((r) => r.key);
  },
  /** The rows of a batch, several hundred per statement (one statement per row costs a round trip each on a server). */
  async insertItems(q: Queries, batchId: number, items: readonly NewBatchItem[]): Promise<void> {
    for (let at = 0; at < items.length; at += ITEMS_PER_INSERT) {
      const rows = items.slice(at, at + ITEMS_PER_INSERT)
        .map((i) => sql`(${batchId}, ${i.seq}, ${i.key}, ${i.personId}, ${i.engagementId}, ${i.fileSeq}, ${i.cellsJson}, ${i.problemsJson})`);
      await q.run(sql`INSERT INTO bpjs_batch_item (batch_id, seq, change_key, person_id, engagement_id, file_seq, cells_json, problems_json)
        VALUES ${sqlJoin(rows)}`);
    }
  },
  async insertFile(q: Queries, batchId: number, seq: number, f: { name: string; rows: number; sha256: string; bytes: number }): Promise<void> {
    await q.run(sql`INSERT INTO bpjs_batch_file (batch_id, seq, name, row_count, sha256, bytes) VALUES (${batchId}, ${seq}, ${f.name}, ${f.rows}, ${f.sha256}, ${f.bytes})`);
  },
};
