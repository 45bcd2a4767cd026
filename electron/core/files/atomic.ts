import { renameSync, rmSync, mkdirSync, openSync, fsyncSync, closeSync, chmodSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Owner read and write only: the files Sigap writes hold NIKs, names and addresses. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates an empty file readable by its owner only, failing when it already exists. SQLite opens an
 * empty file as an empty database (and `VACUUM INTO` accepts one), so a database, a snapshot or a backup
 * created this way is never readable by others, not even for a moment. chmod too: the umask may not
 * be the default one, and on Windows it only clears the read-only flag (the profile folder protects it).
 */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Flushes a file's contents to the disk (a flash disk pulled right after still holds the whole file). */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries after a rename, where the platform allows it (not on Windows). */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems (FAT on a flash disk under some drivers) refuse a directory fsync: the file
    // itself was flushed, which is what matters.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Writes a file under a temporary name in the same folder, flushes it, then renames it into place,
 * so a crash never leaves half a file under the real name. The file is readable by its owner only.
 */
export async function writeAtomically<T>(path: string, write: (tmpPath: string) => Promise<T>): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const res = await write(tmp);
    chmodSync(tmp, PRIVATE_FILE_MODE);
    fsyncFile(tmp);
    renameSync(tmp, path);
    return res;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
