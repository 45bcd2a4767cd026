/**
 * Two exports of the same changes at once, on one store (two clerks, or a double click): both read the
 * pending list before either records its batch. The check that no other batch took the changes runs
 * inside the recording write transaction, so exactly one batch is recorded; the other export is refused
 * and leaves no file behind.
 *
 * Left alone, one export may finish before the other reads (it then finds nothing to export), so the
 * store is wrapped: each export's read of the pending rows completes only once both have read them.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { addNewcomers, setupRoster } from '../fixtures/bpjs-roster';
import { exportBatch, listBatches, type ExportResult } from '../../electron/core/bpjs/index';
import { pendingChanges } from '../../electron/core/bpjs/pending';
import { storeOf } from '../../electron/core/store/of-context';
import { meetingAfterReads } from '../store-gates';

let ctx: ReturnType<typeof testContext>;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  await addNewcomers(ctx, await setupRoster(ctx), 3);
});
afterEach(() => ctx.close());

it('two exports of the same registrations at once record one batch; the other is refused and writes nothing', async () => {
  const dirs = [join(ctx.dir, 'a'), join(ctx.dir, 'b')];
  const meeting = { ...ctx, store: meetingAfterReads(storeOf(ctx), 2) };
  const results = await Promise.allSettled(dirs.map((outDir) => exportBatch(meeting, { kind: 'new', outDir })));

  const done = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, r: r.value }] : [])) as { i: number; r: ExportResult }[];
  const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [{ i, e: r.reason as Error }] : []));
  expect(done).toHaveLength(1);
  expect(done[0]!.r.rows).toBe(3);
  expect(refused).toHaveLength(1);
  expect(refused[0]!.e.message).toMatch(/^3 perubahan sudah masuk batch lain sementara berkas dibuat/);

  const batches = await listBatches(ctx);
  expect(batches.map((b) => [b.id, b.rows])).toEqual([[done[0]!.r.batchId, 3]]);
  expect(await pendingChanges(ctx, 'new', '2026-03-10')).toEqual([]);
  // The recorded export's file is in its folder; the refused one left neither file nor part.
  expect(readdirSync(dirs[done[0]!.i]!)).toEqual([batches[0]!.files[0]!.name]);
  const other = dirs[refused[0]!.i]!;
  expect(existsSync(other) ? readdirSync(other) : []).toEqual([]);
});
