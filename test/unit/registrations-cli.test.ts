/** `sigap npp list|add|set|assign` (electron/cli/commands/npp.ts), with its Indonesian refusals and exit codes. */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli-harness';
import { testDatabases } from '../helpers';

const dbs = testDatabases();
afterEach(() => dbs.closeAll());

const cli = (args: string[]) => runCli(args, { at: '2026-02-20T03:00:00Z' });

interface RegJson { id: number | null; npp: string | null; name: string; jkkClass: number; units: number; categories: number; batches: number }

describe('sigap npp', () => {
  it('adds an NPP, changes its class, puts a category under it and back, and lists them', async () => {
    const db = await dbs.next();
    expect((await cli(['settings', 'set', 'pemda.nama=Pemerintah Kabupaten Contoh', 'pemda.npp=18040012', '--db', db])).code).toBe(0);
    const add = await cli(['npp', 'add', '18.04.00.99', '--name', 'RSUD Contoh (BLUD)', '--jkk-class', '2', '--json', '--db', db]);
    expect(add.code, add.stderr).toBe(0);
    expect(add.json<{ registration: RegJson }>().registration).toMatchObject({ npp: '18040099', name: 'RSUD Contoh (BLUD)', jkkClass: 2 });
    const set = await cli(['npp', 'set', '18040099', '--jkk-class', '1', '--db', db]);
    expect(set.stdout).toBe('NPP 18040099 (RSUD Contoh (BLUD), JKK kelas 1) tersimpan.\n');
    expect((await cli(['category', 'add', 'Tenaga BLUD', '--segment', 'PU', '--programs', 'JKK,JKM', '--db', db])).code).toBe(0);
    const cat = await cli(['npp', 'assign', '18040099', '--category', 'tenaga blud', '--db', db]);
    expect(cat.stdout).toBe('Kategori Tenaga BLUD sekarang memakai NPP 18040099 (untuk pegawainya di unit tanpa NPP sendiri).\n');
    const list = await cli(['npp', 'list', '--json', '--db', db]);
    expect(list.json<{ registrations: RegJson[] }>().registrations.map((r) => [r.id === null, r.npp, r.categories])).toEqual([[true, '18040012', 2], [false, '18040099', 1]]);
    const back = await cli(['npp', 'assign', 'pemda', '--category', 'Tenaga BLUD', '--db', db]);
    expect(back.stdout).toContain('sekarang memakai NPP Pemda');
  });

  it('refuses a bad NPP, an unknown NPP or unit, and a missing option with exit 2 (bad input) and an Indonesian message', async () => {
    const db = await dbs.next();
    const bad = await cli(['npp', 'add', '123', '--name', 'Desa', '--jkk-class', '1', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('NPP "123" tidak sah: NPP BPJS Ketenagakerjaan terdiri dari 8 angka (mis. 18040012).');
    const noClass = await cli(['npp', 'add', '18040099', '--name', 'Desa Sebarus', '--db', db]);
    expect(noClass.stderr).toContain('Sebutkan kelas risiko JKK NPP ini dengan --jkk-class 1 sampai 5.');
    const unknown = await cli(['npp', 'assign', '18049999', '--opd', 'U001', '--db', db]);
    expect(unknown.stderr).toContain('NPP "18049999" belum terdaftar. Lihat daftarnya di Pengaturan › Pendaftaran BPJS (NPP) atau dengan: sigap npp list');
    await cli(['npp', 'add', '18040099', '--name', 'Desa Sebarus', '--jkk-class', '1', '--db', db]);
    const noUnit = await cli(['npp', 'assign', '18040099', '--opd', 'ZZZ', '--db', db]);
    expect(noUnit.stderr).toContain('Unit "ZZZ" tidak ada. Lihat daftarnya dengan: sigap opd list');
    const usage = await cli(['npp', 'hapus', '--db', db]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('sigap npp assign NPP|pemda (--opd KODE | --category NAMA)');
  });
});
