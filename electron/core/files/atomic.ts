import { openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import { removeStaleParts, writeOwnerOnly } from './parts';

/**
 * An empty file readable by its owner only (fails if it exists): SQLite opens an empty file as an
 * empty database and `VACUUM INTO` fills one, so a database, snapshot or backup created this way is
 * never readable by others, not even for a moment. One implementation with the part files' (parts.ts).
 */
export { createOwnerOnly as createPrivateFile, OWNER_ONLY as PRIVATE_FILE_MODE } from './parts';

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
 * Writes a file under a hidden part name in the same folder, flushes it, then renames it into place,
 * so a crash never leaves half a file under the real name. The file is readable by its owner only.
 * One mechanism with the exports' part files (parts.ts): a failed write removes its part, and parts of
 * the same file left by a killed writer are removed before the next write of it.
 */
export async function writeAtomically<T>(path: string, write: (tmpPath: string) => Promise<T>): Promise<T> {
  const name = basename(path);
  removeStaleParts(dirname(path), (target) => target === name);
  return (await writeOwnerOnly(path, write)).value;
}
