/**
 * The lint rules of issue #12 fail a deliberate violation: scripts/check-sql-rooms.mjs (run by
 * `npm run lint`) names the file and line of SQL written outside a repository and of better-sqlite3
 * imported outside the store, and oxlint's no-restricted-imports refuses the driver too. Both run on a
 * temporary tree shaped like the project's, so the real tree (other rooms still converting) is not
 * the subject here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tempDir } from '../helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const CHECK = join(ROOT, 'scripts/check-sql-rooms.mjs');
const OXLINT = join(ROOT, 'node_modules/.bin/oxlint');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('sigap-sql-rooms-')));
afterEach(() => tmp.cleanup());

function put(path: string, text: string): void {
  mkdirSync(dirname(join(tmp.dir, path)), { recursive: true });
  writeFileSync(join(tmp.dir, path), text);
}

const runCheck = () => spawnSync(process.execPath, [CHECK, '--root', tmp.dir], { encoding: 'utf8' });

/** What the rooms may hold: SQL in a repository and the store, the driver in the adapter, SQL named in a comment. */
function putAllowed(): void {
  put('electron/core/roster/person-repository.ts', "import { sql } from '../store/sql';\nexport const q = sql`SELECT id FROM person`;\n");
  put('electron/core/store/sqlite.ts', "import Database from 'better-sqlite3';\nexport const open = (p: string) => new Database(p).prepare('SELECT 1');\n");
  put('electron/core/store/sqlite-file.ts', "import Database from 'better-sqlite3';\nexport const snapshot = (p: string) => new Database(p).exec('VACUUM');\n");
  put('electron/core/db/open.ts', "import type Database from 'better-sqlite3';\nexport type Db = Database.Database;\n");
  put('electron/core/roster/rule.ts', "// Rules call repositories, never db.prepare(...) or sql`...`.\n/* no .prepare( here either */\nexport const ok = 'sql';\n");
}

describe('check-sql-rooms', () => {
  it('passes a tree whose SQL is in repositories and the store', () => {
    putAllowed();
    const r = runCheck();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails on SQL and the driver outside their rooms, naming file and line, counted per area', () => {
    putAllowed();
    put('electron/core/billing/run.ts', "export function f(db: any) {\n  const n = 1;\n  return db.prepare('SELECT count(*) FROM invoice').get();\n}\n");
    put('electron/core/api/counts.ts', "import { sql } from '../store/sql';\n\nexport const q = sql`SELECT 1`;\n");
    put('electron/cli/commands/raw.ts', "type Stmt = import('better-sqlite3').Statement;\nexport type S = Stmt;\n");
    put('shared/bad.ts', "import Database from 'better-sqlite3';\nexport default Database;\n");
    put('electron/core/roster/raw-tx.ts', "export function f(ctx: any) {\n  ctx.db.transaction(() => 1)();\n  return ctx.db.pragma('user_version');\n}\n");
    const r = runCheck();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('electron/core/billing/run.ts:3: .prepare( outside a repository');
    expect(r.stderr).toContain('electron/core/api/counts.ts:3: sql`…` outside a repository');
    expect(r.stderr).toContain('electron/cli/commands/raw.ts:1: better-sqlite3 imported outside');
    expect(r.stderr).toContain('shared/bad.ts:1: better-sqlite3 imported outside');
    expect(r.stderr).toContain('electron/core/roster/raw-tx.ts:2: a raw .transaction( outside the store');
    expect(r.stderr).toContain('electron/core/roster/raw-tx.ts:3: .pragma( outside the store and db/');
    expect(r.stderr).toMatch(/6 violation\(s\) in 5 file\(s\)/);
    expect(r.stderr).toMatch(/core\/billing\s+1/);
    // The allowed rooms are not listed.
    expect(r.stderr).not.toMatch(/person-repository\.ts:|store\/sqlite(-file)?\.ts:|db\/open\.ts:|roster\/rule\.ts:/);
  });

  it("oxlint's no-restricted-imports refuses better-sqlite3 outside the store and the opener", () => {
    putAllowed();
    put('electron/core/roster/raw.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n");
    copyFileSync(join(ROOT, '.oxlintrc.json'), join(tmp.dir, '.oxlintrc.json'));
    // Plain `file:line:col` lines: the default format colours the path when CI forces colour.
    const r = spawnSync(OXLINT, ['-c', '.oxlintrc.json', '-f', 'unix', 'electron'], { cwd: tmp.dir, encoding: 'utf8' });
    const out = r.stdout + r.stderr;
    expect(r.status).toBe(1);
    expect(out).toContain('no-restricted-imports');
    expect(out).toContain('electron/core/roster/raw.ts:1');
    expect(out).not.toContain('electron/core/store/sqlite.ts:');
    expect(out).not.toContain('electron/core/store/sqlite-file.ts:');
    expect(out).not.toContain('electron/core/db/open.ts:');
  });
});

describe("oxlint's type-aware rules (.oxlintrc.typed.json)", () => {
  it('fail a store call left un-awaited and an await of something that is no promise, naming file and line', () => {
    put('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', noEmit: true }, include: ['electron'] }));
    put(
      'electron/core/roster/rule.ts',
      [
        'async function save(): Promise<number> { return 1; }',
        'function pure(): number { return 2; }',
        'export async function ok() { await save(); return pure(); }',
        'export function forgot() { save(); }',
        'export async function needless() { return await pure(); }',
        '',
      ].join('\n'),
    );
    copyFileSync(join(ROOT, '.oxlintrc.typed.json'), join(tmp.dir, '.oxlintrc.typed.json'));
    const r = spawnSync(OXLINT, ['--type-aware', '-c', '.oxlintrc.typed.json', '-f', 'unix', 'electron'], { cwd: tmp.dir, encoding: 'utf8' });
    const out = r.stdout + r.stderr;
    expect(r.status).toBe(1);
    expect(out).toMatch(/electron\/core\/roster\/rule\.ts:4:\d+: .*no-floating-promises/);
    expect(out).toMatch(/electron\/core\/roster\/rule\.ts:5:\d+: .*await-thenable/);
    expect(out).not.toMatch(/rule\.ts:3:/);
  });
});
