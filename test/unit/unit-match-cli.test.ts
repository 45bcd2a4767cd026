/** `sigap import-sk` unit decisions and `sigap opd alias`, on the demo regency. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../cli-harness';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { tempDir, testDatabases } from '../helpers';

let dir: string;
let cleanup: () => void;
let db: string;
const dbs = testDatabases();
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  db = await dbs.next(dir, 'x.db');
  expect((await runCli(['demo', '--persons', '30', '--db', db])).code).toBe(0);
});
afterEach(async () => {
  await dbs.closeAll();
  cleanup();
});

interface Doc {
  applied: boolean;
  blocking: { code: string; message: string }[];
  units: { read: string; status: string; opdName: string | null; confidence: number }[];
}

describe('sigap import-sk and unit names', () => {
  it('reports each name in --json, stops on undecided names, and applies with --map-unit, --accept-unit-proposals and --create-units', async () => {
    const persons = fxPersons(8, ['DINKES', 'KEC. BALIK BUKIT', 'DINAS PENDIDIKAN', 'UPTD Puskesmas Way Mengaku'], 9, 800_000);
    const w = await writeMessyAppendix(join(dir, 'sk.xlsx'), persons, { number: 'B/9/KPTS/2026', date: '2026-03-01' });
    const base = ['import-sk', w.path, '--db', db, '--tmt', '2026-03-01', '--amend', '--no-backup', '--json'];

    const stopped = await runCli(base);
    expect(stopped.code).toBe(1);
    const doc = stopped.json<Doc>();
    expect(doc.applied).toBe(false);
    expect(doc.units.map((u) => [u.read, u.status, u.opdName])).toEqual([
      ['DINAS PENDIDIKAN', 'proposed', 'Dinas Pendidikan dan Kebudayaan'],
      ['DINKES', 'proposed', 'Dinas Kesehatan'],
      ['KEC. BALIK BUKIT', 'proposed', 'Kecamatan Balik Bukit'],
      ['UPTD Puskesmas Way Mengaku', 'new', null],
    ]);
    const block = doc.blocking.find((b) => b.code === 'UNITS_UNCONFIRMED')!;
    expect(block.message).toMatch(/4 nama unit kerja/);
    expect(block.message).toMatch(/--map-unit/);

    // Proposals accepted, but the unknown name is still not created without --create-units.
    const half = await runCli([...base, '--accept-unit-proposals']);
    expect(half.code).toBe(1);
    expect(half.json<Doc>().blocking.find((b) => b.code === 'UNITS_UNCONFIRMED')!.message).toMatch(/1 nama unit kerja .*UPTD Puskesmas Way Mengaku/);

    // A mapping for a name the file does not have is a typing slip, said as such.
    const slip = await runCli([...base, '--map-unit', 'DINKEZ=Dinas Kesehatan']);
    expect(slip.code).toBe(1);
    expect(slip.stderr).toMatch(/--map-unit "DINKEZ=\.\.\." tidak cocok dengan nama unit mana pun di berkas/);

    // A --map-unit target must be a real unit.
    const wrong = await runCli([...base, '--map-unit', 'DINKES=Dinas Kesehatann']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/unit "Dinas Kesehatann" tidak ada\. Maksudnya "Dinas Kesehatan"\?/);

    const ok = await runCli([...base, '--map-unit', 'DINAS PENDIDIKAN=Dinas Kesehatan', '--accept-unit-proposals', '--create-units']);
    expect(ok.code).toBe(0);
    expect(ok.json<Doc & { result: { newUnits: number } }>().result.newUnits).toBe(1);
    const roster = (await runCli(['roster', '--db', db, '--json', '--month', '2026-03'])).json<{ persons: { nik: string; opd: string }[] }>();
    const opd = (read: string) => roster.persons.find((p) => p.nik === persons.find((x) => x.unit === read)!.nik)!.opd;
    expect(opd('DINKES')).toBe('Dinas Kesehatan');
    expect(opd('DINAS PENDIDIKAN')).toBe('Dinas Kesehatan');
    expect(opd('KEC. BALIK BUKIT')).toBe('Kecamatan Balik Bukit');
    expect(opd('UPTD Puskesmas Way Mengaku')).toBe('UPTD Puskesmas Way Mengaku');

    const aliases = (await runCli(['opd', 'alias', 'list', '--db', db, '--json'])).json<{ aliases: { alias: string; opdName: string; createdBy: string }[] }>().aliases;
    expect(aliases.map((a) => [a.alias, a.opdName])).toEqual([
      ['DINAS PENDIDIKAN', 'Dinas Kesehatan'], ['DINKES', 'Dinas Kesehatan'], ['KEC. BALIK BUKIT', 'Kecamatan Balik Bukit'],
    ]);
    expect(aliases[0]!.createdBy).toMatch(/^cli:/);
  });

  it('opd alias add, list and remove', async () => {
    const add = await runCli(['opd', 'alias', 'add', 'Diskes', '--opd', 'Dinas Kesehatan', '--db', db]);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Alias "Diskes" -> Dinas Kesehatan tersimpan.');
    expect((await runCli(['opd', 'alias', 'add', 'Dinas Sosial', '--opd', 'Dinas Kesehatan', '--db', db])).code).toBe(1);
    expect((await runCli(['opd', 'alias', 'add', 'X', '--opd', 'Dinas Entah', '--db', db])).code).toBe(1);
    expect((await runCli(['opd', 'alias', 'list', '--db', db])).stdout).toMatch(/Diskes.*Dinas Kesehatan/);
    expect((await runCli(['opd', 'alias', 'remove', 'DISKES', '--db', db])).code).toBe(0);
    expect((await runCli(['opd', 'alias', 'list', '--db', db, '--json'])).json<{ aliases: unknown[] }>().aliases).toEqual([]);
    expect((await runCli(['opd', 'alias', 'remove', 'DISKES', '--db', db])).code).toBe(1);
    expect((await runCli(['opd', 'alias', 'rename', '--db', db])).code).toBe(2);
    expect((await runCli(['--help'])).stdout).toMatch(/--accept-unit-proposals[\s\S]*sigap opd alias list/);
  });
});
