import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../cli-harness';
import { COMMANDS } from '../../electron/cli/main';
import { dateArg, monthArg, normalizeArgs } from '../../electron/cli/args';
import { tempDir, testDatabases } from '../helpers';

let dir: string;
let cleanup: () => void;
let db: string;
const dbs = testDatabases();
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = await dbs.next(dir, 'demo.db');
  expect((await runCli(['demo', '--persons', '400', '--db', db])).code).toBe(0);
  expect((await runCli(['bill', '--month', '2026-01', '--issue', '--db', db], { at: '2026-02-01T03:00:00Z' })).code).toBe(0);
}, 120_000);
afterAll(async () => {
  await dbs.closeAll();
  cleanup();
});

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at \S+/);

describe('arguments as people write them', () => {
  it('dates as the app shows them (dd-mm-yyyy) mean the same as ISO dates', async () => {
    expect(dateArg('31-03-2026')).toBe('2026-03-31');
    expect(dateArg('1/4/2026')).toBe('2026-04-01');
    expect(dateArg('2026-04-01')).toBe('2026-04-01');
    expect(() => dateArg('31-02-2026')).toThrow(/tidak sah/);
    expect(normalizeArgs(['--as-of=31-03-2026', '--date', '02-01-2026', '--note', '31-03-2026'])).toEqual(['--as-of=2026-03-31', '--date', '2026-01-02', '--note', '31-03-2026']);
    const iso = await runCli(['arrears', '--as-of', '2026-03-31', '--json', '--db', db]);
    const dmy = await runCli(['arrears', '--as-of', '31-03-2026', '--json', '--db', db]);
    expect(iso.code).toBe(0);
    expect(dmy.code).toBe(0);
    expect(dmy.stdout).toBe(iso.stdout);
    expect(iso.json<{ asOf?: string }>().asOf ?? '2026-03-31').toBe('2026-03-31');
  });

  it('a month written backwards is refused with the form to write', async () => {
    expect(monthArg('2026-03')).toBe('2026-03');
    expect(() => monthArg('03-2026')).toThrow('bulan 03-2026 tidak sah, tulis 2026-03');
    const r = await runCli(['roster', '--month', '03-2026', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bulan 03-2026 tidak sah, tulis 2026-03');
    const r2 = await runCli(['bill', '--month=3/2026', '--db', db]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('bulan 3/2026 tidak sah, tulis 2026-03');
  });

  it('unknown options and missing values are explained in Indonesian', async () => {
    const unknown = await runCli(['roster', '--bulan', '2026-03', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Opsi "--bulan" tidak dikenal untuk perintah "roster". Lihat: sigap roster --help');
    expect(unknown.stderr).not.toMatch(/Unknown option/);
    const missing = await runCli(['roster', '--db']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Opsi "--db" memerlukan nilai');
  });

  it('every command answers --help with its own usage', async () => {
    expect(Object.keys(COMMANDS).length).toBeGreaterThan(20);
    for (const name of Object.keys(COMMANDS)) {
      const r = await runCli([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toMatch(new RegExp(`sigap ${name}\\b`));
    }
  });

  it('an unexpected failure says so in a sentence and logs the details, with no stack trace', async () => {
    const home = join(dir, 'home');
    // A defect inside a command (a stand-in command that throws a programming error).
    COMMANDS.rusak = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'nik')");
    };
    try {
      const r = await runCli(['rusak'], { env: { XDG_CONFIG_HOME: home } });
      expect(r.code).toBe(1);
      noStack(r.stderr);
      expect(r.stderr).toMatch(/^Galat tak terduga pada perintah "rusak": Cannot read properties/);
      const log = /Rincian dicatat di (\S+);/.exec(r.stderr);
      expect(log, r.stderr).not.toBeNull();
      expect(readFileSync(log![1]!, 'utf8')).toMatch(/\n\s+at /);
    } finally {
      delete COMMANDS.rusak;
    }
  });

  it('a folder given as a file, or a path through a file, is explained', async () => {
    const folder = await runCli(['backup', 'check', dir, '--db', db]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/sebuah folder, bukan berkas/);
    // A SQLite path that goes through a file (whatever the suite's engine: this is about file paths).
    const file = join(dir, 'berkas.txt');
    writeFileSync(file, 'bukan folder');
    const through = await runCli(['settings', 'set', 'pemda.nama=X', '--db', join(file, 'x.db')]);
    expect(through.code).toBe(2);
    expect(through.stderr).toMatch(/melewati sebuah berkas seolah-olah folder/);
    noStack(folder.stderr + through.stderr);
  });
});

describe('the real sigap command', () => {
  it('a reader that closes the pipe early (sigap roster --csv | head) is no error', async () => {
    // Enough rows to overflow the pipe's buffer (64 KB) several times, so writes meet the closed end.
    const big = await dbs.next(dir, 'big.db');
    expect((await runCli(['demo', '--persons', '4000', '--db', big])).code).toBe(0);
    const bin = resolve('electron/cli/bin.js');
    const child = spawn(process.execPath, [bin, 'roster', '--csv', '--month', '2026-01', '--db', big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((done) => child.stdout.once('data', () => { child.stdout.destroy(); done(); }));
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 120_000);
});

describe('the prebuilt command', () => {
  it('is used when fresh, loads no command module for --help, and answers like the TypeScript one', async () => {
    const { execFileSync } = await import('node:child_process');
    const { readFileSync: read } = await import('node:fs');
    execFileSync(process.execPath, [resolve('electron/cli/build.mjs')]);
    const main = read(resolve('out/cli/main.mjs'), 'utf8');
    // The entry holds the dispatcher and the usage text; commands, exceljs and SQLite are chunks loaded on use.
    expect(main).not.toMatch(/from\s*["'](exceljs|better-sqlite3)["']/);
    expect(main.length).toBeLessThan(40_000);
    const bin = resolve('electron/cli/bin.js');
    const built = execFileSync(process.execPath, [bin, 'roster', '--help'], { encoding: 'utf8' });
    const source = execFileSync(process.execPath, [bin, 'roster', '--help'], { encoding: 'utf8', env: { ...process.env, SIGAP_CLI_SOURCE: '1' } });
    expect(built).toBe(source);
    const builtDb = await dbs.next(dir, 'built.db');
    execFileSync(process.execPath, [bin, 'demo', '--persons', '30', '--db', builtDb]);
    expect(JSON.parse(execFileSync(process.execPath, [bin, 'roster', '--json', '--month', '2026-01', '--db', builtDb], { encoding: 'utf8' })).count).toBe(30);
  }, 120_000);
});

describe('what the command prints', () => {
  it('money and counts with the thousands dot, as the app shows them', async () => {
    const r = await runCli(['bill', '--month', '2026-01', '--db', db], { at: '2026-02-01T03:00:00Z' });
    expect(r.code).toBe(0);
    // Every amount of four or more digits in the table is grouped: no run of 4+ bare digits in a number column.
    const body = r.stdout.split('\n').slice(2).filter((l) => l.startsWith('IUR') || l.startsWith('DRAF'));
    expect(body.length).toBeGreaterThan(0);
    for (const line of body) {
      const cells = line.split(/\s{2,}/).slice(-6); // Orang, JKK, JKM, JHT, JP, Jumlah
      for (const c of cells) expect(c, line).toMatch(/^\d{1,3}(\.\d{3})*$/);
    }
    expect(body.some((l) => /\d\.\d{3}/.test(l))).toBe(true);
  });
});
