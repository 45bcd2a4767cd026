import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, screen, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import log from 'electron-log/node';
import { pathToFileURL } from 'node:url';
import { mainWindowOptions } from './window-options';
import { installSecurity } from './security';
import { resolveAppPath } from './app-protocol';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY } from './csp';
import { menuTemplate } from './menu';
import { isTrustedSender, registerBridge } from './bridge';
import { BackendRouter, registerConnectionIpc } from './backend';
import { connectionPath, startingConnection, writeConnectionFile } from './connection-config';
import { desktopRemoteHost } from './remote-host';
import { RemoteClient } from '../remote/remote-client';
import { DESKTOP_CHANNELS } from '../../shared/desktop-connection';
import { PROGRESS_CHANNEL } from '../../shared/contract/names';
import { resolveDbPath } from '../core/paths';
import { CoreWorkerClient } from '../core/worker/worker-client';
import { defaultBackupDir } from '../core/backup/auto';
import { quitAfterCoreShutdown } from './backups';
import { printHtmlToPdf } from './print';
import { showPdfWindow } from './pdf-viewer';
import type { PdfOptions } from '../../shared/paper';
import { cliArgv, runCliMode } from './cli-mode';
import { configureFileLog, logDir } from './logging';
import { Activity } from './activity';
import { installCrashLogging } from './crash-log';
import { aboutMessage, changeConnectionMessage, helpMenu, openFolder } from './help-menu';
import { readWindowState, restoredBounds, trackWindowState, windowStatePath } from './window-state';
import { checkForUpdatesQuietly, type Updater } from './updates';
import { appIconPath } from './icon';
import { revealInFolder } from './reveal';

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
  const userData = app.getPath('userData');
  const stateFile = windowStatePath(userData);
  const saved = readWindowState(stateFile);
  const bounds = restoredBounds(saved, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({ ...mainWindowOptions(preloadPath, appIconPath(app.isPackaged, process.resourcesPath, app.getAppPath())), ...(bounds ?? {}) });
  if (bounds && saved?.maximized) win.maximize();
  trackWindowState(win, stateFile, (e) => log.warn('window state not saved', e));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/`);
  return win;
}

const cliArgs = cliArgv(process.argv);
if (cliArgs) {
  // `Sigap.exe --cli ...`: the `sigap` command, no window, no single-instance lock (see cli-mode.ts).
  void runCliMode(cliArgs, { load: () => import('../cli/main'), exit: (code) => app.exit(code), stdout: process.stdout, stderr: process.stderr });
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let main: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (main) {
      if (main.isMinimized()) main.restore();
      main.focus();
    }
  });
  const activity = new Activity();
  const logFile = configureFileLog(log.transports.file as never, app.getPath('userData'));
  installCrashLogging(process, app, log, activity);
  log.info(`Sigap ${app.getVersion()} starting; log file ${logFile}`);
  void app.whenReady().then(async () => {
    installSecurity({ app, session: session.defaultSession, shell, dialog, parentOf: (c) => BrowserWindow.fromWebContents(c) });
    serveApp();
    const userData = app.getPath('userData');
    const dbPath = resolveDbPath(undefined, process.env, userData);
    const backupDir = defaultBackupDir(dbPath);
    const toWindow = (e: unknown) => main?.webContents.send(PROGRESS_CHANNEL, e);
    // Where calls go: this computer's database (the core worker) or a Sigap server (backend.ts).
    const configFile = connectionPath(userData);
    let connection = startingConnection(configFile, dbPath);
    const router = new BackendRouter((s) => main?.webContents.send(DESKTOP_CHANNELS.state, s));
    let core: CoreWorkerClient | null = null;
    let remote: RemoteClient | null = null;
    const startLocal = async (): Promise<void> => {
      // The core (database, import, billing, export) runs in a worker thread; main stays responsive.
      core = new CoreWorkerClient(join(__dirname, 'core-worker.js'), { dbPath, backupDir, appVersion: app.getVersion() }, {
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
        showPdf: async (args) => {
          const { bytes, title } = args as { bytes: Uint8Array; title: string };
          await showPdfWindow(BrowserWindow, bytes, title);
        },
        showInFolder: async (args) => revealInFolder(shell, args),
        progress: toWindow,
        // The worker's own lines; its crash with what the clerk was doing.
        log: (level, m) => (level === 'error' ? log.error(`[core] ${m} (${activity.describe()})`) : log[level](`[core] ${m}`)),
      });
      try {
        await core.ready; // the worker has opened (and migrated) the database
      } catch (e) {
        log.error('core worker did not start', e);
        dialog.showErrorBox('Sigap tidak dapat dimulai', `${e instanceof Error ? e.message : String(e)}\n\nRincian dicatat di folder log: ${logDir(userData)}`);
        app.exit(1);
        return;
      }
      // The worker owns the only connection: it makes the daily backups and, on quit, the last one.
      quitAfterCoreShutdown(app, core, (m, e) => log.error(`[core] ${m}`, e ?? ''));
      router.use(core);
    };
    const startRemote = (address: string, fingerprint: string): void => {
      remote = new RemoteClient({
        address: new URL(address),
        fingerprint,
        host: desktopRemoteHost({
          dialog,
          showPdf: async (bytes, title) => {
            await showPdfWindow(BrowserWindow, bytes, title);
          },
        }),
      });
      remote.onState((s) => log.info(`server ${address}: ${s.state}`));
      remote.onProgress(toWindow);
      router.use(remote);
      app.on('will-quit', () => remote?.close());
    };
    // The help menu's folders are main's own, never a path the renderer sent.
    const help = helpMenu({
      openLogFolder: () => void openFolder(shell, logDir(userData), (m) => log.warn(m)),
      openDataFolder: () => void openFolder(shell, dirname(dbPath), (m) => log.warn(m)),
      showAbout: () =>
        void (core ? core.schemaVersion() : Promise.resolve({ version: -1, latest: -1 })).then((schema) => {
          const where = connection.mode === 'server' ? connection.address : dbPath;
          const facts = { version: app.getVersion(), dbPath: where, schema: schema.version >= 0 ? schema : null, logDir: logDir(userData) };
          return main ? dialog.showMessageBox(main, aboutMessage(facts)) : dialog.showMessageBox(aboutMessage(facts));
        }),
      // Asked again at the next start: a restart leaves no call half-way between two databases.
      changeConnection: () =>
        void dialog.showMessageBox(main!, changeConnectionMessage(connection.mode === 'server' ? `server ${connection.address}` : 'komputer ini')).then((r) => {
          if (r.response !== 0) return;
          writeConnectionFile(configFile, null);
          app.relaunch();
          app.quit();
        }),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform === 'darwin', help)));
    if (connection.mode === 'local') await startLocal();
    else if (connection.mode === 'server') startRemote(connection.address, connection.fingerprint);
    registerBridge(ipcMain, (name, input) => activity.track(name, () => router.call(name, input)));
    // The first-run screen: until the clerk chooses, every contract call answers "choose first".
    registerConnectionIpc(
      ipcMain,
      {
        current: () => connection,
        linkState: () => router.linkState,
        useLocal: async () => {
          writeConnectionFile(configFile, { mode: 'local' });
          connection = { mode: 'local' };
          await startLocal();
        },
        useServer: async (address, fingerprint) => {
          writeConnectionFile(configFile, { mode: 'server', address, fingerprint });
          connection = { mode: 'server', address, fingerprint };
          startRemote(address, fingerprint);
        },
      },
      (e) => isTrustedSender(e),
    );
    main = createMainWindow();
    // Once, in the background: a PC without the intranet or an office without an update address only logs.
    void import('electron-updater')
      .then((m) => {
        const updater = ((m as { autoUpdater?: Updater }).autoUpdater ?? (m as unknown as { default: { autoUpdater: Updater } }).default.autoUpdater);
        return checkForUpdatesQuietly(updater, { env: process.env, exeDir: dirname(app.getPath('exe')), userData }, log);
      })
      .catch((e: unknown) => log.warn('updates: updater not loaded', e));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) main = createMainWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
