/**
 * The backup key comes from scrypt at OWASP's minimum (N = 2^17, r = 8, p = 1); a backup made with the
 * earlier N = 2^15 still opens (the parameters travel in the header); a header asking for more memory
 * than allowed gives an Indonesian SigapError, not scrypt's RangeError.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '../../electron/core/demo/index';
import { createBackup } from '../../electron/core/backup/create';
import { inspectBackup } from '../../electron/core/backup/restore';
import { SigapError } from '../../shared/errors';
import { runCli } from '../cli-harness';
import { sqliteContext } from '../helpers';

let ctx: ReturnType<typeof sqliteContext>;
beforeEach(async () => {
  ctx = sqliteContext('2026-05-04T02:00:00Z');
  await seedDemo(ctx, { persons: 15, year: 2026 });
});
afterEach(() => ctx.close());

/** The encrypted format written independently of the app's code, with the given scrypt parameters. */
function encryptAs(plain: Buffer, passphrase: string, logN: number, r: number, p: number): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = scryptSync(passphrase.normalize('NFC'), salt, 32, { N: 2 ** logN, r, p, maxmem: 256 * 1024 * 1024 });
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([Buffer.from('SIGAPENC'), Buffer.from([1, logN, r, p]), salt, iv, body, c.getAuthTag()]);
}

const rejects = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe('the backup key derivation', () => {
  it('writes N = 2^17, r = 8, p = 1 in the header of a new backup, and opens it', async () => {
    const b = await createBackup(ctx, join(ctx.dir, 'usb'), 'manual', 'rahasia-pemda-2026');
    const head = readFileSync(b.path).subarray(0, 12);
    expect(head.subarray(0, 8).toString()).toBe('SIGAPENC');
    expect([...head.subarray(8, 12)]).toEqual([1, 17, 8, 1]);
    expect((await inspectBackup(b.path, ctx.dir, 'rahasia-pemda-2026')).counts.persons).toBe(15);
  });

  it('still opens a backup made with the earlier N = 2^15, and refuses it with a wrong passphrase', async () => {
    const plain = readFileSync((await createBackup(ctx, join(ctx.dir, 'cadangan'), 'manual')).path);
    const old = join(ctx.dir, 'lama.sigapenc');
    writeFileSync(old, encryptAs(plain, 'sandi-lama-2025', 15, 8, 1));
    expect((await inspectBackup(old, ctx.dir, 'sandi-lama-2025')).counts.persons).toBe(15);
    expect(await rejects(inspectBackup(old, ctx.dir, 'sandi-salah-2025'))).toMatchObject({ code: 'BACKUP_PASSPHRASE' });
  });

  it('a header asking scrypt for 2 GiB (N = 2^20, r = 16) gives an Indonesian SigapError, in the core and the CLI', async () => {
    const crafted = join(ctx.dir, 'rakus.sigapenc');
    writeFileSync(crafted, Buffer.concat([Buffer.from('SIGAPENC'), Buffer.from([1, 20, 16, 1]), randomBytes(28), randomBytes(4096), randomBytes(16)]));
    const e = await rejects(inspectBackup(crafted, ctx.dir, 'apa-saja-2026'));
    expect(e).toBeInstanceOf(SigapError);
    expect(e).not.toBeInstanceOf(RangeError);
    expect(e).toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringMatching(/Kunci berkas cadangan ini tidak dapat dibuat.*batas memori/) });
    const cli = await runCli(['backup', 'check', crafted, '--passphrase-env', 'SANDI', '--db', ctx.dbPath], { env: { SANDI: 'apa-saja-2026' } });
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toMatch(/batas memori/);
    expect(cli.stderr).not.toMatch(/RangeError|scrypt/);
  });
});
