import { parseArgs } from 'node:util';
import { openStore, redactUrl } from '../../core/store/open-store';
import { resolveDbPath } from '../../core/paths';
import { grantAppRole } from '../../core/backup/pg-roles';
import { printJson } from '../io';
import { openCli, type CliEnv } from '../context';

const USAGE = `sigap db migrate [--db URL|BERKAS] [--json]
sigap db grant --app-role PERAN [--db postgres://PEMILIK@…] [--json]`;

/**
 * The IT office's side of the database: `migrate` brings it to this version's schema (run as the
 * owner role on PostgreSQL), `grant` gives the application role its rights (core/backup/pg-roles.ts).
 */
export async function dbCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { 'app-role': { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' } } });
  switch (sub) {
    case 'migrate': {
      const target = resolveDbPath(values.db, cx.env);
      const opened = await openStore(target, { clock: cx.clock, poolMax: 1 });
      try {
        const r = { where: redactUrl(opened.where), engine: opened.engine, fromVersion: opened.fromVersion, toVersion: opened.toVersion };
        if (values.json) printJson(cx.io, r);
        else cx.io.out(r.fromVersion === r.toVersion ? `Skema ${r.where} sudah versi ${r.toVersion}.\n` : `Skema ${r.where} diperbarui dari versi ${r.fromVersion} ke ${r.toVersion}.\n`);
        return 0;
      } finally {
        await opened.store.close();
      }
    }
    case 'grant': {
      const role = values['app-role'];
      if (!role) break;
      const ctx = await openCli(values.db, cx);
      try {
        const r = await grantAppRole(ctx, role);
        if (values.json) printJson(cx.io, r);
        else cx.io.out(`Hak peran ${r.role} diberikan pada ${r.tables} tabel Sigap (pemilik: ${r.owner}); jejak audit (${r.appendOnly.join(', ')}) hanya dapat dibaca dan ditambah. Jalankan lagi setelah setiap pembaruan Sigap.\n`);
        return 0;
      } finally {
        await ctx.close();
      }
    }
  }
  cx.io.err(`Penggunaan:\n${USAGE}\n`);
  return 2;
}
