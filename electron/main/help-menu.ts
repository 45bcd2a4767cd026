import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import { redactUrl } from '../core/store/db-target';

/** What "Tentang Sigap" shows. */
export interface AboutFacts {
  version: string;
  /** A file path or a PostgreSQL address (its password is never shown). */
  dbPath: string;
  /** The database's user_version and the newest this build knows; null if the core could not say. */
  schema: { version: number; latest: number } | null;
  logDir: string;
}

export function aboutMessage(f: AboutFacts): MessageBoxOptions {
  const schema = f.schema ? `${f.schema.version}${f.schema.version === f.schema.latest ? '' : ` (terbaru: ${f.schema.latest})`}` : 'tidak diketahui';
  return {
    type: 'info',
    title: 'Tentang Sigap',
    message: `Sigap versi ${f.version}`,
    detail: [`Basis data: ${redactUrl(f.dbPath)}`, `Versi skema basis data: ${schema}`, `Folder log: ${f.logDir}`].join('\n'),
    buttons: ['Tutup'],
    defaultId: 0,
    cancelId: 0,
  };
}

export interface HelpActions {
  openLogFolder(): void;
  openDataFolder(): void;
  showAbout(): void;
  /** "Ganti sambungan…": this computer or a Sigap server, asked again at the next start. */
  changeConnection?(): void;
}

/**
 * The Bantuan menu, the same on every platform. Its folders are fixed by main (the user-data and log
 * folders): nothing the renderer sends can choose what is opened.
 */
export function helpMenu(a: HelpActions): MenuItemConstructorOptions {
  return {
    label: 'Bantuan',
    role: 'help',
    submenu: [
      { label: 'Buka folder log', click: () => a.openLogFolder() },
      { label: 'Buka folder data', click: () => a.openDataFolder() },
      ...(a.changeConnection ? [{ type: 'separator' } as const, { label: 'Ganti sambungan…', click: () => a.changeConnection!() }] : []),
      { type: 'separator' },
      { label: 'Tentang Sigap', click: () => a.showAbout() },
    ],
  };
}

/** Opens one of main's own folders; shell.openPath answers an error text instead of throwing. */
export async function openFolder(shell: { openPath(p: string): Promise<string> }, dir: string, log: (m: string) => void): Promise<boolean> {
  const err = await shell.openPath(dir);
  if (err) log(`open folder ${dir}: ${err}`);
  return err === '';
}

/** The question before "Ganti sambungan…" forgets the choice and restarts Sigap. */
export function changeConnectionMessage(current: string): MessageBoxOptions {
  return {
    type: 'question',
    title: 'Ganti sambungan',
    message: 'Pilih lagi di mana Sigap menyimpan datanya?',
    detail:
      `Sekarang: ${current}.\n\nSigap akan ditutup dan dibuka lagi, lalu menanyakan: gunakan di komputer ini saja, atau sambungkan ke server Sigap kantor. ` +
      'Data di komputer ini tidak dihapus.',
    buttons: ['Ganti sambungan', 'Batal'],
    defaultId: 1,
    cancelId: 1,
  };
}
