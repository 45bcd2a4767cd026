import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CoreContext } from '../../context';
import { sqliteOf } from '../../context';
import type { HostServices } from '../host';
import type { securityCalls } from '../../../../shared/contract/security-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import { SigapError } from '../../../../shared/errors';
import { lockMinutes, sessionFor, setLockMinutes } from '../../auth/session';
import { changePassword, createFirstAdmin, createUser, getUser, listUsers, setPassword, updateUser, type User } from '../../auth/users';
import { passwordProblem, temporaryPassword } from '../../auth/passwords';
import { createBackup, listBackups } from '../../backup/create';
import { isEncryptedBackup } from '../../backup/crypto';
import { inspectBackup, restoreBackup } from '../../backup/restore';
import { exclusive } from '../../backup/schedule';
import { restorePgBackup } from '../../backup/pg-backup';
import { storeOf } from '../../store/of-context';
import { exportAudit, listAudit } from '../../audit-query';

type Names = keyof typeof securityCalls;
export type SecurityHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

const token = () => randomBytes(16).toString('hex');
const userDto = (u: User) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, active: u.active, mustChangePassword: u.mustChangePassword, lastLoginAt: u.lastLoginAt });

/** A temporary password that passes the password rule (letters and a digit). */
function freshTemporary(): string {
  for (;;) {
    const t = temporaryPassword();
    if (!passwordProblem(t)) return t;
  }
}

type Source = ParsedInput<'backup.inspect'>['source'];

