import { app, BrowserWindow, Menu, net, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mainWindowOptions } from './window-options';
import { installSecurity } from './security';
import { resolveAppPath } from './app-protocol';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY } from './csp';
import { menuTemplate } from './menu';

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
  void app.whenReady().then(() => {
    installSecurity({ app, session: session.defaultSession, shell });
    serveApp();
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform === 'darwin')));
    main = createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) main = createMainWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
