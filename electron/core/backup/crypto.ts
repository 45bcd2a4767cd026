import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { SigapError } from '../../../shared/errors';
import { PRIVATE_FILE_MODE } from '../files/atomic';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/**
 * An encrypted backup: `SIGAPENC` (8) | version (1) | log2 N (1) | r (1) | p (1) | salt (16) | iv (12)
 * | AES-256-GCM ciphertext | tag (16). The key comes from the passphrase with scrypt; GCM authenticates
 * the whole file, so a wrong passphrase and a damaged file are both refused before anything is used.
 * The scrypt parameters travel in the header, so backups made with the earlier N = 2^15 still open.
 */
const MAGIC = Buffer.from('SIGAPENC');
const HEADER = 8 + 4 + 16 + 12;
const TAG = 16;
/** OWASP's minimum for scrypt (N = 2^17, r = 8, p = 1): 128 MiB of memory per derivation. */
export const KDF_PARAMS = { logN: 17, r: 8, p: 1 } as const;
/**
 * Node refuses scrypt above 32 MiB unless told otherwise (128 * N * r = 128 MiB here); twice that leaves
 * room and still bounds what a crafted header can make the app allocate.
 */
const MAXMEM = 256 * 1024 * 1024;

export interface KdfParams {
  logN: number;
  r: number;
  p: number;
}

/**
 * The backup key. A RangeError from scrypt (parameters over the memory bound, or memory the machine
 * cannot give) becomes a SigapError: the clerk gets a sentence, not "Invalid scrypt params".
 */
async function deriveKey(passphrase: string, salt: Buffer, k: KdfParams, opening: boolean): Promise<Buffer> {
  try {
    return await scrypt(passphrase.normalize('NFC'), salt, 32, { N: 2 ** k.logN, r: k.r, p: k.p, maxmem: MAXMEM });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw opening
      ? new SigapError('BACKUP_INVALID', 'Kunci berkas cadangan ini tidak dapat dibuat: parameternya melebihi batas memori Sigap. Berkas rusak atau tidak dibuat oleh Sigap.')
      : new SigapError('INTERNAL', 'Kunci cadangan tidak dapat dibuat: memori komputer tidak cukup. Tutup aplikasi lain, lalu coba lagi.');
  }
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

/** Encrypts `src` into a new file `dest` (which must not exist) readable by its owner only. */
export async function encryptFile(src: string, dest: string, passphrase: string): Promise<void> {
  if (passphrase.length < 8) throw new SigapError('INVALID_INPUT', 'Kata sandi cadangan minimal 8 karakter.');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(passphrase, salt, KDF_PARAMS, false);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const out = createWriteStream(dest, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  out.write(Buffer.concat([MAGIC, Buffer.from([1, KDF_PARAMS.logN, KDF_PARAMS.r, KDF_PARAMS.p]), salt, iv]));
  await pipeline(createReadStream(src), cipher, out, { end: false });
  await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (e?: Error | null) => (e ? reject(e) : resolve())));
}

/** Decrypts `src` into a new file `dest` readable by its owner only; the caller removes it on failure. */
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
  if (logN < 10 || logN > 20 || r < 1 || r > 16 || p < 1 || p > 4) throw new SigapError('FILE_UNREADABLE', 'Parameter kunci berkas cadangan tidak wajar.');
  const key = await deriveKey(passphrase, head.subarray(12, 28), { logN, r, p }, true);
  const decipher = createDecipheriv('aes-256-gcm', key, head.subarray(28, 40));
  decipher.setAuthTag(tag);
  try {
    await pipeline(createReadStream(src, { start: HEADER, end: size - TAG - 1 }), decipher, createWriteStream(dest, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
  } catch (e) {
    // A file-system fault (a full disk, say) is not a wrong passphrase: it goes on as it is.
    if (typeof (e as NodeJS.ErrnoException).syscall === 'string') throw e;
    throw new SigapError('BACKUP_PASSPHRASE', 'Kata sandi cadangan salah, atau berkas cadangan rusak.');
  }
}
