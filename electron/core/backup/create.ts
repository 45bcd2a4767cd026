import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CoreContext } from '../context';
import { nowIso, sqliteOf } from '../context';
import type { Db } from '../db/open';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { createPrivateFile, fsyncDir, fsyncFile } from '../files/atomic';
import { encryptFile } from './crypto';
import { snapshotTo } from './backup-file-repository';
import { holdingConnection, storeOf } from '../store/of-context';
import { partPath, removeStaleParts } from '../files/parts';
import { privateTemp, privateTempBase, removeLegacyParts } from './leftovers';
import { toKeep, DEFAULT_RETENTION, type RetentionRule } from './retention';
import { BACKUP_NAME as NAME, freeBackupPath, type BackupReason } from './names';
import { createPgBackup } from './pg-backup';
import type { BackupResult } from './results';

// Names live in names.ts (the database opener needs them without the backup machinery).
export { backupName, freeBackupPath, type BackupReason } from './names';

export type { BackupResult } from './results';


/** A consistent copy of the live database at `path`, a new file readable by its owner only (backup-file-repository.ts). */
async function snapshotInto(db: Db, path: string): Promise<void> {
  createPrivateFile(path);
  await snapshotTo(db, path);
}

/**
 * Copies the live database, optionally encrypting it, and writes it under its final name only when
 * complete and flushed. Only what the backup will hold touches `dir` (which may be a flash disk): an
 * encrypted backup is snapshotted into a private temporary folder beside the database and streamed
 * through the cipher into the part file, so no plaintext byte is ever written to the destination.
 * A failure removes the part file; one left by a killed earlier run is removed here.
 */
export async function createBackup(ctx: CoreContext, dir: string, reason: BackupReason, passphrase?: string): Promise<BackupResult> {
  // A server database is dumped with pg_dump instead (pg-backup.ts): same names, part file and audit row.
  if (storeOf(ctx).engine === 'postgres') return createPgBackup(ctx, dir, reason, passphrase);
  if (passphrase !== undefined && passphrase.length < 8) throw new SigapError('INVALID_INPUT', 'Kata sandi cadangan minimal 8 karakter.');
  mkdirSync(dir, { recursive: true });
  removeStaleParts(dir, (target) => NAME.test(target));
  removeLegacyParts(dir);
  const final = freeBackupPath(dir, ctx.clock(), reason, Boolean(passphrase));
  const part = partPath(final);
  const db = () => sqliteOf(ctx); // read at each use: a restore swaps the connection
  const temp = passphrase ? privateTemp(privateTempBase(db().name)) : null;
  try {
    if (passphrase && temp) {
      const snapshot = join(temp.dir, 'snapshot.db');
      await holdingConnection(ctx, () => snapshotInto(db(), snapshot));
      await encryptFile(snapshot, part, passphrase);
    } else {
      await holdingConnection(ctx, () => snapshotInto(db(), part));
    }
    fsyncFile(part);
    renameSync(part, final);
    fsyncDir(dir);
  } catch (e) {
    for (const suffix of ['', '-journal']) rmSync(`${part}${suffix}`, { force: true });
    // A stream's write error (ENOSPC, EIO) carries no path: give it the backup's, for the clerk's message.
    if (e && typeof e === 'object' && 'code' in e && !('path' in e)) Object.assign(e, { path: final });
    throw e;
  } finally {
    temp?.cleanup();
  }
  const bytes = statSync(final).size;
  await storeOf(ctx).tx('write', async () => {
    await audit(ctx, { action: 'create', entity: 'backup', entityId: null, summary: `Cadangan ${reason}: ${basename(final)}`, after: { path: final, bytes, encrypted: Boolean(passphrase), at: nowIso(ctx) } });
  });
  return { path: final, bytes, encrypted: Boolean(passphrase) };
}

export interface BackupEntry {
  name: string;
  path: string;
  at: string;
  reason: string;
  bytes: number;
  encrypted: boolean;
}

export function listBackups(dir: string): BackupEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({
      name,
      path: join(dir, name),
      at: `${m[1]!.slice(0, 4)}-${m[1]!.slice(4, 6)}-${m[1]!.slice(6, 8)}T${m[2]!.slice(0, 2)}:${m[2]!.slice(2, 4)}:${m[2]!.slice(4, 6)}Z`,
      reason: m[3]!,
      bytes: statSync(join(dir, name)).size,
      encrypted: m[4] === 'sigapenc',
    }))
    .sort((a, b) => (a.at < b.at ? 1 : -1));
}

/** Backups a person asked for, or a restore's safety net: the retention rule never deletes them. */
const KEPT_REASONS = new Set(['manual', 'sebelum-pemulihan']);

/**
 * Deletes automatic backups the retention rule does not keep (never a manual backup or the safety
 * backup made before a restore, nor the names in `also`, e.g. the backup just made). Returns the names deleted.
 */
export function pruneBackups(dir: string, rule: RetentionRule = DEFAULT_RETENTION, also: readonly string[] = []): string[] {
  const all = listBackups(dir).filter((b) => !KEPT_REASONS.has(b.reason));
  const keep = toKeep(all, rule);
  for (const name of also) keep.add(name);
  const gone = all.filter((b) => !keep.has(b.name)).map((b) => b.name);
  for (const name of gone) rmSync(join(dir, name), { force: true });
  return gone;
}