/** The security calls, implemented on the core. The session is the one dispatch checks every call against. */
export function securityHandlers(ctx: CoreContext, host: HostServices): SecurityHandlers {
  const session = sessionFor(ctx);
  // Folders and files chosen through the native dialog, by token: the renderer never names a path.
  const folders = new Map<string, string>();
  const files = new Map<string, string>();

  const autoDir = (): string => {
    if (!host.backupDir) throw new SigapError('NOT_FOUND', 'Folder cadangan otomatis tidak tersedia.');
    return host.backupDir;
  };
  const sourcePath = (s: Source): string => {
    if (s.kind === 'file') {
      const p = files.get(s.token);
      if (!p) throw new SigapError('NOT_FOUND', 'Berkas cadangan belum dipilih atau sudah kedaluwarsa. Pilih berkas lagi.');
      return p;
    }
    const entry = listBackups(autoDir()).find((b) => b.name === s.name);
    if (!entry) throw new SigapError('NOT_FOUND', `Cadangan "${s.name}" tidak ditemukan.`);
    return entry.path;
  };
  const signedIn = (): User => {
    const u = session.current();
    if (!u) throw new SigapError('AUTH_REQUIRED', 'Silakan masuk terlebih dahulu.');
    return u;
  };

  return {
    'auth.status': () => session.status(),
    'auth.setup': async ({ username, displayName, password }) => {
      // ctx.actor changes only once the account exists (session.adopt), never for a mere attempt.
      const admin = await createFirstAdmin(ctx, { username, displayName, password });
      session.adopt(admin);
      return await session.status();
    },
    'auth.login': ({ username, password }) => session.login(username, password),
    'auth.logout': () => {
      session.logout();
      return session.status();
    },
    'auth.unlock': ({ password }) => session.unlock(password),
    'auth.changePassword': async ({ oldPassword, newPassword }) => {
      await changePassword(ctx, signedIn().id, oldPassword, newPassword);
      await session.refresh();
      return await session.status();
    },
    // The gate has already counted the call as activity; nothing else to do.
    'auth.touch': () => session.status(),
    'users.list': async () => (await listUsers(ctx)).map(userDto),
    'users.create': async ({ username, displayName, role }) => {
      const temp = freshTemporary();
      const user = await createUser(ctx, { username, displayName, role, password: temp, mustChange: true });
      return { user: userDto(user), temporaryPassword: temp };
    },
    'users.update': async ({ id, displayName, role, active }) => {
      if (id === signedIn().id && !active) throw new SigapError('CONFLICT', 'Anda tidak dapat menonaktifkan akun Anda sendiri.');
      await updateUser(ctx, id, { displayName: displayName.trim(), role, active });
      return null;
    },
    'users.resetPassword': async ({ id }) => {
      if (!(await getUser(ctx, id))) throw new SigapError('NOT_FOUND', 'Pengguna tidak ditemukan.');
      const temp = freshTemporary();
      await setPassword(ctx, id, temp, true);
      return { temporaryPassword: temp };
    },
    'backup.list': () => ({
      folder: host.backupDir,
      backups: host.backupDir ? listBackups(host.backupDir).map(({ name, at, reason, bytes, encrypted }) => ({ name, at, reason, bytes, encrypted })) : [],
    }),
    'backup.create': async () => {
      const r = await exclusive(ctx, () => createBackup(ctx, autoDir(), 'manual'));
      const e = listBackups(autoDir()).find((b) => b.path === r.path)!;
      return { name: e.name, at: e.at, reason: e.reason, bytes: e.bytes, encrypted: e.encrypted };
    },
    'backup.chooseFolder': async () => {
      const folder = await host.chooseFolder({ title: 'Pilih folder tujuan cadangan (misalnya flashdisk)' });
      if (!folder) return null;
      const t = token();
      folders.set(t, folder);
      return { token: t, folder };
    },
    'backup.createTo': async ({ token: t, passphrase }) => {
      const folder = folders.get(t);
      if (!folder) throw new SigapError('NOT_FOUND', 'Folder belum dipilih atau sudah kedaluwarsa. Pilih folder lagi.');
      if (passphrase !== undefined && passphrase !== '' && passphrase.length < 8) throw new SigapError('INVALID_INPUT', 'Kata sandi cadangan minimal 8 karakter.');
      return exclusive(ctx, () => createBackup(ctx, folder, 'manual', passphrase || undefined));
    },
    'backup.chooseFile': async () => {
      const path = await host.chooseOpenFile({ title: 'Pilih berkas cadangan Sigap', filters: [{ name: 'Cadangan Sigap', extensions: ['sigapdb', 'sigapenc'] }] });
      if (!path) return null;
      const t = token();
      files.set(t, path);
      return { token: t, name: basename(path), encrypted: isEncryptedBackup(path) };
    },
    'backup.inspect': ({ source, passphrase }) => inspectBackup(sourcePath(source), host.backupDir ?? tmpdir(), passphrase || undefined),
    'backup.restore': async ({ source, passphrase }) => {
      const path = sourcePath(source);
      const safetyDir = host.backupDir ?? join(tmpdir(), 'sigap-cadangan');
      if (storeOf(ctx).engine === 'postgres') {
        // pg_restore in one transaction over the server's database (needs the owner's rights: a
        // connection as the application role is refused with a message for the IT office).
        const r = await restorePgBackup(ctx, path, { ...(passphrase ? { passphrase } : {}), backupDir: safetyDir });
        session.logout();
        return { check: r.check, safety: basename(r.safety) };
      }
      const dbPath = sqliteOf(ctx).name;
      // Never while a scheduled backup reads the connection this closes.
      const res = await exclusive(ctx, async () => {
        const old = sqliteOf(ctx);
        const r = await restoreBackup(old, dbPath, path, { passphrase: passphrase || undefined, backupDir: safetyDir, clock: ctx.clock, actor: ctx.actor, closeCurrent: () => old.close() });
        ctx.db = r.db;
        return r;
      });
      // The accounts are now those of the backup: everyone signs in again.
      session.logout();
      return { check: res.check, safety: basename(res.safety) };
    },
    'audit.list': (f) => listAudit(ctx, { ...f, limit: f.limit ?? 50 }),
    'audit.export': async (f) => {
      const path = await host.chooseSaveFile({ title: 'Simpan jejak audit', defaultName: `jejak-audit-${ctx.clock().toISOString().slice(0, 10)}.xlsx`, filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
      if (!path) return null;
      const { offset: _o, limit: _l, ...filter } = f;
      return { path, rows: await exportAudit(ctx, filter, path) };
    },
    'settings.lockMinutes': async () => ({ minutes: await lockMinutes(ctx) }),
    'settings.setLockMinutes': async ({ minutes }) => {
      await setLockMinutes(ctx, minutes);
      return null;
    },
  };
}
