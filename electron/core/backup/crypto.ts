import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { SigapError } from '../../../shared/errors';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/**
 * An encrypted backup: `SIGAPENC` (8) | version (1) | log2 N (1) | r (1) | p (1) | salt (16) | iv (12)
 * | AES-256-GCM ciphertext | tag (16). The key comes from the passphrase with scrypt; GCM authenticates
 * the whole file, so a wrong passphrase and a damaged file are both refused before anything is used.
 */
const MAGIC = Buffer.from('SIGAPENC');
const HEADER = 8 + 4 + 16 + 12;
const TAG = 16;
const PARAMS = { logN: 15, r: 8, p: 1 };

function deriveKey(passphrase: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  return scrypt(passphrase.normalize('NFC'), salt, 32, { N: 2 ** logN, r, p, maxmem: 256 * 1024 * 1024 });
}

export function isEncryptedBackup(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    return head.equals(MAGIC);
  } finally {
    closeSync(fd);
  }
}

export async function encryptFile(src: string, dest: string, passphrase: string): Promise<void> {
  if (passphrase.length < 8) throw new SigapError('INVALID_INPUT', 'Kata sandi cadangan minimal 8 karakter.');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(passphrase, salt, PARAMS.logN, PARAMS.r, PARAMS.p);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const out = createWriteStream(dest);
  out.write(Buffer.concat([MAGIC, Buffer.from([1, PARAMS.logN, PARAMS.r, PARAMS.p]), salt, iv]));
  await pipeline(createReadStream(src), cipher, out, { end: false });
  await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (e?: Error | null) => (e ? reject(e) : resolve())));
}

export async function decryptFile(src: string, dest: string, passphrase: string): Promise<void> {
  const size = statSync(src).size;
  if (size < HEADER + TAG) throw new SigapError('FILE_UNREADABLE', 'Berkas cadangan terenkripsi rusak (terlalu pendek).');
  const head = Buffer.alloc(HEADER);
  const tag = Buffer.alloc(TAG);
  const fd = openSync(src, 'r');
  try {
    readSync(fd, head, 0, HEADER, 0);
    readSync(fd, tag, 0, TAG, size - TAG);
  } finally {
    closeSync(fd);
  }
  if (!head.subarray(0, 8).equals(MAGIC) || head[8] !== 1) throw new SigapError('FILE_UNREADABLE', 'Bukan berkas cadangan Sigap terenkripsi.');
  const [logN, r, p] = [head[9]!, head[10]!, head[11]!];
  if (logN > 20 || r > 16 || p > 4) throw new SigapError('FILE_UNREADABLE', 'Parameter kunci berkas cadangan tidak wajar.');
  const key = await deriveKey(passphrase, head.subarray(12, 28), logN, r, p);
  const decipher = createDecipheriv('aes-256-gcm', key, head.subarray(28, 40));
  decipher.setAuthTag(tag);
  try {
    await pipeline(createReadStream(src, { start: HEADER, end: size - TAG - 1 }), decipher, createWriteStream(dest));
  } catch {
    throw new SigapError('BACKUP_PASSPHRASE', 'Kata sandi cadangan salah, atau berkas cadangan rusak.');
  }
}
