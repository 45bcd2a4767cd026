/** The security calls of the bridge contract: sessions, user accounts, backups and the audit trail. */
import { z } from 'zod';
import { empty, id, isoDate, nothing, text } from './common';
import { ROLES } from '../roles';

const role = z.enum(ROLES);
const username = z.string().min(1).max(40);
const password = z.string().min(1).max(200);

export const sessionUser = z.object({ id: z.number(), username: z.string(), displayName: z.string(), role, mustChangePassword: z.boolean() });
export const sessionStatus = z.object({
  needsSetup: z.boolean(),
  user: sessionUser.nullable(),
  locked: z.boolean(),
  lockMinutes: z.number(),
  seesIdentity: z.boolean(),
});
export type SessionStatusDto = z.infer<typeof sessionStatus>;

export const userDto = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), role, active: z.boolean(), mustChangePassword: z.boolean(), lastLoginAt: z.string().nullable(),
});
export type UserDto = z.infer<typeof userDto>;

export const backupEntry = z.object({ name: z.string(), at: z.string(), reason: z.string(), bytes: z.number(), encrypted: z.boolean() });
export type BackupEntryDto = z.infer<typeof backupEntry>;

export const backupCheck = z.object({
  file: z.string(), encrypted: z.boolean(), integrity: z.string(), schemaVersion: z.number(), pemda: z.string().nullable(),
  counts: z.object({ persons: z.number(), engagements: z.number(), decrees: z.number(), opds: z.number(), auditRows: z.number() }),
});
export type BackupCheckDto = z.infer<typeof backupCheck>;

/** Which backup to inspect or restore: one in the automatic folder by name, or a file the clerk chose. */
const backupSource = z.union([
  z.object({ kind: z.literal('auto'), name: text(200) }).strict(),
  z.object({ kind: z.literal('file'), token: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
]);
const passphrase = z.string().max(200).optional();

export const auditFilter = z.object({
  entity: text(60).optional(),
  actor: text(60).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  search: text(200).optional(),
  offset: z.number().int().min(0).max(100_000_000).optional(),
  limit: z.number().int().min(1).max(500).optional(),
}).strict();
export type AuditFilterDto = z.infer<typeof auditFilter>;

export const auditRow = z.object({
  id: z.number(), at: z.string(), actor: z.string(), action: z.string(), entity: z.string(), entityId: z.number().nullable(),
  summary: z.string().nullable(), before: z.unknown(), after: z.unknown(),
});
export type AuditRowDto = z.infer<typeof auditRow>;

/** The restore confirmation the clerk types, so a restore is never one click. */
export const RESTORE_WORD = 'PULIHKAN';

export const securityCalls = {
  'auth.status': { input: empty, output: sessionStatus },
  'auth.setup': { input: z.object({ username, displayName: text(100), password }).strict(), output: sessionStatus },
  'auth.login': { input: z.object({ username, password }).strict(), output: sessionStatus },
  'auth.logout': { input: empty, output: sessionStatus },
  'auth.unlock': { input: z.object({ password }).strict(), output: sessionStatus },
  'auth.changePassword': { input: z.object({ oldPassword: password, newPassword: password }).strict(), output: sessionStatus },
  /** Counts as activity (typing in a long form) without doing anything; answers the session status. */
  'auth.touch': { input: empty, output: sessionStatus },
  'users.list': { input: empty, output: z.array(userDto) },
  'users.create': { input: z.object({ username, displayName: text(100), role }).strict(), output: z.object({ user: userDto, temporaryPassword: z.string() }) },
  'users.update': { input: z.object({ id, displayName: text(100), role, active: z.boolean() }).strict(), output: nothing },
  'users.resetPassword': { input: z.object({ id }).strict(), output: z.object({ temporaryPassword: z.string() }) },
  'backup.list': { input: empty, output: z.object({ folder: z.string().nullable(), backups: z.array(backupEntry) }) },
  'backup.create': { input: empty, output: backupEntry },
  'backup.chooseFolder': { input: empty, output: z.object({ token: z.string(), folder: z.string() }).nullable() },
  'backup.createTo': { input: z.object({ token: z.string().regex(/^[0-9a-f]{32}$/), passphrase }).strict(), output: z.object({ path: z.string(), bytes: z.number(), encrypted: z.boolean() }) },
  'backup.chooseFile': { input: empty, output: z.object({ token: z.string(), name: z.string(), encrypted: z.boolean() }).nullable() },
  'backup.inspect': { input: z.object({ source: backupSource, passphrase }).strict(), output: backupCheck },
  'backup.restore': { input: z.object({ source: backupSource, passphrase, confirm: z.literal(RESTORE_WORD) }).strict(), output: z.object({ check: backupCheck, safety: z.string() }) },
  'audit.list': { input: auditFilter, output: z.object({ total: z.number(), rows: z.array(auditRow), entities: z.array(z.string()), actors: z.array(z.string()) }) },
  'audit.export': { input: auditFilter, output: z.object({ path: z.string(), rows: z.number() }).nullable() },
  'settings.lockMinutes': { input: empty, output: z.object({ minutes: z.number() }) },
  'settings.setLockMinutes': { input: z.object({ minutes: z.number().int().min(0).max(480) }).strict(), output: nothing },
} as const;
