import { renameSync, rmSync, mkdirSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file under a temporary name in the same folder, flushes it, then renames it into place,
 * so a crash never leaves half a file under the real name.
 */
export async function writeAtomically<T>(path: string, write: (tmpPath: string) => Promise<T>): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const res = await write(tmp);
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    return res;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
