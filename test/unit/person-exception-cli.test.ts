import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { sql } from '../../electron/core/store/sql';
import { runCli } from '../cli-harness';
import { targetStore, tempDir, testDatabases } from '../helpers';

let dir: string;
let cleanup: () => void;
const dbs = testDatabases();
beforeEach(async () => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await dbs.closeAll();
  cleanup();
});

const cli = (args: string[]) => runCli(args, { at: '2026-03-10T03:00:00Z' });

describe('sigap exception', () => {
  it('adds, lists and ends a person\'s exception; refuses bad input with Indonesian messages', async () => {
    const db = await dbs.next(dir, 'x.db');
    expect((await cli(['demo', '--persons', '20', '--year', '2026', '--db', db])).code).toBe(0);
    // A PU person in force all March: no core read picks one, so through a store on the demo's database.
    const store = targetStore(db);
    const { nik } = (await store.one<{ nik: string }>(
      sql`SELECT p.nik FROM person p JOIN engagement e ON e.person_id = p.id JOIN category c ON c.id = e.category_id
       WHERE c.segment = 'PU' AND e.start_date <= '2026-03-01' AND (e.end_date IS NULL OR e.end_date >= '2026-03-31') ORDER BY p.id LIMIT 1`,
    ))!;
    await store.close();

    const bad = await cli(['exception', 'add', '--nik', nik, '--from', '2026-03', '--programs', 'JKK,JKX', '--reason', 'x', '--db', db]);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'Galat (INVALID_INPUT): --programs: "JKX" bukan program; pilih dari JKK, JKM, JHT, JP, mis. --programs JKK,JKM.']);
    const noReason = await cli(['exception', 'add', '--nik', nik, '--from', '2026-03', '--jkk-class', '3', '--db', db]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('Sebutkan alasannya dengan --reason');
    const stranger = await cli(['exception', 'list', '--nik', ' 1804019999999999 ', '--db', db]);
    expect([stranger.code, stranger.stderr.trim()]).toEqual([1, 'Galat (NOT_FOUND): Tidak ada pegawai dengan NIK 1804019999999999.']);

    const add = await cli(['exception', 'add', '--nik', nik, '--from', '2026-03', '--jkk-class', '3', '--reason', 'Tugas lapangan', '--source', 'SK 800/12/2026', '--db', db]);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toBe('Pengecualian #1 tersimpan: Pengecualian: JKK kelas III mulai Maret 2026, SK 800/12/2026. Berlaku untuk penagihan dan berkas BPJS berikutnya; tagihan yang sudah terbit tidak berubah.\n');

    const list = await cli(['exception', 'list', '--nik', nik, '--json', '--db', db]);
    expect(list.code, list.stderr).toBe(0);
    const b = list.json<{ jkkClass: number; jkkClassFrom: string; exceptions: { id: number; active: boolean }[] }>();
    expect([b.jkkClass, b.jkkClassFrom, b.exceptions.map((e) => [e.id, e.active])]).toEqual([3, 'pengecualian', [[1, true]]]);

    const end = await cli(['exception', 'end', '1', '--last-month', '2026-05', '--db', db]);
    expect([end.code, end.stdout]).toEqual([0, 'Pengecualian #1 berakhir sesudah 2026-05.\n']);
    const june = await cli(['exception', 'list', '--nik', nik, '--month', '2026-06', '--db', db]);
    expect(june.stdout).toContain('Pengecualian: JKK kelas III Maret 2026 sampai Mei 2026, SK 800/12/2026');
    expect(june.stdout).toMatch(/JKK kelas 1 \(dari Pemda/);

    const help = await cli(['exception', '--help']);
    expect(help.stdout).toContain('sigap exception add --nik NIK --from YYYY-MM');
    // A read on a database that does not exist is refused, not created.
    const missing = await cli(['exception', 'list', '--nik', nik, '--db', join(dir, 'tidak-ada.db')]);
    expect(missing.stderr).toContain('tidak ada');
  });
});
