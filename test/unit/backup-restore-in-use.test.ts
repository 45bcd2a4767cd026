/**
 * A restore swaps the database file. While another process has it open (the app's worker), that
 * process would go on writing into the deleted file and report success: the restore must refuse,
 * and go ahead once the other process has exited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seedDemo } from '../../electron/core/demo/index';
import { createBackup } from '../../electron/core/backup/create';
import { restoreBackup } from '../../electron/core/backup/restore';
import { runCli } from '../cli-harness';
import { sqliteContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

const ROOT = join(__dirname, '../..');

/** A second process that opens the database as the app's worker does (WAL, a read), then waits for orders on stdin. */
const HOLDER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('journal_mode = WAL');
db.prepare('SELECT count(*) FROM person').get();
process.stdout.write('ready\\n');
process.stdin.setEncoding('utf8');
process.stdin.on('data', (line) => {
  if (line.startsWith('write')) {
    db.prepare("UPDATE person SET name = 'DITULIS PROSES LAIN' WHERE id = (SELECT min(id) FROM person)").run();
    process.stdout.write('written\\n');
  }
});
`;

async function startHolder(dbPath: string): Promise<ChildProcess & { say(line: string, expect: string): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', HOLDER, dbPath], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let wake: (() => void) | null = null;
  child.stdout!.setEncoding('utf8').on('data', (t: string) => {
    lines.push(...t.split('\n').filter(Boolean));
    wake?.();
  });
  const waitFor = async (word: string) => {
    while (!lines.includes(word)) await new Promise<void>((r) => (wake = r));
    lines.splice(lines.indexOf(word), 1);
  };
  await waitFor('ready');
  return Object.assign(child, {
    say: async (line: string, expected: string) => {
      child.stdin!.write(`${line}\n`);
      await waitFor(expected);
    },
  });
}

let ctx: ReturnType<typeof sqliteContext>;
let holder: ChildProcess | null = null;
beforeEach(async () => {
  ctx = sqliteContext('2026-05-04T02:00:00Z');
  await seedDemo(ctx, { persons: 20, year: 2026 });
});
afterEach(async () => {
  if (holder && holder.exitCode === null && holder.signalCode === null) {
    holder.kill();
    await once(holder, 'exit');
  }
  holder = null;
  if (ctx.db.open) ctx.db.close();
  await ctx.close();
});

const firstName = (path: string): string => {
  const d = new Database(path, { readonly: true });
  try {
    return d.prepare('SELECT name FROM person WHERE id = (SELECT min(id) FROM person)').pluck().get() as string;
  } finally {
    d.close();
  }
};

describe('sigap backup restore while another process has the database open', () => {
  it('refuses with a clear message, changes nothing, and restores once that process has exited', async () => {
    const backupDir = join(ctx.dir, 'cadangan');
    const b = await createBackup(ctx, backupDir, 'manual');
    await storeOf(ctx).run(sql`UPDATE person SET name = 'SESUDAH CADANGAN' WHERE id = (SELECT min(id) FROM person)`);
    ctx.db.close();

    const h = await startHolder(ctx.dbPath);
    holder = h;
    const refused = await runCli(['backup', 'restore', b.path, '--db', ctx.dbPath, '--yes']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Basis data sedang dibuka oleh proses lain.*Tutup aplikasi Sigap/);
    expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    // Nothing happened: no safety backup, the data as it was, and the other process still writes into the live file.
    expect(readdirSync(backupDir).filter((n) => n.includes('sebelum-pemulihan'))).toEqual([]);
    expect(firstName(ctx.dbPath)).toBe('SESUDAH CADANGAN');
    await h.say('write', 'written');
    expect(firstName(ctx.dbPath)).toBe('DITULIS PROSES LAIN');

    h.kill();
    await once(h, 'exit');
    const done = await runCli(['backup', 'restore', b.path, '--db', ctx.dbPath, '--yes']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(firstName(ctx.dbPath)).not.toMatch(/SESUDAH CADANGAN|DITULIS PROSES LAIN/);
    expect(readdirSync(backupDir).filter((n) => n.includes('sebelum-pemulihan'))).toHaveLength(1);
  }, 30_000);

  it('refuses while a second connection of the same process is open, leaving the caller connection usable', async () => {
    const b = await createBackup(ctx, join(ctx.dir, 'cadangan'), 'manual');
    const other = new Database(ctx.dbPath);
    other.prepare('SELECT 1 FROM person LIMIT 1').get();
    let closed = false;
    const e = await restoreBackup(ctx.db, ctx.dbPath, b.path, { backupDir: join(ctx.dir, 'cadangan'), clock: ctx.clock, actor: 'test', closeCurrent: () => (closed = true) }).then(
      () => null,
      (x: unknown) => x as { code: string; message: string },
    );
    other.close();
    expect(e).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/sedang dibuka oleh proses lain/) });
    expect(closed).toBe(false);
    expect(ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect((await storeOf(ctx).run(sql`UPDATE person SET name = 'MASIH BISA' WHERE id = (SELECT min(id) FROM person)`)).changes).toBe(1);
    expect(existsSync(`${ctx.dbPath}-wal`)).toBe(true);
  });
});
