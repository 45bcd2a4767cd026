import { parseArgs } from 'node:util';
import { createBackup, listBackups, pruneBackups } from '../../core/backup/create';
import { inspectBackup, restoreBackup } from '../../core/backup/restore';
import { defaultBackupDir } from '../../core/backup/auto';
import { dirname } from 'node:path';
import { SigapError } from '../../../shared/errors';
import { resolveDbPath } from '../../core/paths';
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

export async function backupCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { to: { type: 'string' }, dir: { type: 'string' }, 'passphrase-env': { type: 'string' }, yes: { type: 'boolean' }, json: { type: 'boolean' }, db: { type: 'string' } },
  });
  const dbPath = resolveDbPath(values.db, cx.env);
  const dir = values.dir ?? values.to ?? defaultBackupDir(dbPath);
  // Where a backup is decrypted to be checked: a private folder on the local disk, never `--to` (a flash disk).
  const local = dirname(dbPath);
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
      else cx.io.out(`${check.file}: utuh (${check.integrity}), skema ${check.schemaVersion}, ${check.pemda ?? '(tanpa profil Pemda)'}, ${check.counts.persons} orang, ${check.counts.decrees} SK\n`);
      return 0;
    }
    case 'restore': {
      const file = positionals[0];
      if (!file) break;
      const pw = passphrase(cx, values['passphrase-env']);
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
