/**
 * Backups of a PostgreSQL database (issue #13): pg_dump's custom format, encrypted with the same
 * passphrase format as a SQLite backup (crypto.ts), written under a part name and renamed when
 * complete, like every Sigap backup. Checked by reading the whole archive with pg_restore (every data
 * block is decompressed, so a damaged one is found) and counting the rows of the tables a clerk knows;
 * restored with `pg_restore --clean --if-exists --single-transaction` (all or nothing) after a safety
 * dump of the current state.
 *
 * The password of the URL never reaches a command line or a message (pg-tools.ts, redactUrl).
 */
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SigapError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { createPrivateFile, fsyncDir, fsyncFile } from '../files/atomic';
import { partPath, removeStaleParts } from '../files/parts';
import { PG_LATEST_VERSION } from '../db/pg/migrate';
import { PostgresStore } from '../store/postgres';
import { storeOf } from '../store/of-context';
import type { Store } from '../store/store';
import { redactUrl } from '../store/open-store';
import { decryptFile, encryptFile, isEncryptedBackup } from './crypto';
import { privateTemp, removeLegacyParts, type PrivateTemp } from './leftovers';
import { BACKUP_NAME, freeBackupPath, type BackupReason } from './names';
import { requirePgTool, runPgTool } from './pg-tools';
import { pgBackupRepo } from './pg-backup-repository';
import { ARCHIVE_ENTITY } from './archive';
import type { BackupCheck, BackupResult } from './results';

/** What a backup file holds, from its first bytes (after decryption). */
export type BackupKind = 'sqlite' | 'postgres' | 'unknown';

export function sniffBackup(path: string): BackupKind {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n >= 5 && head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
    if (n >= 16 && head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    return 'unknown';
  } finally {
    closeSync(fd);
  }
}

export const SQLITE_FILE_TO_PG = (label: string) =>
  new SigapError('BACKUP_INVALID', `"${label}" adalah cadangan berkas SQLite (Sigap di satu komputer), bukan cadangan PostgreSQL: tidak dapat dipulihkan ke server PostgreSQL. Pulihkan ke berkas SQLite dengan --db BERKAS.db.`);
export const PG_DUMP_TO_SQLITE = (label: string) =>
  new SigapError('BACKUP_INVALID', `"${label}" adalah cadangan basis data PostgreSQL (pg_dump), bukan berkas SQLite: pulihkan ke server PostgreSQL dengan --db postgres://… (peran pemilik).`);

/**
 * The URL of the PostgreSQL database of a context: the CLI's and the tests' `dbPath`, else the
 * connection string of its PostgresStore.
 */
