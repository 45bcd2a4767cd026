import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { runCli } from '../cli-harness';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { tempDir, testDatabases } from '../helpers';
import { openStore } from '../../electron/core/store/open-store';
import { listAudit } from '../../electron/core/audit-query';

let dir: string;
let cleanup: () => void;
const dbs = testDatabases();
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await dbs.closeAll();
  cleanup();
});

describe('sigap settings', () => {
  it('a fresh database gets its NPP from the command line and can then write BPJS files', async () => {
    const db = await dbs.next(dir, 'fresh.db');
    const sk = await writeMessyAppendix(join(dir, 'sk.xlsx'), fxPersons(4, ['Dinas Sosial']), { number: 'B/1/KPTS/2026', date: '2026-01-02' });
    expect((await runCli(['import-sk', sk.path, '--db', db, '--tmt', '2026-01-01', '--create-units'])).code).toBe(0);
    const out = join(dir, 'berkas');
    const refused = await runCli(['export', 'new', '--out', out, '--include-incomplete', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/NPP pemberi kerja belum diisi. Isi dulu: sigap settings set/);

    const set = await runCli(['settings', 'set', 'pemda.nama=Pemerintah Kabupaten Lampung Barat', 'pemda.npp=NN123456', 'ttd.tempat=Liwa', '--db', db]);
    expect(set.code).toBe(0);
    const shown = await runCli(['settings', 'show', '--json', '--db', db]);
    const s = shown.json<{ settings: Record<string, string | number | null> }>().settings;
    expect(s['pemda.nama']).toBe('Pemerintah Kabupaten Lampung Barat');
    expect(s['pemda.npp']).toBe('NN123456');
    expect(s['pemda.kelas-jkk']).toBe(1);
    expect(s['ttd.tempat']).toBe('Liwa');
    expect(s['cakupan.kuota-desa']).toBe(10);

    const made = await runCli(['export', 'new', '--out', out, '--include-incomplete', '--json', '--db', db]);
    expect(made.code).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.xlsx')).length).toBeGreaterThan(0);
  });

  it('changes other settings through the app rules, audited, and refuses bad keys and values before writing', async () => {
    const db = await dbs.next(dir, 's.db');
    expect((await runCli(['settings', 'set', 'pemda.nama=Pemkab Contoh', '--db', db])).code).toBe(0);
    const ok = await runCli(['settings', 'set', 'cakupan.kuota-desa=12', 'sesi.kunci-menit=30', 'ttd.kepala-nip=19780427 200801 2 008', 'pemda.alamat=', '--json', '--db', db]);
    expect(ok.code).toBe(0);
    const s = ok.json<{ settings: Record<string, string | number | null> }>().settings;
    expect(s['cakupan.kuota-desa']).toBe(12);
    expect(s['sesi.kunci-menit']).toBe(30);
    expect(s['ttd.kepala-nip']).toBe('197804272008012008');
    expect(s['pemda.alamat']).toBeNull();
    // Setting the signing NIP kept the Pemda's name (a patch, not a replacement).
    expect(s['pemda.nama']).toBe('Pemkab Contoh');
    const opened = await openStore(db);
    try {
      const rows = (await listAudit({ ...opened.context, actor: 'test', clock: () => new Date() }, { limit: 50 })).rows;
      expect(rows.filter((r) => r.entity === 'employer').length).toBe(2);
      expect(rows.some((r) => r.entity === 'setting' && /cakupan/i.test(r.summary ?? ''))).toBe(true);
      expect(rows.some((r) => r.entity === 'setting' && /30 menit/.test(r.summary ?? ''))).toBe(true);
      expect(rows.every((r) => r.actor.startsWith('cli:'))).toBe(true);
    } finally {
      await opened.store.close();
    }

    const before = (await runCli(['settings', 'show', '--json', '--db', db])).stdout;
    const unknown = await runCli(['settings', 'set', 'pemda.warna=biru', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Kunci "pemda.warna" tidak dikenal/);
    const badNumber = await runCli(['settings', 'set', 'cakupan.kuota-desa=sepuluh', '--db', db]);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toMatch(/harus angka/);
    const badClass = await runCli(['settings', 'set', 'pemda.kelas-jkk=9', '--db', db]);
    expect(badClass.code).toBe(2);
    const badNip = await runCli(['settings', 'set', 'ttd.kepala-nip=123', '--db', db]);
    expect(badNip.code).toBe(2);
    expect(badNip.stderr).toMatch(/18 angka/);
    expect((await runCli(['settings', 'show', '--json', '--db', db])).stdout).toBe(before);
    expect(badNip.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains itself', async () => {
    const help = await runCli(['settings', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/pemda\.npp/);
    expect((await runCli(['settings'])).code).toBe(2);
  });
});

describe('commands that only read', () => {
  it('refuse a database that does not exist instead of creating an empty one, and a folder given as the file', async () => {
    const missing = join(dir, 'salah-ketik.db');
    for (const args of [['roster'], ['arrears'], ['coverage'], ['opd', 'list'], ['opd', 'alias', 'list'], ['settings', 'show'], ['user', 'list'], ['incident', 'list']]) {
      const r = await runCli([...args, '--db', missing]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/tidak ada\. Periksa --db/);
      expect(existsSync(missing), args.join(' ')).toBe(false);
    }
    const viaEnv = await runCli(['roster', '--json'], { env: { SIGAP_DB: missing } });
    expect(viaEnv.code).toBe(1);
    expect(existsSync(missing)).toBe(false);
    const folder = await runCli(['roster', `--db=${dir}`]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/adalah folder, bukan berkas basis data/);
    expect(folder.stderr).not.toMatch(/\n\s+at /);
    // Writing commands still create a database on first use.
    expect((await runCli(['settings', 'set', 'pemda.nama=Pemkab Baru', '--db', missing])).code).toBe(0);
    expect((await runCli(['roster', '--db', missing])).code).toBe(0);
  });
});
