import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Sigap';
export const DB_ENV = 'SIGAP_DB';

/** The folder Electron's `app.getPath('userData')` gives for this app, computed without Electron. */
export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}

/** `--db` wins, then the SIGAP_DB environment variable, then the user-data folder. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, dataDir = userDataDir()): string {
  if (flag && flag.trim() !== '') return flag;
  if (env[DB_ENV] && env[DB_ENV]!.trim() !== '') return env[DB_ENV]!;
  return join(dataDir, 'sigap.db');
}
