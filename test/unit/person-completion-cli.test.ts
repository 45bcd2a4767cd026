/** `sigap person template|import` on the demo regency: workbooks out, one filled by hand, read back. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../cli-harness';
import { targetStore, tempDir, testDatabases, testEngine } from '../helpers';
import { inspectBackup } from '../../electron/core/backup/restore';
import { sniffBackup } from '../../electron/core/backup/pg-backup';
import { COMPLETION_HEADER_ROW } from '../../electron/core/roster/completion-workbook';
import { personRepo } from '../../electron/core/roster/person-repository';
import { sql } from '../../electron/core/store/sql';
import type { Store } from '../../electron/core/store/store';

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

/** The CLI's database (or a backup file of it) opened as a Store for `fn`, then closed. */
async function onFile<T>(path: string, fn: (s: Store) => Promise<T>): Promise<T> {
  const s = targetStore(path);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}
const contactOf = (path: string, nik: string) => onFile(path, async (s) => {
  const p = (await personRepo.rowByNik(s, nik))!;
  return { postal_code: p.postal_code, marital_status: p.marital_status };
});

describe('sigap person', () => {
  it('writes a workbook per unit, previews a filled one without changing anything, then applies it', async () => {
    const out = join(dir, 'isian');
    const t = await runCli(['person', 'template', '--all', '--out', out, '--db', db, '--json']);
    expect(t.code).toBe(0);
    const files = t.json<{ files: { path: string; rows: number }[] }>().files;
    expect(files.length).toBeGreaterThan(0);
    expect(readdirSync(out).sort()).toEqual(files.map((f) => f.path.slice(out.length + 1)).sort());
    // Every demo person engaged today is in exactly one unit's file.
    const today = new Date().toISOString().slice(0, 10);
    const active = await onFile(db, async (s) => (await s.one<{ n: number }>(
      sql`SELECT count(DISTINCT person_id) AS n FROM engagement WHERE start_date <= ${today} AND (end_date IS NULL OR end_date >= ${today})`))!.n);
    expect(files.reduce((n, f) => n + f.rows, 0)).toBe(active);

    const path = files.find((f) => f.rows > 0)!.path;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0]!;
    const first = ws.getRow(COMPLETION_HEADER_ROW + 1);
    const nik = String(first.getCell(2).value);
    first.getCell(8).value = 34812; // Kode pos, typed as a number
    first.getCell(11).value = 'kawin'; // Status kawin
    await wb.xlsx.writeFile(path);

    const preview = await runCli(['person', 'import', path, '--db', db]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('Akan diubah: 1 pegawai, 2 isian');
    expect(preview.stdout).toContain('Kode pos: (kosong) -> "34812"');
    expect(preview.stdout).toContain('Status kawin: (kosong) -> "Y"');
    expect(preview.stdout).toContain('Belum ada yang diubah. Jalankan lagi dengan --apply');
    const read = () => contactOf(db, nik);
    expect(await read()).toEqual({ postal_code: null, marital_status: null });

    const applied = await runCli(['person', 'import', path, '--apply', '--db', db]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Diterapkan: 1 pegawai, 2 isian.');
    expect(await read()).toEqual({ postal_code: '34812', marital_status: 'Y' });
    // A backup was taken first, beside the database, holding the data as it was before.
    const saved = /Cadangan sebelum menerapkan: (\S+)/.exec(applied.stderr)?.[1];
    expect(saved && existsSync(saved)).toBe(true);
    if (testEngine === 'postgres') {
      // On a server the backup is a pg_dump archive: checked whole, with the people it holds.
      expect(sniffBackup(saved!)).toBe('postgres');
      expect((await inspectBackup(saved!, dir)).counts.persons).toBe(20);
    } else {
      expect(await contactOf(saved!, nik)).toEqual({ postal_code: null, marital_status: null });
    }
  });

  it('says what is missing, in Indonesian, with the usage', async () => {
    const r = await runCli(['person', 'template', '--out', join(dir, 'x'), '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Sebutkan unit dengan --opd KODE');
    expect(r.stderr).toContain('sigap person template');
    const unknown = await runCli(['person', 'template', '--opd', 'TIDAK-ADA', '--out', join(dir, 'x'), '--db', db]);
    expect(unknown.stderr).toContain('Unit kerja "TIDAK-ADA" tidak ditemukan');
    const help = await runCli(['person', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('sigap person import BERKAS [--apply]');
  });
});
