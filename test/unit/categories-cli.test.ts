import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli-harness';
import { testDatabases } from '../helpers';

const dbs = testDatabases();
afterEach(() => dbs.closeAll());

const at = '2026-02-20T03:00:00Z';
const cli = (args: string[]) => runCli(args, { at });

interface CategoryJson { id: number; name: string; segment: string; programs: string[]; jkkClass: number | null; enrolled: boolean; active: number }

describe('sigap category add / edit', () => {
  it('adds a category, edits its class and programs, and lists it', async () => {
    const db = await dbs.next();
    const add = await cli(['category', 'add', 'Perangkat Desa', '--segment', 'PU', '--programs', 'jkk,jkm,jht', '--jkk-class', '2', '--json', '--db', db]);
    expect(add.code, add.stderr).toBe(0);
    expect(add.json<{ category: CategoryJson }>().category).toEqual({ id: 3, name: 'Perangkat Desa', segment: 'PU', programs: ['JKK', 'JKM', 'JHT'], jkkClass: 2, enrolled: true, active: 0 });

    const edit = await cli(['category', 'edit', 'perangkat desa', '--programs', 'JKK,JKM,JHT,JP', '--jkk-class', 'npp', '--db', db]);
    expect(edit.code, edit.stderr).toBe(0);
    expect(edit.stdout).toContain('Kategori "Perangkat Desa" tersimpan: PU, JKK+JKM+JHT+JP, JKK ikut kelas NPP.');
    expect(edit.stdout).toContain('Tagihan yang sudah terbit tidak berubah.');

    const stop = await cli(['category', 'edit', 'Pekerja Rentan', '--enrolled', 'no', '--db', db]);
    expect(stop.code, stop.stderr).toBe(0);

    const list = (await cli(['category', 'list', '--json', '--db', db])).json<{ categories: { name: string; programs: string[]; jkkClass: number | null; enrolled: boolean }[] }>();
    expect(list.categories.map((c) => [c.name, c.programs.join('+'), c.jkkClass, c.enrolled])).toEqual([
      ['Tenaga Non-ASN (Honorer)', 'JKK+JKM', null, true],
      ['Pekerja Rentan', 'JKK+JKM', null, false],
      ['Perangkat Desa', 'JKK+JKM+JHT+JP', null, true],
    ]);
  });

  it('refuses bad input with a clear message and a non-zero exit, writing nothing', async () => {
    const db = await dbs.next();
    const cases: [string[], number, RegExp][] = [
      [['category', 'add', 'Nelayan', '--segment', 'BPU', '--programs', 'JKK,JKM,JP'], 2, /JP \(Jaminan Pensiun\) hanya untuk peserta Penerima Upah/],
      [['category', 'add', 'Nelayan', '--segment', 'PU', '--programs', 'JKK'], 2, /JKK dan JKM wajib/],
      [['category', 'add', 'Nelayan', '--programs', 'JKK,JKM'], 2, /perlu --segment PU\|BPU/],
      [['category', 'add', 'Nelayan', '--segment', 'PU', '--programs', 'JKK,JKM', '--jkk-class', '7'], 2, /--jkk-class "7" tidak sah/],
      [['category', 'edit', 'Tidak Ada', '--jkk-class', '2'], 1, /Kategori "Tidak Ada" tidak ada/],
      [['category', 'remove', 'Pekerja Rentan'], 2, /sigap category add NAME --segment PU\|BPU/],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli([...args, '--db', db]);
      expect([r.code, r.stderr], args.join(' ')).toEqual([code, expect.stringMatching(message)]);
    }
    const list = (await cli(['category', 'list', '--json', '--db', db])).json<{ categories: unknown[] }>();
    expect(list.categories).toHaveLength(2);
  });

  it('refuses to move a category in use to the other segment', async () => {
    const db = await dbs.next();
    expect((await cli(['demo', '--persons', '20', '--db', db])).code).toBe(0);
    const r = await cli(['category', 'edit', 'Tenaga Non-ASN (Honorer)', '--segment', 'BPU', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Galat \(CONFLICT\): Segmen kategori "Tenaga Non-ASN \(Honorer\)" tidak dapat diubah dari PU ke BPU/);
    const usage = await cli(['--help']);
    expect(usage.stdout).toContain('sigap category edit NAME [--name NEW] [--segment PU|BPU]');
  });
});
