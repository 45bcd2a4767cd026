import { mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Names for work in progress, and the clean-up of what a killed run left behind. Each name carries the
 * id of the process writing it, so a later run removes only what belongs to a process that is gone
 * (never the part file of a backup another Sigap process is writing right now into the same folder).
 */

/** The part file a backup is written under until it is complete: `.<final name>.<pid>.part`. */
export function partPath(final: string): string {
  return join(dirname(final), `.${basename(final)}.${process.pid}.part`);
}

// `.sigap-…sigapdb.123.part`, its SQLite side files, and the names of earlier versions (no pid).
const PART = /^\.sigap-.+?\.(?:(\d+)\.)?part(?:-journal|-wal|-shm)?$/;
const TEMP_PREFIX = '.sigap-tmp-';
const TEMP = /^\.sigap-tmp-(\d+)-/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function stale(pid: string | undefined): boolean {
  return pid === undefined || !alive(Number(pid));
}

/** Removes part files in `dir` left by a backup that was killed or failed without cleaning up. Returns their names. */
export function removeStaleParts(dir: string): string[] {
  const gone = safeList(dir).filter((n) => {
    const m = PART.exec(n);
    return m !== null && stale(m[1]);
  });
  for (const n of gone) rmSync(join(dir, n), { force: true });
  return gone;
}

/**
 * Where private temporary folders go: beside the database (the same local disk and protection, and
 * the same file system, so a restore's rename over the database cannot fail with EXDEV), else the OS
 * temp folder (an in-memory database).
 */
export function privateTempBase(dbPath: string | undefined): string {
  return dbPath && dbPath !== ':memory:' ? dirname(resolve(dbPath)) : tmpdir();
}

export interface PrivateTemp {
  dir: string;
  cleanup(): void;
}

/**
 * A new folder only this user can enter (mkdtemp makes it 0700), for a plaintext snapshot or a
 * decrypted backup: such a copy never goes to the backup's destination, which may be a flash disk.
 * Folders of the same kind left by a killed process are removed first.
 */
export function privateTemp(base: string): PrivateTemp {
  for (const n of safeList(base)) {
    const m = TEMP.exec(n);
    if (m && stale(m[1])) rmSync(join(base, n), { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(base, `${TEMP_PREFIX}${process.pid}-`));
  chmodSync(dir, 0o700);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
