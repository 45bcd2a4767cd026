import { mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { alive } from '../files/parts';

/**
 * What a killed backup or restore leaves behind, and its clean-up. A backup is written under a part
 * name from files/parts.ts (`.<final name>.<pid>-<hex>.part`, removed by the next backup into the folder
 * once its writer is gone); this file adds the part names of earlier versions and the private
 * temporary folders, which carry their process id the same way.
 */

// `.sigap-….sigapdb.part`, `.sigap-….sigapenc.enc.part` and their -journal: no pid, no Sigap writes them now.
const LEGACY_PART = /^\.sigap-.+\.(?:sigapdb|sigapenc)(?:\.enc)?\.part(?:-journal)?$/;
const TEMP_PREFIX = '.sigap-tmp-';
const TEMP = /^\.sigap-tmp-(\d+)-/;

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Removes the part files earlier versions of Sigap named without a process id. Returns their names. */
export function removeLegacyParts(dir: string): string[] {
  const gone = safeList(dir).filter((n) => LEGACY_PART.test(n));
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
 * Folders of the same kind left by a process that is gone are removed first.
 */
export function privateTemp(base: string): PrivateTemp {
  for (const n of safeList(base)) {
    const m = TEMP.exec(n);
    if (m && !alive(Number(m[1]))) rmSync(join(base, n), { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(base, `${TEMP_PREFIX}${process.pid}-`));
  chmodSync(dir, 0o700);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
