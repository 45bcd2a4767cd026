import { parseArgs } from 'node:util';
import { createUser, listUsers, resetPassword } from '../../core/auth/users';
import { ROLES, type Role } from '../../../shared/roles';
import { printJson, table } from '../io';
import { openCli, type CliEnv } from '../context';

const USAGE = `sigap user list [--json]
sigap user add USERNAME --role admin|hr|finance|viewer [--name "Nama Lengkap"] --password-env VAR
sigap user reset-password USERNAME`;

/**
 * Accounts from the command line. `reset-password` is the lost-password path: it needs the database
 * file, so only someone with access to the machine can use it.
 */
export async function userCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, 'password-env': { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' } },
  });
  if (!['list', 'add', 'reset-password'].includes(sub ?? '') || (sub !== 'list' && !positionals[0])) {
    cx.io.err(`Penggunaan:\n${USAGE}\n`);
    return 2;
  }
  const ctx = await openCli(values.db, cx);
  try {
    if (sub === 'list') {
      const users = await listUsers(ctx);
      if (values.json) printJson(cx.io, { users });
      else cx.io.out(table(['Pengguna', 'Nama', 'Peran', 'Aktif'], users.map((u) => [u.username, u.displayName, u.role, u.active ? 'ya' : 'tidak'])));
      return 0;
    }
    if (sub === 'add') {
      const role = values.role as Role;
      const pw = values['password-env'] ? cx.env[values['password-env']] : undefined;
      if (!ROLES.includes(role) || !pw) {
        cx.io.err(`Peran (--role) dan kata sandi (--password-env VAR) wajib.\n${USAGE}\n`);
        return 2;
      }
      const u = await createUser(ctx, { username: positionals[0]!, displayName: values.name ?? positionals[0]!, role, password: pw });
      cx.io.out(`Pengguna ${u.username} (${u.role}) dibuat.\n`);
      return 0;
    }
    const temp = await resetPassword(ctx, positionals[0]!);
    cx.io.out(`Kata sandi sementara untuk ${positionals[0]}: ${temp}\nWajib diganti saat masuk berikutnya.\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}
