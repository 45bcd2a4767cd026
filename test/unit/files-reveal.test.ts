/**
 * Save results carry an opaque fileId and 'files.reveal' asks the host to show that file: the renderer
 * never names a path, and an id names only a file the core reported writing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { testContext } from '../helpers';
import { seedDemo } from '../../electron/core/demo/index';
import { bridge, testHost, type TestHost } from '../api-harness';
import { SavedFiles, withFileId } from '../../electron/core/files/saved-files';

let ctx: ReturnType<typeof testContext>;
let host: TestHost;
let api: ReturnType<typeof bridge>;
beforeAll(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  await seedDemo(ctx, { persons: 20, year: 2026 });
  host = testHost();
  api = bridge(ctx, host);
  await api.ready;
});
afterAll(() => ctx.close());

describe('files.reveal', () => {
  it('shows the file a save wrote, by the id in its reply', async () => {
    const path = join(ctx.dir, 'daftar.xlsx');
    host.saveQueue.push(path);
    const saved = (await api.ok('roster.saveXlsx', { month: '2026-03' }))!;
    expect(saved.path).toBe(path);
    expect(saved.fileId).toMatch(/^[a-z]{24}$/);
    expect(await api.ok('files.reveal', { fileId: saved.fileId! })).toBeNull();
    expect(host.revealed).toEqual([path]);
    // Saving to the same place again gives the same id.
    host.saveQueue.push(path);
    const again = (await api.ok('roster.saveXlsx', { month: '2026-03' }))!;
    expect(again.fileId).toBe(saved.fileId);
  });

  it('refuses an id it never gave, a path in place of an id, and a file since deleted', async () => {
    const unknown = await api.call('files.reveal', { fileId: 'abcdefghijklmnopqrstuvwx' });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    const path = await api.raw('files.reveal', { fileId: '/etc/passwd' });
    expect(path.ok ? null : path.error.code).toBe('INVALID_INPUT');
    const file = join(ctx.dir, 'hapus.xlsx');
    host.saveQueue.push(file);
    const saved = (await api.ok('roster.saveXlsx', { month: '2026-03' }))!;
    rmSync(file);
    const gone = await api.call('files.reveal', { fileId: saved.fileId! });
    expect(gone.ok ? null : gone.error).toEqual({ code: 'NOT_FOUND', message: 'Berkas hapus.xlsx sudah tidak ada di foldernya (dipindahkan atau dihapus).' });
    expect(host.revealed).toHaveLength(1); // only the first test's
  });

  it('a cancelled save has no id; replies without a file pass unchanged', async () => {
    expect(await api.ok('roster.saveXlsx', { month: '2026-03' })).toBeNull();
    const s = new SavedFiles();
    expect(withFileId({ rows: 3 }, s)).toEqual({ rows: 3 });
    expect(withFileId([{ path: '/a' }], s)).toEqual([{ path: '/a' }]);
    const batch = withFileId({ folder: '/out', files: [{ path: '/out/a.xlsx' }, { path: '/out/b.xlsx' }] }, s) as { fileId: string };
    expect(s.pathOf(batch.fileId)).toBe('/out/a.xlsx');
    const folder = withFileId({ folder: ctx.dir, backups: [] }, s) as { fileId: string };
    expect(s.pathOf(folder.fileId)).toBe(ctx.dir);
    // A backup folder not made yet (no backup so far) has nothing to show: no id.
    expect(withFileId({ folder: join(ctx.dir, 'belum-ada'), backups: [] }, s)).toEqual({ folder: join(ctx.dir, 'belum-ada'), backups: [] });
  });
});
