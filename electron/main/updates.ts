import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from './crash-log';

/** The setting the IT office writes: `{ "update-url": "http://intranet.pemda/sigap/" }`. */
export const UPDATE_CONFIG_FILE = 'sigap-update.json';
export const UPDATE_URL_ENV = 'SIGAP_UPDATE_URL';

export interface UpdateUrlSource {
  env: NodeJS.ProcessEnv;
  /** The folder of Sigap.exe: the IT office's copy for every user of the PC. */
  exeDir: string;
  userData: string;
  read?: (file: string) => string;
}

function urlFrom(text: string | undefined): string | null {
  if (!text) return null;
  try {
    const u = new URL(text.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Where updates come from: the SIGAP_UPDATE_URL variable, else `update-url` in sigap-update.json beside
 * the executable, else the same file in the user-data folder; null when none is set (no check at all).
 */
export function resolveUpdateUrl(src: UpdateUrlSource): { url: string; from: string } | null {
  const env = urlFrom(src.env[UPDATE_URL_ENV]);
  if (env) return { url: env, from: UPDATE_URL_ENV };
  const read = src.read ?? ((f: string) => readFileSync(f, 'utf8'));
  for (const dir of [src.exeDir, src.userData]) {
    const file = join(dir, UPDATE_CONFIG_FILE);
    let text: string;
    try {
      text = read(file);
    } catch {
      continue; // no file here
    }
    try {
      const url = urlFrom((JSON.parse(text) as Record<string, unknown>)['update-url'] as string | undefined);
      if (url) return { url, from: file };
    } catch {
      // a broken file is skipped like a missing one; the next place may still say
    }
  }
  return null;
}

export const exeDirOf = (exePath: string): string => dirname(exePath);

/** The part of electron-updater's autoUpdater used here. */
export interface Updater {
  logger: unknown;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  /** electron-updater emits 'error' (a failed check or download); an emitter with no listener would throw. */
  on(event: 'error', listener: (e: Error) => void): unknown;
}

/**
 * One check at start, never awaited by the start-up and never shown to the clerk when it fails: a PC
 * without the intranet or an office without an update server gets a log line only. A found update is
 * downloaded and installed when the app quits next.
 */
export async function checkForUpdatesQuietly(updater: Updater, src: UpdateUrlSource, log: Logger): Promise<'no-url' | 'checked' | 'failed'> {
  const where = resolveUpdateUrl(src);
  if (!where) {
    log.info('updates: no update address set (SIGAP_UPDATE_URL or sigap-update.json); not checking');
    return 'no-url';
  }
  try {
    updater.logger = log;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.on('error', (e) => log.warn(`updates: ${e.message}`));
    updater.setFeedURL({ provider: 'generic', url: where.url });
    log.info(`updates: checking ${where.url} (from ${where.from})`);
    const found = await updater.checkForUpdates();
    // The download runs on; its failure is logged like the check's, never thrown at start-up.
    found?.downloadPromise?.catch((e: unknown) => log.warn(`updates: download failed: ${e instanceof Error ? e.message : String(e)}`));
    return 'checked';
  } catch (e) {
    log.warn(`updates: check at ${where.url} failed: ${e instanceof Error ? e.message : String(e)}`);
    return 'failed';
  }
}
