/**
 * The desktop's choice of database, kept in the user-data folder as a small JSON file written
 * atomically (a crash mid-write leaves the old file, never half a one). Electron-free.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DesktopConnection } from '../../shared/desktop-connection';
import { normalizeFingerprint, parseServerAddress } from '../remote/pinned-agent';

export const CONNECTION_FILE = 'sambungan.json';
export const connectionPath = (userData: string): string => join(userData, CONNECTION_FILE);

interface ConnectionFile {
  version: 1;
  /** null: ask at the next start (the clerk chose "Ganti sambungan"). */
  connection: Exclude<DesktopConnection, { mode: 'ask' }> | null;
}

/** The file's choice; undefined when there is no file or it cannot be read (then the app decides). */
export function readConnectionFile(file: string): ConnectionFile['connection'] | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const c = (raw as Partial<ConnectionFile> | null)?.connection;
  if ((raw as Partial<ConnectionFile>)?.version !== 1 || c === undefined) return undefined;
  if (c === null) return null;
  if (c.mode === 'local') return { mode: 'local' };
  if (c.mode === 'server') {
    const address = typeof c.address === 'string' ? parseServerAddress(c.address) : null;
    const fingerprint = typeof c.fingerprint === 'string' ? normalizeFingerprint(c.fingerprint) : null;
    if (address && fingerprint) return { mode: 'server', address: address.origin, fingerprint };
  }
  return undefined;
}

export function writeConnectionFile(file: string, connection: ConnectionFile['connection']): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ version: 1, connection } satisfies ConnectionFile, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/**
 * What the app starts with. No file: a PC that already has its database (installed before servers
 * existed) keeps it without being asked; a fresh install asks. A file that says "ask" or that cannot
 * be read asks (never guesses a server).
 */
export function startingConnection(file: string, dbPath: string): DesktopConnection {
  if (!existsSync(file)) return existsSync(dbPath) ? { mode: 'local' } : { mode: 'ask' };
  return readConnectionFile(file) ?? { mode: 'ask' };
}
