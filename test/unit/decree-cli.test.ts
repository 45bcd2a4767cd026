/** `sigap sk attach|scan|undo` on the demo regency and an SK applied through `sigap import-sk`. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../cli-harness';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { sql } from '../../electron/core/store/sql';
import { targetStore, tempDir, testDatabases } from '../helpers';

const PDF = join(__dirname, '../fixtures/files/sk-scan.pdf');
let dir: string;
let cleanup: () => void;
let db: string;
const dbs = testDatabases();
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  db = await dbs.next(dir, 'x.db');
  expect((await runCli(['demo', '--persons', '20', '--db', db])).code).toBe(0);
});
afterEach(async () => {
  await dbs.closeAll();
  cleanup();
});

describe('sigap sk', () => {
  it('attaches a scan by SK number, refuses a wrong file by name, and saves the scan back byte for byte', async () => {
    const w = await writeMessyAppendix(join(dir, 'sk.xlsx'), fxPersons(4, ['Dinas Kesehatan'], 3, 900_000), { number: 'B/7/KPTS/2026', date: '2026-03-01' });
    expect((await runCli(['import-sk', w.path, '--db', db, '--tmt', '2026-03-01', '--amend', '--no-backup'])).code).toBe(0);
    const fake = join(dir, 'scan.pdf');
    writeFileSync(fake, 'bukan pdf');
    const bad = await runCli(['sk', 'attach', 'B/7/KPTS/2026', fake, '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Berkas "scan.pdf" tidak dapat dilampirkan sebagai pindaian SK');
    const ok = await runCli(['sk', 'attach', 'B/7/KPTS/2026', PDF, '--db', db]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Pindaian SK B/7/KPTS/2026 tersimpan: sk-scan.pdf (application/pdf');
    const out = join(dir, 'kembali.pdf');
    expect((await runCli(['sk', 'scan', 'B/7/KPTS/2026', '--out', out, '--db', db])).code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(PDF))).toBe(true);
    const missing = await runCli(['sk', 'scan', 'X/1/2026', '--out', out, '--db', db]);
    expect(missing.stderr).toContain('SK nomor "X/1/2026" tidak ditemukan');
  });

  it('checks and undoes an SK with a reason; and refuses the demo SKs, written without a record of their effects', async () => {
    const w = await writeMessyAppendix(join(dir, 'sk.xlsx'), fxPersons(4, ['Dinas Kesehatan'], 3, 900_000), { number: 'B/8/KPTS/2026', date: '2026-03-01' });
    expect((await runCli(['import-sk', w.path, '--db', db, '--tmt', '2026-03-01', '--amend', '--no-backup'])).code).toBe(0);
    const check = await runCli(['sk', 'undo', 'B/8/KPTS/2026', '--check', '--db', db, '--json']);
    expect(check.code).toBe(0);
    expect(check.json<{ canUndo: boolean; counts: { personsCreated: number } }>()).toMatchObject({ canUndo: true, counts: { personsCreated: 4 } });
    const noReason = await runCli(['sk', 'undo', 'B/8/KPTS/2026', '--db', db, '--no-backup']);
    expect(noReason.stderr).toContain('--reason');
    const undo = await runCli(['sk', 'undo', 'B/8/KPTS/2026', '--reason', 'Lampiran salah unggah', '--db', db]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain('Penerapan SK B/8/KPTS/2026 dibatalkan: 4 keterlibatan dihapus, 0 dibuka kembali, 4 orang dihapus');
    expect(undo.stderr).toContain('Cadangan sebelum pembatalan');
    const again = await runCli(['sk', 'undo', 'B/8/KPTS/2026', '--reason', 'Lagi', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('sudah dibatalkan');
    // The demo writes its SKs directly (as SKs applied before migration 0150 were): no effects recorded.
    const store = targetStore(db);
    const demoSk = (await store.one<{ number: string }>(sql`SELECT number FROM decree WHERE effects_recorded = 0 ORDER BY id LIMIT 1`))?.number as string;
    await store.close();
    const legacy = await runCli(['sk', 'undo', demoSk, '--check', '--db', db]);
    expect(legacy.code).toBe(1);
    expect(legacy.stderr).toContain(`SK ${demoSk} diterapkan dengan versi Sigap yang belum mencatat rincian setiap perubahannya`);
  });

  it('says how to use it', async () => {
    const help = await runCli(['sk', '--help']);
    expect(help.stdout).toContain('sigap sk attach NOMOR FILE');
    expect(help.stdout).toContain('sigap sk undo NOMOR --reason');
  });
});
