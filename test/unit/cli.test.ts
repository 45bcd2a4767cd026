import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { runCli } from '../cli-harness';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { parseNik } from '../../shared/nik';
import { tempDir, testDatabases } from '../helpers';

let dir: string;
let cleanup: () => void;
const dbs = testDatabases();
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await dbs.closeAll();
  cleanup();
});

describe('sigap CLI', () => {
  it('demo then roster --json lists every person with valid NIKs', async () => {
    const db = await dbs.next(dir, 'x.db');
    expect((await runCli(['demo', '--persons', '300', '--db', db])).code).toBe(0);
    const r = await runCli(['roster', '--db', db, '--json', '--month', '2026-03']);
    expect(r.code).toBe(0);
    const doc = r.json<{ count: number; persons: { nik: string; name: string; opd: string; honor: number; birthDate: string; sex: string; category: string }[] }>();
    expect(doc.count).toBe(300);
    expect(new Set(doc.persons.map((p) => p.nik)).size).toBe(300);
    for (const p of doc.persons) {
      expect(parseNik(p.nik).ok).toBe(true);
      expect(p.name).not.toBe('');
      expect(p.opd).not.toBe('');
      expect(p.honor).toBeGreaterThan(0);
      expect(p.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['L', 'P']).toContain(p.sex);
      expect(['Tenaga Non-ASN (Honorer)', 'Pekerja Rentan']).toContain(p.category);
    }
    const csv = await runCli(['roster', '--db', db, '--csv', '--opd', 'Dinas Sosial', '--month', '2026-03']);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toMatch(/^nik,name,/);
    expect(lines.slice(1).every((l) => l.includes('Dinas Sosial'))).toBe(true);
    expect(lines.length - 1).toBe(doc.persons.filter((p) => p.opd === 'Dinas Sosial').length);
  });

  it('import-sk --json reports accepted, rejected with rows and columns, warnings and the diff', async () => {
    const db = await dbs.next(dir, 'i.db');
    const persons = fxPersons(10, ['Dinas Sosial', 'Inspektorat']);
    const w = await writeMessyAppendix(join(dir, 'sk.xlsx'), persons, {
      number: 'B/63/KPTS/III.05/2026', date: '2026-01-02', twoRowHeader: true, numberRow: true,
      cell: (i, p) => (i === 4 ? { nik: Number(p.nik) } : i === 7 ? { birth: '01-01-1960' } : {}),
    });
    const dry = await runCli(['import-sk', w.path, '--db', db, '--json', '--tmt', '2026-01-01']);
    expect(dry.code).toBe(1);
    const doc = dry.json<{ accepted: number; applied: boolean; rejected: Record<string, unknown>[]; warnings: Record<string, unknown>[]; diff: { added: unknown[]; removed: unknown[]; changed: unknown[] }; decree: { number: string } }>();
    expect(doc.applied).toBe(false);
    expect(doc.accepted).toBe(9);
    expect(doc.decree.number).toBe('B/63/KPTS/III.05/2026');
    expect(doc.rejected).toEqual([expect.objectContaining({ sheet: 'Lampiran', row: w.rows[4], column: 'C', code: 'NIK_NUMERIC', nik: expect.any(String) })]);
    expect(doc.warnings).toEqual([expect.objectContaining({ sheet: 'Lampiran', row: w.rows[7], column: 'E', code: 'BIRTHDATE_MISMATCH', nik: persons[7]!.nik })]);
    expect(doc.diff.added).toHaveLength(9);
    expect((await runCli(['roster', '--db', db, '--json', '--month', '2026-01'])).json<{ count: number }>().count).toBe(0);

    const applied = await runCli(['import-sk', w.path, '--db', db, '--json', '--tmt', '2026-01-01', '--skip-invalid', '--create-units']);
    expect(applied.code).toBe(0);
    expect(applied.json<{ applied: boolean }>().applied).toBe(true);
    expect((await runCli(['roster', '--db', db, '--json', '--month', '2026-01'])).json<{ count: number }>().count).toBe(9);
  });

  it('import-sk ends nobody unless --replace or --amend is chosen; a blocked dry run still shows the difference', async () => {
    const db = await dbs.next(dir, 'mode.db');
    const persons = fxPersons(5, ['Dinas Sosial']);
    const first = await writeMessyAppendix(join(dir, 'sk1.xlsx'), persons, { number: 'B/1/KPTS/2026', date: '2026-01-02' });
    // A first SK ends nobody: no choice is needed.
    expect((await runCli(['import-sk', first.path, '--db', db, '--tmt', '2026-01-01', '--no-backup', '--create-units'])).code).toBe(0);
    const second = await writeMessyAppendix(join(dir, 'sk2.xlsx'), persons.slice(0, 3), { number: 'B/2/KPTS/2026', date: '2026-03-01' });
    const base = ['import-sk', second.path, '--db', db, '--tmt', '2026-03-01', '--no-backup'];

    const stopped = await runCli(base);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/mengakhiri 2 orang/);
    expect(stopped.stdout).toMatch(/--replace/);
    expect(stopped.stdout).toMatch(/--amend/);
    expect(stopped.stdout).toContain(`keluar: ${persons[3]!.nik}`);

    const dry = await runCli([...base, '--dry-run', '--json']);
    expect(dry.code).toBe(1);
    const doc = dry.json<{ applied: boolean; blocking: { code: string }[]; diff: { removed: { nik: string }[]; unchanged: number } }>();
    expect(doc.applied).toBe(false);
    expect(doc.blocking.map((b) => b.code)).toEqual(['MODE_NOT_CHOSEN']);
    expect(doc.diff.removed.map((r) => r.nik).sort()).toEqual([persons[3]!.nik, persons[4]!.nik].sort());
    expect(doc.diff.unchanged).toBe(3);
    const active = async () => (await runCli(['roster', '--db', db, '--json', '--month', '2026-04'])).json<{ count: number }>().count;
    expect(await active()).toBe(5);

    expect((await runCli([...base, '--replace', '--amend'])).code).toBe(2);
    expect((await runCli([...base, '--replace', '--dry-run'])).code).toBe(0);
    expect(await active()).toBe(5);
    expect((await runCli([...base, '--replace'])).code).toBe(0);
    expect(await active()).toBe(3);
  });

  it('import-sk with --amend keeps everyone not listed', async () => {
    const db = await dbs.next(dir, 'amend.db');
    const persons = fxPersons(4, ['Dinas Sosial']);
    const first = await writeMessyAppendix(join(dir, 'a1.xlsx'), persons, { number: 'B/10/KPTS/2026', date: '2026-01-02' });
    expect((await runCli(['import-sk', first.path, '--db', db, '--tmt', '2026-01-01', '--no-backup', '--create-units'])).code).toBe(0);
    const second = await writeMessyAppendix(join(dir, 'a2.xlsx'), persons.slice(0, 1), { number: 'B/11/KPTS/2026', date: '2026-03-01' });
    const r = await runCli(['import-sk', second.path, '--db', db, '--tmt', '2026-03-01', '--amend', '--no-backup', '--json']);
    expect(r.code).toBe(0);
    expect(r.json<{ diff: { removed: unknown[] } }>().diff.removed).toEqual([]);
    expect((await runCli(['roster', '--db', db, '--json', '--month', '2026-04'])).json<{ count: number }>().count).toBe(4);
  });

  it('a missing decree number: the CLI names --number, the core message names the wizard box', async () => {
    const db = await dbs.next(dir, 'n.db');
    const w = await writeMessyAppendix(join(dir, 'nonum.xlsx'), fxPersons(2, ['Dinas Sosial']), { date: '2026-01-02' });
    const r = await runCli(['import-sk', w.path, '--db', db, '--dry-run', '--json']);
    expect(r.code).toBe(1);
    const b = r.json<{ blocking: { code: string; message: string; hint?: string }[] }>().blocking.find((x) => x.code === 'DECREE_NUMBER_MISSING')!;
    expect(b.message).toContain('"Nomor SK"');
    expect(b.message).not.toMatch(/--/);
    expect(b.hint).toMatch(/--number/);
    expect((await runCli(['import-sk', w.path, '--db', db, '--dry-run'])).stdout).toMatch(/Nomor SK.*--number/);
  });

  it('a bad file writes nothing and exits non-zero with a message naming it', async () => {
    const db = await dbs.next(dir, 'b.db');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'rusak.xlsx'), 'not a workbook');
    const r = await runCli(['import-sk', join(dir, 'rusak.xlsx'), '--db', db, '--number', 'X', '--tmt', '2026-01-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rusak\.xlsx/);
    expect((await runCli(['roster', '--db', db, '--json', '--status', 'all'])).json<{ count: number }>().count).toBe(0);
  });

  it('uses SIGAP_DB when --db is absent', async () => {
    const db = await dbs.next(dir, 'env.db');
    expect((await runCli(['demo', '--persons', '5'], { env: { SIGAP_DB: db } })).code).toBe(0);
    // `roster` only reads (a missing database is refused): the five are in the database SIGAP_DB names.
    const r = await runCli(['roster', '--json', '--month', '2026-01'], { env: { SIGAP_DB: db } });
    expect(r.json<{ count: number }>().count).toBe(5);
  });

  it('explains unknown commands and bad options', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tidak dikenal/);
    const bad = await runCli(['roster', '--month', '2026-13', '--db', join(dir, 'm.db')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bulan 2026-13 tidak sah, tulis tahun-bulan, mis. 2026-03/);
  });

  it('runs as `npx sigap` from the project root', async () => {
    const db = await dbs.next(dir, 'npx.db');
    execFileSync('npx', ['sigap', 'demo', '--persons', '20', '--db', db], { stdio: 'pipe' });
    const out = execFileSync('npx', ['sigap', 'category', 'list', '--json', '--db', db], { encoding: 'utf8' });
    expect(JSON.parse(out).categories.map((c: { segment: string }) => c.segment)).toEqual(['PU', 'BPU']);
  });
});
