import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HARDENED_WEB_PREFERENCES } from './window-options';

/**
 * The window a decree's scan (a PDF from the clerk's scanner, i.e. untrusted bytes) is shown in:
 * Chromium's own PDF viewer in a separate window with no preload, no Node, sandboxed and isolated, so
 * nothing in the file can reach the bridge. A unit test pins these values.
 */
export function pdfViewerOptions(title: string): BrowserWindowConstructorOptions {
  return {
    width: 900,
    height: 1100,
    title,
    autoHideMenuBar: true,
    backgroundColor: '#525659',
    webPreferences: {
      ...HARDENED_WEB_PREFERENCES, // and no preload: nothing in the file can reach the bridge
      // Chromium's built-in PDF viewer is the only plugin Electron has; it needs this switch on.
      plugins: true,
    },
  };
}

/**
 * Opens the PDF in a new viewer window. The bytes go through a temporary file readable by its owner
 * only, in a private folder removed when the window closes. The window may not navigate anywhere or
 * open others (links in the PDF included); the security module also guards every web contents.
 */
export async function showPdfWindow(BrowserWindow: typeof BrowserWindowType, bytes: Uint8Array, title: string): Promise<BrowserWindowType> {
  const dir = mkdtempSync(join(tmpdir(), 'sigap-pindaian-'));
  const file = join(dir, 'pindaian.pdf');
  writeFileSync(file, bytes, { mode: 0o600 });
  const win = new BrowserWindow(pdfViewerOptions(title));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  win.on('closed', cleanup);
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // Keep the title the clerk knows (the PDF's own title would replace it).
  win.on('page-title-updated', (e) => e.preventDefault());
  try {
    await win.loadFile(file);
  } catch (e) {
    win.destroy();
    cleanup();
    throw e;
  }
  return win;
}
