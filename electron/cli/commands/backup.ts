import { parseArgs } from 'node:util';
import { createBackup, listBackups, pruneBackups } from '../../core/backup/create';
import { inspectBackup, restoreBackup, type BackupCheck } from '../../core/backup/restore';
import { defaultBackupDir } from '../../core/backup/auto';
import { inspectPgBackup, restorePgBackup } from '../../core/backup/pg-backup';
import { isPostgresUrl } from '../../core/store/open-store';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { SigapError } from '../../../shared/errors';
import { resolveDbPath, userDataDir } from '../../core/paths';
import { printJson, table } from '../io';
import { openCli, type CliEnv } from '../context';
import { sqliteOf } from '../../core/context';

const USAGE = `sigap backup create [--to DIR] [--passphrase-env VAR] [--json]
sigap backup list [--dir DIR] [--json]
sigap backup check FILE [--passphrase-env VAR] [--json]
sigap backup restore FILE [--passphrase-env VAR] --yes
sigap backup prune [--dir DIR]`;

/** The passphrase is read from an environment variable, never from the command line (shell history). */
function passphrase(cx: CliEnv, envName: string | undefined): string | undefined {
  if (!envName) return undefined;
  const v = cx.env[envName];
  if (!v) throw new SigapError('INVALID_INPUT', `Variabel lingkungan ${envName} kosong.`);
  return v;
}

function checkLine(c: BackupCheck): string {
  const what = c.engine === 'postgres' ? 'cadangan PostgreSQL utuh (seluruh arsip terbaca oleh pg_restore)' : `utuh (${c.integrity})`;
  return `${what}, skema ${c.schemaVersion}, ${c.pemda ?? '(tanpa profil Pemda)'}, ${c.counts.persons} orang, ${c.counts.decrees} SK`;
}

/** A restore onto a PostgreSQL server: pg_restore in one transaction, after a pg_dump of the current state. */
async function restorePg(cx: CliEnv, dbFlag: string | undefined, file: string, pw: string | undefined, yes: boolean, backupDir: string): Promise<number> {
  if (!yes) {
    const check = await inspectPgBackup(file, pw);
    cx.io.out(`Akan memulihkan ${check.file}: ${check.pemda ?? '-'}, ${check.counts.persons} orang, ${check.counts.decrees} SK, skema ${check.schemaVersion}.\nJalankan lagi dengan --yes untuk memulihkan. Keadaan sekarang akan dicadangkan dahulu (pg_dump).\n`);
    return 1;
  }
  const ctx = await openCli(dbFlag, cx);
  try {
    const r = await restorePgBackup(ctx, file, { ...(pw ? { passphrase: pw } : {}), backupDir });
    const kept = r.archived > 0 ? ` ${r.archived} entri jejak audit sesudah cadangan disimpan sebagai arsip.` : '';
    cx.io.out(`Dipulihkan dari ${r.check.file}. Keadaan sebelumnya: ${r.safety}.${kept}\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}

export async function backupCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { to: { type: 'string' }, dir: { type: 'string' }, 'passphrase-env': { type: 'string' }, yes: { type: 'boolean' }, json: { type: 'boolean' }, db: { type: 'string' } },
  });
  const dbPath = resolveDbPath(values.db, cx.env);
  const pg = isPostgresUrl(dbPath);
  // A PostgreSQL database has no folder of its own: its backups go to the user-data folder's `cadangan`.
  const backupDir = defaultBackupDir(dbPath, userDataDir(process.platform, cx.env));
  const dir = values.dir ?? values.to ?? backupDir;
  // Where a backup is decrypted to be checked: a private folder on the local disk, never `--to` (a flash disk).
  const local = pg ? tmpdir() : dirname(dbPath);
  switch (sub) {
    case 'create': {
      const ctx = await openCli(values.db, cx);
      try {
        const r = await createBackup(ctx, dir, 'manual', passphrase(cx, values['passphrase-env']));
        if (values.json) printJson(cx.io, r);
        else cx.io.out(`Cadangan dibuat: ${r.path} (${r.bytes.toLocaleString('id-ID')} byte${r.encrypted ? ', terenkripsi' : ''})\n`);
        return 0;
      } finally {
        await ctx.close();
      }
    }
    case 'list': {
      const list = listBackups(dir);
      if (values.json) printJson(cx.io, { dir, backups: list });
      else cx.io.out(table(['Berkas', 'Waktu (UTC)', 'Alasan', 'Ukuran'], list.map((b) => [b.name, b.at, b.reason, b.bytes])));
      return 0;
    }
    case 'check': {
      const file = positionals[0];
      if (!file) break;
      const check = await inspectBackup(file, local, passphrase(cx, values['passphrase-env']));
      if (values.json) printJson(cx.io, check);
      else cx.io.out(`${check.file}: ${checkLine(check)}\n`);
      return 0;
    }
    case 'restore': {
      const file = positionals[0];
      if (!file) break;
      const pw = passphrase(cx, values['passphrase-env']);
      if (pg) return restorePg(cx, values.db, file, pw, Boolean(values.yes), backupDir);
      if (!values.yes) {
        const check = await inspectBackup(file, local, pw);
        cx.io.out(`Akan memulihkan ${check.file}: ${check.pemda ?? '-'}, ${check.counts.persons} orang, ${check.counts.decrees} SK, skema ${check.schemaVersion}.\nJalankan lagi dengan --yes untuk memulihkan. Keadaan sekarang akan dicadangkan dahulu.\n`);
        return 1;
      }
      const ctx = await openCli(values.db, cx);
      const db = sqliteOf(ctx);
      try {
        const r = await restoreBackup(db, dbPath, file, {
          ...(pw ? { passphrase: pw } : {}), backupDir: defaultBackupDir(dbPath), clock: cx.clock, actor: ctx.actor, closeCurrent: () => db.close(),
        });
        r.db.close();
        const kept = r.archived > 0 ? ` ${r.archived} entri jejak audit sesudah cadangan disimpan sebagai arsip.` : '';
        cx.io.out(`Dipulihkan dari ${r.check.file}. Keadaan sebelumnya: ${r.safety}.${kept}\n`);
        return 0;
      } finally {
        if (db.open) db.close(); // a refused restore leaves the connection open
      }
    }
    case 'prune': {
      const gone = pruneBackups(dir);
      cx.io.out(`${gone.length} cadangan lama dihapus.\n`);
      return 0;
    }
  }
  cx.io.err(`Penggunaan:\n${USAGE}\n`);
  return 2;
}
