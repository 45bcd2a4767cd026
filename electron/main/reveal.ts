import { isAbsolute, normalize } from 'node:path';
import { existsSync } from 'node:fs';

/** The one shell call "Buka folder" needs; a stand-in in tests. */
export interface RevealShell {
  showItemInFolder(fullPath: string): void;
}

/**
 * The core worker's "show this written file" request (HostServices.showInFolder): opens the file's folder
 * in Explorer with the file selected. The path comes from the core's own registry of written files
 * (core/files/saved-files.ts), never from the renderer; still, only an absolute path to something that
 * exists is passed on, and nothing is ever opened or run (showItemInFolder, not openPath).
 */
export function revealInFolder(shell: RevealShell, args: unknown, exists: (p: string) => boolean = existsSync): void {
  const path = typeof args === 'object' && args !== null ? (args as { path?: unknown }).path : undefined;
  if (typeof path !== 'string' || path === '' || !isAbsolute(path)) throw new Error('Lokasi berkas tidak sah.');
  const full = normalize(path);
  if (!exists(full)) throw new Error('Berkas sudah tidak ada di foldernya.');
  shell.showItemInFolder(full);
}