export function pgUrlOf(ctx: CoreContext): string {
  const dbPath = (ctx as { dbPath?: unknown }).dbPath;
  if (typeof dbPath === 'string' && /^postgres(ql)?:\/\//i.test(dbPath.trim())) return dbPath.trim();
  const s = storeOf(ctx);
  if (s instanceof PostgresStore && s.pool.options.connectionString) return s.pool.options.connectionString;
  throw new Error('PostgreSQL context without a URL');
}

/** Private temporary folders for plaintext dumps: the local temp folder, never the backup's destination. */
function localTemp(): PrivateTemp {
  return privateTemp(tmpdir());
}

/** pg_dump into `path` (a new private file). */
async function dumpTo(url: string, path: string): Promise<void> {
  createPrivateFile(path);
  await runPgTool('pg_dump', ['--format=custom', '--no-password', `--file=${path}`], { url, where: redactUrl(url) });
}

/** A backup of the PostgreSQL database of `ctx` into `dir`: the same names, part file and audit row as a SQLite backup. */
export async function createPgBackup(ctx: CoreContext, dir: string, reason: BackupReason, passphrase?: string): Promise<BackupResult> {
  if (passphrase !== undefined && passphrase.length < 8) throw new SigapError('INVALID_INPUT', 'Kata sandi cadangan minimal 8 karakter.');
  const url = pgUrlOf(ctx);
  requirePgTool('pg_dump'); // before anything is made
  mkdirSync(dir, { recursive: true });
  removeStaleParts(dir, (target) => BACKUP_NAME.test(target));
  removeLegacyParts(dir);
  const final = freeBackupPath(dir, ctx.clock(), reason, Boolean(passphrase), 'postgres');
  const part = partPath(final);
  const temp = passphrase ? localTemp() : null;
  try {
    if (passphrase && temp) {
      const plain = join(temp.dir, 'dump.pgdump');
      await dumpTo(url, plain);
      await encryptFile(plain, part, passphrase);
    } else {
      await dumpTo(url, part);
    }
    fsyncFile(part);
    renameSync(part, final);
    fsyncDir(dir);
  } catch (e) {
    rmSync(part, { force: true });
    if (e && typeof e === 'object' && 'code' in e && !('path' in e) && !(e instanceof SigapError)) Object.assign(e, { path: final });
    throw e;
  } finally {
    temp?.cleanup();
  }
  const bytes = statSync(final).size;
  await storeOf(ctx).tx('write', async () => {
    await audit(ctx, { action: 'create', entity: 'backup', entityId: null, summary: `Cadangan ${reason}: ${basename(final)}`, after: { path: final, bytes, encrypted: Boolean(passphrase), engine: 'postgres', at: nowIso(ctx) } });
  });
  return { path: final, bytes, encrypted: Boolean(passphrase) };
}

/** COPY's text format: `\N` is null, backslash escapes the rest. */
function copyField(raw: string): string | null {
  if (raw === '\\N') return null;
  return raw.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' })[c] ?? c);
}

const COUNTED = { person: 'persons', engagement: 'engagements', decree: 'decrees', opd: 'opds', audit_log: 'auditRows' } as const;

/**
 * Reads the whole archive with pg_restore into a script on a pipe (no database needed): every data
 * block is read and decompressed, so a damaged or cut-off dump fails here. Counts the rows of the
 * COPY blocks of the tables a clerk knows, and reads the schema version and the Pemda's name.
 */
export async function checkPgDump(path: string, label: string, encrypted: boolean): Promise<BackupCheck> {
  const counts = { persons: 0, engagements: 0, decrees: 0, opds: 0, auditRows: 0 };
  const seen = new Set<string>();
  let table: string | null = null;
  let columns: string[] = [];
  // Set from inside the line reader: an object, so the checks below see them as set.
  const found: { schemaVersion: number | null; pemda: string | null } = { schemaVersion: null, pemda: null };
  let rest = '';
  const line = (l: string) => {
    if (table === null) {
      const m = /^COPY public\.("?)([a-z_]+)\1 \(([^)]*)\) FROM stdin;$/.exec(l);
      if (m) {
        table = m[2]!;
        columns = m[3]!.split(', ').map((c) => c.replace(/^"|"$/g, ''));
        seen.add(table);
      } else if (/^CREATE TABLE public\.("?)([a-z_]+)\1 \(/.test(l)) {
        seen.add(/^CREATE TABLE public\.("?)([a-z_]+)/.exec(l)![2]!);
      }
      return;
    }
    if (l === '\\.') {
      table = null;
      return;
    }
    const key = COUNTED[table as keyof typeof COUNTED];
    if (key) counts[key]++;
    if (table === 'sigap_schema' || table === 'employer') {
      const f = l.split('\t').map(copyField);
      const get = (c: string) => f[columns.indexOf(c)] ?? null;
      if (table === 'sigap_schema' && get('id') === '1') found.schemaVersion = Number(get('version'));
      if (table === 'employer' && get('id') === '1') found.pemda = get('name');
    }
  };
  await runPgTool('pg_restore', ['--file=-', path], {
    where: label,
    onStdout: (chunk) => {
      const text = rest + chunk.toString('utf8');
      const lines = text.split('\n');
      rest = lines.pop()!;
      for (const l of lines) line(l);
    },
  });
  if (rest) line(rest);
  const { schemaVersion, pemda } = found;
  if (!seen.has('sigap_schema') || !seen.has('person') || schemaVersion === null) {
    throw new SigapError('BACKUP_INVALID', `"${label}" bukan cadangan basis data Sigap (tabel Sigap tidak ada di dalamnya).`);
  }
  if (schemaVersion > PG_LATEST_VERSION) {
    throw new SigapError('DB_TOO_NEW', `Cadangan "${label}" dibuat oleh versi Sigap yang lebih baru (skema ${schemaVersion}). Perbarui aplikasi dahulu.`);
  }
  return { file: label, encrypted, integrity: 'ok', schemaVersion, pemda, counts, engine: 'postgres' };
}

/**
 * A plain copy of a backup (decrypted when it is encrypted) in a new private local folder, checked as
 * a Sigap PostgreSQL dump. A SQLite backup is refused with a message that says so.
 */
export async function stagePgBackup(backupPath: string, passphrase?: string): Promise<{ staged: string; check: BackupCheck; temp: PrivateTemp }> {
  if (!existsSync(backupPath)) throw new SigapError('NOT_FOUND', `Berkas cadangan "${backupPath}" tidak ditemukan.`);
  const label = basename(backupPath);
  const encrypted = isEncryptedBackup(backupPath);
  if (encrypted && !passphrase) throw new SigapError('BACKUP_PASSPHRASE', 'Cadangan ini terenkripsi: masukkan kata sandinya.');
  const temp = localTemp();
  const staged = join(temp.dir, 'pulihkan.pgdump');
  try {
    if (encrypted) await decryptFile(backupPath, staged, passphrase!);
    else {
      createPrivateFile(staged);
      copyFileSync(backupPath, staged);
    }
    const kind = sniffBackup(staged);
    if (kind === 'sqlite') throw SQLITE_FILE_TO_PG(label);
    if (kind !== 'postgres') throw new SigapError('BACKUP_INVALID', `"${label}" bukan berkas cadangan Sigap.`);
    const check = await checkPgDump(staged, label, encrypted);
    return { staged, check, temp };
  } catch (e) {
    temp.cleanup();
    throw e;
  }
}

/** Checks a PostgreSQL backup without restoring it. */
export async function inspectPgBackup(backupPath: string, passphrase?: string): Promise<BackupCheck> {
  const { check, temp } = await stagePgBackup(backupPath, passphrase);
  temp.cleanup();
  return check;
}

/**
 * The archive's table of contents for the restore, without the extension entries: citext is created by
 * the owner or the DBA once per database and stays; dropping it (--clean) would need its owner, and a
 * DBA who created it as a superuser would see every restore fail.
 */
async function restoreList(staged: string, dir: string): Promise<string> {
  let toc = '';
  await runPgTool('pg_restore', ['--list', staged], { where: basename(staged), onStdout: (c) => void (toc += c.toString('utf8')) });
  const kept = toc.split('\n').filter((l) => !/^\d+; \d+ \d+ (EXTENSION|COMMENT - EXTENSION) /.test(l));
  const path = join(dir, 'daftar.toc');
  writeFileSync(path, kept.join('\n'), { mode: 0o600 });
  return path;
}

const WORD: Record<string, string> = { TABLE: 'tabel', INDEX: 'indeks', TRIGGER: 'pemicu', FUNCTION: 'fungsi', VIEW: 'tampilan', SEQUENCE: 'urutan', CONSTRAINT: 'batasan', 'FK CONSTRAINT': 'kunci asing', DEFAULT: 'nilai bawaan', 'SEQUENCE OWNED BY': 'urutan' };
/** TOC entries that are data, rights, owners' comments or the extension: not the schema Sigap compares. */
const NOT_SCHEMA = /^(TABLE DATA|SEQUENCE SET|ACL|DEFAULT ACL|EXTENSION|COMMENT|DATABASE|BLOBS?|LARGE OBJECT)\b/;

/**
 * The schema an archive makes: its objects (from the table of contents, e.g. `TRIGGER public audit_log
 * audit_log_no_update`) and their SQL, without owners, rights and pg_dump's own session lines.
 */
async function schemaOf(archive: string): Promise<{ objects: Set<string>; text: string }> {
  let toc = '';
  await runPgTool('pg_restore', ['--list', archive], { where: basename(archive), onStdout: (c) => void (toc += c.toString('utf8')) });
  const objects = new Set<string>();
  for (const line of toc.split('\n')) {
    const m = /^\d+; \d+ \d+ (.+) \S+$/.exec(line.trim());
    if (m && !NOT_SCHEMA.test(m[1]!)) objects.add(m[1]!);
  }
  let text = '';
  await runPgTool('pg_restore', ['--schema-only', '--no-owner', '--no-acl', '--file=-', archive], { where: basename(archive), onStdout: (c) => void (text += c.toString('utf8')) });
  text = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('--') && !l.startsWith('\\') && !/^(CREATE|COMMENT ON) EXTENSION /.test(l)).join('\n');
  return { objects, text };
}

function describeObject(key: string): string {
  const type = Object.keys(WORD).filter((t) => key.startsWith(`${t} `)).sort((a, b) => b.length - a.length)[0];
  return type ? `${WORD[type]} "${key.slice(type.length + 1).replace(/^public /, '')}"` : `"${key}"`;
}

/**
 * What differs between the schema of a staged backup and the schema of the live database (of the same
 * version, so Sigap's own), in Indonesian; empty when they match. A backup whose audit triggers were
 * dropped, or with a function or trigger of its own, would otherwise be restored by the owner role.
 */
async function schemaDifferences(url: string, staged: string, tempDir: string): Promise<string[]> {
  const live = join(tempDir, 'skema-sekarang.pgdump');
  createPrivateFile(live);
  await runPgTool('pg_dump', ['--format=custom', '--schema-only', '--no-password', `--file=${live}`], { url, where: redactUrl(url) });
  const [want, have] = [await schemaOf(live), await schemaOf(staged)];
  const out: string[] = [];
  for (const o of want.objects) if (!have.objects.has(o)) out.push(`${describeObject(o)} hilang`);
  for (const o of have.objects) if (!want.objects.has(o)) out.push(`${describeObject(o)} tidak dikenal`);
  if (out.length === 0 && want.text !== have.text) out.push('definisi tabel, pemicu atau fungsi diubah');
  return out;
}

/**
 * pg_restore in one transaction, watched: pg_restore sets lock_timeout to 0 in its own session, so a
 * table held by another session (Sigap open on another PC, in the middle of a write) would make it wait
 * for ever. When its session has waited for a lock for `lockTimeoutMs`, its statement is cancelled
 * (pg_cancel_backend, allowed on a session of one's own role): the transaction rolls back, nothing changed.
 */
async function restoreWatched(store: Store, url: string, staged: string, list: string, lockTimeoutMs: number): Promise<void> {
  const appName = `sigap-restore-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const where = redactUrl(url);
  let waitingSince: number | null = null;
  let cancelled = false;
  let polling = false;
  const timer = setInterval(() => {
    if (polling || cancelled) return;
    polling = true;
    void (async () => {
      try {
        const pid = await pgBackupRepo.waitingOnLock(store, appName);
        if (pid === null) waitingSince = null;
        else if (waitingSince === null) waitingSince = Date.now();
        else if (Date.now() - waitingSince >= lockTimeoutMs) {
          cancelled = true;
          await pgBackupRepo.cancel(store, pid);
        }
      } catch {
        // A failed look is tried again at the next tick.
      } finally {
        polling = false;
      }
    })();
  }, Math.max(50, Math.min(1000, Math.floor(lockTimeoutMs / 4))));
  try {
    await runPgTool('pg_restore', ['--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--no-owner', '--no-password', `--use-list=${list}`, staged], { url, where, appName });
  } catch (e) {
    if (cancelled) {
      throw new SigapError('CONFLICT', `Basis data ${where} sedang dipakai (aplikasi Sigap atau perintah lain memegang tabelnya). Tutup Sigap di komputer lain atau tunggu pekerjaannya selesai, lalu coba lagi. Tidak ada yang diubah.`);
    }
    throw e;
  } finally {
    clearInterval(timer);
  }
}

export interface PgRestoreOptions {
  passphrase?: string;
  /** Where the safety backup of the current state goes. */
  backupDir: string;
  /**
   * How long pg_restore waits for a table another session holds (an open Sigap on another PC in the
   * middle of a write) before it gives up, changing nothing. Default 30 s.
   */
  lockTimeoutMs?: number;
}

/**
 * Restores a PostgreSQL backup over the database of `ctx`: checks it first (the whole archive), refuses
 * a backup of another schema version (the IT office restores it into a new database instead, which
 * Sigap migrates on connect) or with a schema other than the live database's, dumps the current state, then runs pg_restore in one transaction. The
 * audit rows written since the backup are kept as an archived segment of the restored log, and the
 * restore is audited, as on SQLite.
 */
export async function restorePgBackup(ctx: CoreContext, backupPath: string, o: PgRestoreOptions): Promise<{ check: BackupCheck; safety: string; archived: number }> {
  const url = pgUrlOf(ctx);
  const store = storeOf(ctx);
  const { staged, check, temp } = await stagePgBackup(backupPath, o.passphrase);
  try {
    const current = await pgBackupRepo.schemaVersion(store);
    if (check.schemaVersion !== current) {
      throw new SigapError(
        'BACKUP_INVALID',
        `Cadangan "${check.file}" berskema ${check.schemaVersion}, basis data sekarang skema ${current}: tidak dipulihkan di atasnya. DBA dapat memulihkannya ke basis data baru yang kosong (createdb, lalu pg_restore --no-owner), lalu Sigap memperbaruinya saat terhubung.`,
      );
    }
    const diff = await schemaDifferences(url, staged, temp.dir);
    if (diff.length > 0) {
      const shown = diff.length > 6 ? [...diff.slice(0, 6), `dan ${diff.length - 6} perbedaan lain`] : diff;
      throw new SigapError('BACKUP_INVALID', `Cadangan "${check.file}" tidak cocok dengan skema Sigap versi ${check.schemaVersion} (diubah di luar Sigap?), jadi tidak dapat dipulihkan: ${shown.join('; ')}.`);
    }
    const safety = await createPgBackup(ctx, o.backupDir, 'sebelum-pemulihan');
    const before = await store.tx('read', (q) => pgBackupRepo.auditRows(q));
    const list = await restoreList(staged, temp.dir);
    await restoreWatched(store, url, staged, list, o.lockTimeoutMs ?? 30_000);
    const restoredAt = ctx.clock().toISOString();
    const head = `[Arsip: dibatalkan oleh pemulihan ${restoredAt.slice(0, 16).replace('T', ' ')} UTC] `;
    const archived = await store.tx('write', async (q) => {
      const n = await pgBackupRepo.appendMissingAudit(q, before, ARCHIVE_ENTITY, head);
      const summary = `Dipulihkan dari ${check.file}; keadaan sebelumnya dicadangkan di ${basename(safety.path)}` + (n > 0 ? `; ${n} entri jejak audit sesudah cadangan disimpan sebagai arsip` : '');
      await audit(ctx, { action: 'update', entity: 'backup', entityId: null, summary, after: { ...check, archivedAuditRows: n, engine: 'postgres' } });
      return n;
    });
    return { check, safety: safety.path, archived };
  } finally {
    temp.cleanup();
  }
}
