import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mainWindowOptions } from './window-options';
import { installSecurity } from './security';
import { resolveAppPath } from './app-protocol';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY } from './csp';
import { menuTemplate } from './menu';
import { registerBridge } from './bridge';
import { PROGRESS_CHANNEL } from '../../shared/contract/names';
import { resolveDbPath } from '../core/paths';
import { CoreWorkerClient } from '../core/api/worker-client';
import { defaultBackupDir } from '../core/backup/auto';
import { quitAfterCoreShutdown } from './backups';
import { printHtmlToPdf } from './print';
import type { PdfOptions } from '../../shared/paper';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const rendererRoot = join(__dirname, '../renderer');
const preloadPath = join(__dirname, '../preload/index.cjs');

function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rendererRoot, request.url);
    if (!file) return new Response('Tidak ditemukan', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/`);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let main: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (main) {
      if (main.isMinimized()) main.restore();
      main.focus();
    }
  });
  void app.whenReady().then(async () => {
    installSecurity({ app, session: session.defaultSession, shell, dialog, parentOf: (c) => BrowserWindow.fromWebContents(c) });
    serveApp();
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform === 'darwin')));
    const dbPath = resolveDbPath(undefined, process.env, app.getPath('userData'));
    const backupDir = defaultBackupDir(dbPath);
    const toWindow = (e: unknown) => main?.webContents.send(PROGRESS_CHANNEL, e);
    // The core (database, import, billing, export) runs in a worker thread; main stays responsive.
    const core = new CoreWorkerClient(join(__dirname, 'core-worker.js'), { dbPath, backupDir, appVersion: app.getVersion() }, {
      chooseOpenFile: async (args) => {
        const { title, filters } = args as { title: string; filters: Electron.FileFilter[] };
        const r = await dialog.showOpenDialog(main!, { title, filters, properties: ['openFile'] });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      chooseSaveFile: async (args) => {
        const { title, defaultName, filters } = args as { title: string; defaultName: string; filters: Electron.FileFilter[] };
        const r = await dialog.showSaveDialog(main!, { title, defaultPath: defaultName, filters });
        return r.canceled ? null : (r.filePath ?? null);
      },
      chooseFolder: async (args) => {
        const { title } = args as { title: string };
        const r = await dialog.showOpenDialog(main!, { title, properties: ['openDirectory', 'createDirectory'] });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      printToPdf: async (args) => {
        const { html, opts } = args as { html: string; opts: PdfOptions };
        return printHtmlToPdf(BrowserWindow, html, opts);
      },
      progress: toWindow,
    });
    await core.ready; // the worker has opened (and migrated) the database
    // The worker owns the only connection: it makes the daily backups and, on quit, the last one.
    quitAfterCoreShutdown(app, core, (m, e) => console.error(`[core] ${m}`, e ?? ''));
    registerBridge(ipcMain, (name, input) => core.call(name, input));
    main = createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) main = createMainWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
