/**
 * PostgreSQL's own client programs (pg_dump, pg_restore) for backups of a server database: where to
 * find them, how to run them without the password ever reaching a command line or a message, and
 * their failures in Indonesian.
 *
 * The program: from SIGAP_PG_BIN (a folder; when set, only there), else PATH, else the newest
 * /usr/lib/postgresql/<version>/bin (Debian) or C:\Program Files\PostgreSQL\<version>\bin (Windows).
 * pg_dump must be at least as new as the server; the newest installed one is the safe pick.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SigapError } from '../../../shared/errors';

export type PgTool = 'pg_dump' | 'pg_restore';

const EXE = process.platform === 'win32' ? '.exe' : '';

function newestVersionBin(root: string): string | null {
  if (!existsSync(root)) return null;
  let versions: string[];
  try {
    versions = readdirSync(root);
  } catch {
    return null;
  }
  const found = versions.filter((v) => existsSync(join(root, v, 'bin', `pg_dump${EXE}`))).sort((a, b) => Number(b) - Number(a));
  return found.length ? join(root, found[0]!, 'bin') : null;
}

/** The full path of `tool`, or null when it is not installed. */
export function findPgTool(tool: PgTool, env: NodeJS.ProcessEnv = process.env): string | null {
  const name = `${tool}${EXE}`;
  if (env.SIGAP_PG_BIN) {
    const p = join(env.SIGAP_PG_BIN, name);
    return existsSync(p) ? p : null;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  const roots = process.platform === 'win32' ? [join(env.ProgramFiles ?? 'C:\\Program Files', 'PostgreSQL')] : ['/usr/lib/postgresql'];
  for (const root of roots) {
    const bin = newestVersionBin(root);
    if (bin) return join(bin, name);
  }
  return null;
}

export function requirePgTool(tool: PgTool): string {
  const path = findPgTool(tool);
  if (!path) {
    throw new SigapError(
      'NOT_FOUND',
      `Program ${tool} dari PostgreSQL tidak ditemukan di komputer ini. Pasang klien PostgreSQL (Debian/Ubuntu: apt-get install postgresql-client), atau tunjuk foldernya dengan SIGAP_PG_BIN.`,
    );
  }
  return path;
}

/**
 * The connection for libpq's programs: the URL without its password (it goes on their command line,
 * which other users of the machine can read), and the password in PGPASSWORD (the child's environment
 * only, readable by this user alone).
 */
export function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url.trim());
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  // Without a password in the URL, PGPASSWORD or ~/.pgpass (as node-pg reads them) still apply.
  const env: NodeJS.ProcessEnv = { ...process.env, PGAPPNAME: 'sigap-backup' };
  if (password !== undefined) env.PGPASSWORD = password;
  return { dbname: u.toString(), env };
}

/** What a libpq program's error output means, in words the IT office can act on (never the password). */
export function describePgToolError(tool: PgTool, stderr: string, where: string): SigapError {
  const s = stderr.replace(/postgres(ql)?:\/\/[^\s"']*/gi, where);
  if (/connection refused|could not connect|could not translate host name|timeout expired|No route to host|Network is unreachable/i.test(s)) {
    return new SigapError('DB_UNREADABLE', `Server PostgreSQL ${where} tidak dapat dihubungi. Periksa alamat, port dan apakah layanannya berjalan.`);
  }
  if (/password authentication failed|no password supplied|authentication failed/i.test(s)) {
    return new SigapError('DB_UNREADABLE', `Server PostgreSQL ${where} menolak nama pengguna atau kata sandinya.`);
  }
  if (/database ".*" does not exist/i.test(s)) return new SigapError('DB_UNREADABLE', `Basis data PostgreSQL ${where} tidak ada.`);
  if (/server version mismatch|aborting because of server version/i.test(s)) {
    return new SigapError('DB_UNREADABLE', `${tool} di komputer ini lebih lama daripada server PostgreSQL ${where}. Pasang klien PostgreSQL yang sama baru atau lebih baru.`);
  }
  if (/permission denied|must be owner/i.test(s)) {
    return new SigapError(
      'FORBIDDEN',
      tool === 'pg_restore'
        ? `Peran PostgreSQL ini tidak berhak memulihkan basis data ${where}: pemulihan dijalankan dengan peran pemilik (mis. sigap_owner), bukan peran aplikasi.`
        : `Peran PostgreSQL ini tidak berhak membaca seluruh basis data ${where} untuk dicadangkan.`,
    );
  }
  if (/input file (does not appear to be a valid archive|is too short)|did not find magic string|unsupported version .* in file header|could not read (from )?input file|end of file|could not uncompress data|corrupt|bad magic|invalid/i.test(s)) {
    return new SigapError('BACKUP_INVALID', 'Berkas cadangan PostgreSQL rusak atau tidak lengkap.');
  }
  const first = s.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? `${tool} gagal`;
  return new SigapError('INTERNAL', `${tool} gagal: ${first.slice(0, 300)}`);
}

export interface PgToolRun {
  /** Called with each chunk of standard output (pg_restore's script); without it, output is dropped. */
  onStdout?: (chunk: Buffer) => void;
  /** The database URL the program connects to (password taken out), if any. */
  url?: string;
  /** The session's application_name (default sigap-backup), to find it in pg_stat_activity. */
  appName?: string;
  where: string;
}

/** Runs `tool` with `args` (no password in them) and resolves when it exits 0; a failure becomes a SigapError. */
export function runPgTool(tool: PgTool, args: string[], o: PgToolRun): Promise<void> {
  const bin = requirePgTool(tool);
  const conn: { dbname: string | null; env: NodeJS.ProcessEnv } = o.url ? libpqConnection(o.url) : { dbname: null, env: { ...process.env, PGAPPNAME: 'sigap-backup' } };
  const full = conn.dbname ? [...args, `--dbname=${conn.dbname}`] : args;
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...conn.env, PGCONNECT_TIMEOUT: conn.env.PGCONNECT_TIMEOUT ?? '10' };
    if (o.appName) env.PGAPPNAME = o.appName;
    const child = spawn(bin, full, { env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stderr = '';
    let failed: unknown = null;
    child.stdout.on('data', (c: Buffer) => {
      if (failed || !o.onStdout) return;
      try {
        o.onStdout(c);
      } catch (e) {
        failed = e;
        child.kill();
      }
    });
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 64_000) stderr += c.toString('utf8');
    });
    child.on('error', (e) => reject(new SigapError('NOT_FOUND', `Program ${tool} tidak dapat dijalankan: ${(e as NodeJS.ErrnoException).code ?? e.message}.`)));
    child.on('close', (code, signal) => {
      if (failed) reject(failed);
      else if (code === 0) resolve();
      // pg_restore can crash on a damaged archive (seen: a segmentation fault on flipped bytes).
      else if (signal && tool === 'pg_restore') reject(new SigapError('BACKUP_INVALID', `Berkas cadangan PostgreSQL rusak: pg_restore berhenti mendadak (${signal}) saat membacanya.`));
      else reject(describePgToolError(tool, stderr, o.where));
    });
  });
}
