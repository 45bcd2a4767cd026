import type { App, Session, Shell, WebContents } from 'electron';
import { APP_ORIGIN } from './csp';

/** http(s) URLs only, after parsing; everything else (file:, javascript:, custom schemes) is refused. */
export function parseExternalUrl(raw: string): URL | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username || u.password) return null;
  return u;
}

/** The one way Sigap opens a link in the user's browser. */
export async function openExternalSafely(shell: Pick<Shell, 'openExternal'>, raw: string): Promise<boolean> {
  const u = parseExternalUrl(raw);
  if (!u) return false;
  // eslint-disable-next-line no-restricted-properties -- this is the helper the rule points to
  await shell.openExternal(u.toString());
  return true;
}

/** Only Sigap's own pages may load in a window; a dev server is allowed when one was given. */
export function isAllowedNavigation(url: string, devServer?: string): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`) || url === APP_ORIGIN) return true;
  return Boolean(devServer && url.startsWith(devServer));
}

export interface SecurityDeps {
  app: Pick<App, 'on'>;
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
  shell: Pick<Shell, 'openExternal'>;
  devServer?: string;
}

/** Denies navigation, new windows, webviews and every permission request, for every web contents. */
export function installSecurity(deps: SecurityDeps): void {
  deps.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  deps.session.setPermissionCheckHandler(() => false);
  deps.app.on('web-contents-created', (_e, contents: WebContents) => hardenContents(contents, deps));
}

export function hardenContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, deps: Pick<SecurityDeps, 'shell' | 'devServer'>): void {
  contents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url, deps.devServer)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url, deps.devServer)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(deps.shell, url);
    return { action: 'deny' };
  });
}
