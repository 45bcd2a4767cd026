import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runCli } from '../cli-harness';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { parseNik } from '../../shared/nik';
import { tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('sigap CLI', () => {
  it('demo then roster --json lists every person with valid NIKs', async () => {
    const db = join(dir, 'x.db');
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
    const db = join(dir, 'i.db');
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

    const applied = await runCli(['import-sk', w.path, '--db', db, '--json', '--tmt', '2026-01-01', '--skip-invalid']);
    expect(applied.code).toBe(0);
    expect(applied.json<{ applied: boolean }>().applied).toBe(true);
    expect((await runCli(['roster', '--db', db, '--json', '--month', '2026-01'])).json<{ count: number }>().count).toBe(9);
  });

  it('a bad file writes nothing and exits non-zero with a message naming it', async () => {
    const db = join(dir, 'b.db');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'rusak.xlsx'), 'not a workbook');
    const r = await runCli(['import-sk', join(dir, 'rusak.xlsx'), '--db', db, '--number', 'X', '--tmt', '2026-01-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rusak\.xlsx/);
    expect((await runCli(['roster', '--db', db, '--json', '--status', 'all'])).json<{ count: number }>().count).toBe(0);
  });

  it('uses SIGAP_DB when --db is absent', async () => {
    const db = join(dir, 'env.db');
    expect((await runCli(['demo', '--persons', '5'], { env: { SIGAP_DB: db } })).code).toBe(0);
    expect(existsSync(db)).toBe(true);
  });

  it('explains unknown commands and bad options', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tidak dikenal/);
    const bad = await runCli(['roster', '--month', '2026-13', '--db', join(dir, 'm.db')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/YYYY-MM/);
  });

  it('runs as `npx sigap` from the project root', () => {
    const db = join(dir, 'npx.db');
    execFileSync('npx', ['sigap', 'demo', '--persons', '20', '--db', db], { stdio: 'pipe' });
    const out = execFileSync('npx', ['sigap', 'category', 'list', '--json', '--db', db], { encoding: 'utf8' });
    expect(JSON.parse(out).categories.map((c: { segment: string }) => c.segment)).toEqual(['PU', 'BPU']);
  });
});
