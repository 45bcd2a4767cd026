import type { App, BaseWindow, Dialog, MessageBoxOptions, Session, Shell, WebContents } from 'electron';
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

/**
 * The question asked before a link leaves Sigap: the whole address is shown (a link's text can say
 * one site and point to another), and "Batal" is the default, so Enter or Escape opens nothing.
 */
export function externalLinkQuestion(u: URL): MessageBoxOptions {
  return {
    type: 'question',
    title: 'Buka tautan di peramban',
    message: 'Buka alamat berikut di peramban web?',
    detail: `${u.toString()}\n\nPeriksa alamatnya. Buka hanya bila Anda mengenal dan memercayai situs ini.`,
    buttons: ['Batal', 'Buka di peramban'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

export type ConfirmDialog = Pick<Dialog, 'showMessageBox'>;
/** Shows a message box and answers the index of the button chosen. */
export type Ask = (o: MessageBoxOptions) => Promise<{ response: number }>;

/**
 * The one way Sigap opens a link in the user's browser: http(s) only, and only after the clerk has
 * seen the full address in a native dialog and chosen to open it.
 */
export async function openExternalSafely(shell: Pick<Shell, 'openExternal'>, ask: Ask, raw: string): Promise<boolean> {
  const u = parseExternalUrl(raw);
  if (!u) return false;
  const { response } = await ask(externalLinkQuestion(u));
  if (response !== 1) return false;
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
  /** Asks the clerk before a link opens in the browser. */
  dialog: ConfirmDialog;
  /** The window the question belongs to (so it is modal to it and never opens behind it). */
  parentOf?: (contents: WebContents) => BaseWindow | null;
  devServer?: string;
}

/** Denies navigation, new windows, webviews and every permission request, for every web contents. */
export function installSecurity(deps: SecurityDeps): void {
  deps.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  deps.session.setPermissionCheckHandler(() => false);
  deps.app.on('web-contents-created', (_e, contents: WebContents) => hardenContents(contents, deps));
}

export function hardenContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, deps: Pick<SecurityDeps, 'shell' | 'dialog' | 'parentOf' | 'devServer'>): void {
  contents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url, deps.devServer)) e.preventDefault();
  });
  // will-navigate covers the main frame only; a subframe (an injected iframe, a frame a page opened
  // by name) navigates unseen by it. Sigap has no frames, so any frame may only go where the main one may.
  contents.on('will-frame-navigate', (e) => {
    if (!isAllowedNavigation(e.url, deps.devServer)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url, deps.devServer)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const parent = deps.parentOf?.(contents as WebContents) ?? null;
    const ask: Ask = (o) => (parent ? deps.dialog.showMessageBox(parent, o) : deps.dialog.showMessageBox(o));
    void openExternalSafely(deps.shell, ask, url).catch(() => false);
    return { action: 'deny' };
  });
}
