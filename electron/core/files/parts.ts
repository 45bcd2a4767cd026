/**
 * Part files: a file Sigap writes for the clerk (an export, a problems workbook, a saved PDF) is
 * written under a hidden part name beside its real name and renamed when complete. Two promises:
 *
 * - It is readable by its owner only from the first byte: the part is created 0600 before anything is
 *   written into it (writers open it with 'w', which keeps the mode), and chmod again before the
 *   rename because a nested writer may have replaced it.
 * - Nothing is left behind: a failed write removes its part; a killed one cannot, so the next write of
 *   the same kind into the same folder removes the parts of that kind whose writer process is gone.
 *   The writer's pid is in the part name (`.<name>.<pid>-<hex>.part`), so a part another live process
 *   (or this one) is still writing is never touched. A reused pid only delays a cleanup, never harms.
 */
import { chmodSync, closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Owner read and write only: these files hold NIKs, names and addresses. */
export const OWNER_ONLY = 0o600;

const PART_SEGMENT = /\.(\d+)-[0-9a-f]{8}\.part/g;

/** A fresh hidden part name for `path`, in the same folder (a rename stays on one file system). */
export function partPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
}

/**
 * The real name a part (or a temporary file inside a part, as nested writers make) stands for, and
 * the pids of its writers; null for any other file.
 */
export function partTarget(name: string): { target: string; pids: number[] } | null {
  if (!name.startsWith('.')) return null;
  const pids = [...name.matchAll(PART_SEGMENT)].map((m) => Number(m[1]));
  if (pids.length === 0) return null;
  const first = name.search(PART_SEGMENT);
  const target = name.slice(0, first).replace(/^\.+/, '');
  return target ? { target, pids } : null;
}

/** Whether a process with this id is running (ours counts); a part or folder named after it is in use. */
export function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes from `dir` the parts whose real name `ofKind` accepts and whose writers are all gone.
 * Returns the names removed. A folder that cannot be read is left alone (the write will say why).
 */
export function removeStaleParts(dir: string, ofKind: (target: string) => boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const p = partTarget(name);
    if (!p || !ofKind(p.target) || p.pids.some(alive)) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Creates an empty file readable by its owner only (fails if it exists). */
export function createOwnerOnly(path: string): void {
  closeSync(openSync(path, 'wx', OWNER_ONLY));
  chmodSync(path, OWNER_ONLY); // a umask narrower than usual does not matter, a wider one neither
}

function fsyncPath(path: string, flags: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(path, flags);
    fsyncSync(fd);
  } catch (e) {
    // A folder's fsync is refused on Windows and by some flash-disk drivers; the file's was not.
    if (flags === 'r+') throw e;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Writes `path` through an owner-only part: `write` fills the part (opening it with 'w', or replacing
 * it by a rename), which is then flushed and renamed to `path`. On any failure the part is removed.
 * With `keepPart`, the part is left complete for the caller to rename later (an export renames its
 * files only after the batch is committed) and its name is returned.
 */
export async function writeOwnerOnly<T>(path: string, write: (part: string) => Promise<T> | T, opts: { keepPart?: boolean } = {}): Promise<{ value: T; part: string }> {
  mkdirSync(dirname(path), { recursive: true });
  const part = partPath(path);
  createOwnerOnly(part);
  try {
    const value = await write(part);
    chmodSync(part, OWNER_ONLY);
    fsyncPath(part, 'r+');
    if (!opts.keepPart) {
      renameSync(part, path);
      fsyncPath(dirname(path), 'r');
    }
    return { value, part };
  } catch (e) {
    rmSync(part, { force: true });
    throw withPath(e, path);
  }
}

/** A write error of a stream (ENOSPC, EIO) carries no path: give it the file's, for the message. */
function withPath(e: unknown, path: string): unknown {
  if (e && typeof e === 'object' && 'code' in e && !('path' in e)) Object.assign(e, { path });
  return e;
}

/** writeOwnerOnly for bytes already in memory (a PDF), synchronous. */
export function writeBytesOwnerOnly(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const part = partPath(path);
  createOwnerOnly(part);
  try {
    writeFileSync(part, bytes);
    fsyncPath(part, 'r+');
    renameSync(part, path);
    fsyncPath(dirname(path), 'r');
  } catch (e) {
    rmSync(part, { force: true });
    throw withPath(e, path);
  }
}
