/** The security calls' names (plain strings, for the preload). Keep in step with security-calls.ts. */
export const SECURITY_NAMES = [
  'auth.status', 'auth.setup', 'auth.login', 'auth.logout', 'auth.unlock', 'auth.changePassword', 'auth.touch',
  'users.list', 'users.create', 'users.update', 'users.resetPassword',
  'backup.list', 'backup.create', 'backup.chooseFolder', 'backup.createTo', 'backup.chooseFile', 'backup.inspect', 'backup.restore',
  'audit.list', 'audit.export', 'settings.lockMinutes', 'settings.setLockMinutes',
] as const;
